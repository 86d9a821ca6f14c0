#include "training/circuit/step_assigner.hpp"

namespace zkfl::training {

using plonk::AssignedCell;
using plonk::Fr;
using plonk::Value;

StepAssigner::StepAssigner(plonk::Region& region, const StepColumns& cols, bool known)
    : region_(region), cols_(cols), known_(known) {}

size_t StepAssigner::take_rows(size_t count, const char* gadget) {
  rows_by_gadget_[gadget] += count;
  const size_t start = next_row_;
  next_row_ += count;
  return start;
}

Num StepAssigner::put(const plonk::AdviceColumn& col, size_t row, int64_t v) {
  return Num{region_.assign_advice(col, row, known_ ? Value::known(v) : Value::unknown()), v};
}

Num StepAssigner::copy(const Num& from, const plonk::AdviceColumn& col, size_t row) {
  return Num{region_.copy_advice(from.cell, col, row), from.v};
}

AssignedCell StepAssigner::put_field(const plonk::AdviceColumn& col, size_t row, const Value& v) {
  return region_.assign_advice(col, row, v);
}

AssignedCell StepAssigner::copy_field(const AssignedCell& from, const plonk::AdviceColumn& col, size_t row) {
  return region_.copy_advice(from, col, row);
}

Num StepAssigner::lane(int i, size_t row, int64_t tag, int64_t value) {
  region_.assign_fixed(cols_.tag[static_cast<size_t>(i)], row, Fr::from_i64(tag));
  return put(cols_.l[static_cast<size_t>(i)], row, value);
}

Num StepAssigner::activation(size_t row, int64_t tag, int64_t in, int64_t out) {
  lane(0, row, tag, in);
  return put(cols_.o, row, out);
}

void StepAssigner::enable(const plonk::Selector& q, size_t row) { region_.enable_selector(q, row); }

void StepAssigner::fixed(const plonk::FixedColumn& col, size_t row, int64_t v) {
  region_.assign_fixed(col, row, Fr::from_i64(v));
}

void StepAssigner::constrain_equal(const AssignedCell& a, const AssignedCell& b) { region_.constrain_equal(a, b); }

AssignedCell StepAssigner::lambda_power(int64_t c) {
  auto it = powers_.find(c);
  if (it != powers_.end()) return it->second;
  const size_t start = take_rows(static_cast<size_t>(c), "freivalds");
  const Value lam = lambda();
  Value p = lam;
  AssignedCell cell;
  for (int64_t t = 0; t < c; ++t) {
    const size_t row = start + static_cast<size_t>(t);
    if (t > 0) p = p * lam;
    cell = put_field(cols_.acc, row, p);
    enable(t == 0 ? cols_.q_pow_first : cols_.q_pow, row);
  }
  powers_.emplace(c, cell);
  return cell;
}

const Num& StepAssigner::one() {
  if (!one_) {
    const size_t row = take_rows(1, "public inputs");
    one_ = put(cols_.g[0], row, kOne);
    fixed(cols_.konst, row, kOne);
    enable(cols_.q_const, row);
  }
  return *one_;
}

void StepAssigner::check_range(int64_t v, int bits, const std::string& what) {
  if (!known_ || !status_.is_ok()) return;
  Status s = check_signed_range(v, bits, what);
  if (!s.is_ok()) status_ = s;
}

}  // namespace zkfl::training
