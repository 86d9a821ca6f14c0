// Fq and Fq2 arithmetic kernels for the pairing tower (Fq6, Fq12) and the
// Miller loop. They compute exactly what Fq's and Fq2's operators compute,
// on the same Montgomery limbs, but with x86-64 assembly that keeps operands
// in registers: a modular addition here is a dozen instructions instead of
// the generic carry chain, and the Montgomery product returns its result in
// registers rather than through memory. Off x86-64, or on a CPU without
// BMI2/ADX, every kernel falls back to the Fq/Fq2 operators.
//
// Lazy reduction (Aranha et al., Eurocrypt 2011: sums of 512-bit products
// with one Montgomery reduction) was measured here and did not pay: a
// separate reduction costs ~105 instructions against ~70 for the reduction
// interleaved in CIOS, and the 512-bit additions cost ~45 against ~17, so
// an Fq2 product took no less time than the 3-product Karatsuba below and
// an Fq6 product had more instructions than the plain one.
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

// How the assembly below addresses its memory operands. Optimised builds
// give every limb (and every constant) its own memory operand, which lets
// the compiler address them directly and measured fastest. Unoptimised
// builds compute each such address into a register of its own, which runs
// out of registers; there one pointer register per operand is used instead,
// with the whole operand as a memory input so no "memory" clobber is needed
// (the modulus is a constant, so reading it needs no dependency).
#if defined(__OPTIMIZE__)
#define ZKFL_TK_A(i) "%[a" #i "]"
#define ZKFL_TK_B(i) "%[b" #i "]"
#define ZKFL_TK_P(i) "%[p" #i "]"
#define ZKFL_TK_INV "%[inv]"
#define ZKFL_TK_A_IN(a) [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3])
#define ZKFL_TK_B_IN(b) [b0] "m"(b[0]), [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3])
#define ZKFL_TK_P_IN                                                                      \
  [p0] "m"(kFqMontgomery.p[0]), [p1] "m"(kFqMontgomery.p[1]), [p2] "m"(kFqMontgomery.p[2]), \
      [p3] "m"(kFqMontgomery.p[3]), [inv] "m"(kFqMontgomery.inv)
#else
#define ZKFL_TK_A(i) #i "*8(%[a])"
#define ZKFL_TK_B(i) #i "*8(%[b])"
#define ZKFL_TK_P(i) #i "*8(%[m])"
#define ZKFL_TK_INV "32(%[m])"
#define ZKFL_TK_A_IN(a) [a] "r"(a.data()), "m"(limbs_of(a))
#define ZKFL_TK_B_IN(b) [b] "r"(b.data()), "m"(limbs_of(b))
#define ZKFL_TK_P_IN [m] "r"(&kFqMontgomery)

// The four limbs as one memory operand.
inline const uint64_t (&limbs_of(const U256& v))[4] { return *reinterpret_cast<const uint64_t(*)[4]>(v.data()); }
#endif

// a + b mod p: add, then keep a − p unless that borrows.
inline U256 add(const U256& a, const U256& b) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  uint64_t s0, s1, s2, s3;
  __asm__(
      "addq " ZKFL_TK_B(0) ", %[t0]\n\t"
      "adcq " ZKFL_TK_B(1) ", %[t1]\n\t"
      "adcq " ZKFL_TK_B(2) ", %[t2]\n\t"
      "adcq " ZKFL_TK_B(3) ", %[t3]\n\t"
      "movq %[t0], %[s0]\n\t"
      "movq %[t1], %[s1]\n\t"
      "movq %[t2], %[s2]\n\t"
      "movq %[t3], %[s3]\n\t"
      "subq " ZKFL_TK_P(0) ", %[s0]\n\t"
      "sbbq " ZKFL_TK_P(1) ", %[s1]\n\t"
      "sbbq " ZKFL_TK_P(2) ", %[s2]\n\t"
      "sbbq " ZKFL_TK_P(3) ", %[s3]\n\t"
      "cmovcq %[t0], %[s0]\n\t"
      "cmovcq %[t1], %[s1]\n\t"
      "cmovcq %[t2], %[s2]\n\t"
      "cmovcq %[t3], %[s3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [s0] "=&r"(s0),
        [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3)
      : ZKFL_TK_B_IN(b), ZKFL_TK_P_IN
      : "cc");
  return {s0, s1, s2, s3};
}

// a − b mod p: subtract, then add p masked by the borrow.
inline U256 sub(const U256& a, const U256& b) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  uint64_t s0, s1, s2, s3, mask;
  __asm__(
      "subq " ZKFL_TK_B(0) ", %[t0]\n\t"
      "sbbq " ZKFL_TK_B(1) ", %[t1]\n\t"
      "sbbq " ZKFL_TK_B(2) ", %[t2]\n\t"
      "sbbq " ZKFL_TK_B(3) ", %[t3]\n\t"
      "sbbq %[mask], %[mask]\n\t"
      "movq " ZKFL_TK_P(0) ", %[s0]\n\t"
      "movq " ZKFL_TK_P(1) ", %[s1]\n\t"
      "movq " ZKFL_TK_P(2) ", %[s2]\n\t"
      "movq " ZKFL_TK_P(3) ", %[s3]\n\t"
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
      : ZKFL_TK_B_IN(b), ZKFL_TK_P_IN
      : "cc");
  return {t0, t1, t2, t3};
}

// One CIOS round's reduction: t := (t + q·p)/2^64 with q = t0·(−p^-1) mod 2^64,
// folding in the carry word A. CF and OF carry two independent chains.
#define ZKFL_TOWER_MONT_REDUCE                      \
  "movq %[t0], %%rdx\n\t"                           \
  "imulq " ZKFL_TK_INV ", %%rdx\n\t"                \
  "xorl %k[tmp], %k[tmp]\n\t"                       \
  "mulxq " ZKFL_TK_P(0) ", %[tmp], %[hi]\n\t"       \
  "adcxq %[t0], %[tmp]\n\t"                         \
  "movq %[hi], %[t0]\n\t"                           \
  "adcxq %[t1], %[t0]\n\t"                          \
  "mulxq " ZKFL_TK_P(1) ", %[tmp], %[t1]\n\t"       \
  "adoxq %[tmp], %[t0]\n\t"                         \
  "adcxq %[t2], %[t1]\n\t"                          \
  "mulxq " ZKFL_TK_P(2) ", %[tmp], %[t2]\n\t"       \
  "adoxq %[tmp], %[t1]\n\t"                         \
  "adcxq %[t3], %[t2]\n\t"                          \
  "mulxq " ZKFL_TK_P(3) ", %[tmp], %[t3]\n\t"       \
  "adoxq %[tmp], %[t2]\n\t"                         \
  "movl $0, %k[tmp]\n\t"                            \
  "adcxq %[tmp], %[t3]\n\t"                         \
  "adoxq %[A], %[t3]\n\t"

// One CIOS round's accumulation: (t, A) := t + a·b_i.
#define ZKFL_TOWER_MONT_ACCUMULATE(B)               \
  "xorl %k[tmp], %k[tmp]\n\t"                       \
  "movq " B ", %%rdx\n\t"                           \
  "mulxq " ZKFL_TK_A(0) ", %[tmp], %[A]\n\t"        \
  "adoxq %[tmp], %[t0]\n\t"                         \
  "adcxq %[A], %[t1]\n\t"                           \
  "mulxq " ZKFL_TK_A(1) ", %[tmp], %[A]\n\t"        \
  "adoxq %[tmp], %[t1]\n\t"                         \
  "adcxq %[A], %[t2]\n\t"                           \
  "mulxq " ZKFL_TK_A(2) ", %[tmp], %[A]\n\t"        \
  "adoxq %[tmp], %[t2]\n\t"                         \
  "adcxq %[A], %[t3]\n\t"                           \
  "mulxq " ZKFL_TK_A(3) ", %[tmp], %[A]\n\t"        \
  "adoxq %[tmp], %[t3]\n\t"                         \
  "movl $0, %k[tmp]\n\t"                            \
  "adcxq %[tmp], %[A]\n\t"                          \
  "adoxq %[tmp], %[A]\n\t"

// a·b·2^-256 mod p. Requires BMI2 and ADX.
inline U256 mont_mul(const U256& a, const U256& b) {
  uint64_t t0, t1, t2, t3, A, tmp, hi, rdx;
  __asm__(
      "xorl %k[tmp], %k[tmp]\n\t"
      "movq " ZKFL_TK_B(0) ", %%rdx\n\t"
      "mulxq " ZKFL_TK_A(0) ", %[t0], %[t1]\n\t"
      "mulxq " ZKFL_TK_A(1) ", %[tmp], %[t2]\n\t"
      "adoxq %[tmp], %[t1]\n\t"
      "mulxq " ZKFL_TK_A(2) ", %[tmp], %[t3]\n\t"
      "adoxq %[tmp], %[t2]\n\t"
      "mulxq " ZKFL_TK_A(3) ", %[tmp], %[A]\n\t"
      "adoxq %[tmp], %[t3]\n\t"
      "movl $0, %k[tmp]\n\t"
      "adoxq %[tmp], %[A]\n\t"
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE(ZKFL_TK_B(1))
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE(ZKFL_TK_B(2))
      ZKFL_TOWER_MONT_REDUCE
      ZKFL_TOWER_MONT_ACCUMULATE(ZKFL_TK_B(3))
      ZKFL_TOWER_MONT_REDUCE
      // t < 2p: subtract p unless that borrows.
      "movq %[t0], %[A]\n\t"
      "movq %[t1], %[tmp]\n\t"
      "movq %[t2], %[hi]\n\t"
      "movq %[t3], %%rdx\n\t"
      "subq " ZKFL_TK_P(0) ", %[A]\n\t"
      "sbbq " ZKFL_TK_P(1) ", %[tmp]\n\t"
      "sbbq " ZKFL_TK_P(2) ", %[hi]\n\t"
      "sbbq " ZKFL_TK_P(3) ", %%rdx\n\t"
      "cmovncq %[A], %[t0]\n\t"
      "cmovncq %[tmp], %[t1]\n\t"
      "cmovncq %[hi], %[t2]\n\t"
      "cmovncq %%rdx, %[t3]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [A] "=&r"(A), [tmp] "=&r"(tmp),
        [hi] "=&r"(hi), "=&d"(rdx)
      : ZKFL_TK_A_IN(a), ZKFL_TK_B_IN(b), ZKFL_TK_P_IN
      : "cc");
  return {t0, t1, t2, t3};
}

// a + b as a plain 256-bit sum, not reduced: below 2p for reduced inputs.
// mont_mul accepts such inputs: with a, b < 2p every CIOS round stays below
// 2^320 and the result before its final subtraction is below
// (4p² + 2^256·p)/2^256 < 2p because 4p < 2^256, so it still comes out reduced.
inline U256 add_unreduced(const U256& a, const U256& b) {
  uint64_t t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  __asm__(
      "addq " ZKFL_TK_B(0) ", %[t0]\n\t"
      "adcq " ZKFL_TK_B(1) ", %[t1]\n\t"
      "adcq " ZKFL_TK_B(2) ", %[t2]\n\t"
      "adcq " ZKFL_TK_B(3) ", %[t3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3)
      : ZKFL_TK_B_IN(b)
      : "cc");
  return {t0, t1, t2, t3};
}

#undef ZKFL_TOWER_MONT_REDUCE
#undef ZKFL_TOWER_MONT_ACCUMULATE
#undef ZKFL_TK_A
#undef ZKFL_TK_B
#undef ZKFL_TK_P
#undef ZKFL_TK_INV
#undef ZKFL_TK_A_IN
#undef ZKFL_TK_B_IN
#undef ZKFL_TK_P_IN
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
// The sums feeding a product are left unreduced where the assembly runs
// (see detail::add_unreduced).
inline Fq2 mul(const Fq2& a, const Fq2& b) {
  const Fq v0 = mul(a.c0, b.c0);
  const Fq v1 = mul(a.c1, b.c1);
  Fq s;
#if defined(__x86_64__)
  if (kCpuHasMulxAdx) {
    s = Fq::from_montgomery(detail::mont_mul(detail::add_unreduced(a.c0.montgomery(), a.c1.montgomery()),
                                             detail::add_unreduced(b.c0.montgomery(), b.c1.montgomery())));
  } else {
    s = mul(add(a.c0, a.c1), add(b.c0, b.c1));
  }
#else
  s = mul(add(a.c0, a.c1), add(b.c0, b.c1));
#endif
  return Fq2(sub(v0, v1), sub(sub(s, v0), v1));
}
// Complex squaring: (a + bu)² = (a + b)(a − b) + 2ab·u, 2 Fq products.
inline Fq2 sqr(const Fq2& a) {
  const Fq ab = mul(a.c0, a.c1);
  const Fq d = sub(a.c0, a.c1);
#if defined(__x86_64__)
  if (kCpuHasMulxAdx) {
    const U256 sum = detail::add_unreduced(a.c0.montgomery(), a.c1.montgomery());
    return Fq2(Fq::from_montgomery(detail::mont_mul(sum, d.montgomery())), dbl(ab));
  }
#endif
  return Fq2(mul(add(a.c0, a.c1), d), dbl(ab));
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
