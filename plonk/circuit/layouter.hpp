// The circuit-writing API: a Layouter places regions one below another and a
// Region assigns cells at offsets relative to its first row.
#pragma once

#include <functional>
#include <string>

#include "plonk/circuit/circuit_table.hpp"

namespace zkfl::plonk {

// A cell that has been assigned, with its value (unknown at keygen).
struct AssignedCell {
  Cell cell;
  Value value;
};

class Region {
 public:
  Region(CircuitTable& table, size_t start_row) : table_(table), start_(start_row) {}

  // Writes `value` into an advice cell at `offset` rows below the region's start.
  AssignedCell assign_advice(const AdviceColumn& column, size_t offset, const Value& value);
  // Writes a constant into a fixed cell.
  AssignedCell assign_fixed(const FixedColumn& column, size_t offset, const Fr& value);
  // Turns a selector on at `offset`.
  void enable_selector(const Selector& selector, size_t offset);
  // Assigns `from`'s value to a new advice cell and constrains the two equal.
  AssignedCell copy_advice(const AssignedCell& from, const AdviceColumn& column, size_t offset);
  // Assigns an instance (public input) value to an advice cell, constrained equal.
  AssignedCell assign_advice_from_instance(const InstanceColumn& instance, size_t instance_row,
                                           const AdviceColumn& column, size_t offset);
  // Copy constraint between two assigned cells (both columns need enable_equality).
  void constrain_equal(const AssignedCell& a, const AssignedCell& b);
  // A challenge's value (unknown before it is drawn).
  Value challenge(const Challenge& c) const { return table_.challenge(c); }

  size_t start_row() const { return start_; }
  // Rows used so far: the largest offset written plus one.
  size_t height() const { return height_; }

 private:
  void touch(size_t offset);
  CircuitTable& table_;
  size_t start_;
  size_t height_ = 0;
};

class Layouter {
 public:
  explicit Layouter(CircuitTable& table) : table_(table) {}

  // Runs `body` on a new region placed below every earlier region; returns
  // the body's status, or the table's first recorded misuse.
  Status assign_region(const std::string& name, const std::function<Status(Region&)>& body);
  // Constrains an assigned cell to equal the public input at (column, row).
  void constrain_instance(const AssignedCell& cell, const InstanceColumn& column, size_t row);
  Value challenge(const Challenge& c) const { return table_.challenge(c); }
  // The synthesis pass being run (its phase tells which columns are recorded).
  const SynthesisPass& pass() const { return table_.pass(); }
  size_t rows_used() const { return next_row_; }

 private:
  CircuitTable& table_;
  size_t next_row_ = 0;
};

// A circuit: configure() declares its constraint system (and keeps the column
// handles it needs), synthesize() assigns the cells. configure must be
// deterministic: keygen, the prover and the MockProver each call it.
class Circuit {
 public:
  virtual ~Circuit() = default;
  virtual void configure(ConstraintSystem& cs) = 0;
  virtual Status synthesize(Layouter& layouter) const = 0;
};

}  // namespace zkfl::plonk
