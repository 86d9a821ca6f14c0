#include "training/fixed_point.hpp"

#include <algorithm>
#include <cmath>

namespace zkfl::training {

Status check_signed_range(int64_t v, int bits, const std::string& what) {
  if (in_signed_range(v, bits)) return Status::ok();
  return Status::error(what + " = " + std::to_string(v) + " is outside the quantization range [-2^" +
                       std::to_string(bits) + ", 2^" + std::to_string(bits) +
                       "); lower the learning rate or rescale the data");
}

int64_t quantize(double x, int bits) {
  const double scaled = std::round(x * static_cast<double>(kOne));
  const double lo = -std::ldexp(1.0, bits);
  const double hi = std::ldexp(1.0, bits) - 1;
  return static_cast<int64_t>(std::clamp(scaled, lo, hi));
}

Result<int64_t> quantize_learning_rate(double lr) {
  if (!(lr > 0) || !std::isfinite(lr)) return Status::error("learning rate must be a positive number");
  const auto q = static_cast<int64_t>(std::llround(lr * static_cast<double>(kOne)));
  if (q < 1 || q > kMaxLearningRateQ) {
    return Status::error("learning rate " + std::to_string(lr) + " is outside [1/256, 16]");
  }
  return q;
}

namespace {

std::array<int64_t, 256> make_sigmoid_table() {
  std::array<int64_t, 256> t{};
  for (int64_t i = kSigmoidMinIndex; i <= kSigmoidMaxIndex; ++i) {
    const double x = static_cast<double>((i << kTableStepBits) + (int64_t{1} << (kTableStepBits - 1))) / kOne;
    t[static_cast<size_t>(i - kSigmoidMinIndex)] = std::llround(static_cast<double>(kOne) / (1.0 + std::exp(-x)));
  }
  return t;
}

std::array<int64_t, 256> make_exp_table() {
  std::array<int64_t, 256> t{};
  for (int64_t i = 0; i <= kExpMaxIndex; ++i) {
    const double d = static_cast<double>((i << kTableStepBits) + (int64_t{1} << (kTableStepBits - 1))) / kOne;
    t[static_cast<size_t>(i)] = std::llround(static_cast<double>(kOne) * std::exp(-d));
  }
  return t;
}

}  // namespace

const std::array<int64_t, 256>& sigmoid_table() {
  static const std::array<int64_t, 256> table = make_sigmoid_table();
  return table;
}

const std::array<int64_t, 256>& exp_table() {
  static const std::array<int64_t, 256> table = make_exp_table();
  return table;
}

int64_t sigmoid_q(int64_t z) {
  const int64_t idx = std::clamp(floor_shift(z, kTableStepBits), kSigmoidMinIndex, kSigmoidMaxIndex);
  return sigmoid_table()[static_cast<size_t>(idx - kSigmoidMinIndex)];
}

int64_t exp_neg_q(int64_t d) {
  const int64_t idx = std::min(floor_shift(d, kTableStepBits), kExpMaxIndex);
  return exp_table()[static_cast<size_t>(idx)];
}

}  // namespace zkfl::training
