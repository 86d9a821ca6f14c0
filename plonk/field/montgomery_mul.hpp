// Montgomery multiplication for 4-limb moduli below 2^254, the hot loop of
// everything above it. Both versions compute a·b·2^-256 mod p for a, b < p.
//
// Algorithm: CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery
// multiplication algorithms", IEEE Micro 1996) without the extra carry word,
// which is sound when the top limb of p is below 2^63 - 1 (G. Botrel,
// Y. El Housni, "Faster Montgomery multiplication and multi-scalar
// multiplication for SNARKs", TCHES 2023/3, §2). Both BN254 primes qualify.
#pragma once

#include <cstdint>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

// The modulus and -p^-1 mod 2^64 laid out for the assembly (offsets 0..32).
struct MontgomeryModulus {
  U256 p;
  uint64_t inv;
};

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
inline U256 mont_mul_mulx_adx(const U256& a_limbs, const U256& b_limbs, const MontgomeryModulus& m) {
  const uint64_t* a = a_limbs.data();
  const uint64_t* b = b_limbs.data();
  uint64_t r0, r1, r2, r3;
  // t0..t3 live in r8..r11, the carry word A in r12; rdx holds the multiplier.
#define ZKFL_MONT_REDUCE                                                      \
  "movq %%r8, %%rdx\n\t"                                                      \
  "imulq 32(%[m]), %%rdx\n\t"  /* q = t0 * (-p^-1) mod 2^64 */                \
  "xorl %%eax, %%eax\n\t"      /* clear CF and OF */                          \
  "mulxq 0(%[m]), %%rax, %%r13\n\t"                                           \
  "adcxq %%r8, %%rax\n\t"      /* t0 + lo(q p0) = 0 mod 2^64, carry kept */   \
  "movq %%r13, %%r8\n\t"                                                      \
  "adcxq %%r9, %%r8\n\t"                                                      \
  "mulxq 8(%[m]), %%rax, %%r9\n\t"                                            \
  "adoxq %%rax, %%r8\n\t"                                                     \
  "adcxq %%r10, %%r9\n\t"                                                     \
  "mulxq 16(%[m]), %%rax, %%r10\n\t"                                          \
  "adoxq %%rax, %%r9\n\t"                                                     \
  "adcxq %%r11, %%r10\n\t"                                                    \
  "mulxq 24(%[m]), %%rax, %%r11\n\t"                                          \
  "adoxq %%rax, %%r10\n\t"                                                    \
  "movq $0, %%rax\n\t"                                                        \
  "adcxq %%rax, %%r11\n\t"                                                    \
  "adoxq %%r12, %%r11\n\t"

#define ZKFL_MONT_ACCUMULATE(OFFSET)                                          \
  "xorl %%eax, %%eax\n\t"                                                     \
  "movq " #OFFSET "(%[b]), %%rdx\n\t"                                         \
  "mulxq 0(%[a]), %%rax, %%r12\n\t"                                           \
  "adoxq %%rax, %%r8\n\t"                                                     \
  "adcxq %%r12, %%r9\n\t"                                                     \
  "mulxq 8(%[a]), %%rax, %%r12\n\t"                                           \
  "adoxq %%rax, %%r9\n\t"                                                     \
  "adcxq %%r12, %%r10\n\t"                                                    \
  "mulxq 16(%[a]), %%rax, %%r12\n\t"                                          \
  "adoxq %%rax, %%r10\n\t"                                                    \
  "adcxq %%r12, %%r11\n\t"                                                    \
  "mulxq 24(%[a]), %%rax, %%r12\n\t"                                          \
  "adoxq %%rax, %%r11\n\t"                                                    \
  "movq $0, %%rax\n\t"                                                        \
  "adcxq %%rax, %%r12\n\t"                                                    \
  "adoxq %%rax, %%r12\n\t"

  __asm__(
      // i = 0: t = a * b0
      "xorl %%eax, %%eax\n\t"
      "movq 0(%[b]), %%rdx\n\t"
      "mulxq 0(%[a]), %%r8, %%r9\n\t"
      "mulxq 8(%[a]), %%rax, %%r10\n\t"
      "adoxq %%rax, %%r9\n\t"
      "mulxq 16(%[a]), %%rax, %%r11\n\t"
      "adoxq %%rax, %%r10\n\t"
      "mulxq 24(%[a]), %%rax, %%r12\n\t"
      "adoxq %%rax, %%r11\n\t"
      "movq $0, %%rax\n\t"
      "adoxq %%rax, %%r12\n\t"
      ZKFL_MONT_REDUCE
      ZKFL_MONT_ACCUMULATE(8)
      ZKFL_MONT_REDUCE
      ZKFL_MONT_ACCUMULATE(16)
      ZKFL_MONT_REDUCE
      ZKFL_MONT_ACCUMULATE(24)
      ZKFL_MONT_REDUCE
      // Final conditional subtraction of p (branch-free).
      "movq %%r8, %%rax\n\t"
      "movq %%r9, %%rdx\n\t"
      "movq %%r10, %%r12\n\t"
      "movq %%r11, %%r13\n\t"
      "subq 0(%[m]), %%rax\n\t"
      "sbbq 8(%[m]), %%rdx\n\t"
      "sbbq 16(%[m]), %%r12\n\t"
      "sbbq 24(%[m]), %%r13\n\t"
      "cmovcq %%r8, %%rax\n\t"
      "cmovcq %%r9, %%rdx\n\t"
      "cmovcq %%r10, %%r12\n\t"
      "cmovcq %%r11, %%r13\n\t"
      // Every input has been read: the outputs may now reuse input registers.
      "movq %%rax, %[r0]\n\t"
      "movq %%rdx, %[r1]\n\t"
      "movq %%r12, %[r2]\n\t"
      "movq %%r13, %[r3]\n\t"
      : [r0] "=r"(r0), [r1] "=r"(r1), [r2] "=r"(r2), [r3] "=r"(r3)
      : [a] "r"(a), [b] "r"(b), [m] "r"(&m), "m"(a_limbs), "m"(b_limbs), "m"(m)
      : "rax", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "cc");
#undef ZKFL_MONT_REDUCE
#undef ZKFL_MONT_ACCUMULATE
  return U256{r0, r1, r2, r3};
}
#endif

}  // namespace zkfl::plonk
