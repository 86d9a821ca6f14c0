// Fq and Fq2 arithmetic kernels for the pairing tower (Fq6, Fq12) and the
// Miller loop. They compute exactly what Fq's and Fq2's operators compute,
// on the same Montgomery limbs, but with x86-64 assembly that keeps operands
// in registers: a modular addition here is a dozen instructions instead of
// the generic carry chain, and the Montgomery product returns its result in
// registers rather than through memory. Off x86-64, or on a CPU without
// BMI2/ADX, every kernel falls back to the Fq/Fq2 operators.
//
// The Montgomery product is the CIOS method without the extra carry word
// (Koç–Acar–Kaliski 1996; Botrel–El Housni, TCHES 2023/3, §2), sound because
// p < 2^254. Inputs must be reduced (< p); outputs are reduced.
#pragma once

#include <cstdint>

#include "plonk/base/cpu_features.hpp"
#include "plonk/field/fq.hpp"
#include "plonk/field/fq2.hpp"

namespace zkfl::plonk::tower {

namespace detail {

#if defined(__x86_64__)
alignas(64) inline constexpr MontgomeryModulus kFqMontgomery = Fq::kMontgomery;

// a + b mod p: add, then keep a − p unless that borrows.
inline U256 add(const U256& a, const U256& b) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  uint64_t s0, s1, s2, s3;
  __asm__(
      "addq %[b0], %[t0]\n\t"
      "adcq %[b1], %[t1]\n\t"
      "adcq %[b2], %[t2]\n\t"
      "adcq %[b3], %[t3]\n\t"
      "movq %[t0], %[s0]\n\t"
      "movq %[t1], %[s1]\n\t"
      "movq %[t2], %[s2]\n\t"
      "movq %[t3], %[s3]\n\t"
      "subq %[p0], %[s0]\n\t"
      "sbbq %[p1], %[s1]\n\t"
      "sbbq %[p2], %[s2]\n\t"
      "sbbq %[p3], %[s3]\n\t"
      "cmovcq %[t0], %[s0]\n\t"
      "cmovcq %[t1], %[s1]\n\t"
      "cmovcq %[t2], %[s2]\n\t"
      "cmovcq %[t3], %[s3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [s0] "=&r"(s0),
        [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3)
      : [b0] "m"(b[0]), [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3]), [p0] "m"(kFqMontgomery.p[0]),
        [p1] "m"(kFqMontgomery.p[1]), [p2] "m"(kFqMontgomery.p[2]), [p3] "m"(kFqMontgomery.p[3])
      : "cc");
  return {s0, s1, s2, s3};
}

// a − b mod p: subtract, then add p masked by the borrow.
inline U256 sub(const U256& a, const U256& b) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  uint64_t s0, s1, s2, s3, mask;
  __asm__(
      "subq %[b0], %[t0]\n\t"
      "sbbq %[b1], %[t1]\n\t"
      "sbbq %[b2], %[t2]\n\t"
      "sbbq %[b3], %[t3]\n\t"
      "sbbq %[mask], %[mask]\n\t"
      "movq %[p0], %[s0]\n\t"
      "movq %[p1], %[s1]\n\t"
      "movq %[p2], %[s2]\n\t"
      "movq %[p3], %[s3]\n\t"
      "andq %[mask], %[s0]\n\t"
      "andq %[mask], %[s1]\n\t"
      "andq %[mask], %[s2]\n\t"
      "andq %[mask], %[s3]\n\t"
      "addq %[s0], %[t0]\n\t"
      "adcq %[s1], %[t1]\n\t"
      "adcq %[s2], %[t2]\n\t"
      "adcq %[s3], %[t3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [s0] "=&r"(s0),
        [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3), [mask] "=&r"(mask)
      : [b0] "m"(b[0]), [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3]), [p0] "m"(kFqMontgomery.p[0]),
        [p1] "m"(kFqMontgomery.p[1]), [p2] "m"(kFqMontgomery.p[2]), [p3] "m"(kFqMontgomery.p[3])
      : "cc");
  return {t0, t1, t2, t3};
}

// One CIOS round's reduction: t := (t + q·p)/2^64 with q = t0·(−p^-1) mod 2^64,
// folding in the carry word A. CF and OF carry two independent chains.
#define ZKFL_TOWER_MONT_REDUCE     \
  "movq %[t0], %%rdx\n\t"          \
  "imulq %[inv], %%rdx\n\t"        \
  "xorl %k[tmp], %k[tmp]\n\t"      \
  "mulxq %[p0], %[tmp], %[hi]\n\t" \
  "adcxq %[t0], %[tmp]\n\t"        \
  "movq %[hi], %[t0]\n\t"          \
  "adcxq %[t1], %[t0]\n\t"         \
  "mulxq %[p1], %[tmp], %[t1]\n\t" \
  "adoxq %[tmp], %[t0]\n\t"        \
  "adcxq %[t2], %[t1]\n\t"         \
  "mulxq %[p2], %[tmp], %[t2]\n\t" \
  "adoxq %[tmp], %[t1]\n\t"        \
  "adcxq %[t3], %[t2]\n\t"         \
  "mulxq %[p3], %[tmp], %[t3]\n\t" \
  "adoxq %[tmp], %[t2]\n\t"        \
  "movl $0, %k[tmp]\n\t"           \
  "adcxq %[tmp], %[t3]\n\t"        \
  "adoxq %[A], %[t3]\n\t"

// One CIOS round's accumulation: (t, A) := t + a·b_i.
#define ZKFL_TOWER_MONT_ACCUMULATE(B) \
  "xorl %k[tmp], %k[tmp]\n\t"         \
  "movq " B ", %%rdx\n\t"             \
  "mulxq %[a0], %[tmp], %[A]\n\t"     \
  "adoxq %[tmp], %[t0]\n\t"           \
  "adcxq %[A], %[t1]\n\t"             \
  "mulxq %[a1], %[tmp], %[A]\n\t"     \
  "adoxq %[tmp], %[t1]\n\t"           \
  "adcxq %[A], %[t2]\n\t"             \
  "mulxq %[a2], %[tmp], %[A]\n\t"     \
  "adoxq %[tmp], %[t2]\n\t"           \
  "adcxq %[A], %[t3]\n\t"             \
  "mulxq %[a3], %[tmp], %[A]\n\t"     \
  "adoxq %[tmp], %[t3]\n\t"           \
  "movl $0, %k[tmp]\n\t"              \
  "adcxq %[tmp], %[A]\n\t"            \
  "adoxq %[tmp], %[A]\n\t"

// a·b·2^-256 mod p. Requires BMI2 and ADX.
inline U256 mont_mul(const U256& a, const U256& b) {
  uint64_t t0, t1, t2, t3, A, tmp, hi, rdx;
  __asm__(
      "xorl %k[tmp], %k[tmp]\n\t"
      "movq %[b0], %%rdx\n\t"
      "mulxq %[a0], %[t0], %[t1]\n\t"
      "mulxq %[a1], %[tmp], %[t2]\n\t"
      "adoxq %[tmp], %[t1]\n\t"
      "mulxq %[a2], %[tmp], %[t3]\n\t"
      "adoxq %[tmp], %[t2]\n\t"
      "mulxq %[a3], %[tmp], %[A]\n\t"
      "adoxq %[tmp], %[t3]\n\t"
      "movl $0, %k[tmp]\n\t"
      "adoxq %[tmp], %[A]\n\t"
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE("%[b1]")
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE("%[b2]")
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE("%[b3]")
      ZKFL_TOWER_MONT_REDUCE
      // t < 2p: subtract p unless that borrows.
      "movq %[t0], %[A]\n\t"
      "movq %[t1], %[tmp]\n\t"
      "movq %[t2], %[hi]\n\t"
      "movq %[t3], %%rdx\n\t"
      "subq %[p0], %[A]\n\t"
      "sbbq %[p1], %[tmp]\n\t"
      "sbbq %[p2], %[hi]\n\t"
      "sbbq %[p3], %%rdx\n\t"
      "cmovncq %[A], %[t0]\n\t"
      "cmovncq %[tmp], %[t1]\n\t"
      "cmovncq %[hi], %[t2]\n\t"
      "cmovncq %%rdx, %[t3]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [A] "=&r"(A), [tmp] "=&r"(tmp),
        [hi] "=&r"(hi), "=&d"(rdx)
      : [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]), [b0] "m"(b[0]), [b1] "m"(b[1]),
        [b2] "m"(b[2]), [b3] "m"(b[3]), [p0] "m"(kFqMontgomery.p[0]), [p1] "m"(kFqMontgomery.p[1]),
        [p2] "m"(kFqMontgomery.p[2]), [p3] "m"(kFqMontgomery.p[3]), [inv] "m"(kFqMontgomery.inv)
      : "cc");
  return {t0, t1, t2, t3};
}

#undef ZKFL_TOWER_MONT_REDUCE
#undef ZKFL_TOWER_MONT_ACCUMULATE
#endif  // __x86_64__

// a/2 mod p: a even → a >> 1, a odd → (a + p) >> 1 (a + p < 2^255, no overflow).
inline U256 halve(const U256& a) {
  const uint64_t mask = 0 - (a[0] & 1);
  const U256& p = Fq::kModulus;
  U256 s{};
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) s[i] = add_with_carry(a[i], p[i] & mask, carry, carry);
  return u256_shr1(s);
}

}  // namespace detail

// ---- Fq ----

inline Fq add(const Fq& a, const Fq& b) {
#if defined(__x86_64__)
  return Fq::from_montgomery(detail::add(a.montgomery(), b.montgomery()));
#else
  return a + b;
#endif
}
inline Fq sub(const Fq& a, const Fq& b) {
#if defined(__x86_64__)
  return Fq::from_montgomery(detail::sub(a.montgomery(), b.montgomery()));
#else
  return a - b;
#endif
}
inline Fq dbl(const Fq& a) { return add(a, a); }
inline Fq neg(const Fq& a) { return sub(Fq::zero(), a); }
inline Fq halve(const Fq& a) { return Fq::from_montgomery(detail::halve(a.montgomery())); }
inline Fq mul(const Fq& a, const Fq& b) {
#if defined(__x86_64__)
  if (kCpuHasMulxAdx) return Fq::from_montgomery(detail::mont_mul(a.montgomery(), b.montgomery()));
#endif
  return a * b;
}
inline Fq sqr(const Fq& a) { return mul(a, a); }

// ---- Fq2 = Fq[u]/(u² + 1) ----

inline Fq2 add(const Fq2& a, const Fq2& b) { return Fq2(add(a.c0, b.c0), add(a.c1, b.c1)); }
inline Fq2 sub(const Fq2& a, const Fq2& b) { return Fq2(sub(a.c0, b.c0), sub(a.c1, b.c1)); }
inline Fq2 dbl(const Fq2& a) { return Fq2(dbl(a.c0), dbl(a.c1)); }
inline Fq2 neg(const Fq2& a) { return Fq2(neg(a.c0), neg(a.c1)); }
inline Fq2 halve(const Fq2& a) { return Fq2(halve(a.c0), halve(a.c1)); }
inline Fq2 conj(const Fq2& a) { return Fq2(a.c0, neg(a.c1)); }
// Karatsuba: 3 Fq products.
inline Fq2 mul(const Fq2& a, const Fq2& b) {
  const Fq v0 = mul(a.c0, b.c0);
  const Fq v1 = mul(a.c1, b.c1);
  const Fq s = mul(add(a.c0, a.c1), add(b.c0, b.c1));
  return Fq2(sub(v0, v1), sub(sub(s, v0), v1));
}
// Complex squaring: (a + bu)² = (a + b)(a − b) + 2ab·u, 2 Fq products.
inline Fq2 sqr(const Fq2& a) {
  const Fq ab = mul(a.c0, a.c1);
  return Fq2(mul(add(a.c0, a.c1), sub(a.c0, a.c1)), dbl(ab));
}
// An Fq2 element times an Fq scalar: 2 Fq products.
inline Fq2 mul(const Fq2& a, const Fq& s) { return Fq2(mul(a.c0, s), mul(a.c1, s)); }
// Multiplication by ξ = 9 + u: (a + bu)(9 + u) = (9a − b) + (a + 9b)u.
inline Fq2 mul_by_xi(const Fq2& a) {
  const Fq a8 = dbl(dbl(dbl(a.c0)));
  const Fq b8 = dbl(dbl(dbl(a.c1)));
  return Fq2(sub(add(a8, a.c0), a.c1), add(add(b8, a.c1), a.c0));
}

}  // namespace zkfl::plonk::tower
