// Scalar multiplication on G1 and G2.
//
// Variable time (public scalars: verification, MSM fallbacks, tests):
//   - mul_glv (G1): k = k1 + k2·λ with |k_i| < 2^127 (GLV), joint width-5 NAF
//     over the table of P and φ(P).
//   - mul_gls (G2): k = Σ k_i·μ^i with |k_i| < 2^65 (GLS, four dimensions),
//     joint wNAF over P, ψ(P), ψ^2(P), ψ^3(P).
//   - mul_wnaf (any point of G1 or the twist): plain width-5 NAF, no
//     endomorphism, so it does not need P in the order-r subgroup.
// Constant time (secret scalars: the trusted-setup ceremony, keys):
//   - mul_secret: see scalar_mul_secret.cpp for what is and is not constant time.
// The operators pick the variable-time path.
#pragma once

#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// k mod r for any 256-bit k (at most five subtractions).
Fr reduce_scalar(const U256& k);

// [k]P on G1 by GLV with a joint width-5 NAF. Variable time in k and P.
G1 mul_glv(const G1& p, const Fr& k);

// [k]P for P in G2 (the order-r subgroup: every decoded or generated G2
// point) by four-dimensional GLS. Variable time. For twist points outside
// G2 the result is wrong; use mul_wnaf for those.
G2 mul_gls(const G2& p, const Fr& k);

// [k]P for any point on the curve (G1) or the twist (G2) and any 256-bit k,
// not reduced mod r, by a width-5 NAF. Variable time.
G1 mul_wnaf(const G1& p, const U256& k);
G2 mul_wnaf(const G2& p, const U256& k);

// [k]P in constant time with respect to k: fixed 4-bit windows over all 256
// bits, masked table reads and complete formulas. P is treated as public.
G1 mul_secret(const G1& p, const Fr& k);
G2 mul_secret(const G2& p, const Fr& k);

// Variable-time products (mul_glv / mul_gls); G2 operands must lie in G2.
G1 operator*(const G1& p, const Fr& k);
G1 operator*(const Fr& k, const G1& p);
G1 operator*(const G1Affine& p, const Fr& k);
G1 operator*(const Fr& k, const G1Affine& p);
G1& operator*=(G1& p, const Fr& k);
G2 operator*(const G2& p, const Fr& k);
G2 operator*(const Fr& k, const G2& p);
G2 operator*(const G2Affine& p, const Fr& k);
G2 operator*(const Fr& k, const G2Affine& p);
G2& operator*=(G2& p, const Fr& k);

}  // namespace zkfl::plonk
