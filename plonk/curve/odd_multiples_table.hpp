// The table of odd multiples P, 3P, …, (2N−1)P that wNAF scalar
// multiplication adds from, made affine without a field inversion.
//
// For a = 0 curves the Jacobian doubling and mixed addition
// (short_weierstrass.hpp) never use b, so they run unchanged on any isomorphic curve
// E_z: y^2 = x^3 + b·z^6 reached by ι_z(x, y) = (x·z^2, y·z^3). A Jacobian point
// (X, Y, Z) of E is the affine point (X, Y) of E_Z, and a Jacobian result
// (X', Y', Z') computed on E_z is the point (X', Y', Z'·z) of E. So the odd
// multiples are built with co-Z additions of the affine 2P (on E_{Z(2P)}),
// rescaled to one common Z, and used as affine points of E_z for the single
// global factor z (the "global z" of libsecp256k1's ecmult_odd_multiples_table;
// Longa, Miri, "New composite operations and precomputation scheme for
// elliptic curve cryptosystems over prime fields", PKC 2008). Cost: one
// doubling, N − 1 mixed additions and about 5 products per entry.
//
// Endomorphisms that are linear in (x, y) with coefficients in the base field
// commute with ι_z (φ for G1). ψ on G2 conjugates, ψ(ι_z P) = ι_z̄(ψ P), so
// for G2 tables that ψ is applied to, `base_field_z` makes z a norm, z ∈ Fq.
// Variable time; internal to the scalar multiplication code.
#pragma once

#include <array>
#include <cstddef>

#include "plonk/curve/short_weierstrass.hpp"

namespace zkfl::plonk {

template <class Config, size_t N>
struct OddMultiplesTable {
  using Base = typename Config::Base;
  // points[i] = ι_z((2i + 1)·P), affine on E_z.
  std::array<AffinePoint<Config>, N> points;
  // The isomorphism factor: Jacobian (X, Y, W) on E_z is (X, Y, W·z) on E.
  Base z;
};

// Fills `table` with the odd multiples of p. Returns false, leaving `table`
// unspecified, when p is the identity or has order ≤ 2N + 1 (an exceptional
// case of the formulas); callers then fall back to plain double-and-add.
// With base_field_z (Base = Fq2 only) the factor z lies in Fq.
template <class Config, size_t N, bool kBaseFieldZ = false>
bool build_odd_multiples_table(const JacobianPoint<Config>& p, OddMultiplesTable<Config, N>& table) {
  using Base = typename Config::Base;
  static_assert(N >= 1);
  if (p.is_identity()) return false;
  const JacobianPoint<Config> d = p.doubled();
  if (d.is_identity()) return false;
  // On E_{Zd}, 2P is the affine (Xd, Yd) and P is (X·Zd^2, Y·Zd^3, Z).
  const Base zd2 = d.Z.squared();
  std::array<Base, N> xs, ys, ratios;  // ratios[i] = Z_i / Z_{i−1}
  Base z_acc = p.Z;
  xs[0] = p.X * zd2;
  ys[0] = p.Y * zd2 * d.Z;
  for (size_t i = 1; i < N; ++i) {
    // madd-2004-hmv of (xs, ys, z_acc) and the affine (d.X, d.Y); Z3 = Z1·H.
    const Base z1z1 = z_acc.squared();
    const Base h = d.X * z1z1 - xs[i - 1];
    if (h.is_zero()) return false;  // (2i − 1)P = ±2P: p has tiny order
    const Base r = d.Y * (z1z1 * z_acc) - ys[i - 1];
    const Base hh = h.squared();
    const Base hhh = hh * h;
    const Base v = xs[i - 1] * hh;
    xs[i] = r.squared() - v.doubled() - hhh;
    ys[i] = (v - xs[i]) * r - ys[i - 1] * hhh;
    ratios[i] = h;
    z_acc *= h;
  }
  // Rescale entry i by s_i = c·Z_{N−1}/Z_i so that every entry has Z = c·Z_{N−1}.
  Base c = Base::one();
  if constexpr (kBaseFieldZ) c = (d.Z * z_acc).conjugate();
  Base s = c;
  for (size_t i = N; i-- > 0;) {
    if (i + 1 < N) s *= ratios[i + 1];
    if (!kBaseFieldZ && i + 1 == N) {
      table.points[i] = AffinePoint<Config>(xs[i], ys[i]);
      continue;
    }
    const Base s2 = s.squared();
    table.points[i] = AffinePoint<Config>(xs[i] * s2, ys[i] * s2 * s);
  }
  table.z = d.Z * z_acc * c;
  return true;
}

}  // namespace zkfl::plonk
