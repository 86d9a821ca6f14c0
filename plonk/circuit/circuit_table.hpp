// CircuitTable: the grid that one synthesis pass fills in — fixed columns and
// selectors, the advice columns of the current phase, copy constraints and
// the regions that placed them (for diagnostics). Keygen reads the fixed
// part, the prover the advice part, the MockProver all of it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/circuit/constraint_system.hpp"
#include "plonk/circuit/value.hpp"

namespace zkfl::plonk {

// A region as placed by the layouter: rows [start, end).
struct PlacedRegion {
  std::string name;
  size_t start = 0;
  size_t end = 0;
};

struct SynthesisPass {
  uint32_t k = 0;
  uint8_t phase = 0;
  bool collect_advice = true;  // false for keygen, which knows no witness
  std::vector<std::vector<Fr>> instance;  // [column][row], rows past the end are zero
  std::vector<Value> challenges;          // known once drawn
};

class CircuitTable {
 public:
  CircuitTable(const ConstraintSystem& cs, SynthesisPass pass);

  const ConstraintSystem& constraint_system() const { return cs_; }
  const SynthesisPass& pass() const { return pass_; }
  size_t n() const { return size_t{1} << pass_.k; }
  size_t usable_rows() const { return usable_rows_; }

  // Cell writes; out-of-range rows and misuse record an error (see status()).
  void assign_advice(const AdviceColumn& column, size_t row, const Value& value);
  void assign_fixed(Column column, size_t row, const Fr& value);
  void copy(const Cell& a, const Cell& b);
  Value instance_value(Column column, size_t row) const;
  Value challenge(const Challenge& c) const;

  void record_region(PlacedRegion region) { regions_.push_back(std::move(region)); }
  // The region that placed `row`, or nullptr.
  const PlacedRegion* region_at(size_t row) const;

  // The first misuse seen during synthesis (ok when none).
  const Status& status() const { return status_; }
  void fail(const std::string& message);

  const std::vector<std::vector<Fr>>& fixed() const { return fixed_; }
  const std::vector<std::vector<Fr>>& advice() const { return advice_; }
  const std::vector<std::vector<bool>>& advice_assigned() const { return advice_assigned_; }
  const std::vector<std::pair<Cell, Cell>>& copies() const { return copies_; }
  std::vector<std::vector<Fr>> take_advice() { return std::move(advice_); }
  std::vector<std::vector<Fr>> take_fixed() { return std::move(fixed_); }

 private:
  bool check_row(size_t row, const char* what);

  const ConstraintSystem& cs_;
  SynthesisPass pass_;
  size_t usable_rows_;
  std::vector<std::vector<Fr>> fixed_;
  std::vector<std::vector<Fr>> advice_;  // only columns of the current phase are filled
  std::vector<std::vector<bool>> advice_assigned_;
  std::vector<std::pair<Cell, Cell>> copies_;
  std::vector<PlacedRegion> regions_;
  Status status_;
};

}  // namespace zkfl::plonk
