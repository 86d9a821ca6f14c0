// Helpers shared by the kzg_*_test.cpp suites: SRSs with a known τ (so a
// commitment can be checked against [p(τ)]₁ computed directly) and random
// points and polynomials.
#pragma once

#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/kzg/fixed_base.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk::kzg_test {

// The SRS of 2^k powers of `tau`, labelled insecure-development.
inline Srs srs_with_tau(uint32_t k, const Fr& tau) {
  const G1FixedBaseTable table(G1Affine::generator());
  std::vector<G1> powers(size_t{1} << k);
  Fr t = Fr::one();
  for (G1& p : powers) {
    p = table.mul(t);
    t *= tau;
  }
  return Srs(k, G1::batch_to_affine(powers), (G2::generator() * tau).to_affine(),
             Srs::Origin::kInsecureDevelopment, "test SRS with a known tau");
}

inline G1Affine random_g1(Rng& rng) { return (G1::generator() * Fr::random(rng)).to_affine(); }
inline G2Affine random_g2(Rng& rng) { return (G2::generator() * Fr::random(rng)).to_affine(); }

inline std::vector<Fr> random_poly(size_t n, Rng& rng) {
  std::vector<Fr> p(n);
  for (Fr& c : p) c = Fr::random(rng);
  return p;
}

}  // namespace zkfl::plonk::kzg_test
