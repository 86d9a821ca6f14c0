// The gadgets of the step circuit (docs/STEP_CIRCUIT.md). Each places its
// rows through a StepAssigner, computes its outputs from its inputs' integer
// values, and constrains them with the gates of StepColumns.
#pragma once

#include <functional>
#include <optional>

#include "training/circuit/step_assigner.hpp"

namespace zkfl::training {

// C = A·B for A (a×b) and B (b×c), checked Freivalds-style with the
// challenge λ drawn after A, B and C are committed:
//   Σ_k (Σ_i λ^{c(a−1−i)} A_ik)·(Σ_j λ^{c−1−j} B_kj) = Σ_{i,j} λ^{c(a−1−i)+c−1−j} C_ij.
// Returns C's cells (exact integer products). `tamper` may alter C's
// values before they are placed (adversarial provers in tests).
// `on_entry(row, c, index)` runs for each entry of C on the row that holds it
// in column g0, so element-wise gadgets can share that row.
using EntryHook = std::function<void(size_t row, const Num& c, size_t index)>;
NumMatrix matmul(StepAssigner& s, const NumMatrix& a, const NumMatrix& b,
                 const std::function<void(std::vector<int64_t>&)>& tamper = {}, const EntryHook& on_entry = {});

// Range checks of batch features: each x ∈ [-2^11, 2^11), two per row.
void check_features(StepAssigner& s, const std::vector<Num>& xs);

struct Rescaled {
  Num q;     // round_shift(u, F) ∈ [-2^15, 2^15)
  Num sign;  // [q ≥ 0]
  Num relu;  // max(q, 0)
  std::optional<Num> masked;  // q·mask when a mask was given
};
// Rescales a raw product (2F fraction bits) to F fraction bits, on a new row.
Rescaled rescale(StepAssigner& s, const Num& u, const std::optional<Num>& mask = std::nullopt);
// The same on `row`, whose g0 already holds u.
Rescaled rescale_at(StepAssigner& s, size_t row, const Num& u, const std::optional<Num>& mask = std::nullopt);

// Sigmoid output gradient for one sample: σ(z) − 2^F·y with y ∈ {0, 1}.
Num sigmoid_gradient(StepAssigner& s, const Num& z, const Num& label);

// Softmax output gradient for one sample: softmax(z) − 2^F·onehot(y).
std::vector<Num> softmax_gradient(StepAssigner& s, const std::vector<Num>& z, const Num& label);

// W_new = W_old − round_div(lr·dW, B·2^(2F)), W_new ∈ [-2^15, 2^15).
// `step_multiplier` ≠ 1 makes the witness apply m times the step (adversarial
// provers in tests: 0 skips the step, 2 scales it).
// On `row`, whose g0 already holds dW. With `check_range` a second row
// range-checks W_new (not needed for the last step: W_out is public and the
// verifier checks its range).
Num update_at(StepAssigner& s, size_t row, const Num& grad, const Num& w_old, int64_t learning_rate_q,
              int64_t batch_log2, int64_t step_multiplier, bool check_range);

}  // namespace zkfl::training
