// Fq, Fr and Fq2 against known answers computed by @noble/curves 2.4.0
// (tests/data/bn254_vectors.json).
#include <gtest/gtest.h>

#include "plonk/field/fq.hpp"
#include "plonk/field/fq2.hpp"
#include "plonk/field/fr.hpp"
#include "test_vectors.hpp"

namespace zkfl::plonk {
namespace {

using test::bn254_vectors;
using test::Json;
using test::parse_field;
using test::parse_fq2;
using test::parse_u256;

template <class F>
void check_prime_field_ops(const Json& section) {
  EXPECT_EQ(parse_u256(section.at("modulus")), F::kModulus);
  ASSERT_GE(section.at("ops").size(), 64u);
  for (const Json& op : section.at("ops")) {
    const F a = parse_field<F>(op.at("a"));
    const F b = parse_field<F>(op.at("b"));
    SCOPED_TRACE("a = " + a.to_string() + ", b = " + b.to_string());
    EXPECT_EQ(a + b, parse_field<F>(op.at("add")));
    EXPECT_EQ(a - b, parse_field<F>(op.at("sub")));
    EXPECT_EQ(a * b, parse_field<F>(op.at("mul")));
    EXPECT_EQ(a.squared(), parse_field<F>(op.at("sqr_a")));
    EXPECT_EQ(-a, parse_field<F>(op.at("neg_a")));
    if (op.at("inv_a").is_null()) {
      EXPECT_TRUE(a.is_zero());
    } else {
      EXPECT_EQ(a.inverse(), parse_field<F>(op.at("inv_a")));
    }
    EXPECT_EQ(a.pow(parse_u256(op.at("e"))), parse_field<F>(op.at("pow_a_e")));
    EXPECT_EQ(a.legendre(), op.at("legendre_a").get<int>());
    F root;
    if (op.at("sqrt_a").is_null()) {
      EXPECT_FALSE(a.sqrt(root));
    } else {
      ASSERT_TRUE(a.sqrt(root));
      const F expected = parse_field<F>(op.at("sqrt_a"));
      EXPECT_TRUE(root == expected || root == -expected);  // roots agree up to sign
    }
  }
  for (const Json& wide : section.at("reduce_wide")) {
    auto bytes = test::parse_bytes(wide.at("bytes"));
    ASSERT_EQ(bytes.size(), 64u);
    EXPECT_EQ(F::from_wide_bytes_be(std::span<const uint8_t, 64>(bytes.data(), 64)),
              parse_field<F>(wide.at("value")));
  }
}

TEST(FieldKnownAnswers, Fq) { check_prime_field_ops<Fq>(bn254_vectors().at("fq")); }
TEST(FieldKnownAnswers, Fr) { check_prime_field_ops<Fr>(bn254_vectors().at("fr")); }

TEST(FieldKnownAnswers, FrRootOfUnity) {
  const Json& fr = bn254_vectors().at("fr");
  EXPECT_EQ(fr.at("two_adicity").get<unsigned>(), FrConfig::kTwoAdicity);
  EXPECT_EQ(Fr::two_adic_root_of_unity(), parse_field<Fr>(fr.at("root_of_unity_2_28")));
}

TEST(FieldKnownAnswers, Fq2) {
  const Json& ops = bn254_vectors().at("fq2").at("ops");
  ASSERT_GE(ops.size(), 32u);
  for (const Json& op : ops) {
    const Fq2 a = parse_fq2(op.at("a"));
    const Fq2 b = parse_fq2(op.at("b"));
    EXPECT_EQ(a + b, parse_fq2(op.at("add")));
    EXPECT_EQ(a - b, parse_fq2(op.at("sub")));
    EXPECT_EQ(a * b, parse_fq2(op.at("mul")));
    EXPECT_EQ(a.squared(), parse_fq2(op.at("sqr_a")));
    EXPECT_EQ(-a, parse_fq2(op.at("neg_a")));
    EXPECT_EQ(a.frobenius(), parse_fq2(op.at("frobenius_a")));
    if (!op.at("inv_a").is_null()) {
      EXPECT_EQ(a.inverse(), parse_fq2(op.at("inv_a")));
    }
    Fq2 root;
    if (op.at("sqrt_a").is_null()) {
      EXPECT_FALSE(a.sqrt(root));
    } else {
      ASSERT_TRUE(a.sqrt(root));
      const Fq2 expected = parse_fq2(op.at("sqrt_a"));
      EXPECT_TRUE(root == expected || root == -expected);
    }
  }
}

}  // namespace
}  // namespace zkfl::plonk
