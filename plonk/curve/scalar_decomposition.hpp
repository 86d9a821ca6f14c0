// Splitting a scalar k (mod r) into short pieces for endomorphism-accelerated
// scalar multiplication, by Babai rounding against a short basis of the
// lattice L = {v : Σ v_i·m^i ≡ 0 (mod r)} (Gallant–Lambert–Vanstone 2001, §4;
// Galbraith, Lin, Scott, "Endomorphisms for faster elliptic curve
// cryptography on a large class of curves", EUROCRYPT 2009):
//   c = round((k, 0, …, 0)·B^-1),   (k_0, …) = (k, 0, …, 0) − c·B.
// Every row of B lies in L, so Σ k_i·m^i ≡ k (mod r) exactly; the rounding
// only controls the size. round(k·α/r) is computed as round(k·g / 2^256) with
// g = round(α·2^256 / r) derived at compile time, which is off from the exact
// quotient by less than 1/8, so |k_i| ≤ 0.625·Σ_j |B_ji| (bounds below).
#pragma once

#include <array>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

// A signed integer of magnitude below 2^127.
struct SignedScalar {
  u128 magnitude = 0;
  bool negative = false;
  bool operator==(const SignedScalar&) const = default;
};

// k ≡ k1 + k2·λ (mod r), λ = 36x^3 + 18x^2 + 6x + 1 the eigenvalue of φ on G1.
// Basis (rows, both in L): (2x + 1, −(6x^2 + 2x)) and (6x^2 + 4x + 1, 2x + 1),
// determinant (2x+1)^2 + (6x^2+2x)(6x^2+4x+1) = r(x); found by the extended
// Euclidean algorithm on (r, λ) (GLV 2001, §4) and written in x. |k1|, |k2| < 2^126.2.
struct GlvScalars {
  SignedScalar k1, k2;
};

// Requires k < r (asserted). Constant in shape but written without care for
// timing: it is for the variable-time path only.
GlvScalars decompose_glv(const U256& k);

// k ≡ Σ k_i·μ^i (mod r), μ = 6x^2 the eigenvalue of ψ on G2. Basis (rows,
// LLL-reduced, determinant −r(x)):
//   (2x + 1,  0,     2x,      1 )
//   (2x,      x + 1, −x,      x )
//   (x + 1,   x,     x,     −2x )
//   (2x + 1, −x,    −x − 1,  −x )
// the last two being rows of Galbraith–Scott's BN basis. First row of B^-1
// times r: (6x^3 + 6x^2 + 2x, 6x^3 − x, 2x + 1, 6x^3 + 6x^2 + x). |k_i| < 2^64.3.
struct GlsScalars {
  std::array<SignedScalar, 4> k;
};

// Requires k < r (asserted). For the variable-time path only.
GlsScalars decompose_gls(const U256& k);

}  // namespace zkfl::plonk
