// The two cheap endomorphisms of BN254 that speed up scalar multiplication
// and the G2 subgroup test.
//
// G1, φ(x, y) = (βx, y) with β a primitive cube root of unity in Fq. On the
// order-r group it acts as [λ] with λ^2 + λ + 1 ≡ 0 (mod r) (Gallant, Lambert,
// Vanstone, "Faster point multiplication on elliptic curves with efficient
// endomorphisms", CRYPTO 2001). Of the two cube roots in each field, β =
// 18x^3 + 18x^2 + 9x + 1 pairs with λ = 36x^3 + 18x^2 + 6x + 1 (checked by
// curve_test against scalar multiplication).
//
// G2, ψ = Ψ^-1 ∘ π_p ∘ Ψ, the untwist-Frobenius-twist map (Galbraith, Scott,
// "Exponentiation in pairing-friendly groups using homomorphisms", Pairing
// 2008). With the twist Ψ(x, y) = (x·w^2, y·w^3), w^6 = ξ = 9 + u:
//   ψ(x, y) = (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)),   x̄ = x^p the conjugate,
// since π_p(w^2)/w^2 = w^(2(p−1)) = ξ^((p−1)/3) and w^(3(p−1)) = ξ^((p−1)/2).
// On G2 it acts as [p] = [6x^2] (mod r) (p ≡ t − 1 = 6x^2). ψ^2(x, y) = (ωx, −y)
// with ω = N(ξ^((p−1)/3)) = ξ^((p^2−1)/3) ∈ Fq, since ξ is not a square in Fq2.
#pragma once

#include "plonk/curve/bn254_params.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"

namespace zkfl::plonk {

// β ∈ Fq and λ ∈ Fr: φ(P) = [λ]P for every P in G1.
inline constexpr Fq kG1EndomorphismBeta = Fq::from_canonical_unchecked(bn254_seed_polynomial({1, 9, 18, 18}));
inline constexpr U256 kG1EndomorphismLambda = bn254_seed_polynomial({1, 6, 18, 36});
static_assert(kG1EndomorphismBeta != Fq::one() &&
                  kG1EndomorphismBeta.squared() * kG1EndomorphismBeta == Fq::one(),
              "β must be a primitive cube root of unity in Fq");
static_assert([] {
  const Fr l = Fr::from_canonical_unchecked(kG1EndomorphismLambda);
  return (l.squared() + l + Fr::one()).is_zero();
}(), "λ must satisfy λ^2 + λ + 1 = 0 in Fr");

// The eigenvalue of ψ on G2: p mod r = 6x^2.
inline constexpr U256 kG2PsiEigenvalue = bn254_seed_polynomial({0, 0, 6});

namespace endomorphism_detail {
constexpr U256 p_minus_1_over(uint64_t d) {
  U256 e{};
  u256_sub(e, Fq::kModulus, U256{1, 0, 0, 0});
  // Division of a 256-bit integer by a small d (exact here: d | p − 1).
  U256 q{};
  u128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    u128 cur = rem << 64 | e[i];
    q[i] = static_cast<uint64_t>(cur / d);
    rem = cur % d;
  }
  if (rem != 0) throw "p - 1 is not divisible";
  return q;
}
}  // namespace endomorphism_detail

// ψ's coefficients γ1 = ξ^((p−1)/3), γ2 = ξ^((p−1)/2), and ψ^2's ω = γ1·γ̄1 ∈ Fq.
inline constexpr Fq2 kPsiGamma1 = Fq2::nonresidue().pow(endomorphism_detail::p_minus_1_over(3));
inline constexpr Fq2 kPsiGamma2 = Fq2::nonresidue().pow(endomorphism_detail::p_minus_1_over(2));
inline constexpr Fq kPsi2Omega = (kPsiGamma1 * kPsiGamma1.conjugate()).c0;
static_assert((kPsiGamma1 * kPsiGamma1.conjugate()).c1.is_zero(), "N(γ1) must lie in Fq");
static_assert(kPsiGamma2 * kPsiGamma2.conjugate() == -Fq2::one(), "ψ^2 must negate y (ξ is a non-square)");

// φ(P) = (βx, y): [λ]P on G1. Identity maps to identity.
constexpr G1Affine phi(const G1Affine& p) {
  return p.infinity ? p : G1Affine(p.x * kG1EndomorphismBeta, p.y);
}
// φ in Jacobian coordinates: (βX, Y, Z), since x = X/Z^2 scales with X.
constexpr G1 phi(const G1& p) { return G1(p.X * kG1EndomorphismBeta, p.Y, p.Z); }

// ψ(P) = (x̄γ1, ȳγ2) on the twist; [6x^2]P on G2. Identity maps to identity.
constexpr G2Affine psi(const G2Affine& p) {
  return p.infinity ? p : G2Affine(p.x.conjugate() * kPsiGamma1, p.y.conjugate() * kPsiGamma2);
}
// ψ in Jacobian coordinates: (X̄γ1, Ȳγ2, Z̄) (x̄ = X̄/Z̄^2 because conjugation is a field automorphism).
constexpr G2 psi(const G2& p) {
  return G2(p.X.conjugate() * kPsiGamma1, p.Y.conjugate() * kPsiGamma2, p.Z.conjugate());
}
// ψ^2(P) = (ωx, −y): [p^2]P on G2, two Fq products.
constexpr G2Affine psi2(const G2Affine& p) { return p.infinity ? p : G2Affine(p.x * kPsi2Omega, -p.y); }

}  // namespace zkfl::plonk
