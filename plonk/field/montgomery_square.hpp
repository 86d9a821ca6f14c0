// Montgomery squaring a²·2^-256 mod p for 4-limb moduli below 2^254.
//
// A product a·b needs all 16 limb products; a square needs 10: the six
// cross products a_i·a_j (i < j), doubled, and the four squares a_i²
// (Menezes, van Oorschot, Vanstone, "Handbook of Applied Cryptography",
// Alg. 14.16). The 512-bit square T = H·2^256 + L is then reduced by
// Montgomery reduction of its low half only (Montgomery, "Modular
// multiplication without trial division", Math. Comp. 1985):
//   L' = (L + m·p)/2^256 ≤ p  with m = −L·p^-1 mod 2^256 (four word rounds),
//   a²·2^-256 ≡ H + L' (mod p),  H < 4p²/2^256 < p  (a < 2p, 4p < 2^256),
// so H + L' < 2p and one conditional subtraction reduces it. The rounds on L
// do not wait for H, which the CPU finishes meanwhile. Operands may be
// lazily reduced (< 2p), as for mont_mul.
#pragma once

#include <cstdint>
#include <type_traits>

#include "plonk/base/cpu_features.hpp"
#include "plonk/field/bigint.hpp"
#include "plonk/field/montgomery_modulus.hpp"
#include "plonk/field/montgomery_mul.hpp"

namespace zkfl::plonk {

#if defined(__x86_64__)
// MULX/ADCX/ADOX squaring: 10 limb products for the square, 16 for the
// reduction. Requires BMI2 and ADX (see kCpuHasMulxAdx).
template <const MontgomeryModulus& M>
[[gnu::always_inline]] inline U256 mont_sqr_mulx_adx(const U256& a_limbs) {
  using P = montgomery_detail::Limbs<M>;
  const uint64_t* a = a_limbs.data();
  uint64_t w0, w1, w2, w3, w4, w5, w6, w7, lo, hi, t, rdx;
  // One word of Montgomery reduction on w0..w3: q = w0·(−p^-1) mod 2^64,
  // (w0..w3) := (w0..w3 + q·p)/2^64. CF and OF carry two chains.
#define ZKFL_SQR_REDUCE_WORD                 \
  "movq %[w0], %%rdx\n\t"                    \
  "imulq %[inv], %%rdx\n\t"                  \
  "xorl %k[lo], %k[lo]\n\t"                  \
  "mulxq %[p0], %[lo], %[hi]\n\t"            \
  "adcxq %[w0], %[lo]\n\t" /* = 0, carry */  \
  "movq %[hi], %[w0]\n\t"                    \
  "adcxq %[w1], %[w0]\n\t"                   \
  "mulxq %[p1], %[lo], %[w1]\n\t"            \
  "adoxq %[lo], %[w0]\n\t"                   \
  "adcxq %[w2], %[w1]\n\t"                   \
  "mulxq %[p2], %[lo], %[w2]\n\t"            \
  "adoxq %[lo], %[w1]\n\t"                   \
  "adcxq %[w3], %[w2]\n\t"                   \
  "mulxq %[p3], %[lo], %[w3]\n\t"            \
  "adoxq %[lo], %[w2]\n\t"                   \
  "movl $0, %k[lo]\n\t"                      \
  "adcxq %[lo], %[w3]\n\t"                   \
  "adoxq %[lo], %[w3]\n\t"

  __asm__(
      // Cross products a_i·a_j, i < j, into w1..w6.
      "movq 0(%[a]), %%rdx\n\t"
      "mulxq 8(%[a]), %[w1], %[w2]\n\t"   // a0·a1
      "mulxq 16(%[a]), %[lo], %[w3]\n\t"  // a0·a2
      "addq %[lo], %[w2]\n\t"
      "mulxq 24(%[a]), %[lo], %[w4]\n\t"  // a0·a3
      "adcq %[lo], %[w3]\n\t"
      "adcq $0, %[w4]\n\t"
      "movq 8(%[a]), %%rdx\n\t"
      "mulxq 16(%[a]), %[lo], %[hi]\n\t"  // a1·a2
      "mulxq 24(%[a]), %[t], %[w5]\n\t"   // a1·a3
      "addq %[lo], %[w3]\n\t"
      "adcq %[hi], %[w4]\n\t"
      "adcq $0, %[w5]\n\t"
      "addq %[t], %[w4]\n\t"
      "adcq $0, %[w5]\n\t"
      "movq 16(%[a]), %%rdx\n\t"
      "mulxq 24(%[a]), %[lo], %[w6]\n\t"  // a2·a3
      "addq %[lo], %[w5]\n\t"
      "adcq $0, %[w6]\n\t"
      // Double them (w7 takes the carry) and add the squares a_i².
      "xorl %k[w7], %k[w7]\n\t"
      "addq %[w1], %[w1]\n\t"
      "adcq %[w2], %[w2]\n\t"
      "adcq %[w3], %[w3]\n\t"
      "adcq %[w4], %[w4]\n\t"
      "adcq %[w5], %[w5]\n\t"
      "adcq %[w6], %[w6]\n\t"
      "adcq $0, %[w7]\n\t"
      "movq 0(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[w0], %[t]\n\t"  // a0²
      "movq 8(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"  // a1²
      "addq %[t], %[w1]\n\t"
      "adcq %[lo], %[w2]\n\t"
      "adcq %[hi], %[w3]\n\t"
      "movq 16(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"  // a2²
      "adcq %[lo], %[w4]\n\t"
      "adcq %[hi], %[w5]\n\t"
      "movq 24(%[a]), %%rdx\n\t"
      "mulxq %%rdx, %[lo], %[hi]\n\t"  // a3²
      "adcq %[lo], %[w6]\n\t"
      "adcq %[hi], %[w7]\n\t"
      // L' = (L + m·p)/2^256 in w0..w3.
      ZKFL_SQR_REDUCE_WORD
      ZKFL_SQR_REDUCE_WORD
      ZKFL_SQR_REDUCE_WORD
      ZKFL_SQR_REDUCE_WORD
      // H + L' < 2p; subtract p unless that borrows.
      "addq %[w4], %[w0]\n\t"
      "adcq %[w5], %[w1]\n\t"
      "adcq %[w6], %[w2]\n\t"
      "adcq %[w7], %[w3]\n\t"
      "movq %[w0], %[w4]\n\t"
      "movq %[w1], %[w5]\n\t"
      "movq %[w2], %[w6]\n\t"
      "movq %[w3], %[w7]\n\t"
      "subq %[p0], %[w4]\n\t"
      "sbbq %[p1], %[w5]\n\t"
      "sbbq %[p2], %[w6]\n\t"
      "sbbq %[p3], %[w7]\n\t"
      "cmovncq %[w4], %[w0]\n\t"
      "cmovncq %[w5], %[w1]\n\t"
      "cmovncq %[w6], %[w2]\n\t"
      "cmovncq %[w7], %[w3]\n\t"
      : [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3), [w4] "=&r"(w4), [w5] "=&r"(w5),
        [w6] "=&r"(w6), [w7] "=&r"(w7), [lo] "=&r"(lo), [hi] "=&r"(hi), [t] "=&r"(t), "=&d"(rdx)
      : [a] "r"(a), "m"(a_limbs), [p0] "m"(P::p0), [p1] "m"(P::p1), [p2] "m"(P::p2), [p3] "m"(P::p3),
        [inv] "m"(P::inv)
      : "cc");
#undef ZKFL_SQR_REDUCE_WORD
  return U256{w0, w1, w2, w3};
}
#endif

// a²·2^-256 mod p for a < 2p: the assembly when the CPU has BMI2/ADX, the
// portable product a·a otherwise and in constant evaluation.
template <const MontgomeryModulus& M>
[[gnu::always_inline]] constexpr U256 mont_sqr(const U256& a) {
  if (std::is_constant_evaluated()) return mont_mul_portable(a, a, M);
#if defined(__x86_64__)
  if (kCpuHasMulxAdx) [[likely]] return mont_sqr_mulx_adx<M>(a);
#endif
  return mont_mul_fallback<M>(a, a);
}

}  // namespace zkfl::plonk
