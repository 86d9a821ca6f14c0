#include "training/circuit/step_columns.hpp"

#include "training/dataset_link.hpp"

namespace zkfl::training {

using plonk::ConstraintSystem;
using plonk::Expression;
using plonk::Fr;

namespace {

Expression c(int64_t v) { return Expression::constant(v); }

}  // namespace

StepColumns StepColumns::configure(ConstraintSystem& cs, const StepConstants& k) {
  StepColumns s;
  for (auto& col : s.g) {
    col = cs.advice_column(0);
    cs.enable_equality(col.column);
  }
  for (auto& col : s.l) col = cs.advice_column(0);
  s.o = cs.advice_column(0);
  if (k.softmax) cs.enable_equality(s.o.column);  // softmax copies the exp values
  for (int64_t j = 0; j < k.data_columns; ++j) {
    s.data.push_back(cs.advice_column(0));
    cs.enable_equality(s.data.back().column);
  }
  s.lambda = cs.challenge_usable_after(0);
  s.acc = cs.advice_column(1);
  s.mul = cs.advice_column(1);
  s.opd = cs.advice_column(1);
  for (auto* col : {&s.acc, &s.mul, &s.opd}) cs.enable_equality(col->column);

  for (auto& t : s.tag) t = cs.fixed_column();
  s.key = cs.fixed_column();
  if (k.softmax) s.cls = cs.fixed_column();
  s.konst = cs.fixed_column();
  s.t_key = cs.fixed_column();
  s.t_out = cs.fixed_column();
  s.pub = cs.instance_column();
  cs.enable_equality(s.pub.column);
  s.batch_keys = cs.instance_column();

  // Only the gates this model uses get a selector (every selector costs an
  // evaluation in each proof).
  for (auto* q : {&s.q_const, &s.q_pow_first, &s.q_pow, &s.q_horner_first, &s.q_horner_lambda, &s.q_horner_mul,
                  &s.q_mul_keep, &s.q_dot_first, &s.q_dot, &s.q_freivalds, &s.q_feature_range, &s.q_rescale,
                  &s.q_update, &s.q_update_range}) {
    *q = cs.selector();
  }
  if (k.hidden_layers) s.q_mask = cs.selector();
  if (k.softmax) {
    for (auto* q : {&s.q_softmax, &s.q_softmax_first, &s.q_softmax_next, &s.q_softmax_last, &s.q_divide,
                    &s.q_divide_next, &s.q_onehot, &s.q_onehot_first, &s.q_onehot_next, &s.q_onehot_last}) {
      *q = cs.selector();
    }
  } else {
    s.q_sigmoid_coarsen = cs.selector();
    s.q_sigmoid = cs.selector();
  }

  const Expression g0 = s.g[0].cur(), g1 = s.g[1].cur(), g2 = s.g[2].cur(), g3 = s.g[3].cur(), g4 = s.g[4].cur(),
                   g5 = s.g[5].cur();
  const Expression l0 = s.l[0].cur(), l1 = s.l[1].cur(), l2 = s.l[2].cur(), o = s.o.cur();
  const Expression acc = s.acc.cur(), mul = s.mul.cur(), opd = s.opd.cur(), lam = s.lambda.expr();
  const Expression one = c(1);

  cs.create_gate("constant", {s.q_const.expr() * (g0 - s.konst.cur())});

  // Powers of λ and Horner evaluations (Freivalds, docs/STEP_CIRCUIT.md).
  cs.create_gate("power first", {s.q_pow_first.expr() * (acc - lam)});
  cs.create_gate("power", {s.q_pow.expr() * (acc - s.acc.prev() * lam)});
  cs.create_gate("horner first", {s.q_horner_first.expr() * (acc - g0)});
  cs.create_gate("horner lambda", {s.q_horner_lambda.expr() * (acc - s.acc.prev() * lam - g0)});
  cs.create_gate("horner mul", {s.q_horner_mul.expr() * (acc - s.acc.prev() * mul - g0)});
  cs.create_gate("multiplier kept", {s.q_mul_keep.expr() * (mul - s.mul.prev())});
  cs.create_gate("dot first", {s.q_dot_first.expr() * (acc - mul * opd)});
  cs.create_gate("dot", {s.q_dot.expr() * (acc - s.acc.prev() - mul * opd)});
  cs.create_gate("freivalds product", {s.q_freivalds.expr() * (s.acc.prev() - opd)});

  // Features: x + 2^11 = lo + 2^8·hi with lo < 2^8, hi < 2^4.
  const int64_t feature_offset = int64_t{1} << kFeatureBits;
  cs.create_gate("feature range", {s.q_feature_range.expr() * (g0 + c(feature_offset) - l0 - c(256) * l1)});

  // Rescale: u + 2^(F-1) = 2^F·q + r, r < 2^F; q + 2^15 = lo + 2^8·hi + 2^15·sign with
  // lo < 2^8, hi < 2^7, so q ∈ [-2^15, 2^15) and sign = [q ≥ 0]; relu = sign·q.
  const int64_t value_offset = int64_t{1} << kValueBits;
  const Expression q_rs = s.q_rescale.expr();
  cs.create_gate("rescale", {q_rs * (g0 + c(kOne / 2) - c(kOne) * g1 - l0),
                             q_rs * (g1 + c(value_offset) - l1 - c(256) * l2 - c(value_offset) * g2),
                             q_rs * g2 * (g2 - one), q_rs * (g3 - g2 * g1)});
  if (k.hidden_layers) cs.create_gate("relu mask", {s.q_mask.expr() * (g5 - g1 * g4)});

  // Sigmoid output over two rows. First: z = 16·j + r, r < 2^4. Second (j = g1 one row
  // up): idx = clamp(j, -128, 127) by the case flags lo, hi and a 12-bit check of the
  // case; (idx, σ) from the table; gradient = σ − 2^F·y.
  if (!k.softmax) {
    cs.create_gate("sigmoid coarsen", {s.q_sigmoid_coarsen.expr() * (g0 - c(16) * g1 - l0)});
    const Expression q = s.q_sigmoid.expr();
    const Expression j = s.g[1].prev();
    const Expression lo = g2, hi = g3, mid = one - g2 - g3;
    const Expression case_value = lo * (c(kSigmoidMinIndex - 1) - j) + hi * (j - c(kSigmoidMaxIndex + 1)) +
                                  mid * (j - c(kSigmoidMinIndex));
    cs.create_gate("sigmoid", {q * lo * (lo - one), q * hi * (hi - one), q * lo * hi,
                               q * (case_value - l1 - c(256) * l2), q * mid * l2,
                               q * (l0 - (c(kSigmoidMinIndex) * lo + c(kSigmoidMaxIndex) * hi + mid * j)),
                               q * g4 * (g4 - one), q * (g5 - (o - c(kOne) * g4))});
  }

  // Softmax, one row per class: d = m − z = r + 16·jd with r < 2^4 and (jd, e) in the
  // exp table (so 0 ≤ jd < 4096 and e = EXP[min(jd, 255)]); running product of d
  // (zero: m is one of the z) and running sum S of e.
  if (k.softmax) {
    const Expression q = s.q_softmax.expr();
    cs.create_gate("softmax", {q * (g1 - g0 - l1 - c(16) * l0)});
    cs.create_gate("softmax first", {s.q_softmax_first.expr() * (g4 - (g1 - g0)), s.q_softmax_first.expr() * (g5 - o)});
    const Expression qn = s.q_softmax_next.expr();
    cs.create_gate("softmax next", {qn * (g4 - s.g[4].prev() * (g1 - g0)), qn * (g5 - s.g[5].prev() - o),
                                    qn * (g1 - s.g[1].prev())});
    cs.create_gate("softmax max attained", {s.q_softmax_last.expr() * g4});
  }

  // Division: 2^F·e + floor(S/2) = p·S + rem with 0 ≤ rem < S; S = 2·hS + bit.
  if (k.softmax) {
    const Expression q = s.q_divide.expr();
    const Expression rem = l0;  // rem and S − 1 − rem are 12-bit lane values
    cs.create_gate("divide", {q * (c(kOne) * g0 + g3 - g2 * g1 - rem), q * (g1 - one - rem - l1),
                              q * (g1 - c(2) * g3 - g4), q * g4 * (g4 - one)});
    cs.create_gate("divide next", {s.q_divide_next.expr() * (g1 - s.g[1].prev())});
  }

  // One-hot label and softmax gradient: p < 2^9; o boolean; Σ o = 1; Σ j·o = y; grad = p − 2^F·o.
  if (k.softmax) {
    const Expression q = s.q_onehot.expr();
    cs.create_gate("onehot", {q * (g0 - l0 - c(256) * l1), q * g1 * (g1 - one), q * (g5 - (g0 - c(kOne) * g1))});
    const Expression qf = s.q_onehot_first.expr(), qn = s.q_onehot_next.expr(), ql = s.q_onehot_last.expr();
    cs.create_gate("onehot first", {qf * (g3 - g1), qf * (g4 - s.cls.cur() * g1)});
    cs.create_gate("onehot next", {qn * (g3 - s.g[3].prev() - g1), qn * (g4 - s.g[4].prev() - s.cls.cur() * g1),
                                   qn * (g2 - s.g[2].prev())});
    cs.create_gate("onehot last", {ql * (g3 - one), ql * (g4 - g2)});
  }

  // Update: lr·dW + D/2 = D·(W_old − W_new) + rem, rem < D = B·2^(2F);
  // a separate row range-checks an intermediate W_new (copied to g0) to [-2^15, 2^15).
  {
    const int64_t d = int64_t{1} << (2 * kFractionBits + k.batch_log2);
    const Expression rem = l0 + c(256) * l1 + c(65536) * l2;
    cs.create_gate("update", {s.q_update.expr() * (c(k.learning_rate_q) * g0 + c(d / 2) - c(d) * (g1 - g2) - rem)});
    cs.create_gate("weight range", {s.q_update_range.expr() * (g0 + c(value_offset) - l0 - c(256) * l1)});
  }

  // Lookups: each lane's (tag·2^20 + value, out) is a row of the fixed table; tag 0 rows hold zeros.
  const Expression zero = c(0);
  for (int i = 0; i < kLanes; ++i) {
    cs.lookup("lane " + std::to_string(i), {s.tag[i].cur() * Fr::from_i64(kTagShift) + s.l[i].cur(), i == 0 ? o : zero},
              {s.t_key.cur(), s.t_out.cur()});
  }
  // Batch membership: (key, chunk values) of every row is a row of the data table.
  std::vector<Expression> inputs{s.batch_keys.cur() + s.key.cur()}, table{s.key.cur()};
  for (const auto& d : s.data) {
    inputs.push_back(d.cur());
    table.push_back(d.cur());
  }
  cs.lookup("batch rows", std::move(inputs), std::move(table));
  // The data columns are queried at one rotation; the dataset link opens them once more.
  cs.require_blinding_rows(dataset_link_blinding_rows(1));
  // The lookups already force a 4× extended domain; degree 5 costs no more there
  // and puts three columns in each permutation chunk (fewer commitments per proof).
  cs.require_degree(5);
  return s;
}

}  // namespace zkfl::training
