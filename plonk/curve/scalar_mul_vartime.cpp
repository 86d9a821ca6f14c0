// Variable-time scalar multiplication: GLV on G1, GLS on G2, plain wNAF on
// both. All three share one loop: double once per bit position, add the
// table entry named by each non-zero digit. Tables are affine on an
// isomorphic curve (odd_multiples_table.hpp), so every addition is a mixed
// one (8M + 3S instead of 12M + 4S) without spending a field inversion on
// the table.
#include <algorithm>
#include <array>

#include "plonk/curve/endomorphism.hpp"
#include "plonk/curve/odd_multiples_table.hpp"
#include "plonk/curve/scalar_decomposition.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/curve/wnaf.hpp"

namespace zkfl::plonk {

namespace {

// Window widths, chosen by bench/curve_bench.cpp on the target machine.
constexpr unsigned kGlvWidth = 5;    // two 127-bit scalars, 8-entry tables
constexpr unsigned kGlsWidth = 5;    // four 64-bit scalars, 8-entry tables
constexpr unsigned kPlainWidth = 5;  // one 256-bit scalar

constexpr size_t table_size(unsigned width) { return size_t{1} << (width - 2); }

// One scalar's share of a joint multiplication: its wNAF digits and the
// table of odd multiples of its base point (affine on the common E_z).
template <class Config, size_t N>
struct WnafTerm {
  const std::array<AffinePoint<Config>, N>* table = nullptr;
  std::array<int8_t, kMaxWnafDigits> digits{};
  size_t length = 0;
  bool negative = false;  // the scalar is −|k|: every digit's sign flips

  void recode(const SignedScalar& s, unsigned width) {
    const U256 magnitude{static_cast<uint64_t>(s.magnitude), static_cast<uint64_t>(s.magnitude >> 64), 0, 0};
    length = wnaf_recode(magnitude, width, digits);
    negative = s.negative;
  }
};

// The two operations of the main loop. For G1 the point formulas are
// inlined into them ([[gnu::flatten]]), so the new point is written straight
// into p: returned out of line, it would be copied from a temporary, and
// that copy (16-byte loads of data just written as 8-byte limbs) cannot take
// the store-forwarding path (measured: G1 3% faster flattened). Inlining the
// Fq2 products the same way measured slower for G2, so G2 keeps the calls.
[[gnu::flatten]] void double_in_place(G1& p) { p = p.doubled(); }
[[gnu::flatten]] void add_in_place(G1& p, const G1Affine& q) { p = p + q; }
void double_in_place(G2& p) { p = p.doubled(); }
void add_in_place(G2& p, const G2Affine& q) { p = p + q; }

// Σ_m [k_m]·T_m where term m holds the wNAF of k_m and the odd multiples of T_m.
// Computes on E_z; the caller maps the result back to E.
template <class Config, size_t N, size_t M>
JacobianPoint<Config> joint_wnaf(const std::array<WnafTerm<Config, N>, M>& terms) {
  size_t top = 0;
  for (const auto& t : terms) top = std::max(top, t.length);
  JacobianPoint<Config> acc;
  for (size_t i = top; i-- > 0;) {
    double_in_place(acc);
    for (const auto& t : terms) {
      const int d = t.digits[i];
      if (d == 0) continue;
      const AffinePoint<Config>& entry = (*t.table)[static_cast<size_t>(d < 0 ? -d : d) >> 1];
      if ((d < 0) != t.negative) {
        add_in_place(acc, -entry);
      } else {
        add_in_place(acc, entry);
      }
    }
  }
  return acc;
}

// (X, Y, W) on E_z is (X, Y, W·z) on E.
template <class Config>
JacobianPoint<Config> from_isomorphic(const JacobianPoint<Config>& p, const typename Config::Base& z) {
  return JacobianPoint<Config>(p.X, p.Y, p.Z * z);
}

template <class Config>
JacobianPoint<Config> mul_wnaf_impl(const JacobianPoint<Config>& p, const U256& k) {
  constexpr size_t kN = table_size(kPlainWidth);
  if (p.is_identity() || u256_is_zero(k)) return JacobianPoint<Config>::identity();
  OddMultiplesTable<Config, kN> table;
  // Points of order ≤ 2·kN + 1 (only possible on the twist, off G2).
  if (!build_odd_multiples_table(p, table)) return p.mul_double_and_add(k);
  std::array<WnafTerm<Config, kN>, 1> terms;
  terms[0].table = &table.points;
  terms[0].length = wnaf_recode(k, kPlainWidth, terms[0].digits);
  return from_isomorphic(joint_wnaf(terms), table.z);
}

}  // namespace

Fr reduce_scalar(const U256& k) {
  U256 v = k;
  while (u256_compare(v, Fr::kModulus) >= 0) u256_sub(v, v, Fr::kModulus);
  return Fr::from_canonical_unchecked(v);
}

G1 mul_glv(const G1& p, const Fr& k) {
  constexpr size_t kN = table_size(kGlvWidth);
  if (p.is_identity() || k.is_zero()) return G1::identity();
  const U256 scalar = k.to_canonical();
  OddMultiplesTable<G1Config, kN> table;
  // G1 has prime order r, so this fails only for inputs that are not on the curve.
  if (!build_odd_multiples_table(p, table)) return p.mul_double_and_add(scalar);
  // φ is Fq-linear in (x, y), so it commutes with the isomorphism ι_z.
  std::array<G1Affine, kN> phi_table;
  for (size_t i = 0; i < kN; ++i) phi_table[i] = phi(table.points[i]);

  const GlvScalars s = decompose_glv(scalar);
  std::array<WnafTerm<G1Config, kN>, 2> terms;
  terms[0].table = &table.points;
  terms[0].recode(s.k1, kGlvWidth);
  terms[1].table = &phi_table;
  terms[1].recode(s.k2, kGlvWidth);
  return from_isomorphic(joint_wnaf(terms), table.z);
}

G2 mul_gls(const G2& p, const Fr& k) {
  constexpr size_t kN = table_size(kGlsWidth);
  if (p.is_identity() || k.is_zero()) return G2::identity();
  const U256 scalar = k.to_canonical();
  OddMultiplesTable<G2Config, kN> table;
  // z ∈ Fq, so ψ maps E_z to itself.
  if (!build_odd_multiples_table<G2Config, kN, true>(p, table)) return p.mul_double_and_add(scalar);
  std::array<std::array<G2Affine, kN>, 3> psi_tables;  // ψ, ψ^2, ψ^3 of the base table
  for (size_t i = 0; i < kN; ++i) {
    psi_tables[0][i] = psi(table.points[i]);
    psi_tables[1][i] = psi2(table.points[i]);
    psi_tables[2][i] = psi(psi_tables[1][i]);
  }

  const GlsScalars s = decompose_gls(scalar);
  std::array<WnafTerm<G2Config, kN>, 4> terms;
  terms[0].table = &table.points;
  for (size_t m = 1; m < 4; ++m) terms[m].table = &psi_tables[m - 1];
  for (size_t m = 0; m < 4; ++m) terms[m].recode(s.k[m], kGlsWidth);
  return from_isomorphic(joint_wnaf(terms), table.z);
}

G1 mul_wnaf(const G1& p, const U256& k) { return mul_wnaf_impl(p, k); }
G2 mul_wnaf(const G2& p, const U256& k) { return mul_wnaf_impl(p, k); }

G1 operator*(const G1& p, const Fr& k) { return mul_glv(p, k); }
G1 operator*(const Fr& k, const G1& p) { return mul_glv(p, k); }
G1 operator*(const G1Affine& p, const Fr& k) { return mul_glv(G1(p), k); }
G1 operator*(const Fr& k, const G1Affine& p) { return mul_glv(G1(p), k); }
G1& operator*=(G1& p, const Fr& k) { return p = mul_glv(p, k); }
G2 operator*(const G2& p, const Fr& k) { return mul_gls(p, k); }
G2 operator*(const Fr& k, const G2& p) { return mul_gls(p, k); }
G2 operator*(const G2Affine& p, const Fr& k) { return mul_gls(G2(p), k); }
G2 operator*(const Fr& k, const G2Affine& p) { return mul_gls(G2(p), k); }
G2& operator*=(G2& p, const Fr& k) { return p = mul_gls(p, k); }

}  // namespace zkfl::plonk
