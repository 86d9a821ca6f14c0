// What the run database stores: the run, its participants, rounds and
// submissions, as plain values. The database (run_database.hpp) keeps them in
// tables; the audit log (audit_events.hpp) records each one as it is written.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coordinator/audit_signer.hpp"
#include "plonk/base/sha256.hpp"

namespace zkfl::coordinator {

using Seed = std::array<uint8_t, 32>;

// A round moves forward through these states, never back:
// announced (W_r and s_r published) → collecting (accepting submissions) →
// verifying (submissions closed, verdicts being recorded) → aggregated (W_{r+1} stored).
enum class RoundState : uint8_t { kAnnounced = 1, kCollecting = 2, kVerifying = 3, kAggregated = 4 };

// "announced", "collecting", "verifying", "aggregated" (the stored text).
std::string_view round_state_name(RoundState state);
// The inverse of round_state_name; nullopt for any other text.
std::optional<RoundState> parse_round_state(std::string_view text);

enum class Verdict : uint8_t { kPending = 0, kAccepted = 1, kRejected = 2 };

// "pending", "accepted", "rejected" (the stored text).
std::string_view verdict_name(Verdict verdict);
// The inverse of verdict_name; nullopt for any other text.
std::optional<Verdict> parse_verdict(std::string_view text);

struct RunRecord {
  std::string config;                   // the run's configuration text, verbatim
  plonk::Sha256::Digest spec_digest{};  // training::step_spec_digest of the run's step spec
  std::string aggregation;              // the aggregation rule (AggregationConfig::parse)
  PublicKey coordinator_key{};          // verifies every audit signature
  int64_t created_ms = 0;               // Unix time in milliseconds

  bool operator==(const RunRecord&) const = default;
};

struct ParticipantRecord {
  uint64_t id = 0;                    // the participant id p its proofs bind to (< 2^63)
  std::string name;
  PublicKey identity_key{};           // Ed25519: verifies its submissions' signatures
  PublicKey curve_key{};              // its ZeroMQ CURVE public key
  std::vector<uint8_t> registration;  // training::RegistrationRecord::encode()
  int64_t samples = 0;                // N_p, its FedAvg weight (≥ 1)
  int64_t enrolled_ms = 0;

  bool operator==(const ParticipantRecord&) const = default;
};

struct RoundRecord {
  uint64_t number = 0;                         // 1, 2, 3, …
  Seed seed{};                                 // s_r, from which batch indices derive
  std::vector<int64_t> model;                  // W_r, the announced global model (flattened)
  RoundState state = RoundState::kAnnounced;
  int64_t deadline_ms = 0;
  std::optional<std::vector<int64_t>> result;  // W_{r+1}, once aggregated
  std::optional<double> accuracy;              // of W_{r+1} on the held-out set, if measured

  bool operator==(const RoundRecord&) const = default;
};

struct SubmissionRecord {
  uint64_t round = 0;
  uint64_t participant = 0;
  std::vector<int64_t> w_out;  // the claimed W_out (flattened)
  std::vector<uint8_t> proof;  // the step proof's bytes
  std::vector<uint8_t> link;   // the dataset link's bytes
  Signature signature{};       // the participant's signature over its submission message
  int64_t received_ms = 0;
  Verdict verdict = Verdict::kPending;
  std::string reason;          // why it was rejected (or a note on acceptance)

  bool operator==(const SubmissionRecord&) const = default;
};

}  // namespace zkfl::coordinator
