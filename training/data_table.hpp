// The data table: how a participant's quantized dataset sits in the step
// circuit's "data" advice columns, so that registration (dataset_registration),
// the round-to-registration link (dataset_link) and the step circuit's batch
// lookup all read the same cells.
//
// A dataset has N rows; row i is the vector v_i = (x_i,0 … x_i,d−1, y_i) of
// d + 1 quantized integers (features, then the label). The circuit has P data
// columns. Each row vector is cut into C = ⌈(d+1)/P⌉ chunks of P values
// (the last one zero-padded):
//
//   circuit row t = i·C + c      holds chunk c of dataset row i  (0 ≤ c < C)
//   data column j on that row    holds v_i[c·P + j], or 0 when c·P + j ≥ d + 1
//   fixed "key" column           holds t + 1 on rows t < T = N·C, 0 elsewhere
//
// so the table occupies rows [0, T). A negative value v is the field element
// p − |v| (Fr::from_i64). A batch row of the step circuit looks up the tuple
// (key, data columns) = (i·C + c + 1, chunk c of v_i): the key names the
// dataset row and chunk, and key 0 (every row outside the table) is never a
// batch key.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::training {

using plonk::Result;
using plonk::Status;

struct DataTableLayout {
  // Larger tables do not fit in any domain (Fr's 2-adicity is 28).
  static constexpr int64_t kMaxTableRows = int64_t{1} << 28;
  // Bounds on P and d + 1 that keep every product below 2^63.
  static constexpr int64_t kMaxColumns = 1024;
  static constexpr int64_t kMaxValuesPerRow = int64_t{1} << 20;

  int64_t rows = 0;            // N: dataset rows
  int64_t values_per_row = 0;  // d + 1: features and the label
  int64_t columns = 0;         // P: data columns of the circuit

  // An error unless N ≥ 1, 2 ≤ d + 1 ≤ kMaxValuesPerRow, 1 ≤ P ≤ kMaxColumns
  // and T = N·C ≤ kMaxTableRows.
  Status validate() const;
  // C = ⌈(d+1)/P⌉: circuit rows per dataset row. Requires a valid layout.
  int64_t chunks() const { return (values_per_row + columns - 1) / columns; }
  // T = N·C: circuit rows the table occupies, [0, T). Requires a valid layout.
  int64_t table_rows() const { return rows * chunks(); }
  // t = i·C + c: the circuit row of dataset row i's chunk c.
  int64_t circuit_row(int64_t i, int64_t c) const { return i * chunks() + c; }
  // The key column's value on circuit row t < T: t + 1.
  static plonk::Fr key(int64_t t) { return plonk::Fr::from_u64(static_cast<uint64_t>(t) + 1); }

  bool operator==(const DataTableLayout&) const = default;
};

// A dataset as plain spans: `x` is N×d row-major features, `labels` has N
// entries (values already quantized, docs/QUANTIZATION.md).
struct DatasetView {
  std::span<const int64_t> x;
  std::span<const int64_t> labels;
};

// An error unless `data` has the N·d features and N labels `layout` describes.
Status check_dataset_shape(const DataTableLayout& layout, const DatasetView& data);

// The P values of chunk c of dataset row i (v_i[c·P + j], zero-padded), as
// integers. Requires a valid layout, a matching dataset, i < N and c < C.
std::vector<int64_t> row_chunk(const DataTableLayout& layout, const DatasetView& data, int64_t i, int64_t c);

// The P data columns' values over a domain of n rows: the table on rows
// [0, T) and zero on rows [T, n), which the caller fills (the registration
// with randomness, the step circuit with its batch rows). An error for an
// invalid layout, a dataset of the wrong shape, or T > n.
Result<std::vector<std::vector<plonk::Fr>>> data_table_columns(const DataTableLayout& layout,
                                                              const DatasetView& data, size_t n);

}  // namespace zkfl::training
