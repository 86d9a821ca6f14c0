#include "coordinator/run_records.hpp"

namespace zkfl::coordinator {

std::string_view round_state_name(RoundState state) {
  switch (state) {
    case RoundState::kAnnounced: return "announced";
    case RoundState::kCollecting: return "collecting";
    case RoundState::kVerifying: return "verifying";
    case RoundState::kAggregated: return "aggregated";
  }
  return "invalid";
}

std::optional<RoundState> parse_round_state(std::string_view text) {
  for (RoundState s : {RoundState::kAnnounced, RoundState::kCollecting, RoundState::kVerifying,
                       RoundState::kAggregated}) {
    if (round_state_name(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPending: return "pending";
    case Verdict::kAccepted: return "accepted";
    case Verdict::kRejected: return "rejected";
  }
  return "invalid";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  for (Verdict v : {Verdict::kPending, Verdict::kAccepted, Verdict::kRejected}) {
    if (verdict_name(v) == text) return v;
  }
  return std::nullopt;
}

}  // namespace zkfl::coordinator
