// The constants every Montgomery routine of the field layer reads: the
// modulus p and −p^-1 mod 2^64. A field keeps one as a static constexpr
// member and the assembly routines take it as a template argument, so they
// address its words as constants (RIP-relative) instead of through a
// pointer register.
#pragma once

#include <cstdint>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

struct MontgomeryModulus {
  U256 p;
  uint64_t inv;  // −p^-1 mod 2^64
};

// −p0^-1 mod 2^64 for odd p0, by Newton's iteration x ← x(2 − p0·x): each
// step doubles the number of correct low bits, 1 → 64 in six steps.
constexpr uint64_t neg_inverse_mod_2_64(uint64_t p0) {
  uint64_t inv = 1;
  for (int i = 0; i < 6; ++i) inv *= 2 - p0 * inv;
  return ~inv + 1;
}

// The Montgomery constants of an odd modulus p.
constexpr MontgomeryModulus make_montgomery_modulus(const U256& p) { return {p, neg_inverse_mod_2_64(p[0])}; }

namespace montgomery_detail {

// The words of M as named constants, for the assembly's "m" operands: each
// is then a fixed (RIP-relative) address in every build, unoptimised ones
// included, and needs no register.
template <const MontgomeryModulus& M>
struct Limbs {
  static constexpr uint64_t p0 = M.p[0], p1 = M.p[1], p2 = M.p[2], p3 = M.p[3];
  static constexpr uint64_t inv = M.inv;
};

}  // namespace montgomery_detail

}  // namespace zkfl::plonk
