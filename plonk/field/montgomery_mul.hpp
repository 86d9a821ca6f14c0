// Montgomery multiplication for 4-limb moduli below 2^254, the hot loop of
// everything above it. Both versions compute a·b·2^-256 mod p, reduced
// (< p), for a, b < p — and also for lazily reduced operands a, b < 2p
// (sums from lazy_add): the value before the final subtraction is
// (a·b + q·p)/2^256 < 4p²/2^256 + p < 2p because 4p < 2^256, and every
// intermediate stays below 2^320 (3p·(2^64 + 1) < 2^320 for p < 2^254), so
// one conditional subtraction still reduces it.
//
// Algorithm: CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery
// multiplication algorithms", IEEE Micro 1996) without the extra carry word,
// which is sound when the top limb of p is below 2^63 - 1 (G. Botrel,
// Y. El Housni, "Faster Montgomery multiplication and multi-scalar
// multiplication for SNARKs", TCHES 2023/3, §2). Both BN254 primes qualify.
#pragma once

#include <cstdint>
#include <type_traits>

#include "plonk/base/cpu_features.hpp"
#include "plonk/field/bigint.hpp"
#include "plonk/field/montgomery_modulus.hpp"

namespace zkfl::plonk {

// Portable C++ (and constexpr) Montgomery product.
constexpr U256 mont_mul_portable(const U256& a, const U256& b, const MontgomeryModulus& m) {
  U256 t{};
  for (int i = 0; i < 4; ++i) {
    u128 v = static_cast<u128>(a[0]) * b[i] + t[0];
    uint64_t carry_a = static_cast<uint64_t>(v >> 64);
    t[0] = static_cast<uint64_t>(v);
    uint64_t q = t[0] * m.inv;
    u128 w = static_cast<u128>(q) * m.p[0] + t[0];
    uint64_t carry_c = static_cast<uint64_t>(w >> 64);
    for (int j = 1; j < 4; ++j) {
      v = static_cast<u128>(a[j]) * b[i] + t[j] + carry_a;
      carry_a = static_cast<uint64_t>(v >> 64);
      t[j] = static_cast<uint64_t>(v);
      w = static_cast<u128>(q) * m.p[j] + t[j] + carry_c;
      carry_c = static_cast<uint64_t>(w >> 64);
      t[j - 1] = static_cast<uint64_t>(w);
    }
    t[3] = carry_c + carry_a;
  }
  U256 reduced{};
  uint64_t borrow = u256_sub(reduced, t, m.p);
  return borrow ? t : reduced;
}

#if defined(__x86_64__)
// MULX/ADCX/ADOX version: two independent carry chains (CF for the high
// halves, OF for the low halves) let the multiplier run back to back.
// Requires BMI2 and ADX (see kCpuHasMulxAdx). The result comes back in
// registers: writing it through memory and reading it back as one 32-byte
// copy defeats store-to-load forwarding and costs a third of the product.
// The modulus is read from fixed addresses. The operands' limbs are memory
// operands of their own in optimised builds (measured 5-10% faster in Fq2
// products than pointer registers), and are read through one pointer
// register per operand in unoptimised and AddressSanitizer builds, which
// compute every limb's address into a register of its own and would run out
// of registers.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mont_mul_mulx_adx(const U256& a, const U256& b) {
  using P = montgomery_detail::Limbs<M>;
  uint64_t t0, t1, t2, t3, A, tmp, hi, rdx;
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define ZKFL_MUL_A(i) "%[a" #i "]"
#define ZKFL_MUL_B(i) "%[b" #i "]"
#define ZKFL_MUL_OPERANDS \
  [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]), [b0] "m"(b[0]), [b1] "m"(b[1]), [b2] "m"(b[2]), \
      [b3] "m"(b[3])
#else
#define ZKFL_MUL_A(i) #i "*8(%[a])"
#define ZKFL_MUL_B(i) #i "*8(%[b])"
#define ZKFL_MUL_OPERANDS [a] "r"(a.data()), [b] "r"(b.data()), "m"(a), "m"(b)
#endif
  // One CIOS round's reduction: (t, A) := (t + q·p)/2^64 with
  // q = t0·(−p^-1) mod 2^64, folding in the carry word A.
#define ZKFL_MUL_REDUCE                             \
  "movq %[t0], %%rdx\n\t"                           \
  "imulq %[inv], %%rdx\n\t"                         \
  "xorl %k[tmp], %k[tmp]\n\t"                       \
  "mulxq %[p0], %[tmp], %[hi]\n\t"                  \
  "adcxq %[t0], %[tmp]\n\t" /* = 0, carry kept */   \
  "movq %[hi], %[t0]\n\t"                           \
  "adcxq %[t1], %[t0]\n\t"                          \
  "mulxq %[p1], %[tmp], %[t1]\n\t"                  \
  "adoxq %[tmp], %[t0]\n\t"                         \
  "adcxq %[t2], %[t1]\n\t"                          \
  "mulxq %[p2], %[tmp], %[t2]\n\t"                  \
  "adoxq %[tmp], %[t1]\n\t"                         \
  "adcxq %[t3], %[t2]\n\t"                          \
  "mulxq %[p3], %[tmp], %[t3]\n\t"                  \
  "adoxq %[tmp], %[t2]\n\t"                         \
  "movl $0, %k[tmp]\n\t"                            \
  "adcxq %[tmp], %[t3]\n\t"                         \
  "adoxq %[A], %[t3]\n\t"
  // One CIOS round's accumulation: (t, A) := t + a·b_i.
#define ZKFL_MUL_ACCUMULATE(I)                      \
  "xorl %k[tmp], %k[tmp]\n\t"                       \
  "movq " ZKFL_MUL_B(I) ", %%rdx\n\t"               \
  "mulxq " ZKFL_MUL_A(0) ", %[tmp], %[A]\n\t"       \
  "adoxq %[tmp], %[t0]\n\t"                         \
  "adcxq %[A], %[t1]\n\t"                           \
  "mulxq " ZKFL_MUL_A(1) ", %[tmp], %[A]\n\t"       \
  "adoxq %[tmp], %[t1]\n\t"                         \
  "adcxq %[A], %[t2]\n\t"                           \
  "mulxq " ZKFL_MUL_A(2) ", %[tmp], %[A]\n\t"       \
  "adoxq %[tmp], %[t2]\n\t"                         \
  "adcxq %[A], %[t3]\n\t"                           \
  "mulxq " ZKFL_MUL_A(3) ", %[tmp], %[A]\n\t"       \
  "adoxq %[tmp], %[t3]\n\t"                         \
  "movl $0, %k[tmp]\n\t"                            \
  "adcxq %[tmp], %[A]\n\t"                          \
  "adoxq %[tmp], %[A]\n\t"

  __asm__(
      // i = 0: (t, A) = a·b0.
      "xorl %k[tmp], %k[tmp]\n\t"
      "movq " ZKFL_MUL_B(0) ", %%rdx\n\t"
      "mulxq " ZKFL_MUL_A(0) ", %[t0], %[t1]\n\t"
      "mulxq " ZKFL_MUL_A(1) ", %[tmp], %[t2]\n\t"
      "adoxq %[tmp], %[t1]\n\t"
      "mulxq " ZKFL_MUL_A(2) ", %[tmp], %[t3]\n\t"
      "adoxq %[tmp], %[t2]\n\t"
      "mulxq " ZKFL_MUL_A(3) ", %[tmp], %[A]\n\t"
      "adoxq %[tmp], %[t3]\n\t"
      "movl $0, %k[tmp]\n\t"
      "adoxq %[tmp], %[A]\n\t"
      ZKFL_MUL_REDUCE
      ZKFL_MUL_ACCUMULATE(1)
      ZKFL_MUL_REDUCE
      ZKFL_MUL_ACCUMULATE(2)
      ZKFL_MUL_REDUCE
      ZKFL_MUL_ACCUMULATE(3)
      ZKFL_MUL_REDUCE
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
      : ZKFL_MUL_OPERANDS, [p0] "m"(P::p0), [p1] "m"(P::p1), [p2] "m"(P::p2), [p3] "m"(P::p3), [inv] "m"(P::inv)
      : "cc");
#undef ZKFL_MUL_REDUCE
#undef ZKFL_MUL_ACCUMULATE
#undef ZKFL_MUL_A
#undef ZKFL_MUL_B
#undef ZKFL_MUL_OPERANDS
  return U256{t0, t1, t2, t3};
}
#endif

// The portable product called out of line: the run-time fallback for CPUs
// without BMI2/ADX, kept out of the inlined fast path.
template <const MontgomeryModulus& M>
[[gnu::noinline]] U256 mont_mul_portable_call(const U256& a, const U256& b) {
  return mont_mul_portable(a, b, M);
}

// mont_mul_portable_call with its result handed over in registers, as the
// assembly hands over its own. Left in memory, the fallback's result would
// make the compiler merge the two paths' results into SSE vectors (GPR→XMM
// moves and 16-byte stores that later 8-byte loads cannot forward from),
// slowing the fast path by a third.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mont_mul_fallback(const U256& a, const U256& b) {
  const U256 r = mont_mul_portable_call<M>(a, b);
  uint64_t r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
#if defined(__GNUC__)
  __asm__("" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3));
#endif
  return U256{r0, r1, r2, r3};
}

// a·b·2^-256 mod p for a, b < 2p: the assembly when the CPU has BMI2/ADX,
// the portable product otherwise and in constant evaluation.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mont_mul(const U256& a, const U256& b) {
  if (std::is_constant_evaluated()) return mont_mul_portable(a, b, M);
#if defined(__x86_64__)
  if (kCpuHasMulxAdx) [[likely]] return mont_mul_mulx_adx<M>(a, b);
#endif
  return mont_mul_fallback<M>(a, b);
}

}  // namespace zkfl::plonk
