// Constant-time scalar multiplication for secret scalars.
//
// Method: fixed 4-bit windows, most significant first, over all 64 windows of
// the 256-bit canonical scalar (leading zero windows included): four
// doublings and one addition per window, always. The table T[j] = [j]P,
// j = 0..15 (T[0] the identity), is read by scanning all 16 entries and
// keeping the wanted one with a mask, so neither the memory addresses nor
// the branches depend on the scalar. The complete formulas of
// complete_projective.hpp make adding T[0] and the doubling-like cases need
// no special handling.
//
// Constant time: the conversion of k out of Montgomery form (a Montgomery
// product), window extraction (fixed shifts), table reads, every field
// operation in the loop (Fq add/sub/neg use masks; the MULX/ADX product ends
// with cmov), the conversion of the result to Jacobian coordinates.
// Not constant time, and not secret-dependent: the branch on whether the
// input point P is the identity (P is public), and the run-time choice
// between the assembly and the portable Montgomery product (a CPU property).
// Outside this function: JacobianPoint::to_affine branches on whether the
// result is the identity (i.e. on k = 0) and inverts by a fixed exponent;
// the portable (non-MULX) product ends in a ternary the compiler usually,
// but not provably, turns into cmov. Secrets left in stack memory are not
// wiped.
#include <array>

#include "plonk/curve/complete_projective.hpp"
#include "plonk/curve/constant_time.hpp"
#include "plonk/curve/scalar_mul.hpp"

namespace zkfl::plonk {

namespace {

constexpr unsigned kWindowBits = 4;
constexpr unsigned kTableSize = 1u << kWindowBits;
constexpr unsigned kWindows = 256 / kWindowBits;

template <class Config>
ProjectivePoint<Config> ct_table_lookup(const std::array<ProjectivePoint<Config>, kTableSize>& table,
                                        uint64_t index) {
  ProjectivePoint<Config> out = table[0];
  for (unsigned j = 1; j < kTableSize; ++j) out.ct_assign_from(table[j], ct_eq_mask(j, index));
  return out;
}

template <class Config>
JacobianPoint<Config> mul_secret_impl(const JacobianPoint<Config>& p, const Fr& k) {
  using Point = ProjectivePoint<Config>;
  std::array<Point, kTableSize> table;
  table[0] = Point::identity();
  table[1] = Point::from_jacobian(p);
  for (unsigned j = 2; j < kTableSize; ++j) {
    table[j] = (j % 2 == 0) ? table[j / 2].doubled() : table[j - 1] + table[1];
  }
  const U256 scalar = k.to_canonical();
  auto window = [&scalar](unsigned w) -> uint64_t {
    return (scalar[w / 16] >> (kWindowBits * (w % 16))) & (kTableSize - 1);
  };
  Point acc = ct_table_lookup(table, window(kWindows - 1));
  for (unsigned w = kWindows - 1; w-- > 0;) {
    for (unsigned i = 0; i < kWindowBits; ++i) acc = acc.doubled();
    acc = acc + ct_table_lookup(table, window(w));
  }
  return acc.to_jacobian();
}

}  // namespace

G1 mul_secret(const G1& p, const Fr& k) { return mul_secret_impl(p, k); }
G2 mul_secret(const G2& p, const Fr& k) { return mul_secret_impl(p, k); }

}  // namespace zkfl::plonk
