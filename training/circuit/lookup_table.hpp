// The fixed lookup table of the step circuit's lanes: rows (tag, in, out).
// Tags 1..8 hold [0, 2^tag) (range checks); kTagSigmoid and kTagExp hold the
// activation tables of docs/QUANTIZATION.md. Unused rows are (0, 0, 0).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace zkfl::training {

struct LaneTableRow {
  int64_t tag, in, out;
};

// Every row, in a fixed order.
const std::vector<LaneTableRow>& lane_table();

}  // namespace zkfl::training
