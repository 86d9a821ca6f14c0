#include "training/data_table.hpp"

#include <cassert>
#include <string>

namespace zkfl::training {

using plonk::Fr;

Status DataTableLayout::validate() const {
  if (rows < 1) return Status::error("data table: the dataset has no rows");
  if (values_per_row < 2 || values_per_row > kMaxValuesPerRow) {
    return Status::error("data table: a row must hold at least one feature and the label, and at most " +
                         std::to_string(kMaxValuesPerRow) + " values; got " + std::to_string(values_per_row));
  }
  if (columns < 1 || columns > kMaxColumns) {
    return Status::error("data table: the number of data columns must be in [1, " + std::to_string(kMaxColumns) +
                         "]; got " + std::to_string(columns));
  }
  if (rows > kMaxTableRows / chunks()) {
    return Status::error("data table: " + std::to_string(rows) + " rows of " + std::to_string(chunks()) +
                         " chunks exceed the largest table (" + std::to_string(kMaxTableRows) + " circuit rows)");
  }
  return Status::ok();
}

Status check_dataset_shape(const DataTableLayout& layout, const DatasetView& data) {
  if (Status s = layout.validate(); !s) return s;
  const auto features = static_cast<uint64_t>(layout.values_per_row - 1);
  const auto rows = static_cast<uint64_t>(layout.rows);
  if (data.labels.size() != rows) {
    return Status::error("data table: expected " + std::to_string(rows) + " labels, got " +
                         std::to_string(data.labels.size()));
  }
  if (data.x.size() != rows * features) {
    return Status::error("data table: expected " + std::to_string(rows) + "×" + std::to_string(features) +
                         " features, got " + std::to_string(data.x.size()));
  }
  return Status::ok();
}

std::vector<int64_t> row_chunk(const DataTableLayout& layout, const DatasetView& data, int64_t i, int64_t c) {
  assert(i >= 0 && i < layout.rows && c >= 0 && c < layout.chunks());
  const int64_t features = layout.values_per_row - 1;
  std::vector<int64_t> out(static_cast<size_t>(layout.columns), 0);
  for (int64_t j = 0; j < layout.columns; ++j) {
    const int64_t at = c * layout.columns + j;  // position in v_i = (x_i, y_i)
    if (at < features) {
      out[static_cast<size_t>(j)] = data.x[static_cast<size_t>(i * features + at)];
    } else if (at == features) {
      out[static_cast<size_t>(j)] = data.labels[static_cast<size_t>(i)];
    }
  }
  return out;
}

Result<std::vector<std::vector<Fr>>> data_table_columns(const DataTableLayout& layout, const DatasetView& data,
                                                       size_t n) {
  if (Status s = check_dataset_shape(layout, data); !s) return s;
  const int64_t table_rows = layout.table_rows();
  if (static_cast<uint64_t>(table_rows) > n) {
    return Status::error("data table: " + std::to_string(table_rows) + " table rows do not fit in " +
                         std::to_string(n) + " circuit rows; use a larger domain");
  }
  std::vector<std::vector<Fr>> columns(static_cast<size_t>(layout.columns), std::vector<Fr>(n, Fr::zero()));
  for (int64_t i = 0; i < layout.rows; ++i) {
    for (int64_t c = 0; c < layout.chunks(); ++c) {
      const std::vector<int64_t> chunk = row_chunk(layout, data, i, c);
      const auto t = static_cast<size_t>(layout.circuit_row(i, c));
      for (size_t j = 0; j < chunk.size(); ++j) columns[j][t] = Fr::from_i64(chunk[j]);
    }
  }
  return columns;
}

}  // namespace zkfl::training
