#include "training/inference.hpp"

#include <algorithm>

namespace zkfl::training {

Result<std::vector<int64_t>> predict(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data) {
  if (Status s = shape.validate(); !s.is_ok()) return s;
  if (Status s = model.validate(shape); !s.is_ok()) return s;
  if (data.features != shape.inputs()) {
    return Status::error("the data has " + std::to_string(data.features) + " features, the model expects " +
                         std::to_string(shape.inputs()));
  }
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(data.rows));
  std::vector<int64_t> a, z;
  for (int64_t r = 0; r < data.rows; ++r) {
    a.assign(data.x.begin() + r * data.features, data.x.begin() + (r + 1) * data.features);
    for (size_t l = 0; l < model.layers.size(); ++l) {
      const LayerWeights& w = model.layers[l];
      z.assign(static_cast<size_t>(w.cols), 0);
      for (int64_t j = 0; j < w.cols; ++j) {
        int64_t u = kOne * w.at(w.rows - 1, j);
        for (int64_t i = 0; i + 1 < w.rows; ++i) u += a[static_cast<size_t>(i)] * w.at(i, j);
        const int64_t q = round_shift(u, kFractionBits);
        if (Status s = check_signed_range(q, kValueBits, "a pre-activation of layer " + std::to_string(l + 1));
            !s.is_ok()) {
          return s;
        }
        z[static_cast<size_t>(j)] = q;
      }
      if (l + 1 < model.layers.size()) {
        a.resize(z.size());
        for (size_t j = 0; j < z.size(); ++j) a[j] = std::max<int64_t>(z[j], 0);
      }
    }
    if (shape.output == OutputKind::kSigmoid) {
      out.push_back(sigmoid_q(z[0]) >= kOne / 2 ? 1 : 0);
    } else {
      out.push_back(static_cast<int64_t>(std::max_element(z.begin(), z.end()) - z.begin()));
    }
  }
  return out;
}

Result<double> accuracy(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data) {
  if (data.rows == 0) return Status::error("accuracy of an empty dataset");
  auto predicted = predict(shape, model, data);
  if (!predicted) return predicted.status();
  int64_t correct = 0;
  for (int64_t r = 0; r < data.rows; ++r) correct += (*predicted)[static_cast<size_t>(r)] == data.labels[static_cast<size_t>(r)];
  return static_cast<double>(correct) / static_cast<double>(data.rows);
}

}  // namespace zkfl::training
