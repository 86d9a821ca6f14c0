#include "coordinator/aggregation.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "training/fixed_point.hpp"

namespace zkfl::coordinator {
namespace {

using i128 = __int128;
using u128 = unsigned __int128;

constexpr int64_t kMaxTotalSamples = int64_t{1} << 62;

// floor(v / d) for d > 0, toward −∞ (C++ division truncates toward zero).
i128 floor_div128(i128 v, i128 d) {
  const i128 q = v / d;
  return (v % d != 0 && v < 0) ? q - 1 : q;
}

// Round half up, as training::round_div: floor((v + ⌊d/2⌋) / d).
int64_t round_div128(i128 v, i128 d) { return static_cast<int64_t>(floor_div128(v + d / 2, d)); }

Status check_weights(std::span<const int64_t> weights, const std::string& what) {
  for (size_t j = 0; j < weights.size(); ++j) {
    if (!training::in_signed_range(weights[j], training::kValueBits)) {
      return Status::error(what + " has weight " + std::to_string(j) + " = " + std::to_string(weights[j]) +
                           " outside [-2^15, 2^15); only verified in-range models can be aggregated");
    }
  }
  return Status::ok();
}

// Checks shared by every rule: at least one update, equal lengths (to
// `expected_length` when given), in-range weights, valid sample counts.
Status check_updates(std::span<const ClientUpdate> updates, std::optional<size_t> expected_length) {
  if (updates.empty()) return Status::error("no update to aggregate: a round needs at least one accepted update");
  const size_t length = expected_length.value_or(updates.front().weights.size());
  int64_t total = 0;
  for (size_t i = 0; i < updates.size(); ++i) {
    const std::string what = "update " + std::to_string(i);
    if (updates[i].weights.size() != length) {
      return Status::error(what + " has " + std::to_string(updates[i].weights.size()) + " weights where " +
                           std::to_string(length) + " are expected");
    }
    if (auto s = check_weights(updates[i].weights, what); !s) return s;
    if (updates[i].samples < 1) {
      return Status::error(what + " has sample count " + std::to_string(updates[i].samples) + "; it must be ≥ 1");
    }
    if (updates[i].samples > kMaxTotalSamples - total) {
      return Status::error("the total sample count exceeds 2^62");
    }
    total += updates[i].samples;
  }
  return Status::ok();
}

// The values of coordinate j across updates, sorted.
std::vector<int64_t> sorted_column(std::span<const ClientUpdate> updates, size_t j) {
  std::vector<int64_t> column;
  column.reserve(updates.size());
  for (const auto& u : updates) column.push_back(u.weights[j]);
  std::sort(column.begin(), column.end());
  return column;
}

std::vector<int64_t> fedavg_unchecked(std::span<const ClientUpdate> updates) {
  const size_t length = updates.front().weights.size();
  i128 total = 0;
  for (const auto& u : updates) total += u.samples;
  std::vector<int64_t> out(length);
  for (size_t j = 0; j < length; ++j) {
    i128 sum = 0;  // |Σ n_i·w_ij| ≤ 2^62 · 2^15
    for (const auto& u : updates) sum += static_cast<i128>(u.samples) * u.weights[j];
    out[j] = round_div128(sum, total);
  }
  return out;
}

// ⌈√v⌉ for v ≥ 0, exactly (Newton's method on integers, then a correction).
u128 ceil_sqrt(u128 v) {
  if (v < 2) return v;
  u128 x = v;
  u128 y = (x + 1) / 2;
  while (y < x) {
    x = y;
    y = (x + v / x) / 2;
  }
  // x = ⌊√v⌋
  return x * x == v ? x : x + 1;
}

Result<int64_t> parse_count(std::string_view digits, std::string_view text, int64_t minimum) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || digits.front() == '-' ||
      value < minimum) {
    return Status::error("aggregation rule '" + std::string(text) + "': the parameter must be an integer ≥ " +
                         std::to_string(minimum));
  }
  return value;
}

}  // namespace

Result<AggregationConfig> AggregationConfig::parse(std::string_view text) {
  const size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const std::string_view parameter = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  const bool has_parameter = colon != std::string_view::npos;
  AggregationConfig config;
  if (name == "fedavg" && !has_parameter) {
    config.rule = AggregationRule::kFedAvg;
    return config;
  }
  if (name == "median" && !has_parameter) {
    config.rule = AggregationRule::kMedian;
    return config;
  }
  if (name == "trimmed_mean" && has_parameter) {
    auto k = parse_count(parameter, text, 0);
    if (!k) return k.status();
    config.rule = AggregationRule::kTrimmedMean;
    config.trim = *k;
    return config;
  }
  if (name == "norm_clip" && has_parameter) {
    auto tau = parse_count(parameter, text, 1);
    if (!tau) return tau.status();
    config.rule = AggregationRule::kNormClip;
    config.clip_norm = *tau;
    return config;
  }
  return Status::error("unknown aggregation rule '" + std::string(text) +
                       "'; use fedavg, median, trimmed_mean:K (K values trimmed at each end) or norm_clip:T "
                       "(T the L2 bound of an update in weight units)");
}

std::string AggregationConfig::to_string() const {
  switch (rule) {
    case AggregationRule::kFedAvg: return "fedavg";
    case AggregationRule::kMedian: return "median";
    case AggregationRule::kTrimmedMean: return "trimmed_mean:" + std::to_string(trim);
    case AggregationRule::kNormClip: return "norm_clip:" + std::to_string(clip_norm);
  }
  return "invalid";
}

Result<std::vector<int64_t>> fedavg(std::span<const ClientUpdate> updates) {
  if (auto s = check_updates(updates, std::nullopt); !s) return s;
  return fedavg_unchecked(updates);
}

Result<std::vector<int64_t>> coordinate_median(std::span<const ClientUpdate> updates) {
  if (auto s = check_updates(updates, std::nullopt); !s) return s;
  const size_t n = updates.size();
  std::vector<int64_t> out(updates.front().weights.size());
  for (size_t j = 0; j < out.size(); ++j) {
    const auto column = sorted_column(updates, j);
    out[j] = n % 2 == 1 ? column[n / 2] : round_div128(i128{column[n / 2 - 1]} + column[n / 2], 2);
  }
  return out;
}

Result<std::vector<int64_t>> trimmed_mean(std::span<const ClientUpdate> updates, int64_t trim) {
  if (auto s = check_updates(updates, std::nullopt); !s) return s;
  const auto n = static_cast<int64_t>(updates.size());
  if (trim < 0 || trim > (n - 1) / 2) {
    return Status::error("trimmed_mean:" + std::to_string(trim) + " needs more than " + std::to_string(2 * trim) +
                         " accepted updates (it drops " + std::to_string(trim) + " at each end); this round has " +
                         std::to_string(n) + ". Lower K or raise the quorum");
  }
  std::vector<int64_t> out(updates.front().weights.size());
  for (size_t j = 0; j < out.size(); ++j) {
    const auto column = sorted_column(updates, j);
    i128 sum = 0;
    for (int64_t i = trim; i < n - trim; ++i) sum += column[static_cast<size_t>(i)];
    out[j] = round_div128(sum, n - 2 * trim);
  }
  return out;
}

Result<std::vector<int64_t>> clip_update(std::span<const int64_t> global, std::span<const int64_t> weights,
                                         int64_t clip_norm) {
  if (clip_norm < 1) return Status::error("the clipping norm must be ≥ 1, not " + std::to_string(clip_norm));
  if (weights.size() != global.size()) {
    return Status::error("an update has " + std::to_string(weights.size()) + " weights where the global model has " +
                         std::to_string(global.size()));
  }
  if (auto s = check_weights(global, "the global model"); !s) return s;
  if (auto s = check_weights(weights, "the update"); !s) return s;
  u128 squared = 0;  // Σ Δ_j² < 2^34 per coordinate: no overflow below 2^93 weights
  for (size_t j = 0; j < weights.size(); ++j) {
    const i128 delta = i128{weights[j]} - global[j];
    squared += static_cast<u128>(delta * delta);
  }
  const u128 tau = static_cast<u128>(clip_norm);
  if (squared <= tau * tau) return std::vector<int64_t>(weights.begin(), weights.end());
  // r = ⌈‖Δ‖⌉ > τ; |Δ_j·τ/r| ≤ |Δ_j|·τ/‖Δ‖, so Σ Δ'_j² ≤ τ² whatever the truncation.
  const i128 r = static_cast<i128>(ceil_sqrt(squared));
  std::vector<int64_t> out(weights.size());
  for (size_t j = 0; j < weights.size(); ++j) {
    const i128 delta = i128{weights[j]} - global[j];
    out[j] = global[j] + static_cast<int64_t>(delta * clip_norm / r);  // '/' truncates toward zero
  }
  return out;
}

Result<std::vector<int64_t>> norm_clipped_fedavg(std::span<const int64_t> global,
                                                 std::span<const ClientUpdate> updates, int64_t clip_norm) {
  if (auto s = check_updates(updates, global.size()); !s) return s;
  std::vector<std::vector<int64_t>> clipped;
  clipped.reserve(updates.size());
  std::vector<ClientUpdate> clipped_updates;
  clipped_updates.reserve(updates.size());
  for (const auto& u : updates) {
    auto c = clip_update(global, u.weights, clip_norm);
    if (!c) return c.status();
    clipped.push_back(std::move(*c));
    clipped_updates.push_back(ClientUpdate{clipped.back(), u.samples});
  }
  return fedavg_unchecked(clipped_updates);
}

Result<std::vector<int64_t>> aggregate(const AggregationConfig& config, std::span<const int64_t> global,
                                       std::span<const ClientUpdate> updates) {
  if (auto s = check_weights(global, "the global model"); !s) return s;
  if (auto s = check_updates(updates, global.size()); !s) return s;
  switch (config.rule) {
    case AggregationRule::kFedAvg: return fedavg(updates);
    case AggregationRule::kMedian: return coordinate_median(updates);
    case AggregationRule::kTrimmedMean: return trimmed_mean(updates, config.trim);
    case AggregationRule::kNormClip: return norm_clipped_fedavg(global, updates, config.clip_norm);
  }
  return Status::error("invalid aggregation rule");
}

Result<std::vector<int64_t>> aggregate_round(const AggregationConfig& config, std::span<const int64_t> global,
                                             std::span<const ClientUpdate> updates) {
  if (!updates.empty()) return aggregate(config, global, updates);
  if (auto s = check_weights(global, "the global model"); !s) return s;
  return std::vector<int64_t>(global.begin(), global.end());
}

}  // namespace zkfl::coordinator
