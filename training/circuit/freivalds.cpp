// Matrix products checked with one random evaluation (Freivalds, "Probabilistic
// machines can use less running time", 1977): a product of a×b and b×c
// matrices costs ab + bc + ac + b + 1 rows instead of abc multiplications.
#include "training/circuit/gadgets.hpp"

namespace zkfl::training {

using plonk::AssignedCell;
using plonk::Value;

NumMatrix matmul(StepAssigner& s, const NumMatrix& a, const NumMatrix& b,
                 const std::function<void(std::vector<int64_t>&)>& tamper, const EntryHook& on_entry) {
  const auto& cols = s.cols();
  const int64_t ra = a.rows, inner = a.cols, cb = b.cols;
  std::vector<int64_t> product(static_cast<size_t>(ra * cb), 0);
  for (int64_t i = 0; i < ra; ++i) {
    for (int64_t k = 0; k < inner; ++k) {
      const int64_t x = a(i, k).v;
      if (x == 0) continue;
      for (int64_t j = 0; j < cb; ++j) product[static_cast<size_t>(i * cb + j)] += x * b(k, j).v;
    }
  }
  if (tamper) tamper(product);

  const Value lam = s.lambda();
  const AssignedCell mu = s.lambda_power(cb);

  // α_k: Horner with multiplier μ = λ^c down column k of A.
  std::vector<AssignedCell> alpha(static_cast<size_t>(inner));
  {
    const size_t start = s.take_rows(static_cast<size_t>(ra * inner), "freivalds");
    Value acc;
    for (int64_t k = 0; k < inner; ++k) {
      for (int64_t i = 0; i < ra; ++i) {
        const size_t row = start + static_cast<size_t>(k * ra + i);
        const Num x = s.copy(a(i, k), cols.g[0], row);
        if (row == start) {
          s.copy_field(mu, cols.mul, row);
        } else {
          s.put_field(cols.mul, row, mu.value);
          s.enable(cols.q_mul_keep, row);
        }
        const Value xv = Value::known(x.v);
        acc = (i == 0) ? xv : acc * mu.value + xv;
        if (!s.known()) acc = Value::unknown();
        const AssignedCell cell = s.put_field(cols.acc, row, acc);
        s.enable(i == 0 ? cols.q_horner_first : cols.q_horner_mul, row);
        if (i == ra - 1) alpha[static_cast<size_t>(k)] = cell;
      }
    }
  }
  // β_k: Horner with λ along row k of B.
  std::vector<AssignedCell> beta(static_cast<size_t>(inner));
  {
    const size_t start = s.take_rows(static_cast<size_t>(inner * cb), "freivalds");
    Value acc;
    for (int64_t k = 0; k < inner; ++k) {
      for (int64_t j = 0; j < cb; ++j) {
        const size_t row = start + static_cast<size_t>(k * cb + j);
        const Num x = s.copy(b(k, j), cols.g[0], row);
        const Value xv = Value::known(x.v);
        acc = (j == 0) ? xv : acc * lam + xv;
        if (!s.known()) acc = Value::unknown();
        const AssignedCell cell = s.put_field(cols.acc, row, acc);
        s.enable(j == 0 ? cols.q_horner_first : cols.q_horner_lambda, row);
        if (j == cb - 1) beta[static_cast<size_t>(k)] = cell;
      }
    }
  }
  // γ: Horner with λ over C, row-major; C's cells live here.
  NumMatrix c{ra, cb, {}};
  AssignedCell gamma;
  {
    const size_t start = s.take_rows(static_cast<size_t>(ra * cb), "freivalds");
    Value acc;
    for (int64_t t = 0; t < ra * cb; ++t) {
      const size_t row = start + static_cast<size_t>(t);
      const Num x = s.put(cols.g[0], row, product[static_cast<size_t>(t)]);
      c.at.push_back(x);
      const Value xv = Value::known(x.v);
      acc = (t == 0) ? xv : acc * lam + xv;
      if (!s.known()) acc = Value::unknown();
      gamma = s.put_field(cols.acc, row, acc);
      s.enable(t == 0 ? cols.q_horner_first : cols.q_horner_lambda, row);
      if (on_entry) on_entry(row, x, static_cast<size_t>(t));
    }
  }
  // Σ_k α_k·β_k = γ (the row after the dot product holds a copy of γ).
  {
    const size_t start = s.take_rows(static_cast<size_t>(inner + 1), "freivalds");
    Value acc;
    for (int64_t k = 0; k < inner; ++k) {
      const size_t row = start + static_cast<size_t>(k);
      const AssignedCell x = s.copy_field(alpha[static_cast<size_t>(k)], cols.mul, row);
      const AssignedCell y = s.copy_field(beta[static_cast<size_t>(k)], cols.opd, row);
      acc = (k == 0) ? x.value * y.value : acc + x.value * y.value;
      s.put_field(cols.acc, row, acc);
      s.enable(k == 0 ? cols.q_dot_first : cols.q_dot, row);
    }
    const size_t check_row = start + static_cast<size_t>(inner);
    s.copy_field(gamma, cols.opd, check_row);
    s.enable(cols.q_freivalds, check_row);
  }
  return c;
}

}  // namespace zkfl::training
