// G2 of BN254: the order-r subgroup of the sextic D-twist E': y^2 = x^3 + 3/ξ
// over Fq2, ξ = 9 + u. #E'(Fq2) = r·(2p − r), so membership in G2 must be
// checked when decoding. Generator as in EIP-197.
#pragma once

#include "plonk/curve/short_weierstrass.hpp"
#include "plonk/field/fq2.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

struct G2Config {
  using Base = Fq2;
  using Scalar = Fr;
  static constexpr const char* kName = "G2";
  static constexpr Fq2 kB = Fq2(Fq::from_u64(3), Fq::zero()) * Fq2::nonresidue().inverse();
  static constexpr Fq2 kGeneratorX = Fq2(
      Fq::from_canonical_unchecked(u256_from_decimal(
          "10857046999023057135944570762232829481370756359578518086990519993285655852781")),
      Fq::from_canonical_unchecked(u256_from_decimal(
          "11559732032986387107991004021392285783925812861821192530917403151452391805634")));
  static constexpr Fq2 kGeneratorY = Fq2(
      Fq::from_canonical_unchecked(u256_from_decimal(
          "8495653923123431417604973247489272438418190587263600148770280649306958101930")),
      Fq::from_canonical_unchecked(u256_from_decimal(
          "4082367875863433681332203403145435568316851327593401208105741076214120093531")));
};

using G2Affine = AffinePoint<G2Config>;
using G2 = JacobianPoint<G2Config>;

}  // namespace zkfl::plonk
