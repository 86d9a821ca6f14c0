// Branch-free selection helpers for code that handles secrets. Masks are
// all-ones or all-zero 64-bit words; an empty asm statement hides their value
// from the optimiser so that it cannot turn the masked arithmetic back into a
// branch or a secret-indexed load.
#pragma once

#include <cstdint>

#include "plonk/field/fq2.hpp"
#include "plonk/field/prime_field.hpp"

namespace zkfl::plonk {

// Returns v unchanged, opaque to the optimiser.
inline uint64_t ct_value_barrier(uint64_t v) {
#if defined(__GNUC__)
  __asm__("" : "+r"(v));
#endif
  return v;
}

// All-ones when a == b, else zero, without a branch.
inline uint64_t ct_eq_mask(uint64_t a, uint64_t b) {
  const uint64_t diff = ct_value_barrier(a ^ b);
  // (diff | −diff) has its top bit set iff diff ≠ 0.
  return ((diff | (~diff + 1)) >> 63) - 1;
}

// dst = mask ? src : dst for prime-field elements (on the Montgomery limbs).
template <class Config>
inline void ct_assign(PrimeField<Config>& dst, const PrimeField<Config>& src, uint64_t mask) {
  U256 v = dst.montgomery();
  const U256& s = src.montgomery();
  for (int i = 0; i < 4; ++i) v[i] ^= (v[i] ^ s[i]) & mask;
  dst = PrimeField<Config>::from_montgomery(v);
}

// dst = mask ? src : dst for Fq2 elements.
inline void ct_assign(Fq2& dst, const Fq2& src, uint64_t mask) {
  ct_assign(dst.c0, src.c0, mask);
  ct_assign(dst.c1, src.c1, mask);
}

}  // namespace zkfl::plonk
