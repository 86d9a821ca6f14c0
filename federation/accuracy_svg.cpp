#include "federation/accuracy_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

// Canvas and plot area, in SVG user units (pixels at 100 %).
constexpr double kWidth = 880;
constexpr double kHeight = 520;
constexpr double kLeft = 84;
constexpr double kRightWithBars = 92;
constexpr double kRightPlain = 40;
constexpr double kTop = 104;
constexpr double kBottom = 72;
constexpr double kBarShare = 0.3;  // bars use at most this share of the plot's height
constexpr size_t kMaxValueLabels = 16;  // more rounds than this: label only the last and the best

constexpr const char* kFont = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
constexpr const char* kInk = "#1f2937";
constexpr const char* kMuted = "#6b7280";
constexpr const char* kGrid = "#e5e7eb";
constexpr const char* kLine = "#2563eb";
constexpr const char* kLineDark = "#1e3a8a";
constexpr const char* kBarFill = "#fca5a5";
constexpr const char* kBarInk = "#b91c1c";

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f%%", fraction * 100);
  return buf;
}

// Exact decimal form of an accuracy for data attributes (reads back to the same double).
std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even as references.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

struct Frame {
  double x0, x1, y0, y1;  // plot area: x0 left, x1 right, y0 top, y1 bottom
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

// The accuracy axis in percent: [lo, 100] with lo a multiple of 10 at least 5
// points below the lowest value, and a tick step giving 5 to 10 ticks.
struct PercentAxis {
  double lo = 0, hi = 100, step = 10;
};

PercentAxis percent_axis(const std::vector<RoundSummary>& rounds) {
  double lowest = 100;
  for (const auto& r : rounds) {
    if (r.accuracy) lowest = std::min(lowest, *r.accuracy * 100);
  }
  PercentAxis axis;
  axis.lo = std::clamp(std::floor((lowest - 5) / 10) * 10, 0.0, 90.0);
  const double span = axis.hi - axis.lo;
  axis.step = span <= 20 ? 2 : span <= 50 ? 5 : 10;
  return axis;
}

class SvgWriter {
 public:
  SvgWriter(const AccuracyPlot& plot, const Frame& frame) : plot_(plot), f_(frame) {}

  std::string render() {
    header();
    if (plot_.rounds.empty()) {
      text(f_.x0 + f_.width() / 2, f_.y0 + f_.height() / 2, "No rounds recorded yet", 15, kMuted, "middle");
    } else {
      axis_ = percent_axis(plot_.rounds);
      first_ = plot_.rounds.front().round;
      slots_ = static_cast<double>(plot_.rounds.back().round - first_ + 1);
      max_rejected_ = 0;
      for (const auto& r : plot_.rounds) max_rejected_ = std::max(max_rejected_, r.rejected);
      accuracy_grid();
      round_axis();
      if (bars_drawn()) rejection_bars();
      skipped_rounds();
      accuracy_line();
    }
    legend();
    out_ << "</g>\n</svg>\n";
    return out_.str();
  }

 private:
  bool bars_drawn() const { return plot_.show_rejections && max_rejected_ > 0; }
  double x_of(uint64_t round) const {
    return f_.x0 + (static_cast<double>(round - first_) + 0.5) * f_.width() / slots_;
  }
  double y_of(double accuracy) const {
    const double pct = std::clamp(accuracy * 100, axis_.lo, axis_.hi);
    return f_.y1 - (pct - axis_.lo) / (axis_.hi - axis_.lo) * f_.height();
  }
  double bar_top(int64_t count) const {
    return f_.y1 - static_cast<double>(count) / static_cast<double>(max_rejected_) * kBarShare * f_.height();
  }

  void text(double x, double y, std::string_view s, int size, const char* fill, const char* anchor,
            const std::string& extra = "") {
    out_ << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" font-size=\"" << size << "\" fill=\"" << fill
         << "\" text-anchor=\"" << anchor << "\"" << extra << ">" << escape(s) << "</text>\n";
  }

  void line(double x1, double y1, double x2, double y2, const char* stroke, double width,
            const std::string& extra = "") {
    out_ << "<line x1=\"" << num(x1) << "\" y1=\"" << num(y1) << "\" x2=\"" << num(x2) << "\" y2=\"" << num(y2)
         << "\" stroke=\"" << stroke << "\" stroke-width=\"" << num(width) << "\"" << extra << "/>\n";
  }

  void header() {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << num(kWidth) << "\" height=\""
         << num(kHeight) << "\" viewBox=\"0 0 " << num(kWidth) << " " << num(kHeight) << "\" role=\"img\">\n"
         << "<title>" << escape(plot_.title) << "</title>\n"
         << "<g font-family=\"" << kFont << "\">\n"
         << "<rect x=\"0\" y=\"0\" width=\"" << num(kWidth) << "\" height=\"" << num(kHeight)
         << "\" fill=\"#ffffff\"/>\n";
    text(kLeft, 38, plot_.title, 20, kInk, "start", " font-weight=\"600\"");
    if (!plot_.subtitle.empty()) text(kLeft, 62, plot_.subtitle, 13, kMuted, "start");
  }

  void legend() {
    const double y = 86;
    double x = kLeft;
    line(x, y - 4, x + 26, y - 4, kLine, 2.5);
    out_ << "<circle cx=\"" << num(x + 13) << "\" cy=\"" << num(y - 4) << "\" r=\"4\" fill=\"#ffffff\" stroke=\""
         << kLine << "\" stroke-width=\"2\"/>\n";
    text(x + 34, y, "global model, accuracy on the held-out test rows", 12, kInk, "start");
    x += 34 + 300;
    if (!plot_.show_rejections || plot_.rounds.empty()) return;
    if (max_rejected_ > 0) {
      out_ << "<rect x=\"" << num(x) << "\" y=\"" << num(y - 10) << "\" width=\"12\" height=\"12\" fill=\""
           << kBarFill << "\" stroke=\"" << kBarInk << "\" stroke-width=\"1\"/>\n";
      text(x + 18, y, "submissions rejected (right axis)", 12, kInk, "start");
    } else {
      text(x, y, "no submission was rejected", 12, kMuted, "start");
    }
  }

  void accuracy_grid() {
    for (double pct = axis_.lo; pct <= axis_.hi + 1e-9; pct += axis_.step) {
      const double y = y_of(pct / 100);
      line(f_.x0, y, f_.x1, y, kGrid, 1);
      char label[16];
      std::snprintf(label, sizeof(label), "%g%%", pct);
      text(f_.x0 - 10, y + 4, label, 12, kMuted, "end");
    }
    line(f_.x0, f_.y0, f_.x0, f_.y1, kMuted, 1);
    const double mid = f_.y0 + f_.height() / 2;
    text(26, mid, "test accuracy", 13, kInk, "middle",
         " transform=\"rotate(-90 26 " + num(mid) + ")\"");
  }

  void round_axis() {
    line(f_.x0, f_.y1, f_.x1, f_.y1, kMuted, 1);
    const auto every = static_cast<uint64_t>(std::ceil(slots_ / 20));
    const uint64_t span = plot_.rounds.back().round - first_;
    for (uint64_t k = 0;; k += every) {
      const uint64_t r = first_ + k;
      const double x = x_of(r);
      line(x, f_.y1, x, f_.y1 + 5, kMuted, 1);
      text(x, f_.y1 + 20, std::to_string(r), 12, kMuted, "middle");
      if (span - k < every) break;  // the next tick would pass the last round
    }
    text(f_.x0 + f_.width() / 2, kHeight - 22, "round", 13, kInk, "middle");
  }

  void rejection_bars() {
    const double bar_width = std::min(f_.width() / slots_ * 0.45, 28.0);
    const int64_t step = std::max<int64_t>(1, (max_rejected_ + 3) / 4);
    for (int64_t c = 0; c <= max_rejected_; c += step) {
      const double y = bar_top(c);
      line(f_.x1, y, f_.x1 + 5, y, kBarInk, 1);
      text(f_.x1 + 9, y + 4, std::to_string(c), 12, kBarInk, "start");
    }
    line(f_.x1, bar_top(max_rejected_), f_.x1, f_.y1, kBarInk, 1);
    const double mid = f_.y1 - kBarShare * f_.height() / 2;
    text(kWidth - 20, mid, "rejected", 13, kBarInk, "middle", " transform=\"rotate(90 " + num(kWidth - 20) + " " +
                                                                 num(mid) + ")\"");
    for (const auto& r : plot_.rounds) {
      if (r.rejected == 0) continue;
      const double x = x_of(r.round), top = bar_top(r.rejected);
      out_ << "<rect class=\"rejected\" data-round=\"" << r.round << "\" data-count=\"" << r.rejected << "\" x=\""
           << num(x - bar_width / 2) << "\" y=\"" << num(top) << "\" width=\"" << num(bar_width) << "\" height=\""
           << num(f_.y1 - top) << "\" fill=\"" << kBarFill << "\" fill-opacity=\"0.8\" stroke=\"" << kBarInk
           << "\" stroke-width=\"1\"><title>round " << r.round << ": " << r.rejected << " rejected</title></rect>\n";
      text(x, top - 5, std::to_string(r.rejected), 11, kBarInk, "middle");
    }
  }

  // Rounds that aggregated nothing: a dashed guide and a note instead of a point.
  void skipped_rounds() {
    for (const auto& r : plot_.rounds) {
      if (r.accuracy) continue;
      const double x = x_of(r.round);
      out_ << "<line class=\"skipped\" data-round=\"" << r.round << "\" x1=\"" << num(x) << "\" y1=\"" << num(f_.y0)
           << "\" x2=\"" << num(x) << "\" y2=\"" << num(f_.y1) << "\" stroke=\"" << kMuted
           << "\" stroke-width=\"1\" stroke-dasharray=\"4 4\"><title>round " << r.round
           << ": no update aggregated</title></line>\n";
      text(x, f_.y0 - 6, "no update", 11, kMuted, "middle");
    }
  }

  void accuracy_line() {
    // Consecutive summaries with an accuracy form one polyline; a round
    // without one breaks the line.
    std::vector<std::vector<const RoundSummary*>> segments(1);
    for (const auto& r : plot_.rounds) {
      if (r.accuracy) {
        segments.back().push_back(&r);
      } else if (!segments.back().empty()) {
        segments.emplace_back();
      }
    }
    for (const auto& seg : segments) {
      if (seg.size() < 2) continue;
      std::string points;
      for (const auto* r : seg) points += num(x_of(r->round)) + "," + num(y_of(*r->accuracy)) + " ";
      points.pop_back();
      out_ << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\"" << kLine
           << "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n";
    }
    const RoundSummary* best = nullptr;
    const RoundSummary* last = nullptr;
    size_t with_accuracy = 0;
    for (const auto& r : plot_.rounds) {
      if (!r.accuracy) continue;
      ++with_accuracy;
      last = &r;
      if (best == nullptr || *r.accuracy > *best->accuracy) best = &r;
    }
    const auto& rounds = plot_.rounds;
    for (size_t i = 0; i < rounds.size(); ++i) {
      const RoundSummary& r = rounds[i];
      if (!r.accuracy) continue;
      const double x = x_of(r.round), y = y_of(*r.accuracy);
      out_ << "<circle class=\"point\" data-round=\"" << r.round << "\" data-accuracy=\"" << exact(*r.accuracy)
           << "\" cx=\"" << num(x) << "\" cy=\"" << num(y) << "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" << kLine
           << "\" stroke-width=\"2.5\"><title>round " << r.round << ": " << percent(*r.accuracy) << " accuracy, "
           << r.accepted << " accepted, " << r.rejected << " rejected</title></circle>\n";
      if (with_accuracy <= kMaxValueLabels || &r == best || &r == last) {
        // Above the marker, clear of the line, unless the point is a valley
        // (every neighbour on the line is higher) or the top is too close.
        const bool prev_higher = i > 0 && rounds[i - 1].accuracy && *rounds[i - 1].accuracy > *r.accuracy;
        const bool next_higher = i + 1 < rounds.size() && rounds[i + 1].accuracy && *rounds[i + 1].accuracy > *r.accuracy;
        const bool has_prev = i > 0 && rounds[i - 1].accuracy, has_next = i + 1 < rounds.size() && rounds[i + 1].accuracy;
        const bool valley = (has_prev || has_next) && (!has_prev || prev_higher) && (!has_next || next_higher);
        const bool below = valley || y - 12 < f_.y0 + 4;
        const double label_y = below ? y + 20 : y - 11;
        // A white halo keeps the value readable where the line passes behind it.
        text(x, label_y, percent(*r.accuracy), 11, kLineDark, "middle",
             " font-weight=\"600\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"");
      }
    }
  }

  const AccuracyPlot& plot_;
  Frame f_;
  PercentAxis axis_;
  uint64_t first_ = 0;
  double slots_ = 1;
  int64_t max_rejected_ = 0;
  std::ostringstream out_;
};

}  // namespace

std::vector<RoundSummary> summarize_rounds(std::span<const MetricsRow> rows) {
  std::map<uint64_t, RoundSummary> by_round;
  for (const auto& row : rows) {
    RoundSummary& s = by_round[row.round];
    s.round = row.round;
    if (row.global_accuracy) s.accuracy = row.global_accuracy;
    if (row.verdict == kVerdictAccepted) ++s.accepted;
    if (row.verdict == kVerdictRejected) ++s.rejected;
  }
  std::vector<RoundSummary> out;
  for (auto& [round, s] : by_round) out.push_back(s);
  return out;
}

Result<std::string> render_accuracy_svg(const AccuracyPlot& plot) {
  for (size_t i = 0; i < plot.rounds.size(); ++i) {
    const auto& r = plot.rounds[i];
    if (i > 0 && r.round <= plot.rounds[i - 1].round) {
      return Status::error("accuracy plot: rounds must be strictly ascending (round " + std::to_string(r.round) +
                           " follows " + std::to_string(plot.rounds[i - 1].round) + ")");
    }
    if (r.accuracy && !(*r.accuracy >= 0 && *r.accuracy <= 1)) {
      return Status::error("accuracy plot: round " + std::to_string(r.round) + " has an accuracy outside [0, 1]");
    }
    if (r.accepted < 0 || r.rejected < 0) {
      return Status::error("accuracy plot: round " + std::to_string(r.round) + " has a negative count");
    }
  }
  bool any_rejected = false;
  for (const auto& r : plot.rounds) any_rejected = any_rejected || r.rejected > 0;
  const double right = plot.show_rejections && any_rejected ? kRightWithBars : kRightPlain;
  const Frame frame{kLeft, kWidth - right, kTop, kHeight - kBottom};
  return SvgWriter(plot, frame).render();
}

Status write_accuracy_svg(const std::filesystem::path& path, const AccuracyPlot& plot) {
  auto svg = render_accuracy_svg(plot);
  if (!svg) return svg.status();
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::error(tmp.string() + ": cannot be opened for writing");
    out << *svg;
    out.flush();
    if (!out) return Status::error(tmp.string() + ": write error");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::error("cannot replace " + path.string() + ": " + ec.message());
  return Status::ok();
}

}  // namespace zkfl::federation
