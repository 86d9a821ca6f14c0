#include "training/model.hpp"

#include <cmath>

#include "plonk/base/random.hpp"

namespace zkfl::training {

Status ModelShape::validate() const {
  if (widths.size() < 2) return Status::error("a model needs at least an input and an output width");
  for (int64_t w : widths) {
    if (w < 1 || w > kMaxWidth) {
      return Status::error("layer width " + std::to_string(w) + " is outside [1, " + std::to_string(kMaxWidth) + "]");
    }
  }
  if (output == OutputKind::kSigmoid && outputs() != 1) return Status::error("a sigmoid output has exactly one unit");
  if (output == OutputKind::kSoftmax && outputs() < 2) return Status::error("a softmax output needs at least two units");
  if (output != OutputKind::kSigmoid && output != OutputKind::kSoftmax) return Status::error("unknown output kind");
  return Status::ok();
}

std::string ModelShape::name() const {
  std::string s;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) s.push_back('x');
    s.append(std::to_string(widths[i]));
  }
  return s + (output == OutputKind::kSigmoid ? "-sigmoid" : "-softmax");
}

Status Hyper::validate() const {
  if (batch_size < 1 || batch_size > kMaxBatchSize) {
    return Status::error("batch size must be in [1, " + std::to_string(kMaxBatchSize) + "]");
  }
  if (local_steps < 1 || local_steps > 64) return Status::error("local steps must be in [1, 64]");
  if (learning_rate_q < 1 || learning_rate_q > kMaxLearningRateQ) {
    return Status::error("quantized learning rate must be in [1, " + std::to_string(kMaxLearningRateQ) + "]");
  }
  return Status::ok();
}

std::vector<int64_t> QuantizedModel::flatten() const {
  std::vector<int64_t> out;
  for (const auto& l : layers) out.insert(out.end(), l.values.begin(), l.values.end());
  return out;
}

size_t QuantizedModel::num_parameters() const {
  size_t n = 0;
  for (const auto& l : layers) n += l.values.size();
  return n;
}

Status QuantizedModel::validate(const ModelShape& shape) const {
  if (layers.size() != shape.num_layers()) return Status::error("model has the wrong number of layers");
  for (size_t l = 0; l < layers.size(); ++l) {
    const auto& w = layers[l];
    if (w.rows != shape.widths[l] + 1 || w.cols != shape.widths[l + 1] ||
        w.values.size() != static_cast<size_t>(w.rows * w.cols)) {
      return Status::error("layer " + std::to_string(l) + " does not match the model shape " + shape.name());
    }
    for (int64_t v : w.values) {
      if (!in_signed_range(v, kValueBits)) {
        return check_signed_range(v, kValueBits, "a weight of layer " + std::to_string(l));
      }
    }
  }
  return Status::ok();
}

QuantizedModel QuantizedModel::zeros(const ModelShape& shape) {
  QuantizedModel m;
  for (size_t l = 0; l + 1 < shape.widths.size(); ++l) {
    LayerWeights w{shape.widths[l] + 1, shape.widths[l + 1], {}};
    w.values.assign(static_cast<size_t>(w.rows * w.cols), 0);
    m.layers.push_back(std::move(w));
  }
  return m;
}

QuantizedModel QuantizedModel::glorot(const ModelShape& shape, uint64_t seed) {
  plonk::DeterministicRng rng(seed ^ 0x7a6b666c696e6974ull);
  QuantizedModel m = zeros(shape);
  for (auto& w : m.layers) {
    const double limit = std::sqrt(6.0 / static_cast<double>(w.rows - 1 + w.cols));
    for (int64_t r = 0; r + 1 < w.rows; ++r) {
      for (int64_t c = 0; c < w.cols; ++c) {
        const double u = static_cast<double>(rng.next_u64() >> 11) / 9007199254740992.0;  // [0, 1)
        w.at(r, c) = quantize((2 * u - 1) * limit, kValueBits);
      }
    }
  }
  return m;
}

Result<QuantizedModel> QuantizedModel::unflatten(const ModelShape& shape, const std::vector<int64_t>& values) {
  QuantizedModel m = zeros(shape);
  if (values.size() != m.num_parameters()) {
    return Status::error("expected " + std::to_string(m.num_parameters()) + " weights, got " +
                         std::to_string(values.size()));
  }
  size_t at = 0;
  for (auto& l : m.layers) {
    for (auto& v : l.values) v = values[at++];
  }
  return m;
}

}  // namespace zkfl::training
