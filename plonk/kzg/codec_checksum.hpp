// The SHA-256 trailer of SRS and ceremony files: the last 32 bytes are the
// digest of everything before them, so a file damaged in storage or transit
// is reported as such before any parsing. It is an integrity check only:
// anyone can recompute it, and the pairing checks (Srs::verify,
// verify_ceremony) are what stop a deliberately wrong file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "plonk/base/sha256.hpp"
#include "plonk/base/status.hpp"

namespace zkfl::plonk {

inline constexpr size_t kChecksumBytes = 32;

// Appends SHA-256(out) to out.
inline void append_checksum(std::vector<uint8_t>& out) {
  const Sha256::Digest digest = Sha256::hash(out);
  out.insert(out.end(), digest.begin(), digest.end());
}

// The bytes before the trailer, when the trailer matches; `what` names the file kind.
inline Result<std::span<const uint8_t>> strip_checksum(std::span<const uint8_t> bytes, const std::string& what) {
  if (bytes.size() < kChecksumBytes) return Status::error(what + ": truncated (shorter than its checksum)");
  const auto body = bytes.first(bytes.size() - kChecksumBytes);
  const Sha256::Digest digest = Sha256::hash(body);
  if (!std::equal(digest.begin(), digest.end(), bytes.end() - kChecksumBytes)) {
    return Status::error(what + ": checksum mismatch: the file is truncated or corrupted");
  }
  return body;
}

}  // namespace zkfl::plonk
