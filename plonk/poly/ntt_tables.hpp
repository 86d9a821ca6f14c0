// NttTables: the field constants one domain's NTTs reuse, computed once.
//
// - roots: ω^j for 0 <= j < n/2. A radix-2 butterfly layer whose blocks have
//   length 2h multiplies by ω_(2h)^j = ω^(j·n/(2h)), a strided read of this one
//   table, so every layer (and the inverse transform, see ntt.hpp) shares it.
// - Powers of the coset shift, g^i and n^-1·g^-i for 0 <= i < n, stored split
//   as hi[i >> s]·lo[i mod 2^s] with s = ceil(k/2): O(√n) memory for one extra
//   product per element, instead of n stored elements per domain.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// The powers base^i·scale for 0 <= i < 2^log_count, as two tables of about
// 2^(log_count/2) elements each.
class SplitPowers {
 public:
  SplitPowers() = default;
  // Tabulates scale·base^i for i < 2^log_count.
  SplitPowers(const Fr& base, const Fr& scale, unsigned log_count);

  // scale·base^i for i < 2^log_count (unchecked beyond an assert).
  Fr operator()(size_t i) const { return high_[i >> low_bits_] * low_[i & low_mask_]; }
  // The high-part factor scale·base^(j·2^low_bits) and the low-part factor base^j;
  // value(i) = high(i >> low_bits())·low(i & (2^low_bits() - 1)).
  const Fr& high(size_t j) const { return high_[j]; }
  const Fr& low(size_t j) const { return low_[j]; }
  unsigned low_bits() const { return low_bits_; }

 private:
  unsigned low_bits_ = 0;
  size_t low_mask_ = 0;
  std::vector<Fr> low_;
  std::vector<Fr> high_;
};

class NttTables {
 public:
  // Tables for the domain of size 2^log_size with generator `omega`, coset
  // shift `shift` and n^-1 = `size_inverse`; the root table is filled on `pool`.
  NttTables(unsigned log_size, const Fr& omega, const Fr& shift, const Fr& size_inverse,
            ThreadPool& pool);

  // ω^j for j < n/2 (empty when n = 1).
  std::span<const Fr> roots() const { return roots_; }
  // g^i, the scaling of a forward coset NTT.
  const SplitPowers& shift_powers() const { return shift_powers_; }
  // n^-1·g^-i, the scaling that ends an inverse coset NTT.
  const SplitPowers& scaled_inverse_shift_powers() const { return scaled_inverse_shift_powers_; }

 private:
  std::vector<Fr> roots_;
  SplitPowers shift_powers_;
  SplitPowers scaled_inverse_shift_powers_;
};

// out[j] = base^(begin + j) for every j < out.size(): one exponentiation, then
// repeated multiplication.
void fill_powers(std::span<Fr> out, const Fr& base, size_t begin);

// base^0 .. base^(count-1), computed on `pool` in contiguous chunks.
std::vector<Fr> parallel_powers(const Fr& base, size_t count, ThreadPool& pool);

}  // namespace zkfl::plonk
