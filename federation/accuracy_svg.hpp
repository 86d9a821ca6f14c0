// The run directory's chart: the global model's test accuracy after each
// round as a line with a marker and a value per round, and the submissions
// rejected in each round as bars on a second axis. Hand-written SVG 1.1 with
// no dependencies; it opens in any browser.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "federation/metrics_csv.hpp"

namespace zkfl::federation {

// The verdict spellings the metrics CSV uses for the chart's counts.
inline constexpr std::string_view kVerdictAccepted = "accepted";
inline constexpr std::string_view kVerdictRejected = "rejected";

struct RoundSummary {
  uint64_t round = 0;
  std::optional<double> accuracy;  // in [0, 1]; empty when the round aggregated nothing
  int64_t accepted = 0;            // submissions with verdict "accepted"
  int64_t rejected = 0;            // submissions with verdict "rejected"

  bool operator==(const RoundSummary&) const = default;
};

struct AccuracyPlot {
  std::string title;     // e.g. "hospitals — global test accuracy"
  std::string subtitle;  // optional second line, e.g. the model and the participants
  std::vector<RoundSummary> rounds;  // strictly ascending round numbers
  bool show_rejections = true;       // draw the bars and their axis
};

// One summary per round that appears in `rows`, ascending: the last non-empty
// global accuracy of the round's rows and its accepted and rejected counts.
std::vector<RoundSummary> summarize_rounds(std::span<const MetricsRow> rows);

// The chart as an SVG document. Every marker is a <circle class="point">
// carrying data-round and data-accuracy; every bar a <rect class="rejected">
// carrying data-round and data-count. An error when rounds are not strictly
// ascending or an accuracy lies outside [0, 1]; no rounds give an empty
// chart that says so.
Result<std::string> render_accuracy_svg(const AccuracyPlot& plot);

// Renders `plot` and replaces `path` atomically (a temporary file renamed over
// it), so a reader never sees half a chart. An error when rendering or writing fails.
Status write_accuracy_svg(const std::filesystem::path& path, const AccuracyPlot& plot);

}  // namespace zkfl::federation
