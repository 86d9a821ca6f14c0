#include "federation/aggregation_rule.hpp"

#include <charconv>
#include <cmath>

namespace zkfl::federation {
namespace {

constexpr int64_t kMaxTrim = 1000;
constexpr std::string_view kForms = "\"fedavg\", \"median\", \"trimmed_mean:K\" (K ≥ 1) or \"norm_clip:TAU\" (TAU > 0)";

Status unknown(std::string_view text, std::string_view why) {
  return Status::error("aggregation '" + std::string(text) + "' " + std::string(why) + "; use " + std::string(kForms));
}

}  // namespace

std::string AggregationRule::to_string() const {
  switch (kind) {
    case AggregationKind::kFedAvg: return "fedavg";
    case AggregationKind::kMedian: return "median";
    case AggregationKind::kTrimmedMean: return "trimmed_mean:" + std::to_string(trim);
    case AggregationKind::kNormClip: {
      char buf[64];
      const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), clip_norm);
      return "norm_clip:" + std::string(buf, ec == std::errc() ? end : buf);
    }
  }
  return "fedavg";
}

Result<AggregationRule> parse_aggregation_rule(std::string_view text) {
  const size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const bool has_param = colon != std::string_view::npos;
  const std::string_view param = has_param ? text.substr(colon + 1) : std::string_view{};
  AggregationRule rule;
  if (name == "fedavg" || name == "median") {
    if (has_param) return unknown(text, "takes no parameter");
    rule.kind = name == "fedavg" ? AggregationKind::kFedAvg : AggregationKind::kMedian;
    return rule;
  }
  if (name == "trimmed_mean") {
    int64_t k = 0;
    const auto [end, ec] = std::from_chars(param.data(), param.data() + param.size(), k);
    if (!has_param || param.empty() || ec != std::errc() || end != param.data() + param.size() || k < 1 ||
        k > kMaxTrim) {
      return unknown(text, "needs an integer K in 1.." + std::to_string(kMaxTrim));
    }
    rule.kind = AggregationKind::kTrimmedMean;
    rule.trim = k;
    return rule;
  }
  if (name == "norm_clip") {
    double tau = 0;
    const auto [end, ec] = std::from_chars(param.data(), param.data() + param.size(), tau);
    if (!has_param || param.empty() || ec != std::errc() || end != param.data() + param.size() ||
        !std::isfinite(tau) || tau <= 0) {
      return unknown(text, "needs a finite number TAU > 0");
    }
    rule.kind = AggregationKind::kNormClip;
    rule.clip_norm = tau;
    return rule;
  }
  return unknown(text, "is not a known rule");
}

}  // namespace zkfl::federation
