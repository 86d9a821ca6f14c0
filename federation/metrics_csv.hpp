// The run directory's metrics table: one CSV row per submission (or missing
// submission) of every round, for people and spreadsheets. Fields are quoted
// as RFC 4180 says (a field with a comma, a double quote, a CR or LF is
// enclosed in double quotes, inner quotes doubled), so a rejection reason may
// hold any text. Numbers are written in the shortest form that reads back to
// the same double.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::federation {

using plonk::Result;
using plonk::Status;

inline constexpr std::string_view kMetricsHeader =
    "round,participant,proof_seconds,proof_bytes,verdict,reason,global_accuracy";

struct MetricsRow {
  uint64_t round = 0;
  std::string participant;
  std::optional<double> proof_seconds;    // time to prove; empty when no proof arrived
  std::optional<int64_t> proof_bytes;     // size of the proof; empty when no proof arrived
  std::string verdict;                    // e.g. "accepted", "rejected", "missing"; not empty
  std::string reason;                     // why, for a verdict other than accepted; may be empty
  std::optional<double> global_accuracy;  // test accuracy in [0, 1] of the global model after the round; empty when the round aggregated nothing

  bool operator==(const MetricsRow&) const = default;
};

// `field` as one CSV field: unchanged, or quoted when it holds a comma, a
// double quote, CR or LF, or starts or ends with a space.
std::string csv_field(std::string_view field);

// The records of CSV `text` (RFC 4180; LF or CRLF line ends, a final line
// end optional), each a list of unquoted fields. An error naming line and
// column on a quote inside an unquoted field, text after a closing quote or
// an unterminated quoted field.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);

// One row as a CSV line, without the line end.
std::string format_metrics_row(const MetricsRow& row);

// The rows of a metrics CSV `text` whose first record is kMetricsHeader.
// `source` names the text in messages ("file: line N: ..."). An error on a
// different header, a record with another number of fields or a cell that
// does not parse (empty optional cells are fine).
Result<std::vector<MetricsRow>> parse_metrics_csv(std::string_view text, const std::string& source);

// parse_metrics_csv of the file at `path`; an error also when it cannot be read.
Result<std::vector<MetricsRow>> read_metrics_csv(const std::filesystem::path& path);

// Appends rows to a metrics CSV file, flushing each one, so a run that is
// killed keeps every row written and a resumed run goes on in the same file.
class MetricsCsvWriter {
 public:
  // Opens `path` for appending: a missing or empty file gets the header; an
  // existing file must already start with the header and be a valid metrics
  // CSV (else an error, and the file is left as it is). The parent directory must exist.
  static Result<MetricsCsvWriter> open(const std::filesystem::path& path);

  // Writes one row and flushes it. An error when the row has no participant
  // or verdict, an accuracy outside [0, 1], a negative or non-finite proof
  // time, a negative size, or when the write fails.
  Status append(const MetricsRow& row);

  const std::filesystem::path& path() const { return path_; }

 private:
  MetricsCsvWriter(std::filesystem::path path, std::ofstream out) : path_(std::move(path)), out_(std::move(out)) {}

  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace zkfl::federation
