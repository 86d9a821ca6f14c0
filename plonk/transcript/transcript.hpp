// Fiat–Shamir transcript over SHA-256 (OpenSSL), chosen so that an EVM
// verifier can recompute it with the SHA-256 precompile.
//
// State: a 32-byte chaining value. Each operation hashes the previous state
// with a one-byte operation tag, the label and the data, all length-prefixed
// so that no two different sequences of operations hash the same input:
//   absorb:    s ← SHA-256(s ‖ 0x01 ‖ u32(|label|) ‖ label ‖ u64(|data|) ‖ data)
//   challenge: s ← SHA-256(s ‖ 0x02 ‖ u32(|label|) ‖ label)
//              c = (SHA-256(s ‖ 0x00) ‖ SHA-256(s ‖ 0x01)) as a 512-bit integer mod r
// (lengths big-endian). The 512-bit reduction makes c statistically uniform.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

class Transcript {
 public:
  // A transcript bound to `domain` (e.g. "zkfl-plonk-v1"); different domains never collide.
  explicit Transcript(std::string_view domain);

  // Absorbs labelled bytes / a scalar (32-byte canonical big-endian) / an integer.
  void absorb_bytes(std::string_view label, std::span<const uint8_t> data);
  void absorb_scalar(std::string_view label, const Fr& value);
  void absorb_u64(std::string_view label, uint64_t value);
  // Absorbs a G1 point in its 64-byte uncompressed encoding (x ‖ y, EIP-196 order).
  void absorb_point(std::string_view label, const G1Affine& point);
  // Squeezes a challenge in Fr that depends on everything absorbed so far.
  Fr challenge_scalar(std::string_view label);

  // The sequence of operations so far, as "absorb:<label>" / "challenge:<label>",
  // so tests can check that prover and verifier follow the same manifest.
  const std::vector<std::string>& manifest() const { return manifest_; }

 private:
  std::array<uint8_t, 32> state_{};
  std::vector<std::string> manifest_;
};

}  // namespace zkfl::plonk
