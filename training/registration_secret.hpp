// The participant's half of a dataset registration: a 32-byte seed from which
// the registered polynomials' random rows are regenerated (dataset_registration.hpp).
// Whoever holds it and the data can open the registration; it never leaves the
// participant and lives in a file only its owner can read.
//
// File format, version 1:
//   "ZKFLSEC"   7 bytes magic
//   u8          version (1)
//   32          digest of the registration record the seed belongs to
//   32          the seed
//   32          SHA-256 of everything before it (plonk/kzg/codec_checksum.hpp)
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "training/registration_record.hpp"

namespace zkfl::training {

struct RegistrationSecret {
  static constexpr std::string_view kMagic = "ZKFLSEC";
  static constexpr uint8_t kFormatVersion = 1;
  std::array<uint8_t, 32> seed{};
};

// Creates `path` with mode 0600 (whatever the umask) and writes the secret,
// bound to `record`'s digest. Refuses to overwrite an existing file; an error
// names the path and the reason. A failed write removes the partial file.
Status write_registration_secret(const std::filesystem::path& path, const RegistrationSecret& secret,
                                 const RegistrationRecord& record);

// Reads a secret written for `record`. Errors: a path that is not a regular
// file (symbolic links are refused), a file owned by another user or with any
// group/other permission bit set (the message says how to fix it), a corrupted
// or truncated file, or a secret that belongs to another registration.
Result<RegistrationSecret> read_registration_secret(const std::filesystem::path& path,
                                                    const RegistrationRecord& record);

}  // namespace zkfl::training
