// The coordinator's event loop (docs/PROTOCOL.md, "Round state machine"):
// enrolment of the configured participants, then for each round: announce
// (W_r, s_r, deadline) → collect signed submissions until every participant
// has sent one, or the deadline has passed with a quorum (stragglers get one
// more deadline's grace) → verify every proof and dataset link in one batch,
// bisecting a failing batch → aggregate the accepted updates → evaluate on the
// held-out set → record → next round. Every event goes to the run database
// first, so a coordinator killed at any point restarts where it was.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coordinator/run_database.hpp"
#include "plonk/base/thread_pool.hpp"
#include "protocol/messages.hpp"
#include "protocol/transport.hpp"
#include "training/dataset.hpp"
#include "training/step_prover.hpp"

namespace zkfl::coordinator {

// A participant the configuration admits.
struct ExpectedParticipant {
  uint64_t id = 0;
  std::string name;
  // The spec its proofs use. A dataset size of 0 means "learned at
  // enrolment" (from the registration record), the key then coming from
  // CoordinatorSettings::key_for.
  training::StepSpec spec;
  const plonk::VerifyingKey* vk = nullptr;
  std::optional<protocol::CurveKey> curve_key;  // required over tcp
  std::optional<protocol::Ed25519PublicKey> identity_key;  // when configured, the only key it may enrol with
};

// The verifying key of a spec (built from the SRS, usually cached on disk).
using VerifyingKeyProvider = std::function<Result<const plonk::VerifyingKey*>(const training::StepSpec&)>;

struct CoordinatorSettings {
  uint64_t rounds = 0;
  int64_t quorum = 1;
  std::chrono::milliseconds round_deadline{60000};
  training::ModelShape shape;
  training::QuantizedModel initial_model;
  training::QuantizedDataset test_data;  // the held-out evaluation rows
  std::vector<ExpectedParticipant> participants;
  VerifyingKeyProvider key_for;  // for participants whose dataset size is learned at enrolment
};

// What the coordinator decided, for progress displays and run tables.
struct CoordinatorEvent {
  enum class Kind { kEnrolled, kAnnounced, kVerdict, kAggregated, kNotice } kind = Kind::kNotice;
  uint64_t round = 0;
  uint64_t participant = 0;
  bool accepted = false;
  std::string reason;
  std::optional<double> accuracy;  // kAggregated
  double seconds = 0;              // kAggregated: the round's wall time
};
using CoordinatorEvents = std::function<void(const CoordinatorEvent&)>;

// The run id that announcements and submissions carry: the first 16 bytes of
// SHA-256 over the run record's config, spec digest, coordinator key and
// creation time (an auditor recomputes it from the database).
protocol::RunId run_id_of(const RunRecord& run);

class CoordinatorService {
 public:
  CoordinatorService(CoordinatorSettings settings, RunDatabase& db, protocol::CoordinatorEndpoint& endpoint,
                     plonk::ThreadPool& pool, CoordinatorEvents events = {});

  // Runs (or resumes) the federation until settings.rounds rounds are
  // aggregated (then answers stragglers' heartbeats for `drain`) or `stop` is set. Malformed, unexpected or late messages are
  // answered with an Error or a Verdict and never stop the loop. Errors:
  // the database or the transport failing.
  Status run(const std::atomic<bool>& stop, std::chrono::milliseconds drain = std::chrono::seconds(3));

 private:
  struct Peer {
    protocol::PeerId id;
    uint64_t announced_round = 0;  // the last round announced to this peer
  };

  Status enroll(const protocol::Incoming& in, const protocol::Register& reg);
  Status handle(const protocol::Incoming& in, const std::atomic<bool>& stop);
  Status on_submission(const protocol::Incoming& in, const protocol::Submission& s);
  Status send(const protocol::PeerId& peer, const protocol::Message& message);
  Status send_verdict(uint64_t participant, uint64_t round, protocol::VerdictReason reason, const std::string& text);
  Status announce_to(uint64_t participant);
  Status open_round(uint64_t number, const std::vector<int64_t>& model);
  Status close_round();
  const ExpectedParticipant* expected(uint64_t id) const;
  // Fixes a participant's spec and key from its registration record.
  Status bind_spec(uint64_t id, const training::RegistrationRecord& record);
  // The participant a message comes from: by its authenticated CURVE key over
  // tcp, by the id it states over inproc. nullopt when unknown.
  std::optional<uint64_t> sender(const protocol::Incoming& in, uint64_t stated_id) const;

  CoordinatorSettings settings_;
  RunDatabase& db_;
  protocol::CoordinatorEndpoint& endpoint_;
  plonk::ThreadPool& pool_;
  CoordinatorEvents events_;
  protocol::RunId run_id_{};
  std::map<uint64_t, ParticipantRecord> enrolled_;
  std::map<uint64_t, training::RegistrationRecord> registrations_;
  std::map<uint64_t, Peer> peers_;
  std::optional<RoundRecord> round_;                 // the open round
  std::map<uint64_t, SubmissionRecord> submissions_;  // of the open round
  std::chrono::steady_clock::time_point round_started_;
  // Verdicts sent, by (round, participant): resent when a participant's
  // heartbeat shows it is still waiting for one (a verdict lost in flight).
  std::map<std::pair<uint64_t, uint64_t>, protocol::Verdict> verdicts_;
};

}  // namespace zkfl::coordinator
