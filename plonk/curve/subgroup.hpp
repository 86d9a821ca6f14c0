// Membership in the order-r groups G1 and G2.
#pragma once

#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"

namespace zkfl::plonk {

// G1 = E(Fq) has cofactor 1 (#E(Fq) = r), so every point on y^2 = x^3 + 3 is
// in G1 and this is exactly the curve equation check. False off the curve.
bool is_in_subgroup(const G1Affine& p);
bool is_in_subgroup(const G1& p);

// P ∈ G2 iff P is on the twist and ψ(P) = [6x^2]P (El Housni, Guillevic,
// Piellard, "Co-factor clearing and subgroup membership testing on
// pairing-friendly curves", IACR ePrint 2022/352, for BN curves; 6x^2 ≡ p mod r is
// ψ's eigenvalue on G2). About a 127-bit scalar multiplication instead of the
// 254-bit [r]P = O. False off the twist curve. Variable time (P is public).
bool is_in_subgroup(const G2Affine& p);
bool is_in_subgroup(const G2& p);

}  // namespace zkfl::plonk
