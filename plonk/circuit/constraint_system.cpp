#include "plonk/circuit/constraint_system.hpp"

#include <algorithm>
#include <cassert>

namespace zkfl::plonk {

AdviceColumn ConstraintSystem::advice_column(uint8_t phase) {
  assert(phase <= 1 && "zkfl supports two advice phases");
  advice_phases_.push_back(phase);
  return AdviceColumn{Column{ColumnKind::kAdvice, static_cast<uint32_t>(advice_phases_.size() - 1)}, phase};
}

FixedColumn ConstraintSystem::fixed_column() {
  return FixedColumn{Column{ColumnKind::kFixed, static_cast<uint32_t>(num_fixed_++)}};
}

InstanceColumn ConstraintSystem::instance_column() {
  return InstanceColumn{Column{ColumnKind::kInstance, static_cast<uint32_t>(num_instance_++)}};
}

Selector ConstraintSystem::selector() {
  FixedColumn f = fixed_column();
  selector_columns_.push_back(f.column.index);
  return Selector{f.column};
}

Challenge ConstraintSystem::challenge_usable_after(uint8_t after_phase) {
  assert(after_phase == 0 && "challenges are drawn after phase 0");
  challenge_phases_.push_back(after_phase);
  return Challenge{static_cast<uint32_t>(challenge_phases_.size() - 1), after_phase};
}

void ConstraintSystem::enable_equality(Column column) {
  if (std::find(equality_columns_.begin(), equality_columns_.end(), column) == equality_columns_.end()) {
    equality_columns_.push_back(column);
    record_queries(Expression::query(column, 0));  // the permutation argument opens it at x
  }
}

void ConstraintSystem::create_gate(std::string name, std::vector<Expression> constraints) {
  assert(!name.empty() && !constraints.empty());
  for (const Expression& c : constraints) record_queries(c);
  gates_.push_back(Gate{std::move(name), std::move(constraints)});
}

void ConstraintSystem::lookup(std::string name, std::vector<Expression> inputs, std::vector<Expression> table) {
  assert(!inputs.empty() && inputs.size() == table.size());
  for (const Expression& e : inputs) record_queries(e);
  for (const Expression& e : table) record_queries(e);
  lookups_.push_back(LookupArgument{std::move(name), std::move(inputs), std::move(table)});
}

void ConstraintSystem::require_blinding_rows(size_t rows) {
  required_blinding_rows_ = std::max(required_blinding_rows_, rows);
}

uint8_t ConstraintSystem::num_phases() const {
  uint8_t phases = 1;
  for (uint8_t p : advice_phases_) phases = std::max<uint8_t>(phases, p + 1);
  return phases;
}

bool ConstraintSystem::is_selector(uint32_t fixed_index) const {
  return std::find(selector_columns_.begin(), selector_columns_.end(), fixed_index) != selector_columns_.end();
}

void ConstraintSystem::record_queries(const Expression& e) {
  std::vector<Query> found;
  e.collect_queries(found);
  for (const Query& q : found) {
    auto it = std::lower_bound(queries_.begin(), queries_.end(), q);
    if (it == queries_.end() || !(*it == q)) queries_.insert(it, q);
  }
}

std::vector<int32_t> ConstraintSystem::rotations(Column column) const {
  std::vector<int32_t> out;
  for (const Query& q : queries_) {
    if (q.column == column) out.push_back(q.rotation);
  }
  return out;
}

void ConstraintSystem::require_degree(int degree) {
  assert(degree >= 3 && degree <= 9 && "required degree out of range");
  required_degree_ = std::max(required_degree_, degree);
}

int ConstraintSystem::degree() const {
  int d = required_degree_;  // at least 3: the permutation argument with one column per chunk
  for (const Gate& g : gates_) {
    for (const Expression& c : g.constraints) d = std::max(d, c.degree());
  }
  // logUp: l_active·[(φ(ωX) − φ(X))·(β + f)(β + t) − m·(β + f) + (β + t)].
  for (const LookupArgument& l : lookups_) {
    int input_degree = 1, table_degree = 1;
    for (const Expression& e : l.inputs) input_degree = std::max(input_degree, e.degree());
    for (const Expression& e : l.table) table_degree = std::max(table_degree, e.degree());
    d = std::max(d, 2 + input_degree + table_degree);
  }
  return d;
}

size_t ConstraintSystem::blinding_rows() const {
  // Each opening of an advice polynomial reveals one evaluation; blinding
  // with more random rows than openings keeps the column's values hidden.
  // Two more cover the accumulators' openings at x and ωx (as in Halo2).
  size_t max_queries = 1;
  for (uint32_t i = 0; i < advice_phases_.size(); ++i) {
    max_queries = std::max(max_queries, rotations(Column{ColumnKind::kAdvice, i}).size());
  }
  return std::max({size_t{3}, max_queries, required_blinding_rows_}) + 2;
}

size_t ConstraintSystem::usable_rows(uint32_t k) const {
  const size_t n = size_t{1} << k;
  const size_t reserved = blinding_rows() + 1;
  return n > reserved ? n - reserved : 0;
}

}  // namespace zkfl::plonk
