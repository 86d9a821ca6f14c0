#include "training/circuit/lookup_table.hpp"

#include <algorithm>

#include "training/fixed_point.hpp"

namespace zkfl::training {

namespace {

std::vector<LaneTableRow> make_lane_table(bool softmax) {
  std::vector<LaneTableRow> rows;
  const auto range = [&](int64_t bits) {
    for (int64_t v = 0; v < (int64_t{1} << bits); ++v) rows.push_back({bits, v, 0});
  };
  for (int64_t bits = 1; bits <= 8; ++bits) range(bits);
  if (softmax) {
    range(kTagWide);
    for (int64_t jd = 0; jd < kExpTableSize; ++jd) {
      rows.push_back({kTagExp, jd, exp_table()[static_cast<size_t>(std::min(jd, kExpMaxIndex))]});
    }
  } else {
    for (int64_t i = kSigmoidMinIndex; i <= kSigmoidMaxIndex; ++i) {
      rows.push_back({kTagSigmoid, i, sigmoid_table()[static_cast<size_t>(i - kSigmoidMinIndex)]});
    }
  }
  return rows;
}

}  // namespace

const std::vector<LaneTableRow>& lane_table(bool softmax) {
  static const std::vector<LaneTableRow> sigmoid_rows = make_lane_table(false);
  static const std::vector<LaneTableRow> softmax_rows = make_lane_table(true);
  return softmax ? softmax_rows : sigmoid_rows;
}

}  // namespace zkfl::training
