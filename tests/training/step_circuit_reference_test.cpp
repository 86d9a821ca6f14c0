// The step circuit's witness against the LibTorch integer reference
// (training/torch/reference_step), bit for bit, on the bundled real datasets
// with random models, batches and E = 2 local steps.
#include <gtest/gtest.h>

#include "plonk/base/random.hpp"
#include "training/circuit/step_circuit.hpp"
#include "training/dataset.hpp"
#include "training/inference.hpp"
#include "training/torch/reference_step.hpp"

namespace zkfl::training {
namespace {

QuantizedDataset load(const std::string& file, int64_t classes, int64_t rows) {
  auto raw = load_csv(std::string(ZKFL_DATA_DIR) + "/" + file, CsvSchema{classes});
  EXPECT_TRUE(raw.is_ok()) << raw.error();
  std::vector<int64_t> first(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) first[static_cast<size_t>(i)] = i;
  const RawDataset part = select_rows(*raw, first);
  auto scaler = Standardizer::fit(part);
  EXPECT_TRUE(scaler.is_ok());
  return quantize_dataset(*scaler->apply(part));
}

void check_agreement(const ModelShape& shape, const QuantizedDataset& data, uint64_t seed) {
  plonk::DeterministicRng rng(seed);
  const auto draw = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng.next_u64() % static_cast<uint64_t>(hi - lo + 1));
  };
  const StepSpec spec{shape, Hyper{draw(8, 128), 8, 2}, data.rows, 8};
  StepWitness w;
  w.w_in = QuantizedModel::zeros(shape);
  for (auto& l : w.w_in.layers) {
    for (auto& v : l.values) v = draw(-256, 256);
  }
  w.x = data.x;
  w.labels = data.labels;
  std::vector<Batch> batches;
  for (int64_t e = 0; e < 2; ++e) {
    std::vector<int64_t> idx;
    for (int64_t b = 0; b < 8; ++b) idx.push_back(draw(0, data.rows - 1));
    w.indices.insert(w.indices.end(), idx.begin(), idx.end());
    batches.push_back(gather_batch(data, idx));
  }
  auto expected = reference_local_training(shape, spec.hyper, w.w_in, batches);
  StepCircuit circuit(spec, w);
  auto got = circuit.compute_output();
  ASSERT_EQ(expected.is_ok(), got.is_ok()) << (expected.is_ok() ? got.error() : expected.error());
  if (expected.is_ok()) {
    EXPECT_EQ(got->flatten(), expected->flatten()) << shape.name() << " seed " << seed;
  }
}

TEST(StepCircuitReference, BreastCancerLogisticRegressionAndMlp) {
  const QuantizedDataset data = load("breast_cancer.csv", 2, 60);
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    check_agreement(ModelShape{{30, 1}, OutputKind::kSigmoid}, data, seed);
    check_agreement(ModelShape{{30, 8, 1}, OutputKind::kSigmoid}, data, seed + 100);
  }
}

TEST(StepCircuitReference, DigitsSoftmaxMlp) {
  const QuantizedDataset data = load("digits.csv", 10, 60);
  for (uint64_t seed = 1; seed <= 4; ++seed) check_agreement(ModelShape{{64, 12, 10}, OutputKind::kSoftmax}, data, seed);
}

TEST(Inference, PredictionsMatchTheReference) {
  for (const auto& [file, shape] : {std::make_pair(std::string("breast_cancer.csv"), ModelShape{{30, 6, 1}, OutputKind::kSigmoid}),
                                    std::make_pair(std::string("digits.csv"), ModelShape{{64, 8, 10}, OutputKind::kSoftmax})}) {
    const QuantizedDataset data = load(file, shape.num_classes(), 80);
    plonk::DeterministicRng rng(4);
    QuantizedModel m = QuantizedModel::zeros(shape);
    for (auto& l : m.layers) {
      for (auto& v : l.values) v = static_cast<int64_t>(rng.next_u64() % 401) - 200;
    }
    auto ours = predict(shape, m, data);
    auto theirs = reference_predict(shape, m, data);
    ASSERT_TRUE(ours.is_ok() && theirs.is_ok());
    EXPECT_EQ(*ours, *theirs) << file;
    auto acc = accuracy(shape, m, data);
    ASSERT_TRUE(acc.is_ok());
    EXPECT_GE(*acc, 0.0);
    EXPECT_LE(*acc, 1.0);
  }
}

}  // namespace
}  // namespace zkfl::training
