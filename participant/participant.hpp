// A federation participant: it registers its dataset once, then follows the
// coordinator's rounds — for each announcement it derives its batch indices
// from the round seed, trains E local steps in the step circuit's integer
// semantics, proves them (with the link to its registered dataset), signs the
// submission and sends it. Raw data never leaves it: only the registration
// record (commitments), W_out, the proof and the link do.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "federation/cheat.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/proof/proving_key.hpp"
#include "protocol/identity_file.hpp"
#include "protocol/messages.hpp"
#include "protocol/transport.hpp"
#include "training/dataset.hpp"
#include "training/dataset_registration.hpp"
#include "training/step_prover.hpp"

namespace zkfl::participant {

using plonk::Result;
using plonk::Status;

struct ParticipantSettings {
  uint64_t id = 0;                       // the participant index p (batch sampling, proofs)
  training::StepSpec spec;               // its proving parameters (spec.dataset_rows = its rows)
  training::QuantizedDataset data;       // its training rows, quantized
  training::DatasetSchema schema;        // feature names, classes, fraction bits
  federation::Cheat cheat = federation::Cheat::kNone;  // simulated dishonesty
  uint64_t rounds = 0;                   // rounds to follow before it stops
  uint64_t crash_in_round = 0;           // simulations: vanish after this round's announcement (0: never)
};

// What happened, for progress displays and run tables.
struct ParticipantEvent {
  enum class Kind { kRegistered, kProving, kSubmitted, kVerdict, kNotice } kind = Kind::kNotice;
  uint64_t round = 0;
  double progress = 0;       // kProving
  double prove_seconds = 0;  // kSubmitted
  size_t proof_bytes = 0;    // kSubmitted
  std::string cheat;         // kSubmitted: the cheat tried ("none" when honest)
  std::optional<protocol::Verdict> verdict;  // kVerdict
  std::string text;
};
using ParticipantEvents = std::function<void(const ParticipantEvent&)>;

class Participant {
 public:
  // The key must be the one for settings.spec (training::load_or_generate_step_key).
  Participant(ParticipantSettings settings, protocol::SecretIdentity identity, const plonk::Srs& srs,
              const plonk::ProvingKey& key, plonk::ThreadPool& pool);

  // Commits to the dataset (once); the record is what the coordinator stores.
  Status register_dataset(plonk::Rng& rng);
  const training::Registration& registration() const { return *registration_; }
  // The signed registration message.
  protocol::Register register_message() const;

  // Follows the coordinator over `endpoint` until it has handled
  // settings.rounds rounds, `stop` is set, or the coordinator stays silent for
  // `idle_timeout`. Errors: transport failures it cannot recover from, a
  // refusal by the coordinator, values out of the quantization range.
  Status run(protocol::ParticipantEndpoint& endpoint, const std::atomic<bool>& stop, const ParticipantEvents& events,
             std::chrono::milliseconds idle_timeout = std::chrono::minutes(5));

  // This participant's CURVE key pair (its transport identity).
  const protocol::CurveKeyPair& curve_keys() const { return identity_.curve; }
  // True once run() has returned.
  bool finished() const { return finished_.load(); }

  // The submission for one announcement (exposed for tests): trains, proves, signs.
  Result<protocol::Submission> make_submission(const protocol::RoundAnnouncement& announcement,
                                               const ParticipantEvents& events);

 private:
  Status send(protocol::ParticipantEndpoint& endpoint, const protocol::Message& message);
  Status follow(protocol::ParticipantEndpoint& endpoint, const std::atomic<bool>& stop, const ParticipantEvents& events,
                std::chrono::milliseconds idle_timeout);

  ParticipantSettings settings_;
  protocol::SecretIdentity identity_;
  const plonk::Srs& srs_;
  const plonk::ProvingKey& key_;
  plonk::ThreadPool& pool_;
  std::optional<training::Registration> registration_;
  std::optional<training::QuantizedModel> previous_model_;  // for the stale-model cheat
  std::atomic<bool> finished_{false};
  std::map<uint64_t, std::vector<uint8_t>> sent_;  // encoded submissions by round, resent on re-announcement
};

}  // namespace zkfl::participant
