// A run directory's human-facing outputs: the metrics CSV (one row per
// submission) and the accuracy chart drawn from it. The run database lives in
// the same directory under kRunDatabaseFileName (written by the coordinator).
// A resumed run reopens the directory and goes on: the CSV is appended to and
// the chart is redrawn from every row, old and new.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "federation/accuracy_svg.hpp"
#include "federation/metrics_csv.hpp"

namespace zkfl::federation {

inline constexpr std::string_view kMetricsFileName = "metrics.csv";
inline constexpr std::string_view kAccuracyPlotFileName = "accuracy.svg";
inline constexpr std::string_view kRunDatabaseFileName = "run.db";

class RunOutputs {
 public:
  // Creates `dir` (with its parents) when missing and opens its metrics CSV,
  // keeping the rows already there. `title` and `subtitle` head the chart.
  // An error when the directory cannot be made or the CSV is not a metrics CSV.
  static Result<RunOutputs> open(const std::filesystem::path& dir, std::string title, std::string subtitle = "");

  // Appends `row` to the CSV (flushed at once) and keeps it for the chart.
  // An error, with nothing recorded, when MetricsCsvWriter::append refuses the row.
  Status record(const MetricsRow& row);

  // Redraws the chart from every row recorded so far; call it after each round.
  Status write_plot() const;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path metrics_path() const { return dir_ / kMetricsFileName; }
  std::filesystem::path plot_path() const { return dir_ / kAccuracyPlotFileName; }
  std::filesystem::path database_path() const { return dir_ / kRunDatabaseFileName; }
  const std::vector<MetricsRow>& rows() const { return rows_; }

 private:
  RunOutputs(std::filesystem::path dir, MetricsCsvWriter writer, std::vector<MetricsRow> rows, std::string title,
             std::string subtitle)
      : dir_(std::move(dir)), writer_(std::move(writer)), rows_(std::move(rows)), title_(std::move(title)),
        subtitle_(std::move(subtitle)) {}

  std::filesystem::path dir_;
  MetricsCsvWriter writer_;
  std::vector<MetricsRow> rows_;
  std::string title_;
  std::string subtitle_;
};

}  // namespace zkfl::federation
