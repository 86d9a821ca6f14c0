// Fq: the base field of BN254 (alt_bn128), p = 36u^4 + 36u^3 + 24u^2 + 6u + 1
// with u = 4965661367192848881 (EIP-196; Barreto–Naehrig 2005).
#pragma once

#include "plonk/field/prime_field.hpp"

namespace zkfl::plonk {

struct FqConfig {
  static constexpr const char* kName = "Fq";
  static constexpr U256 kModulus = u256_from_decimal(
      "21888242871839275222246405745257275088696311157297823662689037894645226208583");
};
using Fq = PrimeField<FqConfig>;

}  // namespace zkfl::plonk
