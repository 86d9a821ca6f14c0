#include "federation/metrics_csv.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

constexpr size_t kColumns = 7;
constexpr uintmax_t kMaxMetricsBytes = uintmax_t{1} << 30;

std::string format_double(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

template <class T>
bool parse_number(const std::string& cell, T& out) {
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return !cell.empty() && ec == std::errc() && end == cell.data() + cell.size();
}

Status validate_row(const MetricsRow& row) {
  if (row.participant.empty()) return Status::error("a metrics row needs a participant");
  if (row.verdict.empty()) return Status::error("a metrics row needs a verdict");
  if (row.proof_seconds && (!std::isfinite(*row.proof_seconds) || *row.proof_seconds < 0)) {
    return Status::error("proof time must be a finite number of seconds ≥ 0");
  }
  if (row.proof_bytes && *row.proof_bytes < 0) return Status::error("proof size must be ≥ 0");
  if (row.global_accuracy && !(*row.global_accuracy >= 0 && *row.global_accuracy <= 1)) {
    return Status::error("global accuracy must lie in [0, 1]");
  }
  return Status::ok();
}

Result<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Status::error(path.string() + ": cannot be read: " + ec.message());
  if (size > kMaxMetricsBytes) return Status::error(path.string() + ": larger than a metrics file can be (1 GiB)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(path.string() + ": cannot be opened for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::error(path.string() + ": read error");
  return text.str();
}

}  // namespace

std::string csv_field(std::string_view field) {
  const bool needs_quotes = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  size_t line = 1, column = 1;
  const auto where = [&] { return "line " + std::to_string(line) + ", column " + std::to_string(column); };
  size_t i = 0;
  while (i < text.size()) {
    // At the start of a field.
    if (text[i] == '"') {
      const size_t open_line = line, open_column = column;
      ++i, ++column;
      while (true) {
        if (i >= text.size()) {
          return Status::error("quoted field opened at line " + std::to_string(open_line) + ", column " +
                               std::to_string(open_column) + " is never closed");
        }
        const char c = text[i];
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2, column += 2;
            continue;
          }
          ++i, ++column;
          break;
        }
        field.push_back(c);
        ++i;
        if (c == '\n') {
          ++line, column = 1;
        } else {
          ++column;
        }
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return Status::error(where() + ": text after a closing quote");
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"') return Status::error(where() + ": a double quote inside an unquoted field");
        field.push_back(text[i]);
        ++i, ++column;
      }
    }
    // After a field: a separator, a line end or the end of the text.
    record.push_back(std::move(field));
    field.clear();
    if (i >= text.size()) break;
    if (text[i] == ',') {
      ++i, ++column;
      if (i >= text.size()) record.emplace_back();  // "a,b," ends with an empty field
      continue;
    }
    if (text[i] == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') return Status::error(where() + ": a CR not followed by LF");
      ++i;
    }
    ++i;  // the LF
    ++line, column = 1;
    records.push_back(std::move(record));
    record.clear();
  }
  if (!record.empty()) records.push_back(std::move(record));
  return records;
}

std::string format_metrics_row(const MetricsRow& row) {
  std::string line = std::to_string(row.round);
  line.append(",").append(csv_field(row.participant));
  line.append(",").append(row.proof_seconds ? format_double(*row.proof_seconds) : std::string());
  line.append(",").append(row.proof_bytes ? std::to_string(*row.proof_bytes) : std::string());
  line.append(",").append(csv_field(row.verdict));
  line.append(",").append(csv_field(row.reason));
  line.append(",").append(row.global_accuracy ? format_double(*row.global_accuracy) : std::string());
  return line;
}

Result<std::vector<MetricsRow>> parse_metrics_csv(std::string_view text, const std::string& source) {
  auto records = parse_csv(text);
  if (!records) return Status::error(source + ": " + records.error());
  if (records->empty()) return Status::error(source + ": empty; expected the header " + std::string(kMetricsHeader));
  std::string header;
  for (size_t i = 0; i < records->front().size(); ++i) header += (i ? "," : "") + records->front()[i];
  if (header != kMetricsHeader) {
    return Status::error(source + ": header is '" + header + "', expected '" + std::string(kMetricsHeader) + "'");
  }
  std::vector<MetricsRow> rows;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& cells = (*records)[r];
    const std::string at = source + ": record " + std::to_string(r + 1) + ": ";
    if (cells.size() != kColumns) {
      return Status::error(at + std::to_string(cells.size()) + " fields, expected " + std::to_string(kColumns));
    }
    MetricsRow row;
    if (!parse_number(cells[0], row.round)) return Status::error(at + "round '" + cells[0] + "' is not a number");
    row.participant = cells[1];
    if (!cells[2].empty()) {
      double v = 0;
      if (!parse_number(cells[2], v)) return Status::error(at + "proof_seconds '" + cells[2] + "' is not a number");
      row.proof_seconds = v;
    }
    if (!cells[3].empty()) {
      int64_t v = 0;
      if (!parse_number(cells[3], v)) return Status::error(at + "proof_bytes '" + cells[3] + "' is not an integer");
      row.proof_bytes = v;
    }
    row.verdict = cells[4];
    row.reason = cells[5];
    if (!cells[6].empty()) {
      double v = 0;
      if (!parse_number(cells[6], v)) {
        return Status::error(at + "global_accuracy '" + cells[6] + "' is not a number");
      }
      row.global_accuracy = v;
    }
    if (Status s = validate_row(row); !s.is_ok()) return Status::error(at + s.message());
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<MetricsRow>> read_metrics_csv(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return text.status();
  return parse_metrics_csv(*text, path.string());
}

Result<MetricsCsvWriter> MetricsCsvWriter::open(const std::filesystem::path& path) {
  std::error_code ec;
  const bool fresh = !fs::exists(path, ec) || fs::file_size(path, ec) == 0;
  if (!fresh) {
    auto text = read_file(path);
    if (!text) return text.status();
    auto existing = parse_metrics_csv(*text, path.string());
    if (!existing) return Status::error("cannot append to " + path.string() + ": " + existing.error());
    if (text->back() != '\n') return Status::error("cannot append to " + path.string() + ": its last line is cut off");
  }
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out) return Status::error(path.string() + ": cannot be opened for writing");
  if (fresh) {
    out << kMetricsHeader << '\n';
    out.flush();
    if (!out) return Status::error(path.string() + ": write error");
  }
  return MetricsCsvWriter(path, std::move(out));
}

Status MetricsCsvWriter::append(const MetricsRow& row) {
  if (Status s = validate_row(row); !s.is_ok()) return s;
  out_ << format_metrics_row(row) << '\n';
  out_.flush();
  if (!out_) return Status::error(path_.string() + ": write error");
  return Status::ok();
}

}  // namespace zkfl::federation
