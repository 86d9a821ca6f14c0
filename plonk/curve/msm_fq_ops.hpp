// Fq addition, subtraction, negation and equality for the MSM inner loops.
// A batched bucket addition does about six of these per point, and the generic
// operators (128-bit temporaries) compile to about 5 ns each here; these
// short add/adc, sub/sbb and cmov sequences take about 2 ns. They return
// exactly what Fq's operators return, for canonical inputs (below p).
// The assembly reads its operands through pointer registers; the unused "m"
// inputs tell the compiler which memory that is (no "memory" clobber needed).
#pragma once

#include <cstdint>

#include "plonk/field/fq.hpp"

namespace zkfl::plonk {

// a − b mod p.
inline Fq msm_sub(const Fq& a, const Fq& b) {
#if defined(__x86_64__)
  const U256& x = a.montgomery();
  const U256& y = b.montgomery();
  static constexpr U256 kP = Fq::kModulus;
  uint64_t r0 = x[0], r1 = x[1], r2 = x[2], r3 = x[3];
  uint64_t t0, t1, t2, t3;
  // r = x − y; when that borrows, add p (selected by cmov, flags intact).
  __asm__(
      "subq (%[y]), %[r0]\n\t"
      "sbbq 8(%[y]), %[r1]\n\t"
      "sbbq 16(%[y]), %[r2]\n\t"
      "sbbq 24(%[y]), %[r3]\n\t"
      "movl $0, %k[t0]\n\t"
      "movl $0, %k[t1]\n\t"
      "movl $0, %k[t2]\n\t"
      "movl $0, %k[t3]\n\t"
      "cmovcq (%[p]), %[t0]\n\t"
      "cmovcq 8(%[p]), %[t1]\n\t"
      "cmovcq 16(%[p]), %[t2]\n\t"
      "cmovcq 24(%[p]), %[t3]\n\t"
      "addq %[t0], %[r0]\n\t"
      "adcq %[t1], %[r1]\n\t"
      "adcq %[t2], %[r2]\n\t"
      "adcq %[t3], %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3)
      : [y] "r"(y.data()), [p] "r"(kP.data()), "m"(y), "m"(kP)
      : "cc");
  return Fq::from_montgomery(U256{r0, r1, r2, r3});
#else
  return a - b;
#endif
}

// a + b mod p (p < 2^254, so the sum fits in 256 bits).
inline Fq msm_add(const Fq& a, const Fq& b) {
#if defined(__x86_64__)
  const U256& x = a.montgomery();
  const U256& y = b.montgomery();
  static constexpr U256 kP = Fq::kModulus;
  uint64_t r0 = x[0], r1 = x[1], r2 = x[2], r3 = x[3];
  uint64_t t0, t1, t2, t3;
  // r = x + y; t = r − p; keep t unless that borrowed.
  __asm__(
      "addq (%[y]), %[r0]\n\t"
      "adcq 8(%[y]), %[r1]\n\t"
      "adcq 16(%[y]), %[r2]\n\t"
      "adcq 24(%[y]), %[r3]\n\t"
      "movq %[r0], %[t0]\n\t"
      "movq %[r1], %[t1]\n\t"
      "movq %[r2], %[t2]\n\t"
      "movq %[r3], %[t3]\n\t"
      "subq (%[p]), %[t0]\n\t"
      "sbbq 8(%[p]), %[t1]\n\t"
      "sbbq 16(%[p]), %[t2]\n\t"
      "sbbq 24(%[p]), %[t3]\n\t"
      "cmovncq %[t0], %[r0]\n\t"
      "cmovncq %[t1], %[r1]\n\t"
      "cmovncq %[t2], %[r2]\n\t"
      "cmovncq %[t3], %[r3]\n\t"
      : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [t0] "=&r"(t0), [t1] "=&r"(t1),
        [t2] "=&r"(t2), [t3] "=&r"(t3)
      : [y] "r"(y.data()), [p] "r"(kP.data()), "m"(y), "m"(kP)
      : "cc");
  return Fq::from_montgomery(U256{r0, r1, r2, r3});
#else
  return a + b;
#endif
}

// a == b, limb by limb (std::array's == becomes a memcmp call).
inline bool msm_equal(const Fq& a, const Fq& b) {
  const U256& u = a.montgomery();
  const U256& v = b.montgomery();
  return ((u[0] ^ v[0]) | (u[1] ^ v[1]) | (u[2] ^ v[2]) | (u[3] ^ v[3])) == 0;
}

// −a mod p (zero stays zero).
inline Fq msm_neg(const Fq& a) { return msm_sub(Fq::zero(), a); }

}  // namespace zkfl::plonk
