// Sources of random bytes. Secrets (blinding, toxic waste) come from
// SecureRng; DeterministicRng exists so tests and benchmarks can reproduce
// their inputs. There is no process-wide RNG: callers pass one in.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace zkfl::plonk {

// Fills buffers with random bytes.
class Rng {
 public:
  virtual ~Rng() = default;
  // Fills `out` entirely; never fails (a CSPRNG failure aborts, see SecureRng).
  virtual void fill(std::span<uint8_t> out) = 0;
  uint64_t next_u64();
};

// OpenSSL's CSPRNG (RAND_bytes, a DRBG seeded from the operating system).
// Aborts the process if OpenSSL cannot produce randomness: continuing with
// weak randomness would silently break zero knowledge and key secrecy.
class SecureRng final : public Rng {
 public:
  void fill(std::span<uint8_t> out) override;
};

// SHA-256 in counter mode over a 32-byte seed: reproducible, NOT for secrets.
class DeterministicRng final : public Rng {
 public:
  explicit DeterministicRng(uint64_t seed);
  explicit DeterministicRng(std::span<const uint8_t, 32> seed);
  void fill(std::span<uint8_t> out) override;

 private:
  void refill();
  std::array<uint8_t, 32> seed_{};
  uint64_t counter_ = 0;
  std::array<uint8_t, 32> block_{};
  size_t used_ = 32;
};

}  // namespace zkfl::plonk
