// The fixed-point primitives: rounding laws, bounds and the activation tables.
#include <gtest/gtest.h>

#include <cmath>

#include "training/fixed_point.hpp"
#include "training/model.hpp"

namespace zkfl::training {
namespace {

TEST(FixedPoint, RoundShiftIsRoundHalfUp) {
  EXPECT_EQ(round_shift(128, 8), 1);   // 0.5 rounds up
  EXPECT_EQ(round_shift(127, 8), 0);
  EXPECT_EQ(round_shift(-128, 8), 0);  // -0.5 rounds up to 0
  EXPECT_EQ(round_shift(-129, 8), -1);
  for (int64_t v = -5000; v <= 5000; v += 7) {
    const int64_t q = round_shift(v, 8);
    const int64_t r = v + 128 - 256 * q;  // the remainder the circuit range-checks
    EXPECT_GE(r, 0);
    EXPECT_LT(r, 256);
  }
}

TEST(FixedPoint, FloorAndRoundDivision) {
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(round_div(5, 10), 1);
  EXPECT_EQ(round_div(-5, 10), 0);
  for (int64_t v = -1000; v <= 1000; ++v) {
    const int64_t d = 37;
    const int64_t q = round_div(v, d);
    const int64_t r = v + d / 2 - d * q;
    EXPECT_GE(r, 0);
    EXPECT_LT(r, d);
  }
}

TEST(FixedPoint, RangesAndQuantization) {
  EXPECT_TRUE(in_signed_range(-32768, 15));
  EXPECT_FALSE(in_signed_range(32768, 15));
  EXPECT_FALSE(check_signed_range(1 << 20, 15, "z").is_ok());
  EXPECT_EQ(quantize(0.5, kFeatureBits), 128);
  EXPECT_EQ(quantize(-100.0, kFeatureBits), -2048);
  EXPECT_EQ(quantize(100.0, kFeatureBits), 2047);
  EXPECT_EQ(quantize_learning_rate(0.1).value(), 26);
  EXPECT_FALSE(quantize_learning_rate(0.0).is_ok());
  EXPECT_FALSE(quantize_learning_rate(100.0).is_ok());
}

TEST(FixedPoint, TablesApproximateTheFunctions) {
  for (int64_t z = -3000; z <= 3000; z += 13) {
    const double expect = 1.0 / (1.0 + std::exp(-static_cast<double>(z) / kOne));
    EXPECT_NEAR(static_cast<double>(sigmoid_q(z)) / kOne, expect, 0.02) << z;
  }
  EXPECT_EQ(sigmoid_q(1 << 14), 256);
  EXPECT_EQ(sigmoid_q(-(1 << 14)), 0);
  for (int64_t d = 0; d <= 4000; d += 11) {
    EXPECT_NEAR(static_cast<double>(exp_neg_q(d)) / kOne, std::exp(-static_cast<double>(d) / kOne), 0.04) << d;
  }
  EXPECT_GT(exp_neg_q(0), 0);  // the softmax denominator is never zero
  EXPECT_EQ(exp_neg_q(1 << 16), 0);
  // Monotone tables.
  for (size_t i = 1; i < 256; ++i) {
    EXPECT_GE(sigmoid_table()[i], sigmoid_table()[i - 1]);
    EXPECT_LE(exp_table()[i], exp_table()[i - 1]);
  }
}

TEST(Model, ShapesAndFlattening) {
  ModelShape shape{{30, 16, 1}, OutputKind::kSigmoid};
  ASSERT_TRUE(shape.validate().is_ok());
  EXPECT_EQ(shape.name(), "30x16x1-sigmoid");
  EXPECT_FALSE((ModelShape{{30, 2}, OutputKind::kSigmoid}).validate().is_ok());
  EXPECT_FALSE((ModelShape{{30, 1}, OutputKind::kSoftmax}).validate().is_ok());
  auto m = QuantizedModel::zeros(shape);
  EXPECT_EQ(m.num_parameters(), 31u * 16 + 17u);
  auto flat = m.flatten();
  flat[5] = 40000;
  auto back = QuantizedModel::unflatten(shape, flat);
  ASSERT_TRUE(back.is_ok());
  EXPECT_FALSE(back->validate(shape).is_ok());
  EXPECT_FALSE(QuantizedModel::unflatten(shape, {1, 2, 3}).is_ok());
}

}  // namespace
}  // namespace zkfl::training
