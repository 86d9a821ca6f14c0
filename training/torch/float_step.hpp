// The float baseline: the same models as the integer step (augmented weight
// matrices, ReLU hidden layers, sigmoid or softmax output) trained with
// LibTorch autograd on the matching loss — binary cross-entropy with logits or
// cross-entropy, mean over the batch — and plain SGD. It measures what the
// fixed-point format costs in accuracy. This header exposes no LibTorch type.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "training/dataset.hpp"
#include "training/model.hpp"

namespace zkfl::training {

enum class FloatPrecision : uint8_t {
  kFloat32 = 1,
  kFloat64 = 2,
};

// One layer's augmented weights as real numbers, laid out like LayerWeights.
struct FloatLayer {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<double> values;
};

struct FloatModel {
  std::vector<FloatLayer> layers;
  // Every weight v of `model` as the real number v / 2^F.
  static FloatModel dequantize(const QuantizedModel& model);
};

// A batch of real-valued features (row-major) and labels.
struct FloatBatch {
  int64_t rows = 0;
  int64_t features = 0;
  std::vector<double> x;
  std::vector<int64_t> labels;
};

// The real numbers a quantized batch stands for (x / 2^F).
FloatBatch dequantize_batch(const Batch& batch);
// Rows `indices` of `data`, in that order; every index must be in [0, data.rows).
FloatBatch gather_float_batch(const RawDataset& data, std::span<const int64_t> indices);

// One SGD step W − η·∇L(W) with L the batch mean of the loss, computed in
// `precision`. An error when the shape, model or batch are invalid (wrong sizes,
// a label outside the classes, a non-finite value) or η is not positive.
Result<FloatModel> float_step(const ModelShape& shape, double learning_rate, const FloatModel& model,
                              const FloatBatch& batch, FloatPrecision precision);

// One float_step per entry of `batches`, step i on rows batches[i] of `data`
// (the weights stay in LibTorch between steps). Errors as float_step.
Result<FloatModel> float_training(const ModelShape& shape, double learning_rate, const FloatModel& model,
                                  const RawDataset& data, const std::vector<std::vector<int64_t>>& batches,
                                  FloatPrecision precision);

// Predicted class of every row of `data`: sigmoid output, 1 when z ≥ 0
// (σ(z) ≥ 1/2); softmax, the first argmax of z. Errors as float_step.
Result<std::vector<int64_t>> float_predict(const ModelShape& shape, const FloatModel& model, const RawDataset& data,
                                           FloatPrecision precision);

// Fraction of rows of `data` predicted correctly; an error on an empty dataset or as float_predict.
Result<double> float_accuracy(const ModelShape& shape, const FloatModel& model, const RawDataset& data,
                              FloatPrecision precision);

}  // namespace zkfl::training
