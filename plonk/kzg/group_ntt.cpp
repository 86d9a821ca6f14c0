#include "plonk/kzg/group_ntt.hpp"

#include <bit>
#include <cassert>
#include <utility>
#include <vector>

#include "plonk/curve/scalar_mul.hpp"

namespace zkfl::plonk {

namespace {
size_t reverse_bits(size_t i, uint32_t bits) {
  size_t r = 0;
  for (uint32_t b = 0; b < bits; ++b, i >>= 1) r = r << 1 | (i & 1);
  return r;
}
}  // namespace

Fr domain_generator(uint32_t log_size) {
  assert(log_size <= FrConfig::kTwoAdicity);
  Fr omega = Fr::two_adic_root_of_unity();
  for (uint32_t i = log_size; i < FrConfig::kTwoAdicity; ++i) omega = omega.squared();
  return omega;
}

void g1_inverse_ntt(std::span<G1> points, ThreadPool& pool) {
  const size_t n = points.size();
  assert(std::has_single_bit(n) && n <= (size_t{1} << FrConfig::kTwoAdicity));
  const uint32_t log_n = static_cast<uint32_t>(std::countr_zero(n));
  if (n == 1) return;

  // Bit-reversal permutation, so the butterflies below leave the output in natural order.
  for (size_t i = 0; i < n; ++i) {
    const size_t j = reverse_bits(i, log_n);
    if (i < j) std::swap(points[i], points[j]);
  }

  // twiddles[j] = ω^{−j} for j < n/2.
  const Fr omega_inv = domain_generator(log_n).inverse();
  std::vector<Fr> twiddles(n / 2);
  Fr t = Fr::one();
  for (Fr& w : twiddles) {
    w = t;
    t *= omega_inv;
  }

  // Stage with half-size m: blocks of 2m, butterfly (a, b) → (a + w·b, a − w·b)
  // with w = ω^{−j·n/(2m)} for position j in the block.
  for (size_t m = 1; m < n; m <<= 1) {
    const size_t stride = n / (2 * m);
    pool.parallel_for(
        n / 2,
        [&](size_t begin, size_t end) {
          for (size_t b = begin; b < end; ++b) {
            const size_t j = b % m;
            const size_t lo = (b / m) * 2 * m + j;
            const size_t hi = lo + m;
            const G1 product = j == 0 ? points[hi] : points[hi] * twiddles[j * stride];
            const G1 a = points[lo];
            points[lo] = a + product;
            points[hi] = a - product;
          }
        },
        16);
  }

  const Fr n_inv = Fr::from_u64(n).inverse();
  pool.parallel_for(
      n, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) points[i] = points[i] * n_inv;
      },
      16);
}

}  // namespace zkfl::plonk
