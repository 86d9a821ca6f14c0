// The copy constraints of a circuit as a permutation σ of its equality cells
// (PLONK, Gabizon–Williamson–Ciobotaru 2019, §5): every set of cells
// constrained equal forms one cycle of σ. Cycles are merged with a
// union-by-size relabelling (as in Halo2's keygen), so building σ for m
// copy constraints costs O(m log m) plus one pass over the table.
#pragma once

#include <cstdint>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/circuit/column.hpp"

namespace zkfl::plonk {

// A cell of the permutation: index into the equality columns, and a row.
struct PermutationCell {
  uint32_t column = 0;
  uint32_t row = 0;
  bool operator==(const PermutationCell&) const = default;
};

class PermutationAssembly {
 public:
  // The identity permutation on `columns` × n rows.
  PermutationAssembly(std::vector<Column> columns, size_t n);

  // Puts cells a and b in the same cycle. Error when a column is not
  // equality-enabled or a row is out of range.
  Status copy(const Cell& a, const Cell& b);

  // σ(cell): the next cell in its cycle.
  PermutationCell sigma(uint32_t column, uint32_t row) const { return mapping_[column][row]; }
  const std::vector<Column>& columns() const { return columns_; }
  size_t rows() const { return n_; }

 private:
  Result<PermutationCell> locate(const Cell& c) const;
  std::vector<Column> columns_;
  size_t n_;
  std::vector<std::vector<PermutationCell>> mapping_;  // σ
  std::vector<std::vector<PermutationCell>> cycle_;    // a representative of each cell's cycle
  std::vector<std::vector<uint32_t>> cycle_size_;      // valid at representatives
};

}  // namespace zkfl::plonk
