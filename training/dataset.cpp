#include "training/dataset.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>

namespace zkfl::training {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Splits one CSV line on commas (no quoting: every zkfl cell is a number or a plain name).
std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// "path:line" or "path:line:column" for error messages (1-based).
std::string where(const std::string& path, int64_t line, int64_t column = 0) {
  std::string s = path;
  s.append(1, ':').append(std::to_string(line));
  if (column > 0) s.append(1, ':').append(std::to_string(column));
  return s;
}

Status parse_number(std::string_view cell, double& out) {
  if (cell.empty()) return Status::error("is empty; every feature cell must be a number");
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, out, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) return Status::error("is out of the range of a double");
  if (ec != std::errc() || ptr != end) return Status::error("is not a number");
  if (!std::isfinite(out)) return Status::error("is not a finite number");
  return Status::ok();
}

Status parse_label(std::string_view cell, int64_t num_classes, int64_t& out) {
  if (cell.empty()) return Status::error("is empty; the label must be an integer class");
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, out);
  if (ec != std::errc() || ptr != end) return Status::error("is not an integer class");
  if (out < 0 || out >= num_classes) {
    return Status::error("is outside [0, " + std::to_string(num_classes) + "), the classes the schema allows");
  }
  return Status::ok();
}

Status check_schema(const CsvSchema& schema) {
  if (schema.num_classes < 2 || schema.num_classes > kMaxWidth) {
    return Status::error("CsvSchema::num_classes must be in [2, " + std::to_string(kMaxWidth) + "]");
  }
  if (schema.num_features < 0 || schema.num_features > kMaxWidth) {
    return Status::error("CsvSchema::num_features must be 0 (any) or in [1, " + std::to_string(kMaxWidth) + "]");
  }
  if (schema.max_rows < 1) return Status::error("CsvSchema::max_rows must be at least 1");
  return Status::ok();
}

Status check_header(const std::string& path, const std::vector<std::string_view>& header, const CsvSchema& schema) {
  const auto columns = static_cast<int64_t>(header.size());
  if (columns < 2) {
    return Status::error(where(path, 1) + ": the header has " + std::to_string(columns) +
                         " column; a dataset needs at least one feature column and the label column");
  }
  if (columns - 1 > kMaxWidth) {
    return Status::error(where(path, 1) + ": the header has " + std::to_string(columns - 1) +
                         " feature columns; at most " + std::to_string(kMaxWidth) + " are supported");
  }
  if (schema.num_features > 0 && columns - 1 != schema.num_features) {
    return Status::error(where(path, 1) + ": the header has " + std::to_string(columns - 1) +
                         " feature columns; the model expects " + std::to_string(schema.num_features));
  }
  for (int64_t c = 0; c < columns; ++c) {
    if (header[static_cast<size_t>(c)].empty()) {
      return Status::error(where(path, 1, c + 1) + ": empty column name in the header; the first row must name every column");
    }
  }
  if (!schema.label_column.empty() && header.back() != schema.label_column) {
    return Status::error(where(path, 1, columns) + ": the last column is '" + std::string(header.back()) +
                         "'; the label column '" + schema.label_column + "' must come last");
  }
  return Status::ok();
}

}  // namespace

Result<RawDataset> load_csv(const std::string& path, const CsvSchema& schema) {
  if (Status s = check_schema(schema); !s) return s;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::error(path + ": no such file; check the dataset path");
  if (!std::filesystem::is_regular_file(path, ec)) return Status::error(path + ": not a regular file; give a CSV file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(path + ": cannot be opened for reading; check its permissions");

  std::string line;
  if (!std::getline(in, line)) {
    return Status::error(path + ": the file is empty; expected a header row then one row per sample");
  }
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a UTF-8 byte order mark
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (is_blank(line)) {
    return Status::error(where(path, 1) + ": the header row is empty; the first row must name the columns");
  }
  const auto header = split_cells(line);
  if (Status s = check_header(path, header, schema); !s) return s;

  RawDataset data;
  data.features = static_cast<int64_t>(header.size()) - 1;
  data.num_classes = schema.num_classes;
  for (size_t c = 0; c + 1 < header.size(); ++c) data.feature_names.emplace_back(header[c]);
  const auto columns = static_cast<int64_t>(header.size());

  int64_t line_no = 1;
  int64_t blank_line = 0;  // first blank line seen; only allowed at the end of the file
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (is_blank(line)) {
      if (blank_line == 0) blank_line = line_no;
      continue;
    }
    if (blank_line != 0) {
      return Status::error(where(path, blank_line) + ": empty line between data rows; remove it");
    }
    if (data.rows == schema.max_rows) {
      return Status::error(where(path, line_no) + ": more than " + std::to_string(schema.max_rows) +
                           " data rows, the limit for one dataset; split the file or raise the limit");
    }
    const auto cells = split_cells(line);
    if (static_cast<int64_t>(cells.size()) != columns) {
      return Status::error(where(path, line_no) + ": the row has " + std::to_string(cells.size()) +
                           " cells but the header has " + std::to_string(columns) +
                           "; every row needs one cell per column");
    }
    for (int64_t c = 0; c < data.features; ++c) {
      const std::string_view cell = cells[static_cast<size_t>(c)];
      double v = 0;
      if (Status s = parse_number(cell, v); !s) {
        return Status::error(where(path, line_no, c + 1) + ": cell '" + std::string(cell) + "' (column '" +
                             data.feature_names[static_cast<size_t>(c)] + "') " + s.message());
      }
      data.x.push_back(v);
    }
    int64_t label = 0;
    if (Status s = parse_label(cells.back(), schema.num_classes, label); !s) {
      return Status::error(where(path, line_no, columns) + ": label '" + std::string(cells.back()) + "' " +
                           s.message());
    }
    data.labels.push_back(label);
    ++data.rows;
  }
  if (in.bad()) return Status::error(path + ": read error after line " + std::to_string(line_no));
  if (data.rows == 0) {
    return Status::error(path + ": the file has a header but no data rows; add one row per sample");
  }
  return data;
}

RawDataset select_rows(const RawDataset& data, std::span<const int64_t> rows) {
  RawDataset out;
  out.rows = static_cast<int64_t>(rows.size());
  out.features = data.features;
  out.num_classes = data.num_classes;
  out.feature_names = data.feature_names;
  out.x.reserve(rows.size() * static_cast<size_t>(data.features));
  out.labels.reserve(rows.size());
  for (int64_t r : rows) {
    assert(r >= 0 && r < data.rows);
    const auto begin = data.x.begin() + r * data.features;
    out.x.insert(out.x.end(), begin, begin + data.features);
    out.labels.push_back(data.labels[static_cast<size_t>(r)]);
  }
  return out;
}

Result<Standardizer> Standardizer::fit(const RawDataset& data, std::span<const int64_t> rows) {
  if (rows.empty()) return Status::error("cannot standardise on zero rows; the training split is empty");
  for (int64_t r : rows) {
    if (r < 0 || r >= data.rows) {
      return Status::error("row " + std::to_string(r) + " is outside the dataset of " + std::to_string(data.rows) + " rows");
    }
  }
  Standardizer s;
  const auto n = static_cast<double>(rows.size());
  for (int64_t f = 0; f < data.features; ++f) {
    double lo = data.at(rows[0], f);
    double hi = lo;
    double sum = 0;
    for (int64_t r : rows) {
      const double v = data.at(r, f);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    // A constant feature maps to exactly 0: its mean is its value and its scale stays 1.
    if (lo == hi) {
      s.mean_.push_back(lo);
      s.stddev_.push_back(1.0);
      continue;
    }
    const double mean = sum / n;
    double squares = 0;
    for (int64_t r : rows) squares += (data.at(r, f) - mean) * (data.at(r, f) - mean);
    const double sd = std::sqrt(squares / n);
    s.mean_.push_back(mean);
    s.stddev_.push_back(sd > 0 ? sd : 1.0);
  }
  return s;
}

Result<Standardizer> Standardizer::fit(const RawDataset& data) {
  std::vector<int64_t> all(static_cast<size_t>(data.rows));
  for (int64_t r = 0; r < data.rows; ++r) all[static_cast<size_t>(r)] = r;
  return fit(data, all);
}

Result<RawDataset> Standardizer::apply(const RawDataset& data) const {
  if (static_cast<size_t>(data.features) != mean_.size()) {
    return Status::error("the dataset has " + std::to_string(data.features) + " features but the standardiser was fitted on " +
                         std::to_string(mean_.size()));
  }
  RawDataset out = data;
  for (int64_t r = 0; r < data.rows; ++r) {
    for (int64_t f = 0; f < data.features; ++f) {
      const auto i = static_cast<size_t>(r * data.features + f);
      out.x[i] = (data.x[i] - mean_[static_cast<size_t>(f)]) / stddev_[static_cast<size_t>(f)];
    }
  }
  return out;
}

QuantizedDataset quantize_dataset(const RawDataset& data) {
  QuantizedDataset q;
  q.rows = data.rows;
  q.features = data.features;
  q.num_classes = data.num_classes;
  q.x.reserve(data.x.size());
  for (double v : data.x) q.x.push_back(quantize(v, kFeatureBits));
  q.labels = data.labels;
  return q;
}

QuantizedDataset select_rows(const QuantizedDataset& data, std::span<const int64_t> rows) {
  QuantizedDataset out;
  out.rows = static_cast<int64_t>(rows.size());
  out.features = data.features;
  out.num_classes = data.num_classes;
  out.x.reserve(rows.size() * static_cast<size_t>(data.features));
  out.labels.reserve(rows.size());
  for (int64_t r : rows) {
    assert(r >= 0 && r < data.rows);
    const auto begin = data.x.begin() + r * data.features;
    out.x.insert(out.x.end(), begin, begin + data.features);
    out.labels.push_back(data.labels[static_cast<size_t>(r)]);
  }
  return out;
}

Batch gather_batch(const QuantizedDataset& data, std::span<const int64_t> indices) {
  QuantizedDataset rows = select_rows(data, indices);
  return Batch{rows.rows, rows.features, std::move(rows.x), std::move(rows.labels)};
}

}  // namespace zkfl::training
