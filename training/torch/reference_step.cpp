// The integer step on int64 tensors. Every division is an explicit floor
// division (at::div with rounding_mode "floor"), never C++'s truncation, so
// negative values round exactly as docs/QUANTIZATION.md says.
#include "training/torch/reference_step.hpp"

#include <ATen/ATen.h>

#include <exception>
#include <string>

namespace zkfl::training {
namespace {

using at::Tensor;

Tensor to_tensor(const std::vector<int64_t>& values, int64_t rows, int64_t cols) {
  return at::from_blob(const_cast<int64_t*>(values.data()), {rows, cols}, at::kLong).clone();
}

std::vector<int64_t> to_vector(const Tensor& t) {
  const Tensor c = t.contiguous();
  const int64_t* p = c.data_ptr<int64_t>();
  return std::vector<int64_t>(p, p + c.numel());
}

Tensor floor_div(const Tensor& v, int64_t d) { return at::div(v, d, "floor"); }

// round_shift(v, s) = floor((v + 2^(s−1)) / 2^s).
Tensor round_shift(const Tensor& v, int s) { return floor_div(v + (int64_t{1} << (s - 1)), int64_t{1} << s); }

// round_div(v, d) = floor((v + floor(d/2)) / d) for d > 0, element-wise (d broadcasts).
Tensor round_div(const Tensor& v, const Tensor& d) { return at::div(v + floor_div(d, 2), d, "floor"); }

// Ok when every entry of the 2-D tensor t lies in [-2^bits, 2^bits); else an
// error naming the first entry outside as name[row][col].
Status check_range(const Tensor& t, int bits, const std::string& name) {
  const int64_t lo = -(int64_t{1} << bits);
  const int64_t hi = int64_t{1} << bits;
  const Tensor outside = at::logical_or(t < lo, t >= hi);
  if (!outside.any().item<bool>()) return Status::ok();
  const Tensor where = outside.nonzero();
  const int64_t r = where[0][0].item<int64_t>();
  const int64_t c = where[0][1].item<int64_t>();
  return check_signed_range(t[r][c].item<int64_t>(), bits,
                            name + "[" + std::to_string(r) + "][" + std::to_string(c) + "]");
}

// Â = [A | 2^F·1]: the column of ones (2^F is 1.0) that multiplies the bias row.
Tensor append_ones(const Tensor& a) { return at::cat({a, at::full({a.size(0), 1}, kOne, at::kLong)}, 1); }

Tensor table_tensor(const std::array<int64_t, 256>& table) {
  return at::from_blob(const_cast<int64_t*>(table.data()), {256}, at::kLong).clone();
}

struct Forward {
  std::vector<Tensor> inputs;  // Â_0 … Â_{L−1}
  std::vector<Tensor> masks;   // M_1 … M_{L−1}: [Z_l ≥ 0]
  Tensor output;               // Z_L
};

// Forward pass steps 1–3 for every layer; fails when a Z_l leaves [-2^15, 2^15).
Result<Forward> forward(const std::vector<Tensor>& weights, const Tensor& x) {
  Forward f;
  Tensor a = x;
  for (size_t l = 0; l < weights.size(); ++l) {
    f.inputs.push_back(append_ones(a));
    const Tensor z = round_shift(at::matmul(f.inputs.back(), weights[l]), kFractionBits);
    if (Status s = check_range(z, kValueBits, "Z_" + std::to_string(l + 1)); !s) return s;
    if (l + 1 == weights.size()) {
      f.output = z;
    } else {
      f.masks.push_back((z >= 0).to(at::kLong));
      a = at::clamp_min(z, 0);
    }
  }
  return f;
}

// G_L = p − 2^F·y (sigmoid) or p − 2^F·onehot(y) (softmax), with p from the tables.
Tensor output_gradient(const ModelShape& shape, const Tensor& z, const Tensor& labels) {
  if (shape.output == OutputKind::kSigmoid) {
    const Tensor idx = at::clamp(floor_div(z, int64_t{1} << kTableStepBits), kSigmoidMinIndex, kSigmoidMaxIndex);
    const Tensor p = table_tensor(sigmoid_table()).index_select(0, (idx - kSigmoidMinIndex).flatten()).view_as(z);
    return p - kOne * labels.view({-1, 1});
  }
  const Tensor d = std::get<0>(z.max(1, /*keepdim=*/true)) - z;  // m − z_j ∈ [0, 2^16)
  const Tensor idx = at::clamp_max(floor_div(d, int64_t{1} << kTableStepBits), kExpMaxIndex);
  const Tensor e = table_tensor(exp_table()).index_select(0, idx.flatten()).view_as(z);
  const Tensor sum = e.sum(1, /*keepdim=*/true);  // ≥ EXP[0] > 0: the row's maximum has d = 0
  const Tensor p = round_div(kOne * e, sum);
  return p - kOne * at::one_hot(labels, shape.outputs());
}

std::vector<Tensor> weight_tensors(const QuantizedModel& model) {
  std::vector<Tensor> w;
  for (const auto& layer : model.layers) w.push_back(to_tensor(layer.values, layer.rows, layer.cols));
  return w;
}

Status check_features(const ModelShape& shape, int64_t rows, int64_t features, const std::vector<int64_t>& x,
                      const std::vector<int64_t>& labels) {
  if (features != shape.inputs()) {
    return Status::error("the data has " + std::to_string(features) + " features but the model " + shape.name() +
                         " expects " + std::to_string(shape.inputs()));
  }
  if (x.size() != static_cast<size_t>(rows * features) || labels.size() != static_cast<size_t>(rows)) {
    return Status::error("the data holds " + std::to_string(x.size()) + " feature values and " +
                         std::to_string(labels.size()) + " labels; expected " + std::to_string(rows * features) +
                         " and " + std::to_string(rows));
  }
  for (size_t i = 0; i < x.size(); ++i) {
    if (!in_signed_range(x[i], kFeatureBits)) {
      const auto f = static_cast<int64_t>(i) % features;
      const auto r = static_cast<int64_t>(i) / features;
      return check_signed_range(x[i], kFeatureBits, "feature x[" + std::to_string(r) + "][" + std::to_string(f) + "]");
    }
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= shape.num_classes()) {
      return Status::error("label y[" + std::to_string(i) + "] = " + std::to_string(labels[i]) + " is outside [0, " +
                           std::to_string(shape.num_classes()) + ")");
    }
  }
  return Status::ok();
}

Status check_step_inputs(const ModelShape& shape, const Hyper& hyper, const QuantizedModel& model, const Batch& batch) {
  if (Status s = shape.validate(); !s) return s;
  if (Status s = hyper.validate(); !s) return s;
  if (Status s = model.validate(shape); !s) return s;
  if (batch.rows != hyper.batch_size) {
    return Status::error("the batch has " + std::to_string(batch.rows) + " rows but the batch size is " +
                         std::to_string(hyper.batch_size));
  }
  return check_features(shape, batch.rows, batch.features, batch.x, batch.labels);
}

Result<QuantizedModel> step(const ModelShape& shape, const Hyper& hyper, const QuantizedModel& model,
                            const Batch& batch) {
  const std::vector<Tensor> w = weight_tensors(model);
  const Tensor x = to_tensor(batch.x, batch.rows, batch.features);
  const Tensor y = at::from_blob(const_cast<int64_t*>(batch.labels.data()), {batch.rows}, at::kLong).clone();
  auto fwd = forward(w, x);
  if (!fwd) return fwd.status();

  const size_t layers = w.size();
  std::vector<Tensor> grads(layers);  // dW_l
  Tensor g = output_gradient(shape, fwd->output, y);
  for (size_t l = layers; l-- > 0;) {
    grads[l] = at::matmul(fwd->inputs[l].t(), g);
    if (l == 0) break;
    const Tensor w_no_bias = w[l].narrow(0, 0, w[l].size(0) - 1);
    const Tensor da = round_shift(at::matmul(g, w_no_bias.t()), kFractionBits);
    if (Status s = check_range(da, kValueBits, "dA_" + std::to_string(l)); !s) return s;
    g = da * fwd->masks[l - 1];
  }

  QuantizedModel out = model;
  const Tensor denominator = at::full({1, 1}, hyper.batch_size << (2 * kFractionBits), at::kLong);
  for (size_t l = 0; l < layers; ++l) {
    const Tensor updated = w[l] - round_div(hyper.learning_rate_q * grads[l], denominator);
    if (Status s = check_range(updated, kValueBits, "updated weight W_" + std::to_string(l + 1)); !s) return s;
    out.layers[l].values = to_vector(updated);
  }
  return out;
}

Status torch_failure(const std::exception& e) {
  return Status::error(std::string("LibTorch failed in the integer reference step: ") + e.what());
}

}  // namespace

Result<QuantizedModel> reference_step(const ModelShape& shape, const Hyper& hyper, const QuantizedModel& model,
                                      const Batch& batch) {
  if (Status s = check_step_inputs(shape, hyper, model, batch); !s) return s;
  try {
    return step(shape, hyper, model, batch);
  } catch (const std::exception& e) {
    return torch_failure(e);
  }
}

Result<QuantizedModel> reference_local_training(const ModelShape& shape, const Hyper& hyper,
                                                const QuantizedModel& model, const std::vector<Batch>& batches) {
  if (Status s = hyper.validate(); !s) return s;
  if (static_cast<int64_t>(batches.size()) != hyper.local_steps) {
    return Status::error(std::to_string(batches.size()) + " batches given for " + std::to_string(hyper.local_steps) +
                         " local steps; give one batch per step");
  }
  QuantizedModel current = model;
  for (size_t e = 0; e < batches.size(); ++e) {
    auto next = reference_step(shape, hyper, current, batches[e]);
    if (!next) return Status::error("local step " + std::to_string(e) + ": " + next.error());
    current = std::move(next).value();
  }
  return current;
}

Result<std::vector<int64_t>> reference_predict(const ModelShape& shape, const QuantizedModel& model,
                                               const QuantizedDataset& data) {
  if (Status s = shape.validate(); !s) return s;
  if (Status s = model.validate(shape); !s) return s;
  if (Status s = check_features(shape, data.rows, data.features, data.x, data.labels); !s) return s;
  try {
    auto fwd = forward(weight_tensors(model), to_tensor(data.x, data.rows, data.features));
    if (!fwd) return fwd.status();
    const Tensor& z = fwd->output;
    if (shape.output == OutputKind::kSigmoid) {
      const Tensor idx = at::clamp(floor_div(z, int64_t{1} << kTableStepBits), kSigmoidMinIndex, kSigmoidMaxIndex);
      const Tensor p = table_tensor(sigmoid_table()).index_select(0, (idx - kSigmoidMinIndex).flatten());
      return to_vector((p >= kOne / 2).to(at::kLong));
    }
    // The first maximum of each row (ties go to the lower class).
    const std::vector<int64_t> logits = to_vector(z);
    const int64_t classes = shape.outputs();
    std::vector<int64_t> predicted(static_cast<size_t>(data.rows), 0);
    for (int64_t r = 0; r < data.rows; ++r) {
      for (int64_t j = 1; j < classes; ++j) {
        const auto at_j = static_cast<size_t>(r * classes + j);
        const auto at_best = static_cast<size_t>(r * classes + predicted[static_cast<size_t>(r)]);
        if (logits[at_j] > logits[at_best]) predicted[static_cast<size_t>(r)] = j;
      }
    }
    return predicted;
  } catch (const std::exception& e) {
    return torch_failure(e);
  }
}

Result<double> reference_accuracy(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data) {
  if (data.rows == 0) return Status::error("cannot measure accuracy on an empty dataset");
  auto predicted = reference_predict(shape, model, data);
  if (!predicted) return predicted.status();
  int64_t correct = 0;
  for (int64_t i = 0; i < data.rows; ++i) correct += (*predicted)[static_cast<size_t>(i)] == data.labels[static_cast<size_t>(i)];
  return static_cast<double>(correct) / static_cast<double>(data.rows);
}

}  // namespace zkfl::training
