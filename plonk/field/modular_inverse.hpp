// Constant-time modular inversion by the Bernstein–Yang "safegcd" method
// (D. J. Bernstein, B.-Y. Yang, "Fast constant-time gcd computation and
// modular inversion", TCHES 2019/3, ePrint 2019/266), with the "half-delta"
// divstep and batches of 59 divsteps on 62-bit limbs as analysed for
// libsecp256k1 by P. Wuille ("The safegcd implementation in libsecp256k1
// explained", doc/safegcd_implementation.md, 2021): 590 such divsteps
// reach gcd(p, x) for every p, x below 2^256.
//
// About five times faster than Fermat's a^(p−2) and, like it, free of
// value-dependent branches and memory accesses: the number of steps is
// fixed and every step selects with masks.
#pragma once

#include <array>
#include <cstdint>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

// An odd modulus p < 2^256 prepared for safegcd_inverse.
struct SafegcdModulus {
  std::array<int64_t, 5> p62;  // p in five signed 62-bit limbs (little-endian)
  uint64_t p_inv62;            // p^-1 mod 2^62
};

// p^-1 mod 2^62 by Newton's iteration, and p split into 62-bit limbs.
constexpr SafegcdModulus make_safegcd_modulus(const U256& p) {
  uint64_t inv = 1;
  for (int i = 0; i < 6; ++i) inv *= 2 - p[0] * inv;  // p·inv ≡ 1 mod 2^64
  constexpr uint64_t kM62 = UINT64_MAX >> 2;
  return SafegcdModulus{{static_cast<int64_t>(p[0] & kM62), static_cast<int64_t>((p[0] >> 62 | p[1] << 2) & kM62),
                         static_cast<int64_t>((p[1] >> 60 | p[2] << 4) & kM62),
                         static_cast<int64_t>((p[2] >> 58 | p[3] << 6) & kM62), static_cast<int64_t>(p[3] >> 56)},
                        inv & kM62};
}

// scale·x^-1 mod p for x, scale < p, reduced (in [0, p)); zero when x = 0.
// With x the Montgomery form a·R of a and scale = R² mod p this is the
// Montgomery form of a^-1. Constant time in x and scale.
U256 safegcd_inverse(const U256& x, const U256& scale, const SafegcdModulus& m);

}  // namespace zkfl::plonk
