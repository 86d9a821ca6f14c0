// G1 of BN254: y^2 = x^3 + 3 over Fq, prime order r (cofactor 1), generator (1, 2).
#pragma once

#include "plonk/curve/short_weierstrass.hpp"
#include "plonk/field/fq.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

struct G1Config {
  using Base = Fq;
  using Scalar = Fr;
  static constexpr const char* kName = "G1";
  static constexpr Fq kB = Fq::from_u64(3);
  static constexpr Fq kGeneratorX = Fq::from_u64(1);
  static constexpr Fq kGeneratorY = Fq::from_u64(2);
};

using G1Affine = AffinePoint<G1Config>;
using G1 = JacobianPoint<G1Config>;

}  // namespace zkfl::plonk
