// Element-wise gadgets: feature range checks, rescale with ReLU and its
// mask, and the weight update. Each row's remainders and limbs go through
// the lookup lanes (tags = bit widths, docs/STEP_CIRCUIT.md).
#include "training/circuit/gadgets.hpp"

namespace zkfl::training {

void check_features(StepAssigner& s, const std::vector<Num>& xs) {
  const auto& cols = s.cols();
  const int64_t offset = int64_t{1} << kFeatureBits;
  const size_t start = s.take_rows(xs.size(), "feature range");
  for (size_t i = 0; i < xs.size(); ++i) {
    const size_t row = start + i;
    s.check_range(xs[i].v, kFeatureBits, "a feature value");
    const int64_t shifted = xs[i].v + offset;
    s.copy(xs[i], cols.g[0], row);
    s.lane(0, row, 8, shifted & 255);
    s.lane(1, row, kFeatureBits + 1 - 8, (shifted >> 8) & 15);
    s.enable(cols.q_feature_range, row);
  }
}

Rescaled rescale(StepAssigner& s, const Num& u, const std::optional<Num>& mask) {
  const size_t row = s.take_rows(1, "rescale and relu");
  return rescale_at(s, row, s.copy(u, s.cols().g[0], row), mask);
}

Rescaled rescale_at(StepAssigner& s, size_t row, const Num& u, const std::optional<Num>& mask) {
  const auto& cols = s.cols();
  const int64_t q = round_shift(u.v, kFractionBits);
  const int64_t r = u.v + kOne / 2 - kOne * q;
  s.check_range(q, kValueBits, "a rescaled value");
  const int64_t shifted = q + (int64_t{1} << kValueBits);
  const int64_t sign = q >= 0 ? 1 : 0;
  Rescaled out{s.put(cols.g[1], row, q), s.put(cols.g[2], row, sign), s.put(cols.g[3], row, sign * q), std::nullopt};
  s.lane(0, row, 8, r);
  s.lane(1, row, 8, shifted & 255);
  s.lane(2, row, 7, (shifted >> 8) & 127);
  s.enable(cols.q_rescale, row);
  if (mask) {
    const Num m = s.copy(*mask, cols.g[4], row);
    out.masked = s.put(cols.g[5], row, q * m.v);
    s.enable(cols.q_mask, row);
  }
  return out;
}

Num update_at(StepAssigner& s, size_t row, const Num& grad, const Num& w_old, int64_t learning_rate_q,
              int64_t batch_log2, int64_t step_multiplier, bool check_range) {
  const auto& cols = s.cols();
  const int64_t d = int64_t{1} << (2 * kFractionBits + batch_log2);
  const int64_t numerator = learning_rate_q * grad.v;
  const int64_t delta = round_div(numerator, d);
  const int64_t rem = numerator + d / 2 - d * delta;
  const int64_t w_new = w_old.v - step_multiplier * delta;
  s.check_range(w_new, kValueBits, "an updated weight");
  s.copy(w_old, cols.g[1], row);
  const Num out = s.put(cols.g[2], row, w_new);
  s.lane(0, row, 8, rem & 255);
  s.lane(1, row, 8, (rem >> 8) & 255);
  s.lane(2, row, batch_log2, rem >> 16);
  s.enable(cols.q_update, row);
  if (check_range) {
    const size_t range_row = s.take_rows(1, "update");
    const int64_t shifted = w_new + (int64_t{1} << kValueBits);
    s.copy(out, cols.g[0], range_row);
    s.lane(0, range_row, 8, shifted & 255);
    s.lane(1, range_row, 8, (shifted >> 8) & 255);
    s.enable(cols.q_update_range, range_row);
  }
  return out;
}

}  // namespace zkfl::training
