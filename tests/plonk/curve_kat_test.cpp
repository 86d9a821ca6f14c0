// G1 and G2 against known answers computed by @noble/curves 2.4.0
// (tests/data/bn254_vectors.json): scalar multiplication with full 256-bit
// scalars, addition, both encodings, invalid encodings and (G2) points on the
// twist outside the order-r subgroup.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "plonk/base/hex.hpp"
#include "plonk/curve/complete_projective.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/curve/subgroup.hpp"
#include "test_vectors.hpp"

namespace zkfl::plonk {
namespace {

using test::bn254_vectors;
using test::Json;
using test::parse_bytes;
using test::parse_g1;
using test::parse_g2;
using test::parse_u256;

struct G1Kat {
  using Point = G1;
  using Affine = G1Affine;
  using Config = G1Config;
  static constexpr const char* kSection = "g1";
  static Affine parse(const Json& j) { return parse_g1(j); }
  static Result<Affine> decode(std::span<const uint8_t> b) { return decode_g1(b); }
};
struct G2Kat {
  using Point = G2;
  using Affine = G2Affine;
  using Config = G2Config;
  static constexpr const char* kSection = "g2";
  static Affine parse(const Json& j) { return parse_g2(j); }
  static Result<Affine> decode(std::span<const uint8_t> b) { return decode_g2(b); }
};

template <class K>
class CurveKnownAnswers : public ::testing::Test {};
using Kats = ::testing::Types<G1Kat, G2Kat>;
TYPED_TEST_SUITE(CurveKnownAnswers, Kats);

TYPED_TEST(CurveKnownAnswers, Generator) {
  using K = TypeParam;
  EXPECT_EQ(K::parse(bn254_vectors().at(K::kSection).at("generator")), K::Affine::generator());
}

TYPED_TEST(CurveKnownAnswers, ScalarMultiplication) {
  using K = TypeParam;
  using P = typename K::Point;
  const Json& entries = bn254_vectors().at(K::kSection).at("scalar_mul");
  ASSERT_GE(entries.size(), 24u);
  for (const Json& e : entries) {
    const U256 k = parse_u256(e.at("k"));  // may be ≥ r, up to 2^256 − 1
    const typename K::Affine base_affine = e.contains("base") ? K::parse(e.at("base")) : K::Affine::generator();
    const typename K::Affine expected = K::parse(e.at("point"));
    SCOPED_TRACE("k = " + e.at("k").get<std::string>());
    ASSERT_TRUE(base_affine.is_on_curve());
    ASSERT_TRUE(is_in_subgroup(base_affine));
    const P base(base_affine);
    EXPECT_EQ(base.mul_double_and_add(k).to_affine(), expected);
    EXPECT_EQ(mul_wnaf(base, k).to_affine(), expected);
    const Fr reduced = reduce_scalar(k);
    EXPECT_EQ((base * reduced).to_affine(), expected);
    EXPECT_EQ((base_affine * reduced).to_affine(), expected);
    EXPECT_EQ(mul_secret(base, reduced).to_affine(), expected);
  }
}

TYPED_TEST(CurveKnownAnswers, Addition) {
  using K = TypeParam;
  using P = typename K::Point;
  const Json& entries = bn254_vectors().at(K::kSection).at("add");
  ASSERT_GE(entries.size(), 16u);
  for (const Json& e : entries) {
    const typename K::Affine a = K::parse(e.at("p")), b = K::parse(e.at("q"));
    const typename K::Affine expected = K::parse(e.at("sum"));
    EXPECT_EQ((P(a) + P(b)).to_affine(), expected);
    EXPECT_EQ((P(a) + b).to_affine(), expected);
    using Proj = ProjectivePoint<typename K::Config>;
    EXPECT_EQ((Proj::from_jacobian(P(a)) + Proj::from_jacobian(P(b))).to_jacobian().to_affine(), expected);
  }
}

TYPED_TEST(CurveKnownAnswers, Encodings) {
  using K = TypeParam;
  const Json& entries = bn254_vectors().at(K::kSection).at("encodings");
  ASSERT_GE(entries.size(), 12u);
  for (const Json& e : entries) {
    const typename K::Affine p = K::parse(e.at("point"));
    const std::string uncompressed = e.at("uncompressed").get<std::string>();
    const std::string compressed = e.at("compressed").get<std::string>();
    EXPECT_EQ(to_hex(encode_uncompressed(p)), uncompressed);
    EXPECT_EQ(to_hex(encode_compressed(p)), compressed);
    auto du = K::decode(parse_bytes(e.at("uncompressed")));
    ASSERT_TRUE(du.is_ok()) << du.error();
    EXPECT_EQ(*du, p);
    auto dc = K::decode(parse_bytes(e.at("compressed")));
    ASSERT_TRUE(dc.is_ok()) << dc.error();
    EXPECT_EQ(*dc, p);
  }
}

// The vectors' reason for each invalid encoding, and the words our message must contain.
const std::map<std::string, std::string> kReasonKeyword = {
    {"x not canonical (>= p)", "not canonical"},
    {"not on curve", "not on the"},
    {"x has no square root", "no square root"},
    {"bad flag", "flag"},
};

TYPED_TEST(CurveKnownAnswers, InvalidEncodingsAreRejectedWithTheirReason) {
  using K = TypeParam;
  const Json& entries = bn254_vectors().at(K::kSection).at("invalid");
  ASSERT_GE(entries.size(), 12u);
  std::map<std::string, int> seen;
  for (const Json& e : entries) {
    const std::string reason = e.at("reason").get<std::string>();
    const std::vector<uint8_t> bytes = parse_bytes(e.at("bytes"));
    SCOPED_TRACE(reason + ": " + e.at("bytes").get<std::string>());
    ASSERT_TRUE(kReasonKeyword.count(reason)) << "unknown reason in vectors";
    auto decoded = K::decode(bytes);
    ASSERT_FALSE(decoded.is_ok());
    EXPECT_NE(decoded.error().find(kReasonKeyword.at(reason)), std::string::npos) << decoded.error();
    EXPECT_EQ(decoded.error().rfind(std::string(K::kSection[1] == '1' ? "G1" : "G2"), 0), 0u) << decoded.error();
    ++seen[reason];
  }
  EXPECT_EQ(seen.size(), kReasonKeyword.size());  // every kind of failure is exercised
}

TEST(CurveKnownAnswers, G2PointsInsideTheSubgroup) {
  // Every point the vectors give as a G2 element passes both tests.
  const Json& g2 = bn254_vectors().at("g2");
  std::vector<G2Affine> points;
  for (const Json& e : g2.at("encodings")) points.push_back(parse_g2(e.at("point")));
  for (const Json& e : g2.at("scalar_mul")) {
    points.push_back(parse_g2(e.at("point")));
    if (e.contains("base")) points.push_back(parse_g2(e.at("base")));
  }
  ASSERT_GE(points.size(), 30u);
  for (const G2Affine& p : points) {
    ASSERT_TRUE(p.is_on_curve());
    EXPECT_TRUE(G2(p).mul_double_and_add(Fr::kModulus).is_identity());
    EXPECT_TRUE(is_in_subgroup(p));
  }
}

TEST(CurveKnownAnswers, G2PointsOutsideTheSubgroup) {
  const Json& entries = bn254_vectors().at("g2").at("not_in_subgroup");
  ASSERT_GE(entries.size(), 8u);
  for (const Json& e : entries) {
    const G2Affine p = parse_g2(e);
    ASSERT_TRUE(p.is_on_curve());
    EXPECT_FALSE(is_in_subgroup(p));
    EXPECT_FALSE(is_in_subgroup(G2(p)));
    EXPECT_FALSE(G2(p).mul_double_and_add(Fr::kModulus).is_identity());  // the naive test agrees
    const std::vector<uint8_t> bytes = parse_bytes(e.at("uncompressed"));
    EXPECT_EQ(to_hex(encode_uncompressed(p)), e.at("uncompressed").get<std::string>());
    const auto compressed = encode_compressed(p);
    for (const auto& encoding : {bytes, std::vector<uint8_t>(compressed.begin(), compressed.end())}) {
      auto decoded = decode_g2(encoding);
      ASSERT_FALSE(decoded.is_ok());
      EXPECT_NE(decoded.error().find("not in the order-r subgroup"), std::string::npos) << decoded.error();
    }
  }
}

}  // namespace
}  // namespace zkfl::plonk
