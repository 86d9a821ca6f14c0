// The accuracy targets: training with the integer step (F = 8) reaches the
// test accuracy of the float32 baseline within 1 percentage point on breast
// cancer (logistic regression) and within 2 points on digits (MLP 64→32→10),
// with the same split, initial weights, batch order and hyper-parameters.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "training/torch/accuracy_experiment.hpp"

namespace zkfl::training {
namespace {

const std::string kDataDir = ZKFL_DATA_DIR;

void report(const std::string& name, const AccuracyResult& r) {
  std::printf("%s: quantized %.2f%%, float32 %.2f%%, float64 %.2f%%, float32 on quantized inputs %.2f%% (%lld steps)\n",
              name.c_str(), 100 * r.quantized, 100 * r.float32, 100 * r.float64, 100 * r.float32_quantized_inputs,
              static_cast<long long>(r.steps));
}

TEST(Accuracy, BreastCancerQuantizedWithinOnePointOfFloat) {
  const AccuracyConfig config = breast_cancer_experiment(kDataDir);
  const auto r = run_accuracy_experiment(config);
  ASSERT_TRUE(r.is_ok()) << r.error();
  report(config.name, *r);
  EXPECT_EQ(r->train_rows, 455);
  EXPECT_EQ(r->test_rows, 114);
  // Both runs actually learned (a broken trainer would not pass the gap check by failing both).
  EXPECT_GE(r->float32, 0.95);
  EXPECT_GE(r->quantized, 0.95);
  EXPECT_LE(std::abs(r->quantized - r->float32), 0.01);
}

TEST(Accuracy, DigitsQuantizedWithinTwoPointsOfFloat) {
  const AccuracyConfig config = digits_experiment(kDataDir);
  const auto r = run_accuracy_experiment(config);
  ASSERT_TRUE(r.is_ok()) << r.error();
  report(config.name, *r);
  EXPECT_EQ(r->train_rows, 1438);
  EXPECT_EQ(r->test_rows, 359);
  EXPECT_GE(r->float32, 0.93);
  EXPECT_GE(r->quantized, 0.93);
  EXPECT_LE(std::abs(r->quantized - r->float32), 0.02);
}

TEST(Accuracy, InitialModelIsDeterministicAndInRange) {
  const ModelShape shape{{64, 32, 10}, OutputKind::kSoftmax};
  const QuantizedModel a = initial_model(shape, 1);
  ASSERT_TRUE(a.validate(shape).is_ok());
  EXPECT_EQ(a.flatten(), initial_model(shape, 1).flatten());
  EXPECT_NE(a.flatten(), initial_model(shape, 2).flatten());
  // Glorot bound for 64→32: sqrt(6/96) = 0.25, i.e. 64 in F = 8; biases start at 0.
  for (const auto& layer : a.layers) {
    const double bound = std::sqrt(6.0 / static_cast<double>(layer.rows - 1 + layer.cols)) * kOne;
    for (int64_t c = 0; c < layer.cols; ++c) EXPECT_EQ(layer.at(layer.rows - 1, c), 0);
    for (int64_t v : layer.values) EXPECT_LE(std::abs(static_cast<double>(v)), bound + 0.5);
  }
}

TEST(Accuracy, ConfigurationErrors) {
  AccuracyConfig config = breast_cancer_experiment(kDataDir);
  config.learning_rate = 0.1;  // 25.6 / 256: the quantized run could not use the same rate
  const auto lr = run_accuracy_experiment(config);
  ASSERT_FALSE(lr.is_ok());
  EXPECT_NE(lr.error().find("not a multiple of 1/256"), std::string::npos) << lr.error();
  config = breast_cancer_experiment("/nonexistent");
  const auto missing = run_accuracy_experiment(config);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.error().find("no such file"), std::string::npos) << missing.error();
}

}  // namespace
}  // namespace zkfl::training
