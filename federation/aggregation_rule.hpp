// The rule the coordinator combines accepted updates with, as a config names
// it: "fedavg" | "median" | "trimmed_mean:K" | "norm_clip:TAU". Robust rules
// are the second line of defence against data that was already poisoned when
// it was registered (DESIGN §1), which proofs cannot rule out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plonk/base/status.hpp"

namespace zkfl::federation {

using plonk::Result;
using plonk::Status;

enum class AggregationKind : uint8_t {
  kFedAvg,       // mean of the updates weighted by sample counts
  kMedian,       // coordinate-wise median
  kTrimmedMean,  // coordinate-wise mean after dropping the `trim` largest and smallest values
  kNormClip,     // each update's L2 norm clipped to `clip_norm`, then FedAvg
};

struct AggregationRule {
  AggregationKind kind = AggregationKind::kFedAvg;
  int64_t trim = 0;      // kTrimmedMean: K ≥ 1 values dropped at each end of every coordinate
  double clip_norm = 0;  // kNormClip: TAU > 0, the bound on an update's L2 norm in real (not fixed-point) units

  // The config spelling: "fedavg", "median", "trimmed_mean:2", "norm_clip:0.5".
  std::string to_string() const;
};

// Parses the config spelling. An error naming the accepted forms on an unknown
// rule, a missing or extra parameter, K < 1 or above 1000, or TAU not a finite
// number > 0.
Result<AggregationRule> parse_aggregation_rule(std::string_view text);

}  // namespace zkfl::federation
