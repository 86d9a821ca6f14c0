// Model shapes, training hyper-parameters and quantized models: the
// vocabulary shared by the integer reference step, the step circuit and the
// federation. A model is a stack of dense layers; layer l maps n_{l-1}
// inputs to n_l outputs with an augmented weight matrix of (n_{l-1} + 1)
// rows (the last row holds the biases) and n_l columns, row-major.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "training/fixed_point.hpp"

namespace zkfl::training {

enum class OutputKind : uint8_t {
  kSigmoid = 1,  // one output, binary cross-entropy; gradient σ(z) − y
  kSoftmax = 2,  // c ≥ 2 outputs, cross-entropy; gradient softmax(z) − onehot(y)
};

// widths = {n_0 (features), n_1, ..., n_L (outputs)}; hidden layers use ReLU.
struct ModelShape {
  std::vector<int64_t> widths;
  OutputKind output = OutputKind::kSigmoid;

  size_t num_layers() const { return widths.empty() ? 0 : widths.size() - 1; }
  int64_t inputs() const { return widths.front(); }
  int64_t outputs() const { return widths.back(); }
  // Number of classes a label may take: 2 for sigmoid, n_L for softmax.
  int64_t num_classes() const { return output == OutputKind::kSigmoid ? 2 : outputs(); }
  // An error unless 1 ≤ L, every width in [1, kMaxWidth], sigmoid has one
  // output and softmax at least two.
  Status validate() const;
  // "30x16x1-sigmoid": a short name for logs and file names.
  std::string name() const;
};

struct Hyper {
  int64_t learning_rate_q = 0;  // learning rate with kFractionBits fraction bits
  int64_t batch_size = 0;       // B
  int64_t local_steps = 0;      // E
  // An error unless 1 ≤ B ≤ kMaxBatchSize, 1 ≤ E ≤ 64 and lr_q in [1, kMaxLearningRateQ].
  Status validate() const;
};

// One layer's augmented weights, row-major (rows = inputs + 1, cols = outputs).
struct LayerWeights {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<int64_t> values;
  int64_t at(int64_t r, int64_t c) const { return values[static_cast<size_t>(r * cols + c)]; }
  int64_t& at(int64_t r, int64_t c) { return values[static_cast<size_t>(r * cols + c)]; }
};

struct QuantizedModel {
  std::vector<LayerWeights> layers;
  // All weights, layer by layer, row-major: the order of public inputs.
  std::vector<int64_t> flatten() const;
  size_t num_parameters() const;
  // An error unless the layers match `shape` and every weight is in [-2^15, 2^15).
  Status validate(const ModelShape& shape) const;
  // Zero weights of the given shape.
  static QuantizedModel zeros(const ModelShape& shape);
  // Glorot-uniform weights (U(±sqrt(6/(fan_in + fan_out)))), zero biases,
  // quantized; the same for the same seed everywhere (SHA-256 counter stream).
  static QuantizedModel glorot(const ModelShape& shape, uint64_t seed);
  // Rebuilds a model of `shape` from flatten()'s order; an error on a size mismatch.
  static Result<QuantizedModel> unflatten(const ModelShape& shape, const std::vector<int64_t>& values);
};

// One batch of quantized data: B rows of n_0 features (row-major) and B labels.
struct Batch {
  int64_t rows = 0;
  int64_t features = 0;
  std::vector<int64_t> x;       // B × n_0, kFractionBits fraction bits, in [-2^11, 2^11)
  std::vector<int64_t> labels;  // in [0, num_classes)
};

}  // namespace zkfl::training
