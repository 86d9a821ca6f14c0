// The BN254 seed x and the polynomials in it that define the curve
// (Barreto, Naehrig, "Pairing-friendly elliptic curves of prime order",
// SAC 2005): p = 36x^4 + 36x^3 + 24x^2 + 6x + 1, r = 36x^4 + 36x^3 + 18x^2 +
// 6x + 1, trace t = 6x^2 + 1. Curve constants that are polynomials in x
// (endomorphism eigenvalues, lattice bases) are derived from it here.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "plonk/field/bigint.hpp"
#include "plonk/field/fq.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// x = 4965661367192848881 = 0x44e992b44a6909f1 (EIP-196's alt_bn128).
inline constexpr uint64_t kBn254SeedX = 4965661367192848881ULL;

// Σ coeffs[i]·x^i for non-negative coefficients, by Horner's rule mod 2^256
// (exact for the degree ≤ 4 polynomials used here).
constexpr U256 bn254_seed_polynomial(std::initializer_list<uint64_t> coeffs_low_to_high) {
  U256 acc{};
  for (auto it = coeffs_low_to_high.end(); it != coeffs_low_to_high.begin();) {
    --it;
    // acc = acc·x + c
    U256 next{};
    uint64_t carry = *it;
    for (int i = 0; i < 4; ++i) {
      u128 t = static_cast<u128>(acc[i]) * kBn254SeedX + carry;
      next[i] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    acc = next;
  }
  return acc;
}

static_assert(bn254_seed_polynomial({1, 6, 24, 36, 36}) == Fq::kModulus, "p(x) disagrees with Fq");
static_assert(bn254_seed_polynomial({1, 6, 18, 36, 36}) == Fr::kModulus, "r(x) disagrees with Fr");

}  // namespace zkfl::plonk
