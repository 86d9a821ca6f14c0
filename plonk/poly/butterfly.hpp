// The NTT's inner loop: modular addition and subtraction written so that the
// compiler emits straight-line carry chains and masks (Fr's generic operators
// compile to a data-dependent branch that mispredicts half the time on random
// data), and the radix-2 Gentleman–Sande butterfly built from them.
//
// Reference: W. M. Gentleman, G. Sande, "Fast Fourier transforms: for fun and
// profit", AFIPS 1966 (the decimation-in-frequency butterfly).
#pragma once

#include "plonk/field/fr.hpp"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace zkfl::plonk::ntt_detail {

// a + b mod p for a, b < p.
inline Fr add(const Fr& a, const Fr& b) {
#if defined(__x86_64__)
  const U256& x = a.montgomery();
  const U256& y = b.montgomery();
  constexpr U256 kP = Fr::kModulus;
  unsigned long long s0, s1, s2, s3, d0, d1, d2, d3;
  unsigned char c = _addcarry_u64(0, x[0], y[0], &s0);
  c = _addcarry_u64(c, x[1], y[1], &s1);
  c = _addcarry_u64(c, x[2], y[2], &s2);
  _addcarry_u64(c, x[3], y[3], &s3);  // p < 2^254: the sum fits in 256 bits
  unsigned char borrow = _subborrow_u64(0, s0, kP[0], &d0);
  borrow = _subborrow_u64(borrow, s1, kP[1], &d1);
  borrow = _subborrow_u64(borrow, s2, kP[2], &d2);
  borrow = _subborrow_u64(borrow, s3, kP[3], &d3);
  const uint64_t keep_sum = uint64_t{0} - borrow;  // all ones when s < p
  return Fr::from_montgomery({(s0 & keep_sum) | (d0 & ~keep_sum), (s1 & keep_sum) | (d1 & ~keep_sum),
                              (s2 & keep_sum) | (d2 & ~keep_sum), (s3 & keep_sum) | (d3 & ~keep_sum)});
#else
  return a + b;
#endif
}

// a - b mod p for a, b < p.
inline Fr sub(const Fr& a, const Fr& b) {
#if defined(__x86_64__)
  const U256& x = a.montgomery();
  const U256& y = b.montgomery();
  constexpr U256 kP = Fr::kModulus;
  unsigned long long d0, d1, d2, d3;
  unsigned char borrow = _subborrow_u64(0, x[0], y[0], &d0);
  borrow = _subborrow_u64(borrow, x[1], y[1], &d1);
  borrow = _subborrow_u64(borrow, x[2], y[2], &d2);
  borrow = _subborrow_u64(borrow, x[3], y[3], &d3);
  const uint64_t add_p = uint64_t{0} - borrow;  // all ones when a < b
  unsigned char c = _addcarry_u64(0, d0, kP[0] & add_p, &d0);
  c = _addcarry_u64(c, d1, kP[1] & add_p, &d1);
  c = _addcarry_u64(c, d2, kP[2] & add_p, &d2);
  _addcarry_u64(c, d3, kP[3] & add_p, &d3);
  return Fr::from_montgomery({d0, d1, d2, d3});
#else
  return a - b;
#endif
}

// (a, b) <- (a + b, (a - b)·w).
inline void dif_butterfly(Fr& a, Fr& b, const Fr& w) {
  const Fr sum = add(a, b);
  const Fr diff = sub(a, b);
  a = sum;
  b = diff * w;
}

// (a, b) <- (a + b, a - b): the butterfly with twiddle 1.
inline void dif_butterfly_unit(Fr& a, Fr& b) {
  const Fr sum = add(a, b);
  b = sub(a, b);
  a = sum;
}

}  // namespace zkfl::plonk::ntt_detail
