// MockProver: runs a circuit's synthesis and checks every constraint
// directly on the cell values, naming the failing gate or lookup, its
// region, row and the values involved. It proves nothing; it tells a circuit
// author what is wrong long before a proof fails to verify.
#pragma once

#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/circuit/layouter.hpp"

namespace zkfl::plonk {

struct VerifyFailure {
  enum class Kind { kGate, kLookup, kCopy };
  Kind kind = Kind::kGate;
  std::string name;             // gate or lookup name ("copy" for copy constraints)
  size_t constraint_index = 0;  // within the gate
  size_t row = 0;               // absolute row
  std::string region;           // the region that placed `row` ("" outside any region)
  size_t offset = 0;            // row − region start
  std::string detail;           // the constraint and the cell values it read

  std::string to_string() const;
};

class MockProver {
 public:
  // Configures `circuit`, runs every synthesis phase (drawing random
  // challenges in between) and fills the blinding rows with randomness.
  // Errors: synthesis failures, too many public inputs for 2^k rows.
  static Result<MockProver> run(uint32_t k, Circuit& circuit, std::vector<std::vector<Fr>> instance, Rng& rng);

  // Every violated constraint (empty when the witness satisfies the circuit).
  std::vector<VerifyFailure> verify() const;
  // Ok, or an error listing the first failures.
  Status verify_status() const;

  const ConstraintSystem& constraint_system() const { return cs_; }
  // The value of any cell, for tests and diagnostics.
  Fr cell(Column column, size_t row) const;

 private:
  MockProver() = default;
  Fr query_value(const Query& q, size_t row) const;
  std::string describe_queries(const Expression& e, size_t row) const;
  void locate(VerifyFailure& f) const;

  uint32_t k_ = 0;
  ConstraintSystem cs_;
  size_t usable_rows_ = 0;
  std::vector<std::vector<Fr>> fixed_, advice_, instance_;
  std::vector<Fr> challenges_;
  std::vector<std::pair<Cell, Cell>> copies_;
  std::vector<PlacedRegion> regions_;
};

}  // namespace zkfl::plonk
