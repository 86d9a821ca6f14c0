// The constants every Montgomery routine of the field layer reads: the
// modulus p and −p^-1 mod 2^64, laid out for the assembly (p at byte offsets
// 0..24, the inverse at 32). A field keeps one as a static constexpr member
// and the assembly routines take it as a template argument, so they address
// it as a constant (RIP-relative) instead of through a pointer register.
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

}  // namespace zkfl::plonk
