#include "plonk/circuit/circuit_table.hpp"

#include <algorithm>

namespace zkfl::plonk {

CircuitTable::CircuitTable(const ConstraintSystem& cs, SynthesisPass pass)
    : cs_(cs), pass_(std::move(pass)), usable_rows_(cs.usable_rows(pass_.k)) {
  fixed_.assign(cs.num_fixed_columns(), std::vector<Fr>(n()));
  advice_.resize(cs.num_advice_columns());
  advice_assigned_.resize(cs.num_advice_columns());
  if (pass_.collect_advice) {
    for (uint32_t i = 0; i < cs.num_advice_columns(); ++i) {
      if (cs.advice_phase(i) == pass_.phase) {
        advice_[i].assign(n(), Fr::zero());
        advice_assigned_[i].assign(n(), false);
      }
    }
  }
}

void CircuitTable::fail(const std::string& message) {
  if (status_.is_ok()) status_ = Status::error(message);
}

bool CircuitTable::check_row(size_t row, const char* what) {
  if (row < usable_rows_) return true;
  fail(std::string(what) + " at row " + std::to_string(row) + " is beyond the " + std::to_string(usable_rows_) +
       " usable rows of a 2^" + std::to_string(pass_.k) + " domain; use a larger k");
  return false;
}

void CircuitTable::assign_advice(const AdviceColumn& column, size_t row, const Value& value) {
  if (!check_row(row, "advice assignment")) return;
  if (!pass_.collect_advice || column.phase != pass_.phase) return;  // another pass fills it
  if (!value.is_known()) {
    fail("advice column " + std::to_string(column.column.index) + " row " + std::to_string(row) +
         " was assigned an unknown value in its own phase (" + std::to_string(column.phase) + ")");
    return;
  }
  advice_[column.column.index][row] = value.get();
  advice_assigned_[column.column.index][row] = true;
}

void CircuitTable::assign_fixed(Column column, size_t row, const Fr& value) {
  if (!check_row(row, "fixed assignment")) return;
  fixed_[column.index][row] = value;
}

void CircuitTable::copy(const Cell& a, const Cell& b) {
  const auto& eq = cs_.equality_columns();
  for (const Cell& c : {a, b}) {
    if (std::find(eq.begin(), eq.end(), c.column) == eq.end()) {
      fail("copy constraint on a column without enable_equality (column kind " +
           std::to_string(static_cast<int>(c.column.kind)) + ", index " + std::to_string(c.column.index) + ")");
      return;
    }
    if (c.column.kind != ColumnKind::kInstance && !check_row(c.row, "copy constraint")) return;
    if (c.column.kind == ColumnKind::kInstance && c.row >= usable_rows_) {
      fail("instance row " + std::to_string(c.row) + " is beyond the usable rows");
      return;
    }
  }
  copies_.emplace_back(a, b);
}

Value CircuitTable::instance_value(Column column, size_t row) const {
  if (column.index >= pass_.instance.size()) return Value::known(Fr::zero());
  const auto& values = pass_.instance[column.index];
  return Value::known(row < values.size() ? values[row] : Fr::zero());
}

Value CircuitTable::challenge(const Challenge& c) const {
  return c.index < pass_.challenges.size() ? pass_.challenges[c.index] : Value::unknown();
}

const PlacedRegion* CircuitTable::region_at(size_t row) const {
  for (const PlacedRegion& r : regions_) {
    if (row >= r.start && row < r.end) return &r;
  }
  return nullptr;
}

}  // namespace zkfl::plonk
