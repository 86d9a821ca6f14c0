// Whole-file reads and crash-safe writes for the setup artefacts (SRS files,
// ceremony states): a write goes to a temporary file beside the target that is
// renamed over it only once complete, so an error or a crash never leaves a
// truncated file under the target's name and never destroys the old one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::plonk {

// The file's bytes; an error names the path and why it could not be read.
Result<std::vector<uint8_t>> read_file_bytes(const std::filesystem::path& path);

// Writes `bytes` to `path` through a temporary file in the same directory,
// flushed to disk and renamed over `path`; on failure the temporary file is
// removed and `path` is left as it was.
Status write_file_atomically(const std::filesystem::path& path, std::span<const uint8_t> bytes);

// Creates `path`, which must not exist (O_EXCL, no symbolic link followed),
// with permission bits `mode` — exactly, when `exact_mode`, else less the
// umask — writes `bytes` and flushes them to disk. Never replaces a file: an
// existing one is an error saying it "already exists"; on any failure the new
// file is removed. For secrets (mode 0600) and the files that go with them.
Status write_new_file(const std::filesystem::path& path, std::span<const uint8_t> bytes, unsigned mode,
                      bool exact_mode);

}  // namespace zkfl::plonk
