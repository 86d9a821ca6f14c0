// Fr: the scalar field of BN254, r = 36u^4 + 36u^3 + 18u^2 + 6u + 1, the
// order of G1 and G2 and the field every circuit computes in. r - 1 is
// divisible by 2^28, so NTT domains up to 2^28 exist.
#pragma once

#include "plonk/field/prime_field.hpp"

namespace zkfl::plonk {

struct FrConfig {
  static constexpr const char* kName = "Fr";
  static constexpr U256 kModulus = u256_from_decimal(
      "21888242871839275222246405745257275088548364400416034343698204186575808495617");
  static constexpr unsigned kTwoAdicity = 28;
  static constexpr uint64_t kGenerator = 5;  // generates Fr^* (as in arkworks)
};
using Fr = PrimeField<FrConfig>;

}  // namespace zkfl::plonk
