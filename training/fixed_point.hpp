// The fixed-point number format of zkfl's training step (docs/QUANTIZATION.md):
// signed integers with kFractionBits fraction bits, the rounding of every
// rescale, the bounds every value must respect and the activation tables.
// This header is the single definition that the integer reference step, the
// step circuit and the data loaders share.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "plonk/base/status.hpp"

namespace zkfl::training {

using plonk::Result;
using plonk::Status;

// Real value of an integer v: v / 2^kFractionBits.
inline constexpr int kFractionBits = 8;
inline constexpr int64_t kOne = int64_t{1} << kFractionBits;

// Bounds, as half-open signed ranges [-2^bits, 2^bits).
inline constexpr int kFeatureBits = 11;  // features: real [-8, 8)
inline constexpr int kValueBits = 15;    // weights, biases, every rescaled value: real [-128, 128)

// Sigmoid and exp tables: the input is coarsened by floor division by 2^kTableStepBits
// (a step of 1/16 in real terms) and clamped to the table's index range.
inline constexpr int kTableStepBits = 4;
inline constexpr int64_t kSigmoidMinIndex = -128;  // real input -8
inline constexpr int64_t kSigmoidMaxIndex = 127;   // real input just below 8
inline constexpr int64_t kExpMaxIndex = 255;       // exp(-d) for d in [0, 16)

// Largest batch size and learning rate (real) the bounds analysis covers.
inline constexpr int64_t kMaxBatchSize = 1024;
inline constexpr int64_t kMaxLearningRateQ = int64_t{1} << 12;  // real 16
inline constexpr int64_t kMaxWidth = 1024;                     // neurons or features per layer

// floor(v / 2^s): arithmetic shift (rounds toward -infinity). s in [1, 62].
constexpr int64_t floor_shift(int64_t v, int s) { return v >> s; }

// Round half up: floor((v + 2^(s-1)) / 2^s). Every rescale of the step uses it.
constexpr int64_t round_shift(int64_t v, int s) { return (v + (int64_t{1} << (s - 1))) >> s; }

// floor(v / d) for d > 0 (toward -infinity, unlike C++'s `/`).
constexpr int64_t floor_div(int64_t v, int64_t d) {
  const int64_t q = v / d;
  return (v % d != 0 && v < 0) ? q - 1 : q;
}

// Round half up division by a positive constant: floor((v + floor(d/2)) / d).
constexpr int64_t round_div(int64_t v, int64_t d) { return floor_div(v + d / 2, d); }

// True when v lies in [-2^bits, 2^bits).
constexpr bool in_signed_range(int64_t v, int bits) {
  return v >= -(int64_t{1} << bits) && v < (int64_t{1} << bits);
}

// An error naming `what` when v is outside [-2^bits, 2^bits); never wraps.
Status check_signed_range(int64_t v, int bits, const std::string& what);

// Quantizes a real number: round to nearest (half away from zero) of x·2^F,
// then clamp to [-2^bits, 2^bits). Used for data (bits = kFeatureBits) and
// for initial weights (bits = kValueBits).
int64_t quantize(double x, int bits);

// The learning rate as an integer with kFractionBits fraction bits; an error
// unless 1 <= lr_q <= kMaxLearningRateQ.
Result<int64_t> quantize_learning_rate(double lr);

// SIG[i - kSigmoidMinIndex] = round(2^F · σ((16 i + 8) / 2^F)) for i in
// [kSigmoidMinIndex, kSigmoidMaxIndex]: σ at the middle of each 1/16 bucket.
const std::array<int64_t, 256>& sigmoid_table();
// EXP[i] = round(2^F · exp(−(16 i + 8) / 2^F)) for i in [0, kExpMaxIndex].
const std::array<int64_t, 256>& exp_table();

// σ of a value z (F fraction bits): idx = clamp(floor(z / 16), −128, 127); SIG[idx].
int64_t sigmoid_q(int64_t z);
// exp(−d) of d ≥ 0 (F fraction bits): idx = min(floor(d / 16), 255); EXP[idx].
int64_t exp_neg_q(int64_t d);

}  // namespace zkfl::training
