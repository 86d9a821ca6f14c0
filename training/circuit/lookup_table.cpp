#include "training/circuit/lookup_table.hpp"

#include "training/circuit/step_columns.hpp"
#include "training/fixed_point.hpp"

namespace zkfl::training {

namespace {

std::vector<LaneTableRow> make_lane_table() {
  std::vector<LaneTableRow> rows;
  for (int64_t bits = 1; bits <= 8; ++bits) {
    for (int64_t v = 0; v < (int64_t{1} << bits); ++v) rows.push_back({bits, v, 0});
  }
  for (int64_t i = kSigmoidMinIndex; i <= kSigmoidMaxIndex; ++i) {
    rows.push_back({kTagSigmoid, i, sigmoid_table()[static_cast<size_t>(i - kSigmoidMinIndex)]});
  }
  for (int64_t i = 0; i <= kExpMaxIndex; ++i) rows.push_back({kTagExp, i, exp_table()[static_cast<size_t>(i)]});
  return rows;
}

}  // namespace

const std::vector<LaneTableRow>& lane_table() {
  static const std::vector<LaneTableRow> rows = make_lane_table();
  return rows;
}

}  // namespace zkfl::training
