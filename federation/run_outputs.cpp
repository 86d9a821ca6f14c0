#include "federation/run_outputs.hpp"

namespace zkfl::federation {

Result<RunOutputs> RunOutputs::open(const std::filesystem::path& dir, std::string title, std::string subtitle) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::error("cannot create the run directory " + dir.string() + ": " + ec.message());
  if (!std::filesystem::is_directory(dir, ec)) return Status::error(dir.string() + " is not a directory");
  const auto metrics = dir / kMetricsFileName;
  std::vector<MetricsRow> rows;
  if (std::filesystem::exists(metrics, ec) && std::filesystem::file_size(metrics, ec) > 0) {
    auto existing = read_metrics_csv(metrics);
    if (!existing) return existing.status();
    rows = std::move(*existing);
  }
  auto writer = MetricsCsvWriter::open(metrics);
  if (!writer) return writer.status();
  return RunOutputs(dir, std::move(*writer), std::move(rows), std::move(title), std::move(subtitle));
}

Status RunOutputs::record(const MetricsRow& row) {
  if (Status s = writer_.append(row); !s.is_ok()) return s;
  rows_.push_back(row);
  return Status::ok();
}

Status RunOutputs::write_plot() const {
  AccuracyPlot plot;
  plot.title = title_;
  plot.subtitle = subtitle_;
  plot.rounds = summarize_rounds(rows_);
  return write_accuracy_svg(plot_path(), plot);
}

}  // namespace zkfl::federation
