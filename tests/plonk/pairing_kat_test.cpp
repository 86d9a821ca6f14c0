// The optimal ate pairing against known answers from @noble/curves 2.4.0
// (tests/data/bn254_vectors.json). noble's final exponentiation computes the
// m-th power of the exact one, m = 2x(6x² + 3x + 1) (Fuentes-Castañeda et al.);
// "e_exact" is its Miller-loop value raised to exactly (p¹² − 1)/r, which is
// what pairing() computes. "e" ties the two together: e = e_exact^m.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "plonk/curve/pairing.hpp"
#include "tower_vectors.hpp"

namespace zkfl::plonk {
namespace {

using test::bn254_vectors;
using test::Json;
using test::parse_fq12;
using test::parse_g1;
using test::parse_g2;

// m = 2x(6x² + 3x + 1) as little-endian 64-bit limbs (about 194 bits), by Horner's rule.
std::vector<uint64_t> noble_multiple() {
  std::vector<uint64_t> acc{6};
  auto mul_small = [&acc](uint64_t k) {
    u128 carry = 0;
    for (uint64_t& limb : acc) {
      const u128 t = static_cast<u128>(limb) * k + carry;
      limb = static_cast<uint64_t>(t);
      carry = t >> 64;
    }
    if (carry != 0) acc.push_back(static_cast<uint64_t>(carry));
  };
  auto add_small = [&acc](uint64_t k) {
    u128 carry = k;
    for (size_t i = 0; carry != 0; ++i) {
      if (i == acc.size()) acc.push_back(0);
      const u128 t = static_cast<u128>(acc[i]) + carry;
      acc[i] = static_cast<uint64_t>(t);
      carry = t >> 64;
    }
  };
  mul_small(kBn254X);  // 6x
  add_small(3);        // 6x + 3
  mul_small(kBn254X);  // 6x² + 3x
  add_small(1);        // 6x² + 3x + 1
  mul_small(kBn254X);
  mul_small(2);
  return acc;
}

TEST(PairingKnownAnswers, GeneratorPairing) {
  const Json& section = bn254_vectors().at("pairing");
  const Fq12 e = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_EQ(e, parse_fq12(section.at("generator_pairing_exact")));
  EXPECT_EQ(e.pow(noble_multiple()), parse_fq12(section.at("generator_pairing")));
}

TEST(PairingKnownAnswers, Pairs) {
  const Json& pairs = bn254_vectors().at("pairing").at("pairs");
  ASSERT_GE(pairs.size(), 8u);
  const std::vector<uint64_t> m = noble_multiple();
  for (const Json& pair : pairs) {
    const G1Affine p = parse_g1(pair.at("p"));
    const G2Affine q = parse_g2(pair.at("q"));
    const Fq12 e = pairing(p, q);
    EXPECT_EQ(e, parse_fq12(pair.at("e_exact")));
    EXPECT_EQ(e.pow(m), parse_fq12(pair.at("e")));
  }
}

TEST(PairingKnownAnswers, Products) {
  const Json& products = bn254_vectors().at("pairing").at("products");
  ASSERT_GE(products.size(), 6u);
  int ones = 0;
  for (const Json& product : products) {
    std::vector<std::pair<G1Affine, G2Affine>> terms;
    for (const Json& pair : product.at("pairs")) terms.emplace_back(parse_g1(pair.at(0)), parse_g2(pair.at(1)));
    const bool expected = product.at("is_one").get<bool>();
    EXPECT_EQ(pairing_product_is_one(terms), expected);
    ones += expected ? 1 : 0;
  }
  EXPECT_GT(ones, 0);
  EXPECT_LT(ones, static_cast<int>(products.size()));  // both answers occur
}

}  // namespace
}  // namespace zkfl::plonk
