// ConstraintSystem: what a circuit declares in configure(): its columns,
// custom gates, lookup arguments, equality-enabled columns and challenges.
// Keygen, the prover, the verifier and the MockProver all read it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "plonk/circuit/column.hpp"
#include "plonk/circuit/expression.hpp"

namespace zkfl::plonk {

// A named custom gate: every constraint must evaluate to zero on every usable row.
struct Gate {
  std::string name;
  std::vector<Expression> constraints;
};

// A multi-column lookup: on every usable row, the tuple of `inputs` must equal
// the tuple of `table` on some usable row. Proved with logUp (Haböck,
// "Multivariate lookups based on logarithmic derivatives", ePrint 2022/1530).
struct LookupArgument {
  std::string name;
  std::vector<Expression> inputs;
  std::vector<Expression> table;
};

class ConstraintSystem {
 public:
  // Column and challenge creation (called from Circuit::configure).
  AdviceColumn advice_column(uint8_t phase = 0);
  FixedColumn fixed_column();
  InstanceColumn instance_column();
  Selector selector();
  // A challenge drawn after every advice column of phase <= `after_phase` is committed.
  Challenge challenge_usable_after(uint8_t after_phase);
  // Allows copy constraints on `column` (it joins the permutation argument).
  void enable_equality(Column column);

  // Adds a gate; an empty name or no constraints is a programming error.
  void create_gate(std::string name, std::vector<Expression> constraints);
  // Adds a lookup of `inputs` into `table`; both must be non-empty and of equal length.
  void lookup(std::string name, std::vector<Expression> inputs, std::vector<Expression> table);
  // Asks for at least `rows` blinding rows (e.g. to hide more openings of a column).
  void require_blinding_rows(size_t rows);
  // Asks for constraints of degree at least `degree` (3..9): a circuit whose
  // gates and lookups already force a 4× extended domain can raise its degree
  // to 5 for free, which puts 3 columns in each permutation chunk.
  void require_degree(int degree);

  size_t num_advice_columns() const { return advice_phases_.size(); }
  size_t num_fixed_columns() const { return num_fixed_; }
  size_t num_instance_columns() const { return num_instance_; }
  size_t num_challenges() const { return challenge_phases_.size(); }
  uint8_t advice_phase(uint32_t index) const { return advice_phases_.at(index); }
  uint8_t challenge_phase(uint32_t index) const { return challenge_phases_.at(index); }
  uint8_t num_phases() const;
  const std::vector<Gate>& gates() const { return gates_; }
  const std::vector<LookupArgument>& lookups() const { return lookups_; }
  const std::vector<Column>& equality_columns() const { return equality_columns_; }
  bool is_selector(uint32_t fixed_index) const;

  size_t required_blinding_rows() const { return required_blinding_rows_; }
  int required_degree() const { return required_degree_; }

  // Distinct rotations at which `column` is queried, ascending.
  std::vector<int32_t> rotations(Column column) const;
  // Every distinct (column, rotation) query, sorted by column kind, index and
  // rotation: the canonical order of a proof's evaluations, whatever the
  // order in which configure() declared things.
  const std::vector<Query>& queries() const { return queries_; }

  // Maximum degree of the constraint polynomials, including the permutation
  // and lookup arguments (at least 3).
  int degree() const;
  // Rows at the bottom of the domain filled with randomness for zero knowledge.
  size_t blinding_rows() const;
  // Rows available to the circuit for a domain of 2^k rows:
  // n − blinding_rows() − 1 (one row is the accumulators' "last" row).
  size_t usable_rows(uint32_t k) const;

 private:
  void record_queries(const Expression& e);

  std::vector<uint8_t> advice_phases_;
  size_t num_fixed_ = 0;
  size_t num_instance_ = 0;
  std::vector<uint32_t> selector_columns_;
  std::vector<uint8_t> challenge_phases_;
  std::vector<Column> equality_columns_;
  std::vector<Gate> gates_;
  std::vector<LookupArgument> lookups_;
  std::vector<Query> queries_;
  size_t required_blinding_rows_ = 0;
  int required_degree_ = 3;
};

}  // namespace zkfl::plonk
