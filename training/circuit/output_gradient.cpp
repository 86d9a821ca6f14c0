// Output-layer gradients: σ(z) − y for a sigmoid output and
// softmax(z) − onehot(y) for a softmax output, with the activation tables
// and the softmax normalisation of docs/QUANTIZATION.md.
#include <algorithm>

#include "training/circuit/gadgets.hpp"

namespace zkfl::training {

Num sigmoid_gradient(StepAssigner& s, const Num& z, const Num& label) {
  const auto& cols = s.cols();
  const size_t row = s.take_rows(2, "output gradient");
  const int64_t j = floor_shift(z.v, kTableStepBits);
  const int64_t r = z.v - 16 * j;
  s.copy(z, cols.g[0], row);
  s.put(cols.g[1], row, j);
  s.lane(0, row, 4, r);
  s.enable(cols.q_sigmoid_coarsen, row);

  const int64_t lo = j < kSigmoidMinIndex ? 1 : 0;
  const int64_t hi = j > kSigmoidMaxIndex ? 1 : 0;
  const int64_t idx = std::clamp(j, kSigmoidMinIndex, kSigmoidMaxIndex);
  const int64_t case_value = lo ? kSigmoidMinIndex - 1 - j : hi ? j - kSigmoidMaxIndex - 1 : j - kSigmoidMinIndex;
  const int64_t sigma = sigmoid_table()[static_cast<size_t>(idx - kSigmoidMinIndex)];
  s.put(cols.g[2], row + 1, lo);
  s.put(cols.g[3], row + 1, hi);
  const Num y = s.copy(label, cols.g[4], row + 1);
  const Num grad = s.put(cols.g[5], row + 1, sigma - kOne * y.v);
  s.activation(row + 1, kTagSigmoid, idx, sigma);
  s.lane(1, row + 1, 8, case_value & 255);
  s.lane(2, row + 1, 4, (case_value >> 8) & 15);
  s.enable(cols.q_sigmoid, row + 1);
  return grad;
}

std::vector<Num> softmax_gradient(StepAssigner& s, const std::vector<Num>& z, const Num& label) {
  const auto& cols = s.cols();
  const size_t c = z.size();
  int64_t m = z[0].v;
  for (const Num& x : z) m = std::max(m, x.v);
  const auto field = [&](const plonk::Fr& v) { return s.known() ? plonk::Value::known(v) : plonk::Value::unknown(); };

  // Part 1, one row per class: d = m − z = r + 16·jd, e = EXP[min(jd, 255)] from the
  // exp table (jd < 4096 since d < 2^16);
  // g4 = Π d (must end at zero: m is one of the z), g5 = running Σ e.
  std::vector<Num> e(c);
  Num sum;
  {
    const size_t start = s.take_rows(c, "output gradient");
    plonk::Fr product = plonk::Fr::one();
    int64_t running = 0;
    for (size_t i = 0; i < c; ++i) {
      const size_t row = start + i;
      const int64_t d = m - z[i].v;
      const int64_t jd = floor_shift(d, kTableStepBits);
      const int64_t r = d - 16 * jd;
      const int64_t ev = exp_neg_q(d);
      product = (i == 0) ? plonk::Fr::from_i64(d) : product * plonk::Fr::from_i64(d);
      running += ev;
      s.copy(z[i], cols.g[0], row);
      s.put(cols.g[1], row, m);
      s.put_field(cols.g[4], row, field(product));
      sum = s.put(cols.g[5], row, running);
      e[i] = s.activation(row, kTagExp, jd, ev);
      s.lane(1, row, 4, r);
      s.enable(cols.q_softmax, row);
      s.enable(i == 0 ? cols.q_softmax_first : cols.q_softmax_next, row);
      if (i + 1 == c) s.enable(cols.q_softmax_last, row);
    }
  }

  // Part 2: p = round_div(2^F·e, S): 2^F·e + hS = p·S + rem, 0 ≤ rem < S, S = 2·hS + bit.
  std::vector<Num> p(c);
  {
    const size_t start = s.take_rows(c, "output gradient");
    const int64_t total = sum.v;
    const int64_t half = total / 2;
    for (size_t i = 0; i < c; ++i) {
      const size_t row = start + i;
      const int64_t pv = round_div(kOne * e[i].v, total);
      const int64_t rem = kOne * e[i].v + half - pv * total;
      const int64_t slack = total - 1 - rem;
      s.copy(e[i], cols.g[0], row);
      if (i == 0) {
        s.copy(sum, cols.g[1], row);
      } else {
        s.put(cols.g[1], row, total);
        s.enable(cols.q_divide_next, row);
      }
      p[i] = s.put(cols.g[2], row, pv);
      s.put(cols.g[3], row, half);
      s.put(cols.g[4], row, total - 2 * half);
      s.lane(0, row, kTagWide, rem);
      s.lane(1, row, kTagWide, slack);
      s.enable(cols.q_divide, row);
    }
  }

  // Part 3: o = onehot(y) (o boolean, Σ o = 1, Σ j·o = y), p < 2^9, grad = p − 2^F·o.
  std::vector<Num> grad(c);
  {
    const size_t start = s.take_rows(c, "output gradient");
    int64_t count = 0, weighted = 0;
    for (size_t i = 0; i < c; ++i) {
      const size_t row = start + i;
      const int64_t j = static_cast<int64_t>(i);
      const int64_t o = (label.v == j) ? 1 : 0;
      count += o;
      weighted += j * o;
      s.copy(p[i], cols.g[0], row);
      s.put(cols.g[1], row, o);
      if (i == 0) {
        s.copy(label, cols.g[2], row);
      } else {
        s.put(cols.g[2], row, label.v);
      }
      s.put(cols.g[3], row, count);
      s.put(cols.g[4], row, weighted);
      grad[i] = s.put(cols.g[5], row, p[i].v - kOne * o);
      s.fixed(cols.cls, row, j);
      s.lane(0, row, 8, p[i].v & 255);
      s.lane(1, row, 1, (p[i].v >> 8) & 1);
      s.enable(cols.q_onehot, row);
      s.enable(i == 0 ? cols.q_onehot_first : cols.q_onehot_next, row);
      if (i + 1 == c) s.enable(cols.q_onehot_last, row);
    }
  }
  return grad;
}

}  // namespace zkfl::training
