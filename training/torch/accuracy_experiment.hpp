// The quantized-vs-float accuracy experiment (docs/BENCHMARKS.md, "Quantized
// vs float training accuracy"): one dataset, its fixed 80/20 split and
// standardisation, one initial model, one batch order, trained twice — with
// the integer reference step and with the float baseline — and evaluated on
// the held-out rows.
#pragma once

#include <cstdint>
#include <string>

#include "training/dataset.hpp"
#include "training/model.hpp"

namespace zkfl::training {

struct AccuracyConfig {
  std::string name;         // a label for reports, e.g. "breast_cancer"
  std::string csv_path;
  CsvSchema schema;
  ModelShape shape;
  double learning_rate = 0;  // must be a multiple of 2^-F, so both runs use the same η
  int64_t batch_size = 0;
  int64_t epochs = 0;
  uint64_t seed = 0;  // the split, the initial weights and the batch order derive from it
};

struct AccuracyResult {
  int64_t train_rows = 0;
  int64_t test_rows = 0;
  int64_t steps = 0;
  double quantized = 0;         // integer reference step, quantized test data, integer forward
  double float32 = 0;           // float32 baseline on the standardised test data
  double float64 = 0;           // float64 baseline, the same
  double float32_quantized_inputs = 0;  // float32 trained and tested on the dequantized features
};

// Breast cancer, logistic regression 30→1 (sigmoid); `data_dir` holds the bundled CSVs.
AccuracyConfig breast_cancer_experiment(const std::string& data_dir);
// Digits, MLP 64→32→10 (ReLU, softmax).
AccuracyConfig digits_experiment(const std::string& data_dir);

// Glorot-uniform weights, U(±sqrt(6 / (n_in + n_out))), zero biases, quantized
// to F fraction bits; deterministic in `seed`.
QuantizedModel initial_model(const ModelShape& shape, uint64_t seed);

// Loads, splits (train_test_split with config.seed), standardises with the
// training rows, quantizes, draws epoch_batches and trains both ways from
// initial_model(shape, seed). An error when the data cannot be loaded, the
// learning rate is not a multiple of 2^-F, or a quantized step leaves its range.
Result<AccuracyResult> run_accuracy_experiment(const AccuracyConfig& config);

}  // namespace zkfl::training
