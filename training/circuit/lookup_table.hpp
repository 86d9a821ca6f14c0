// The fixed lookup table of the step circuit's lanes. A row (tag, in, out)
// is stored as (tag·2^20 + in, out), one key column and one output column:
// tags 1..8 and 12 hold in ∈ [0, 2^tag) with out = 0 (range checks);
// kTagSigmoid holds (idx, SIG[idx]) for idx ∈ [-128, 127] (sigmoid models);
// kTagExp holds (jd, EXP[min(jd, 255)]) for jd ∈ [0, 4096) (softmax models).
// Unused rows are (0, 0).
#pragma once

#include <cstdint>
#include <vector>

namespace zkfl::training {

inline constexpr int64_t kTagSigmoid = 9;
inline constexpr int64_t kTagExp = 10;
inline constexpr int64_t kTagWide = 12;      // 12-bit range checks (softmax models)
inline constexpr int64_t kTagShift = int64_t{1} << 20;
inline constexpr int64_t kExpTableSize = 4096;

struct LaneTableRow {
  int64_t tag, in, out;
  int64_t key() const { return tag * kTagShift + in; }
};

// Every row for a model with a sigmoid or a softmax output, in a fixed order.
const std::vector<LaneTableRow>& lane_table(bool softmax);

}  // namespace zkfl::training
