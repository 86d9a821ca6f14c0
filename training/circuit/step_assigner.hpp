// Cell placement for the step circuit: one region, rows handed out in
// order, integer witness values carried next to their cells. Gadgets
// (freivalds.cpp, elementwise.cpp, output_gradient.cpp) build on it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plonk/circuit/layouter.hpp"
#include "training/circuit/step_columns.hpp"

namespace zkfl::training {

// A phase-0 cell and the integer it holds (0 when the witness is unknown, at keygen).
struct Num {
  plonk::AssignedCell cell;
  int64_t v = 0;
};

// A matrix of cells, row-major.
struct NumMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<Num> at;
  const Num& operator()(int64_t r, int64_t c) const { return at[static_cast<size_t>(r * cols + c)]; }
};

class StepAssigner {
 public:
  StepAssigner(plonk::Region& region, const StepColumns& cols, bool known);

  const StepColumns& cols() const { return cols_; }
  bool known() const { return known_; }
  // The next `count` rows of the computation area for `gadget`; returns the first.
  size_t take_rows(size_t count, const char* gadget);
  // Rows taken per gadget.
  const std::map<std::string, size_t>& rows_by_gadget() const { return rows_by_gadget_; }
  size_t rows_used() const { return next_row_; }

  // An integer in a phase-0 column.
  Num put(const plonk::AdviceColumn& col, size_t row, int64_t v);
  // A copy of `from` (same value, copy constraint).
  Num copy(const Num& from, const plonk::AdviceColumn& col, size_t row);
  // A phase-1 cell; `v` is unknown until λ is drawn.
  plonk::AssignedCell put_field(const plonk::AdviceColumn& col, size_t row, const plonk::Value& v);
  plonk::AssignedCell copy_field(const plonk::AssignedCell& from, const plonk::AdviceColumn& col, size_t row);
  // Lane i on `row`: looks up (tag, value, 0) in the fixed table (a range check
  // of `tag` bits for tags 1..8). Returns the lane cell.
  Num lane(int i, size_t row, int64_t tag, int64_t value);
  // Lane 0 on `row` looks up (tag, in, out) in an activation table; returns the out cell.
  Num activation(size_t row, int64_t tag, int64_t in, int64_t out);
  void enable(const plonk::Selector& q, size_t row);
  void fixed(const plonk::FixedColumn& col, size_t row, int64_t v);
  void constrain_equal(const plonk::AssignedCell& a, const plonk::AssignedCell& b);
  plonk::Region& region() { return region_; }

  // λ (unknown before it is drawn).
  plonk::Value lambda() const { return region_.challenge(cols_.lambda); }
  // A cell holding λ^c, computed once per c.
  plonk::AssignedCell lambda_power(int64_t c);
  // A cell pinned to 2^F (the ones column of augmented matrices).
  const Num& one();

  // Records the first out-of-range value (the witness cannot be proved).
  void check_range(int64_t v, int bits, const std::string& what);
  const Status& status() const { return status_; }

 private:
  plonk::Region& region_;
  const StepColumns& cols_;
  bool known_;
  size_t next_row_ = 0;
  std::map<int64_t, plonk::AssignedCell> powers_;
  std::map<std::string, size_t> rows_by_gadget_;
  std::optional<Num> one_;
  Status status_;
};

}  // namespace zkfl::training
