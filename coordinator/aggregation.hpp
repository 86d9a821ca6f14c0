// Integer aggregation of the accepted updates of a round into the next global
// model (DESIGN §2). Weights are the flattened int64 models of
// training/model.hpp, every value in [-2^15, 2^15) (kValueBits).
//
// Rules, and their exact integer semantics:
//   fedavg          w_j = round(Σ n_i·w_ij / Σ n_i), n_i the sample counts (McMahan et al. 2017)
//   median          coordinate-wise median, unweighted; for an even count the
//                   mean of the two middle values, round(·) as below
//   trimmed_mean:k  per coordinate, drop the k smallest and k largest values
//                   and take the unweighted mean of the rest, round(·); needs > 2k updates
//   norm_clip:τ     Δ_i = w_i − W_r clipped to L2 norm ≤ τ (τ in weight units,
//                   2^-8 in real terms), then fedavg of W_r + Δ'_i (Sun et al. 2019)
// round(p/q) is round half up, floor((p + ⌊q/2⌋)/q) with floor division, as
// training::round_div, computed in 128-bit integers so nothing overflows.
//
// Why results stay in range without clamping: each rule's output coordinate
// is a convex combination (mean, weighted mean, median) of in-range integers,
// so its exact value m lies in [-2^15, 2^15 − 1], and round half up maps that
// interval into itself (⌊m + ½⌋ ≤ 2^15 − 1 since m + ½ < 2^15). Clipping moves
// each coordinate toward W_r, staying between two in-range values. Inputs out
// of range are therefore the only way to leave it, and they are an error.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::coordinator {

using plonk::Result;
using plonk::Status;

enum class AggregationRule : uint8_t { kFedAvg = 1, kMedian = 2, kTrimmedMean = 3, kNormClip = 4 };

struct AggregationConfig {
  AggregationRule rule = AggregationRule::kFedAvg;
  int64_t trim = 0;       // trimmed_mean: values dropped at each end of each coordinate (≥ 0)
  int64_t clip_norm = 0;  // norm_clip: τ ≥ 1, the L2 bound of an update in weight units

  // "fedavg", "median", "trimmed_mean:K" (K ≥ 0) or "norm_clip:T" (T ≥ 1),
  // decimal integers without sign or spaces; an error lists these forms.
  static Result<AggregationConfig> parse(std::string_view text);
  // The text parse() reads back to this config.
  std::string to_string() const;
  bool operator==(const AggregationConfig&) const = default;
};

// One accepted update: the participant's W_out and its sample count.
struct ClientUpdate {
  std::span<const int64_t> weights;
  int64_t samples = 0;  // N_p ≥ 1
};

// The next global model from `global` (W_r) and the accepted `updates` under
// `config`. Errors: no update; a length other than global's; a weight outside
// [-2^15, 2^15) in global or an update; a sample count < 1 or a total above
// 2^62; trimmed_mean with ≤ 2k updates; an invalid config.
Result<std::vector<int64_t>> aggregate(const AggregationConfig& config, std::span<const int64_t> global,
                                       std::span<const ClientUpdate> updates);

// The model a round ends with: `global` (W_r) unchanged when no update was
// accepted, else aggregate(config, global, updates). Errors as aggregate().
Result<std::vector<int64_t>> aggregate_round(const AggregationConfig& config, std::span<const int64_t> global,
                                             std::span<const ClientUpdate> updates);

// The rules one by one, with aggregate()'s checks (global is used by norm clipping only).
Result<std::vector<int64_t>> fedavg(std::span<const ClientUpdate> updates);
Result<std::vector<int64_t>> coordinate_median(std::span<const ClientUpdate> updates);
Result<std::vector<int64_t>> trimmed_mean(std::span<const ClientUpdate> updates, int64_t trim);
Result<std::vector<int64_t>> norm_clipped_fedavg(std::span<const int64_t> global,
                                                 std::span<const ClientUpdate> updates, int64_t clip_norm);

// W_r + Δ' where Δ = weights − global and Δ' = Δ if ‖Δ‖₂ ≤ τ, else
// Δ'_j = trunc(Δ_j·τ / ⌈√(ΣΔ²)⌉) (toward zero), which guarantees ‖Δ'‖₂ ≤ τ
// exactly. Errors: sizes differ, values out of range, τ < 1.
Result<std::vector<int64_t>> clip_update(std::span<const int64_t> global, std::span<const int64_t> weights,
                                         int64_t clip_norm);

}  // namespace zkfl::coordinator
