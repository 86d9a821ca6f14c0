#include "plonk/base/random.hpp"

#include <openssl/rand.h>
#include "plonk/base/sha256.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace zkfl::plonk {

uint64_t Rng::next_u64() {
  std::array<uint8_t, 8> bytes{};
  fill(bytes);
  uint64_t v = 0;
  for (uint8_t b : bytes) v = v << 8 | b;
  return v;
}

void SecureRng::fill(std::span<uint8_t> out) {
  while (!out.empty()) {
    size_t chunk = std::min<size_t>(out.size(), std::numeric_limits<int>::max());
    if (RAND_bytes(out.data(), static_cast<int>(chunk)) != 1) {
      std::fputs("zkfl: OpenSSL RAND_bytes failed; refusing to continue without randomness\n", stderr);
      std::abort();
    }
    out = out.subspan(chunk);
  }
}

DeterministicRng::DeterministicRng(uint64_t seed) {
  for (int i = 0; i < 8; ++i) seed_[i] = static_cast<uint8_t>(seed >> (8 * i));
}

DeterministicRng::DeterministicRng(std::span<const uint8_t, 32> seed) {
  std::memcpy(seed_.data(), seed.data(), 32);
}

void DeterministicRng::refill() {
  std::array<uint8_t, 40> input{};
  std::memcpy(input.data(), seed_.data(), 32);
  for (int i = 0; i < 8; ++i) input[32 + i] = static_cast<uint8_t>(counter_ >> (8 * i));
  ++counter_;
  block_ = Sha256::hash(input);
  used_ = 0;
}

void DeterministicRng::fill(std::span<uint8_t> out) {
  for (uint8_t& b : out) {
    if (used_ == block_.size()) refill();
    b = block_[used_++];
  }
}

}  // namespace zkfl::plonk
