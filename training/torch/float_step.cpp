// The float baseline on LibTorch autograd.
#include "training/torch/float_step.hpp"

#include <ATen/ATen.h>

#include <cassert>
#include <cmath>
#include <exception>
#include <string>

namespace zkfl::training {
namespace {

using at::Tensor;

at::ScalarType dtype_of(FloatPrecision precision) {
  return precision == FloatPrecision::kFloat64 ? at::kDouble : at::kFloat;
}

Tensor to_tensor(const std::vector<double>& values, int64_t rows, int64_t cols, FloatPrecision precision) {
  // copy = true: the tensor must own its memory, never alias (and update) the caller's vector.
  return at::from_blob(const_cast<double*>(values.data()), {rows, cols}, at::kDouble)
      .to(dtype_of(precision), /*non_blocking=*/false, /*copy=*/true);
}

std::vector<double> to_vector(const Tensor& t) {
  const Tensor c = t.detach().to(at::kDouble).contiguous();
  const double* p = c.data_ptr<double>();
  return std::vector<double>(p, p + c.numel());
}

Tensor labels_tensor(const std::vector<int64_t>& labels) {
  return at::from_blob(const_cast<int64_t*>(labels.data()), {static_cast<int64_t>(labels.size())}, at::kLong).clone();
}

Status check_model(const ModelShape& shape, const FloatModel& model) {
  if (Status s = shape.validate(); !s) return s;
  if (model.layers.size() != shape.num_layers()) return Status::error("the float model has the wrong number of layers");
  for (size_t l = 0; l < model.layers.size(); ++l) {
    const FloatLayer& w = model.layers[l];
    if (w.rows != shape.widths[l] + 1 || w.cols != shape.widths[l + 1] ||
        w.values.size() != static_cast<size_t>(w.rows * w.cols)) {
      return Status::error("layer " + std::to_string(l) + " of the float model does not match the shape " + shape.name());
    }
    for (double v : w.values) {
      if (!std::isfinite(v)) return Status::error("layer " + std::to_string(l) + " of the float model holds a non-finite weight");
    }
  }
  return Status::ok();
}

Status check_data(const ModelShape& shape, int64_t rows, int64_t features, const std::vector<double>& x,
                  const std::vector<int64_t>& labels) {
  if (features != shape.inputs()) {
    return Status::error("the data has " + std::to_string(features) + " features but the model " + shape.name() +
                         " expects " + std::to_string(shape.inputs()));
  }
  if (x.size() != static_cast<size_t>(rows * features) || labels.size() != static_cast<size_t>(rows)) {
    return Status::error("the data's feature or label count does not match its number of rows");
  }
  for (double v : x) {
    if (!std::isfinite(v)) return Status::error("the data holds a non-finite feature value");
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= shape.num_classes()) {
      return Status::error("label y[" + std::to_string(i) + "] = " + std::to_string(labels[i]) + " is outside [0, " +
                           std::to_string(shape.num_classes()) + ")");
    }
  }
  return Status::ok();
}

std::vector<Tensor> parameters(const FloatModel& model, FloatPrecision precision) {
  std::vector<Tensor> w;
  for (const auto& layer : model.layers) {
    w.push_back(to_tensor(layer.values, layer.rows, layer.cols, precision).requires_grad_(true));
  }
  return w;
}

FloatModel from_parameters(const std::vector<Tensor>& w) {
  FloatModel m;
  for (const auto& t : w) m.layers.push_back(FloatLayer{t.size(0), t.size(1), to_vector(t)});
  return m;
}

// z = the output layer's pre-activation: Â_l = [A_l | 1], Z_l = Â_l·W_l, A_l = ReLU(Z_l) for hidden layers.
Tensor logits(const std::vector<Tensor>& w, const Tensor& x) {
  Tensor a = x;
  for (size_t l = 0; l < w.size(); ++l) {
    const Tensor a_hat = at::cat({a, at::ones({a.size(0), 1}, a.options())}, 1);
    const Tensor z = at::matmul(a_hat, w[l]);
    if (l + 1 == w.size()) return z;
    a = at::relu(z);
  }
  assert(false && "a model has at least one layer");
  return a;
}

// One SGD step on the parameters in place.
void sgd_step(const ModelShape& shape, double learning_rate, std::vector<Tensor>& w, const Tensor& x, const Tensor& y) {
  const Tensor z = logits(w, x);
  const Tensor loss = shape.output == OutputKind::kSigmoid
                          ? at::binary_cross_entropy_with_logits(z.view({-1}), y.to(z.scalar_type()))
                          : at::cross_entropy_loss(z, y);
  loss.backward();
  at::NoGradGuard no_grad;
  for (Tensor& t : w) {
    t.sub_(t.grad() * learning_rate);
    t.mutable_grad().zero_();
  }
}

Status torch_failure(const std::exception& e) {
  return Status::error(std::string("LibTorch failed in the float baseline: ") + e.what());
}

Status check_learning_rate(double learning_rate) {
  if (!(learning_rate > 0) || !std::isfinite(learning_rate)) return Status::error("the learning rate must be a positive number");
  return Status::ok();
}

}  // namespace

FloatModel FloatModel::dequantize(const QuantizedModel& model) {
  FloatModel m;
  for (const auto& layer : model.layers) {
    FloatLayer f{layer.rows, layer.cols, {}};
    for (int64_t v : layer.values) f.values.push_back(std::ldexp(static_cast<double>(v), -kFractionBits));
    m.layers.push_back(std::move(f));
  }
  return m;
}

FloatBatch dequantize_batch(const Batch& batch) {
  FloatBatch f{batch.rows, batch.features, {}, batch.labels};
  for (int64_t v : batch.x) f.x.push_back(std::ldexp(static_cast<double>(v), -kFractionBits));
  return f;
}

FloatBatch gather_float_batch(const RawDataset& data, std::span<const int64_t> indices) {
  RawDataset rows = select_rows(data, indices);
  return FloatBatch{rows.rows, rows.features, std::move(rows.x), std::move(rows.labels)};
}

Result<FloatModel> float_step(const ModelShape& shape, double learning_rate, const FloatModel& model,
                              const FloatBatch& batch, FloatPrecision precision) {
  if (Status s = check_learning_rate(learning_rate); !s) return s;
  if (Status s = check_model(shape, model); !s) return s;
  if (Status s = check_data(shape, batch.rows, batch.features, batch.x, batch.labels); !s) return s;
  if (batch.rows < 1) return Status::error("a training batch needs at least one row");
  try {
    std::vector<Tensor> w = parameters(model, precision);
    sgd_step(shape, learning_rate, w, to_tensor(batch.x, batch.rows, batch.features, precision), labels_tensor(batch.labels));
    return from_parameters(w);
  } catch (const std::exception& e) {
    return torch_failure(e);
  }
}

Result<FloatModel> float_training(const ModelShape& shape, double learning_rate, const FloatModel& model,
                                  const RawDataset& data, const std::vector<std::vector<int64_t>>& batches,
                                  FloatPrecision precision) {
  if (Status s = check_learning_rate(learning_rate); !s) return s;
  if (Status s = check_model(shape, model); !s) return s;
  if (Status s = check_data(shape, data.rows, data.features, data.x, data.labels); !s) return s;
  for (size_t i = 0; i < batches.size(); ++i) {
    if (batches[i].empty()) return Status::error("batch " + std::to_string(i) + " is empty");
    for (int64_t r : batches[i]) {
      if (r < 0 || r >= data.rows) {
        return Status::error("batch " + std::to_string(i) + " names row " + std::to_string(r) + ", outside the " +
                             std::to_string(data.rows) + " rows of the data");
      }
    }
  }
  try {
    std::vector<Tensor> w = parameters(model, precision);
    const Tensor x = to_tensor(data.x, data.rows, data.features, precision);
    const Tensor y = labels_tensor(data.labels);
    for (const auto& rows : batches) {
      const Tensor index = at::from_blob(const_cast<int64_t*>(rows.data()), {static_cast<int64_t>(rows.size())}, at::kLong);
      sgd_step(shape, learning_rate, w, x.index_select(0, index), y.index_select(0, index));
    }
    return from_parameters(w);
  } catch (const std::exception& e) {
    return torch_failure(e);
  }
}

Result<std::vector<int64_t>> float_predict(const ModelShape& shape, const FloatModel& model, const RawDataset& data,
                                           FloatPrecision precision) {
  if (Status s = check_model(shape, model); !s) return s;
  if (Status s = check_data(shape, data.rows, data.features, data.x, data.labels); !s) return s;
  try {
    at::NoGradGuard no_grad;
    std::vector<Tensor> w;
    for (const auto& layer : model.layers) w.push_back(to_tensor(layer.values, layer.rows, layer.cols, precision));
    const std::vector<double> z = to_vector(logits(w, to_tensor(data.x, data.rows, data.features, precision)));
    const int64_t classes = shape.outputs();
    std::vector<int64_t> predicted(static_cast<size_t>(data.rows), 0);
    for (int64_t r = 0; r < data.rows; ++r) {
      auto& best = predicted[static_cast<size_t>(r)];
      if (shape.output == OutputKind::kSigmoid) {
        best = z[static_cast<size_t>(r)] >= 0 ? 1 : 0;
        continue;
      }
      for (int64_t j = 1; j < classes; ++j) {
        if (z[static_cast<size_t>(r * classes + j)] > z[static_cast<size_t>(r * classes + best)]) best = j;
      }
    }
    return predicted;
  } catch (const std::exception& e) {
    return torch_failure(e);
  }
}

Result<double> float_accuracy(const ModelShape& shape, const FloatModel& model, const RawDataset& data,
                              FloatPrecision precision) {
  if (data.rows == 0) return Status::error("cannot measure accuracy on an empty dataset");
  auto predicted = float_predict(shape, model, data, precision);
  if (!predicted) return predicted.status();
  int64_t correct = 0;
  for (int64_t i = 0; i < data.rows; ++i) correct += (*predicted)[static_cast<size_t>(i)] == data.labels[static_cast<size_t>(i)];
  return static_cast<double>(correct) / static_cast<double>(data.rows);
}

}  // namespace zkfl::training
