// An independent scalar implementation of docs/QUANTIZATION.md's integer step
// (plain loops, no circuit code), for bit-exact comparisons in tests.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "training/fixed_point.hpp"
#include "training/model.hpp"

namespace zkfl::training::testing {

// One step; nullopt when a bounded value leaves its range.
inline std::optional<QuantizedModel> scalar_step(const ModelShape& shape, const Hyper& h, const QuantizedModel& model,
                                                 const std::vector<std::vector<int64_t>>& x,
                                                 const std::vector<int64_t>& y) {
  const size_t L = shape.num_layers();
  const int64_t B = static_cast<int64_t>(x.size());
  using Mat = std::vector<std::vector<int64_t>>;
  std::vector<Mat> acts{x}, zs, masks;
  for (size_t l = 0; l < L; ++l) {
    const auto& W = model.layers[l];
    Mat z(B, std::vector<int64_t>(W.cols)), a = z, m = z;
    for (int64_t b = 0; b < B; ++b) {
      for (int64_t j = 0; j < W.cols; ++j) {
        int64_t u = kOne * W.at(W.rows - 1, j);
        for (int64_t i = 0; i + 1 < W.rows; ++i) u += acts[l][b][i] * W.at(i, j);
        const int64_t q = round_shift(u, kFractionBits);
        if (!in_signed_range(q, kValueBits)) return std::nullopt;
        z[b][j] = q;
        a[b][j] = std::max<int64_t>(q, 0);
        m[b][j] = q >= 0;
      }
    }
    zs.push_back(z);
    acts.push_back(a);
    masks.push_back(m);
  }
  const int64_t c = shape.outputs();
  Mat g(B, std::vector<int64_t>(c));
  for (int64_t b = 0; b < B; ++b) {
    const auto& z = zs[L - 1][b];
    if (shape.output == OutputKind::kSigmoid) {
      g[b][0] = sigmoid_q(z[0]) - kOne * y[b];
    } else {
      const int64_t mx = *std::max_element(z.begin(), z.end());
      std::vector<int64_t> e(c);
      int64_t S = 0;
      for (int64_t j = 0; j < c; ++j) S += (e[j] = exp_neg_q(mx - z[j]));
      for (int64_t j = 0; j < c; ++j) g[b][j] = round_div(kOne * e[j], S) - (j == y[b] ? kOne : 0);
    }
  }
  QuantizedModel out = model;
  std::vector<Mat> dws(L);
  for (size_t l = L; l-- > 0;) {
    const auto& W = model.layers[l];
    Mat dw(W.rows, std::vector<int64_t>(W.cols, 0));
    for (int64_t i = 0; i < W.rows; ++i) {
      for (int64_t j = 0; j < W.cols; ++j) {
        for (int64_t b = 0; b < B; ++b) dw[i][j] += (i + 1 == W.rows ? kOne : acts[l][b][i]) * g[b][j];
      }
    }
    dws[l] = dw;
    if (l > 0) {
      Mat prev(B, std::vector<int64_t>(W.rows - 1));
      for (int64_t b = 0; b < B; ++b) {
        for (int64_t i = 0; i + 1 < W.rows; ++i) {
          int64_t s = 0;
          for (int64_t j = 0; j < W.cols; ++j) s += g[b][j] * W.at(i, j);
          const int64_t q = round_shift(s, kFractionBits);
          if (!in_signed_range(q, kValueBits)) return std::nullopt;
          prev[b][i] = q * masks[l - 1][b][i];
        }
      }
      g = prev;
    }
  }
  for (size_t l = 0; l < L; ++l) {
    auto& W = out.layers[l];
    for (int64_t i = 0; i < W.rows; ++i) {
      for (int64_t j = 0; j < W.cols; ++j) {
        W.at(i, j) -= round_div(h.learning_rate_q * dws[l][i][j], B * kOne * kOne);
        if (!in_signed_range(W.at(i, j), kValueBits)) return std::nullopt;
      }
    }
  }
  return out;
}

}  // namespace zkfl::training::testing
