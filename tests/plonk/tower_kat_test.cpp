// Fq6 and Fq12 against known answers computed by @noble/curves 2.4.0
// (tests/data/bn254_vectors.json), which uses the same EIP-197 tower.
#include <gtest/gtest.h>

#include "plonk/field/fq12.hpp"
#include "plonk/field/fq6.hpp"
#include "tower_vectors.hpp"

namespace zkfl::plonk {
namespace {

using test::bn254_vectors;
using test::Json;
using test::parse_fq12;
using test::parse_fq6;

TEST(TowerKnownAnswers, Fq6) {
  const Json& ops = bn254_vectors().at("fq6").at("ops");
  ASSERT_GE(ops.size(), 8u);
  for (const Json& op : ops) {
    const Fq6 a = parse_fq6(op.at("a"));
    const Fq6 b = parse_fq6(op.at("b"));
    EXPECT_EQ(a * b, parse_fq6(op.at("mul")));
    EXPECT_EQ(a.squared(), parse_fq6(op.at("sqr_a")));
    if (op.at("inv_a").is_null()) {
      EXPECT_TRUE(a.is_zero());
    } else {
      EXPECT_EQ(a.inverse(), parse_fq6(op.at("inv_a")));
    }
  }
}

TEST(TowerKnownAnswers, Fq12) {
  const Json& ops = bn254_vectors().at("fq12").at("ops");
  ASSERT_GE(ops.size(), 8u);
  for (const Json& op : ops) {
    const Fq12 a = parse_fq12(op.at("a"));
    const Fq12 b = parse_fq12(op.at("b"));
    EXPECT_EQ(a * b, parse_fq12(op.at("mul")));
    EXPECT_EQ(a.squared(), parse_fq12(op.at("sqr_a")));
    if (op.at("inv_a").is_null()) {
      EXPECT_TRUE(a.is_zero());
    } else {
      EXPECT_EQ(a.inverse(), parse_fq12(op.at("inv_a")));
    }
    EXPECT_EQ(a.frobenius_map(1), parse_fq12(op.at("frob1_a")));
    EXPECT_EQ(a.frobenius_map(2), parse_fq12(op.at("frob2_a")));
    EXPECT_EQ(a.frobenius_map(3), parse_fq12(op.at("frob3_a")));
  }
}

}  // namespace
}  // namespace zkfl::plonk
