#include "training/torch/accuracy_experiment.hpp"

#include <cmath>

#include "training/data_split.hpp"
#include "training/torch/float_step.hpp"
#include "training/torch/reference_step.hpp"

namespace zkfl::training {
namespace {

// Uniform double in [−bound, bound) from 53 random bits.
double uniform_symmetric(plonk::Rng& rng, double bound) {
  const double u = static_cast<double>(rng.next_u64() >> 11) * 0x1.0p-53;
  return (2 * u - 1) * bound;
}

Result<QuantizedModel> train_quantized(const ModelShape& shape, const Hyper& hyper, QuantizedModel model,
                                       const QuantizedDataset& train, const std::vector<std::vector<int64_t>>& batches) {
  for (size_t i = 0; i < batches.size(); ++i) {
    auto next = reference_step(shape, hyper, model, gather_batch(train, batches[i]));
    if (!next) return Status::error("quantized training step " + std::to_string(i) + ": " + next.error());
    model = std::move(next).value();
  }
  return model;
}

}  // namespace

AccuracyConfig breast_cancer_experiment(const std::string& data_dir) {
  return AccuracyConfig{
      .name = "breast_cancer",
      .csv_path = data_dir + "/breast_cancer.csv",
      .schema = CsvSchema{.num_classes = 2, .num_features = 30},
      .shape = ModelShape{{30, 1}, OutputKind::kSigmoid},
      .learning_rate = 0.25,
      .batch_size = 32,
      .epochs = 30,
      .seed = 1,
  };
}

AccuracyConfig digits_experiment(const std::string& data_dir) {
  return AccuracyConfig{
      .name = "digits",
      .csv_path = data_dir + "/digits.csv",
      .schema = CsvSchema{.num_classes = 10, .num_features = 64},
      .shape = ModelShape{{64, 32, 10}, OutputKind::kSoftmax},
      .learning_rate = 0.25,
      .batch_size = 32,
      .epochs = 30,
      .seed = 1,
  };
}

QuantizedModel initial_model(const ModelShape& shape, uint64_t seed) {
  plonk::DeterministicRng rng = seeded_rng("zkfl/initial_model", seed);
  QuantizedModel model = QuantizedModel::zeros(shape);
  for (auto& layer : model.layers) {
    const double bound = std::sqrt(6.0 / static_cast<double>(layer.rows - 1 + layer.cols));
    for (int64_t r = 0; r + 1 < layer.rows; ++r) {
      for (int64_t c = 0; c < layer.cols; ++c) layer.at(r, c) = quantize(uniform_symmetric(rng, bound), kValueBits);
    }
  }
  return model;
}

Result<AccuracyResult> run_accuracy_experiment(const AccuracyConfig& config) {
  if (Status s = config.shape.validate(); !s) return s;
  auto lr_q = quantize_learning_rate(config.learning_rate);
  if (!lr_q) return lr_q.status();
  if (std::ldexp(static_cast<double>(*lr_q), -kFractionBits) != config.learning_rate) {
    return Status::error("learning rate " + std::to_string(config.learning_rate) + " is not a multiple of 1/" +
                         std::to_string(kOne) + "; the float and quantized runs would use different rates");
  }
  const Hyper hyper{*lr_q, config.batch_size, 1};
  if (Status s = hyper.validate(); !s) return s;

  auto raw = load_csv(config.csv_path, config.schema);
  if (!raw) return raw.status();
  auto split = train_test_split(raw->rows, config.seed);
  if (!split) return split.status();
  auto standardizer = Standardizer::fit(*raw, split->train);
  if (!standardizer) return standardizer.status();
  auto standardized = standardizer->apply(*raw);
  if (!standardized) return standardized.status();

  const RawDataset train_float = select_rows(*standardized, split->train);
  const RawDataset test_float = select_rows(*standardized, split->test);
  const QuantizedDataset quantized = quantize_dataset(*standardized);
  const QuantizedDataset train_q = select_rows(quantized, split->train);
  const QuantizedDataset test_q = select_rows(quantized, split->test);

  auto batches = epoch_batches(train_q.rows, config.batch_size, config.epochs, config.seed);
  if (!batches) return batches.status();
  const QuantizedModel init = initial_model(config.shape, config.seed);

  AccuracyResult result;
  result.train_rows = train_q.rows;
  result.test_rows = test_q.rows;
  result.steps = static_cast<int64_t>(batches->size());

  auto trained_q = train_quantized(config.shape, hyper, init, train_q, *batches);
  if (!trained_q) return trained_q.status();
  auto acc_q = reference_accuracy(config.shape, *trained_q, test_q);
  if (!acc_q) return acc_q.status();
  result.quantized = *acc_q;

  const FloatModel init_float = FloatModel::dequantize(init);
  const auto float_run = [&](const RawDataset& train, const RawDataset& test, FloatPrecision precision) -> Result<double> {
    auto trained = float_training(config.shape, config.learning_rate, init_float, train, *batches, precision);
    if (!trained) return trained.status();
    return float_accuracy(config.shape, *trained, test, precision);
  };
  auto acc32 = float_run(train_float, test_float, FloatPrecision::kFloat32);
  if (!acc32) return acc32.status();
  auto acc64 = float_run(train_float, test_float, FloatPrecision::kFloat64);
  if (!acc64) return acc64.status();

  // The same float training on the features the quantized run sees (x_q / 2^F):
  // separates the cost of quantizing the data from that of the integer arithmetic.
  RawDataset dequantized = *standardized;
  for (size_t i = 0; i < dequantized.x.size(); ++i) dequantized.x[i] = std::ldexp(static_cast<double>(quantized.x[i]), -kFractionBits);
  auto acc_dq = float_run(select_rows(dequantized, split->train), select_rows(dequantized, split->test),
                          FloatPrecision::kFloat32);
  if (!acc_dq) return acc_dq.status();

  result.float32 = *acc32;
  result.float64 = *acc64;
  result.float32_quantized_inputs = *acc_dq;
  return result;
}

}  // namespace zkfl::training
