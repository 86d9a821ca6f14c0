// Incremental SHA-256 (FIPS 180-4) through OpenSSL's EVP interface.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace zkfl::plonk {

class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(std::span<const uint8_t> data);
  Sha256& update(std::string_view text);
  // Appends `value` as `bytes` big-endian bytes (bytes <= 8).
  Sha256& update_be(uint64_t value, int bytes);
  // The digest of everything updated; the object is reset for reuse.
  Digest finish();

  // One-shot digest.
  static Digest hash(std::span<const uint8_t> data);

 private:
  void* ctx_;  // EVP_MD_CTX*
};

}  // namespace zkfl::plonk
