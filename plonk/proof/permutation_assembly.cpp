#include "plonk/proof/permutation_assembly.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace zkfl::plonk {

PermutationAssembly::PermutationAssembly(std::vector<Column> columns, size_t n)
    : columns_(std::move(columns)), n_(n) {
  mapping_.resize(columns_.size());
  cycle_size_.assign(columns_.size(), std::vector<uint32_t>(n, 1));
  for (uint32_t c = 0; c < columns_.size(); ++c) {
    mapping_[c].resize(n);
    for (uint32_t r = 0; r < n; ++r) mapping_[c][r] = PermutationCell{c, r};
  }
  cycle_ = mapping_;
}

Result<PermutationCell> PermutationAssembly::locate(const Cell& c) const {
  auto it = std::find(columns_.begin(), columns_.end(), c.column);
  if (it == columns_.end()) return Status::error("copy constraint on a column without enable_equality");
  if (c.row >= n_) return Status::error("copy constraint row " + std::to_string(c.row) + " out of range");
  return PermutationCell{static_cast<uint32_t>(it - columns_.begin()), c.row};
}

Status PermutationAssembly::copy(const Cell& a_cell, const Cell& b_cell) {
  auto a_found = locate(a_cell);
  if (!a_found) return a_found.status();
  auto b_found = locate(b_cell);
  if (!b_found) return b_found.status();
  PermutationCell a = *a_found, b = *b_found;
  PermutationCell ra = cycle_[a.column][a.row], rb = cycle_[b.column][b.row];
  if (ra == rb) return Status::ok();  // already in one cycle
  // Relabel the smaller cycle.
  if (cycle_size_[ra.column][ra.row] < cycle_size_[rb.column][rb.row]) {
    std::swap(a, b);
    std::swap(ra, rb);
  }
  cycle_size_[ra.column][ra.row] += cycle_size_[rb.column][rb.row];
  PermutationCell c = b;
  do {
    cycle_[c.column][c.row] = ra;
    c = mapping_[c.column][c.row];
  } while (!(c == b));
  // Swapping the successors of a and b splices the two cycles into one.
  std::swap(mapping_[a.column][a.row], mapping_[b.column][b.row]);
  return Status::ok();
}

}  // namespace zkfl::plonk
