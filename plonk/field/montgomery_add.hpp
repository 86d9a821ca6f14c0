// Modular addition, subtraction, negation and halving (doubling is a + a),
// and the unreduced "lazy" sum, for 4-limb moduli p < 2^254 on values below
// p (Montgomery form or not: these maps do not care). Every routine here is branch-free: the reduction is selected
// with masks or conditional moves, never with a jump, so the time does not
// depend on the values.
//
// Two versions of each. The portable one is constexpr and is what constant
// evaluation and non-x86-64 targets run; it is also the reference the tests
// hold the assembly to. The x86-64 one is a short add/adc (or sub/sbb) chain
// followed by cmov or a borrow mask: compilers turn the portable carry
// chains (128-bit temporaries) into setc/movzx sequences several times
// slower. The assembly needs only baseline x86-64, so there is no CPU check.
//
// The modulus is a template argument (a field's static MontgomeryModulus)
// so that the assembly reads its limbs as constants at fixed addresses.
#pragma once

#include <cstdint>
#include <type_traits>

#include "plonk/field/bigint.hpp"
#include "plonk/field/montgomery_modulus.hpp"

namespace zkfl::plonk {

// ---- portable, constexpr ----

// a + b mod p for a, b < p < 2^255 (the sum cannot carry out of 256 bits).
constexpr U256 mod_add_portable(const U256& a, const U256& b, const U256& p) {
  U256 sum{};
  u256_add(sum, a, b);
  U256 reduced{};
  const uint64_t borrow = u256_sub(reduced, sum, p);
  const uint64_t keep_sum = ~borrow + 1;  // all ones when sum < p
  U256 out{};
  for (int i = 0; i < 4; ++i) out[i] = (sum[i] & keep_sum) | (reduced[i] & ~keep_sum);
  return out;
}

// a − b mod p for a, b < p.
constexpr U256 mod_sub_portable(const U256& a, const U256& b, const U256& p) {
  U256 diff{};
  const uint64_t borrow = u256_sub(diff, a, b);
  const uint64_t add_p = ~borrow + 1;  // all ones when a < b
  const U256 masked_p{p[0] & add_p, p[1] & add_p, p[2] & add_p, p[3] & add_p};
  U256 out{};
  u256_add(out, diff, masked_p);
  return out;
}

// −a mod p for a < p (zero stays zero).
constexpr U256 mod_neg_portable(const U256& a, const U256& p) { return mod_sub_portable(U256{}, a, p); }

// a/2 mod p for a < p and odd p: a/2 when a is even, (a + p)/2 when it is
// odd (a + p < 2^255, so the sum does not overflow before the shift).
constexpr U256 mod_halve_portable(const U256& a, const U256& p) {
  const uint64_t odd = ~(a[0] & 1) + 1;  // all ones when a is odd
  const U256 masked_p{p[0] & odd, p[1] & odd, p[2] & odd, p[3] & odd};
  U256 sum{};
  u256_add(sum, a, masked_p);
  return u256_shr1(sum);
}

#if defined(__x86_64__)
// ---- x86-64 assembly: same results as the portable versions ----

// a + b mod p: add, then keep sum − p unless that borrows.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mod_add_asm(const U256& a, const U256& b) {
  using P = montgomery_detail::Limbs<M>;
  uint64_t r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3];
  const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  uint64_t t0, t1, t2, t3;
  __asm__(
      "addq %[b0], %[r0]\n\t"
      "adcq %[b1], %[r1]\n\t"
      "adcq %[b2], %[r2]\n\t"
      "adcq %[b3], %[r3]\n\t"
      "movq %[r0], %[t0]\n\t"
      "movq %[r1], %[t1]\n\t"
      "movq %[r2], %[t2]\n\t"
      "movq %[r3], %[t3]\n\t"
      "subq %[p0], %[t0]\n\t"
      "sbbq %[p1], %[t1]\n\t"
      "sbbq %[p2], %[t2]\n\t"
      "sbbq %[p3], %[t3]\n\t"
      "cmovncq %[t0], %[r0]\n\t"
      "cmovncq %[t1], %[r1]\n\t"
      "cmovncq %[t2], %[r2]\n\t"
      "cmovncq %[t3], %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3)
      : [b0] "rm"(b0), [b1] "rm"(b1), [b2] "rm"(b2), [b3] "rm"(b3), [p0] "m"(P::p0), [p1] "m"(P::p1),
        [p2] "m"(P::p2), [p3] "m"(P::p3)
      : "cc");
  return {r0, r1, r2, r3};
}

// a − b mod p: subtract, then add p masked by the borrow.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mod_sub_asm(const U256& a, const U256& b) {
  using P = montgomery_detail::Limbs<M>;
  uint64_t r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3];
  const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  uint64_t t0, t1, t2, t3, mask;
  __asm__(
      "subq %[b0], %[r0]\n\t"
      "sbbq %[b1], %[r1]\n\t"
      "sbbq %[b2], %[r2]\n\t"
      "sbbq %[b3], %[r3]\n\t"
      "sbbq %[mask], %[mask]\n\t"  // all ones when a < b
      "movq %[p0], %[t0]\n\t"
      "movq %[p1], %[t1]\n\t"
      "movq %[p2], %[t2]\n\t"
      "movq %[p3], %[t3]\n\t"
      "andq %[mask], %[t0]\n\t"
      "andq %[mask], %[t1]\n\t"
      "andq %[mask], %[t2]\n\t"
      "andq %[mask], %[t3]\n\t"
      "addq %[t0], %[r0]\n\t"
      "adcq %[t1], %[r1]\n\t"
      "adcq %[t2], %[r2]\n\t"
      "adcq %[t3], %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3), [mask] "=&r"(mask)
      : [b0] "rm"(b0), [b1] "rm"(b1), [b2] "rm"(b2), [b3] "rm"(b3), [p0] "m"(P::p0), [p1] "m"(P::p1),
        [p2] "m"(P::p2), [p3] "m"(P::p3)
      : "cc");
  return {r0, r1, r2, r3};
}

// −a mod p: 0 − a, then add p masked by the borrow (a = 0 does not borrow
// and stays 0).
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mod_neg_asm(const U256& a) {
  using P = montgomery_detail::Limbs<M>;
  const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  uint64_t r0, r1, r2, r3, t0, t1, t2, t3;
  __asm__(
      "xorl %k[r0], %k[r0]\n\t"
      "xorl %k[r1], %k[r1]\n\t"
      "xorl %k[r2], %k[r2]\n\t"
      "xorl %k[r3], %k[r3]\n\t"
      "xorl %k[t0], %k[t0]\n\t"
      "xorl %k[t1], %k[t1]\n\t"
      "xorl %k[t2], %k[t2]\n\t"
      "xorl %k[t3], %k[t3]\n\t"
      "subq %[a0], %[r0]\n\t"
      "sbbq %[a1], %[r1]\n\t"
      "sbbq %[a2], %[r2]\n\t"
      "sbbq %[a3], %[r3]\n\t"
      "cmovcq %[p0], %[t0]\n\t"  // p when a ≠ 0, else 0
      "cmovcq %[p1], %[t1]\n\t"
      "cmovcq %[p2], %[t2]\n\t"
      "cmovcq %[p3], %[t3]\n\t"
      "addq %[t0], %[r0]\n\t"
      "adcq %[t1], %[r1]\n\t"
      "adcq %[t2], %[r2]\n\t"
      "adcq %[t3], %[r3]\n\t"
      : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3)
      : [a0] "rm"(a0), [a1] "rm"(a1), [a2] "rm"(a2), [a3] "rm"(a3), [p0] "m"(P::p0), [p1] "m"(P::p1),
        [p2] "m"(P::p2), [p3] "m"(P::p3)
      : "cc");
  return {r0, r1, r2, r3};
}

// a/2 mod p: add p masked by the low bit of a, then shift right by one.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mod_halve_asm(const U256& a) {
  using P = montgomery_detail::Limbs<M>;
  uint64_t r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3];
  uint64_t t0, t1, t2, t3;
  __asm__(
      "movl %k[r0], %k[t0]\n\t"
      "andl $1, %k[t0]\n\t"
      "negq %[t0]\n\t"  // all ones when a is odd
      "movq %[t0], %[t1]\n\t"
      "movq %[t0], %[t2]\n\t"
      "movq %[t0], %[t3]\n\t"
      "andq %[p0], %[t0]\n\t"
      "andq %[p1], %[t1]\n\t"
      "andq %[p2], %[t2]\n\t"
      "andq %[p3], %[t3]\n\t"
      "addq %[t0], %[r0]\n\t"
      "adcq %[t1], %[r1]\n\t"
      "adcq %[t2], %[r2]\n\t"
      "adcq %[t3], %[r3]\n\t"
      "shrdq $1, %[r1], %[r0]\n\t"
      "shrdq $1, %[r2], %[r1]\n\t"
      "shrdq $1, %[r3], %[r2]\n\t"
      "shrq $1, %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3)
      : [p0] "m"(P::p0), [p1] "m"(P::p1), [p2] "m"(P::p2), [p3] "m"(P::p3)
      : "cc");
  return {r0, r1, r2, r3};
}

// a + b as a plain 256-bit sum (no reduction): below 2p for a, b < p. The
// Montgomery product and square accept such operands (montgomery_mul.hpp).
[[gnu::always_inline]] inline U256 lazy_add_asm(const U256& a, const U256& b) {
  uint64_t r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3];
  const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  __asm__(
      "addq %[b0], %[r0]\n\t"
      "adcq %[b1], %[r1]\n\t"
      "adcq %[b2], %[r2]\n\t"
      "adcq %[b3], %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3)
      : [b0] "rm"(b0), [b1] "rm"(b1), [b2] "rm"(b2), [b3] "rm"(b3)
      : "cc");
  return {r0, r1, r2, r3};
}
#endif  // __x86_64__

// ---- dispatch: the assembly at run time on x86-64, else the portable code ----

// a + b mod p for a, b < M.p < 2^254.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mod_add(const U256& a, const U256& b) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) return mod_add_asm<M>(a, b);
#endif
  return mod_add_portable(a, b, M.p);
}

// a − b mod p for a, b < M.p.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mod_sub(const U256& a, const U256& b) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) return mod_sub_asm<M>(a, b);
#endif
  return mod_sub_portable(a, b, M.p);
}

// −a mod p for a < M.p.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mod_neg(const U256& a) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) return mod_neg_asm<M>(a);
#endif
  return mod_neg_portable(a, M.p);
}

// a/2 mod p for a < M.p.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mod_halve(const U256& a) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) return mod_halve_asm<M>(a);
#endif
  return mod_halve_portable(a, M.p);
}

// a + b without reduction, for a, b < p < 2^254: the sum is below 2p < 2^255
// and is a valid operand of mont_mul and mont_sqr, which saves the
// conditional subtraction where a sum only feeds a product.
[[gnu::always_inline]] constexpr U256 lazy_add(const U256& a, const U256& b) {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) return lazy_add_asm(a, b);
#endif
  U256 sum{};
  u256_add(sum, a, b);
  return sum;
}

}  // namespace zkfl::plonk
