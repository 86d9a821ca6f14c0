// The columns, gates and lookups of the training-step circuit
// (docs/STEP_CIRCUIT.md). One StepColumns is built by configure(); the
// gadgets place cells in it.
//
// Phase-0 advice: six general columns g[0..5] (copyable), three lookup lanes
// l[0..2] (every cell is looked up with the row's tag, so a lane cell is
// either range-checked or zero) and the lane-0 output o (activation tables),
// and the P data columns. Phase-1 advice (after the challenge λ): the Horner
// accumulator acc, the multiplier mul and the dot-product operand opd.
#pragma once

#include <array>
#include <vector>

#include "plonk/circuit/constraint_system.hpp"
#include "training/circuit/lookup_table.hpp"
#include "training/model.hpp"

namespace zkfl::training {

inline constexpr int kLanes = 3;
inline constexpr int kGeneralColumns = 6;

// What configure() needs to know: the constants baked into the gates.
struct StepConstants {
  int64_t learning_rate_q = 0;
  int64_t batch_log2 = 0;   // B = 2^batch_log2
  int64_t data_columns = 0; // P
  int64_t label_position = 0;  // index of the label in a dataset row = n_0
  bool softmax = false;        // softmax output (else sigmoid)
  bool hidden_layers = false;  // ReLU layers, hence back-propagation through masks
};

struct StepColumns {
  std::array<plonk::AdviceColumn, kGeneralColumns> g;
  std::array<plonk::AdviceColumn, kLanes> l;
  plonk::AdviceColumn o;
  std::vector<plonk::AdviceColumn> data;
  plonk::AdviceColumn acc, mul, opd;

  std::array<plonk::FixedColumn, kLanes> tag;
  plonk::FixedColumn key;      // t + 1 on data-table rows
  plonk::FixedColumn cls;      // the class index j on softmax rows
  plonk::FixedColumn konst;    // constants pinned by q_const
  plonk::FixedColumn t_key, t_out;    // the lane table: tag·2^20 + in, out
  plonk::InstanceColumn pub;   // ids, hyper-parameters, W_in, W_out
  plonk::InstanceColumn batch_keys;  // t + 1 of each batch chunk row, at that row

  plonk::Challenge lambda;

  // Selectors, one per gate (docs/STEP_CIRCUIT.md lists them).
  plonk::Selector q_const;            // g0 = konst
  plonk::Selector q_pow_first, q_pow; // acc = λ, acc = acc[-1]·λ
  plonk::Selector q_horner_first;     // acc = g0
  plonk::Selector q_horner_lambda;    // acc = acc[-1]·λ + g0
  plonk::Selector q_horner_mul;       // acc = acc[-1]·mul + g0
  plonk::Selector q_mul_keep;         // mul = mul[-1]
  plonk::Selector q_dot_first, q_dot; // acc = mul·opd, acc = acc[-1] + mul·opd
  plonk::Selector q_freivalds;        // acc[-1] = opd (the dot product equals γ)
  plonk::Selector q_feature_range;    // g0 ∈ [-2^11, 2^11) via lanes
  plonk::Selector q_rescale;          // g1 = round_shift(g0, F), sign g2, relu g3
  plonk::Selector q_mask;             // g5 = g1·g4
  plonk::Selector q_sigmoid_coarsen;  // z = 16·j + r (the row before q_sigmoid)
  plonk::Selector q_sigmoid;          // sigmoid output gradient
  plonk::Selector q_softmax, q_softmax_first, q_softmax_next, q_softmax_last;
  plonk::Selector q_divide, q_divide_next;
  plonk::Selector q_onehot, q_onehot_first, q_onehot_next, q_onehot_last;
  plonk::Selector q_update, q_update_range;

  // Declares every column, gate and lookup.
  static StepColumns configure(plonk::ConstraintSystem& cs, const StepConstants& constants);
};

}  // namespace zkfl::training
