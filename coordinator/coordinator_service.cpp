#include "coordinator/coordinator_service.hpp"

#include <algorithm>

#include "plonk/base/byte_io.hpp"
#include "plonk/base/random.hpp"
#include "protocol/message_signing.hpp"
#include "training/batch_sampler.hpp"
#include "training/inference.hpp"
#include "training/step_batch_verifier.hpp"

namespace zkfl::coordinator {

namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

protocol::VerdictReason reason_of(const training::StepVerdict& v) {
  if (v.accepted) return protocol::VerdictReason::kAccepted;
  return v.reason.rfind("malformed", 0) == 0 ? protocol::VerdictReason::kMalformedProof
                                             : protocol::VerdictReason::kProofRejected;
}

CoordinatorEvent event(CoordinatorEvent::Kind kind, uint64_t round, uint64_t participant, bool accepted,
                       std::string reason) {
  CoordinatorEvent e;
  e.kind = kind;
  e.round = round;
  e.participant = participant;
  e.accepted = accepted;
  e.reason = std::move(reason);
  return e;
}

}  // namespace

protocol::RunId run_id_of(const RunRecord& run) {
  plonk::ByteWriter w;
  const std::string_view tag = "zkfl-run-id-v1";
  w.bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(tag.data()), tag.size()));
  w.u64(run.config.size());
  w.bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(run.config.data()), run.config.size()));
  w.bytes(run.spec_digest);
  w.bytes(run.coordinator_key);
  w.u64(static_cast<uint64_t>(run.created_ms));
  const auto digest = plonk::Sha256::hash(w.data());
  protocol::RunId id{};
  std::copy_n(digest.begin(), id.size(), id.begin());
  return id;
}

CoordinatorService::CoordinatorService(CoordinatorSettings settings, RunDatabase& db,
                                       protocol::CoordinatorEndpoint& endpoint, plonk::ThreadPool& pool,
                                       CoordinatorEvents events)
    : settings_(std::move(settings)), db_(db), endpoint_(endpoint), pool_(pool), events_(std::move(events)) {}

const ExpectedParticipant* CoordinatorService::expected(uint64_t id) const {
  for (const auto& p : settings_.participants) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

Status CoordinatorService::bind_spec(uint64_t id, const training::RegistrationRecord& record) {
  for (auto& p : settings_.participants) {
    if (p.id != id) continue;
    if (p.spec.dataset_rows == 0) p.spec.dataset_rows = record.layout.rows;
    if (p.vk == nullptr) {
      if (!settings_.key_for) return Status::error("no verifying key for participant " + p.name);
      auto vk = settings_.key_for(p.spec);
      if (!vk) return vk.status();
      p.vk = *vk;
    }
    return Status::ok();
  }
  return Status::error("unknown participant");
}

std::optional<uint64_t> CoordinatorService::sender(const protocol::Incoming& in, uint64_t stated_id) const {
  if (in.client_key) {
    for (const auto& p : settings_.participants) {
      if (p.curve_key && *p.curve_key == *in.client_key) return p.id;
    }
    return std::nullopt;
  }
  if (expected(stated_id) != nullptr) return stated_id;
  return std::nullopt;
}

Status CoordinatorService::send(const protocol::PeerId& peer, const protocol::Message& message) {
  auto bytes = protocol::encode(message);
  if (!bytes) return bytes.status();
  Status s = endpoint_.send(peer, *bytes);
  if (!s.is_ok() && events_) events_(event(CoordinatorEvent::Kind::kNotice, 0, 0, false, "send failed: " + s.message()));
  return Status::ok();  // a vanished peer is not the coordinator's failure
}

Status CoordinatorService::send_verdict(uint64_t participant, uint64_t round, protocol::VerdictReason reason,
                                        const std::string& text) {
  auto it = peers_.find(participant);
  if (it == peers_.end()) return Status::ok();
  const bool accepted = reason == protocol::VerdictReason::kAccepted;
  const protocol::Verdict verdict{round, participant, accepted, reason, text.substr(0, 1000)};
  // A judged submission's verdict (not an answer to a duplicate, late or stray one) is kept for resending.
  const bool judged = reason != protocol::VerdictReason::kDuplicate && reason != protocol::VerdictReason::kLate &&
                      reason != protocol::VerdictReason::kWrongRound && reason != protocol::VerdictReason::kWrongRun &&
                      reason != protocol::VerdictReason::kBadSignature;
  if (judged) verdicts_[{round, participant}] = verdict;
  return send(it->second.id, verdict);
}

Status CoordinatorService::announce_to(uint64_t participant) {
  if (!round_ || round_->state != RoundState::kCollecting) return Status::ok();
  auto it = peers_.find(participant);
  if (it == peers_.end() || submissions_.count(participant) > 0) return Status::ok();
  protocol::RoundAnnouncement a;
  a.run_id = run_id_;
  a.round = round_->number;
  a.seed = round_->seed;
  a.global_model = round_->model;
  a.step_spec_digest = training::step_spec_digest(expected(participant)->spec);
  a.deadline_ms = static_cast<uint64_t>(round_->deadline_ms);
  it->second.announced_round = round_->number;
  return send(it->second.id, a);
}

Status CoordinatorService::enroll(const protocol::Incoming& in, const protocol::Register& reg) {
  const auto refuse = [&](const std::string& why) {
    return send(in.peer, protocol::Error{protocol::ErrorCode::kRegistrationRefused, why});
  };
  const auto id = sender(in, reg.participant);
  const ExpectedParticipant* exp = id ? expected(*id) : nullptr;
  if (exp == nullptr || exp->id != reg.participant) {
    return send(in.peer, protocol::Error{protocol::ErrorCode::kUnknownParticipant, "not a participant of this run"});
  }
  if (!protocol::verify_registration_signature(reg)) return refuse("the registration signature does not verify");
  if (reg.name != exp->name) return refuse("the name differs from the configuration's");
  if (exp->identity_key && reg.identity_key != *exp->identity_key) {
    return refuse("the identity key differs from the configuration's");
  }
  if (in.client_key && reg.curve_public_key != *in.client_key) return refuse("the CURVE key differs from the channel's");
  auto record = training::RegistrationRecord::decode(reg.registration_record);
  if (!record) return refuse("malformed registration record: " + record.error());
  training::StepSpec spec = exp->spec;
  if (spec.dataset_rows == 0) spec.dataset_rows = record->layout.rows;  // learned at enrolment
  if (Status v = spec.validate(); !v.is_ok()) return refuse("registration: " + v.message());
  if (!(record->layout == spec.data_layout()) || record->k != spec.k() ||
      static_cast<int64_t>(reg.sample_count) != spec.dataset_rows) {
    return refuse("the registration does not match this run's model, data columns or dataset size");
  }
  if (auto it = enrolled_.find(exp->id); it != enrolled_.end()) {
    if (it->second.identity_key != reg.identity_key) return refuse("already enrolled with another identity key");
    peers_[exp->id].id = in.peer;  // a reconnect
    peers_[exp->id].announced_round = 0;
    return announce_to(exp->id);
  }
  ParticipantRecord rec{exp->id, exp->name, reg.identity_key, reg.curve_public_key, reg.registration_record,
                        static_cast<int64_t>(reg.sample_count), now_ms()};
  if (Status s = bind_spec(exp->id, *record); !s.is_ok()) return refuse(s.message());
  if (Status s = db_.enroll_participant(rec); !s.is_ok()) return refuse(s.message());
  enrolled_[exp->id] = rec;
  registrations_.emplace(exp->id, std::move(*record));
  peers_[exp->id] = Peer{in.peer, 0};
  if (events_) events_(event(CoordinatorEvent::Kind::kEnrolled, 0, exp->id, true, exp->name));
  return announce_to(exp->id);
}

Status CoordinatorService::on_submission(const protocol::Incoming& in, const protocol::Submission& s) {
  const auto id = sender(in, s.participant);
  if (!id || *id != s.participant) {
    return send(in.peer, protocol::Error{protocol::ErrorCode::kUnknownParticipant, "not a participant of this run"});
  }
  auto member = enrolled_.find(*id);
  if (member == enrolled_.end()) {
    return send(in.peer, protocol::Error{protocol::ErrorCode::kNotRegistered, "register before submitting"});
  }
  peers_[*id].id = in.peer;
  using R = protocol::VerdictReason;
  if (s.run_id != run_id_) return send_verdict(*id, s.round, R::kWrongRun, "the run id is not this run's");
  if (!round_ || s.round != round_->number || round_->state != RoundState::kCollecting) {
    const bool late = round_ && s.round <= round_->number;
    return send_verdict(*id, s.round, late ? R::kLate : R::kWrongRound,
                        late ? "the round is closed" : "that round is not open");
  }
  if (submissions_.count(*id) > 0) return send_verdict(*id, s.round, R::kDuplicate, "already submitted this round");
  if (!protocol::verify_submission_signature(s, member->second.identity_key)) {
    return send_verdict(*id, s.round, R::kBadSignature, "the signature does not verify under the enrolled key");
  }
  SubmissionRecord rec{s.round, *id, s.w_out, s.proof, s.link, s.signature, now_ms(), Verdict::kPending, ""};
  if (Status st = db_.record_submission(rec); !st.is_ok()) {
    return send_verdict(*id, s.round, R::kDuplicate, st.message());
  }
  submissions_[*id] = rec;
  // Checks that need no proof: the update's shape and range, the claimed weight.
  std::optional<std::pair<R, std::string>> early;
  auto w_out = training::QuantizedModel::unflatten(settings_.shape, s.w_out);
  if (!w_out) {
    early = {R::kPublicInputMismatch, w_out.error()};
  } else if (Status v = w_out->validate(settings_.shape); !v.is_ok()) {
    early = {R::kPublicInputMismatch, v.message()};
  } else if (static_cast<int64_t>(s.sample_count) != member->second.samples) {
    early = {R::kSampleCountMismatch, "the sample count differs from the registered dataset size"};
  }
  if (early) {
    if (Status st = db_.record_verdict(s.round, *id, false, early->second); !st.is_ok()) return st;
    submissions_[*id].verdict = Verdict::kRejected;
    if (events_) events_(event(CoordinatorEvent::Kind::kVerdict, s.round, *id, false, early->second));
    return send_verdict(*id, s.round, early->first, early->second);
  }
  return Status::ok();
}

Status CoordinatorService::open_round(uint64_t number, const std::vector<int64_t>& model) {
  plonk::SecureRng rng;
  Seed seed{};
  rng.fill(seed);
  const int64_t deadline = now_ms() + settings_.round_deadline.count();
  if (Status s = db_.announce_round(RoundAnnounced{number, seed, model, deadline}); !s.is_ok()) return s;
  if (Status s = db_.set_round_state(number, RoundState::kCollecting); !s.is_ok()) return s;
  round_ = RoundRecord{number, seed, model, RoundState::kCollecting, deadline, std::nullopt, std::nullopt};
  submissions_.clear();
  round_started_ = std::chrono::steady_clock::now();
  if (events_) events_(event(CoordinatorEvent::Kind::kAnnounced, number, 0, false, ""));
  for (const auto& [id, peer] : peers_) {
    if (Status s = announce_to(id); !s.is_ok()) return s;
  }
  return Status::ok();
}

Status CoordinatorService::close_round() {
  const uint64_t r = round_->number;
  if (Status s = db_.set_round_state(r, RoundState::kVerifying); !s.is_ok()) return s;
  round_->state = RoundState::kVerifying;

  std::vector<training::StepClaim> claims;
  std::vector<uint64_t> who;
  for (const auto& [id, sub] : submissions_) {
    if (sub.verdict != Verdict::kPending) continue;
    const ExpectedParticipant* exp = expected(id);
    training::StepClaim c;
    c.vk = exp->vk;
    c.spec = &exp->spec;
    c.record = &registrations_.at(id);
    auto w_in = training::QuantizedModel::unflatten(settings_.shape, round_->model);
    auto w_out = training::QuantizedModel::unflatten(settings_.shape, sub.w_out);
    auto indices = training::sample_batch_indices(round_->seed, id, exp->spec.dataset_rows, exp->spec.hyper.batch_size,
                                                  exp->spec.hyper.local_steps);
    if (!w_in || !w_out || !indices) return Status::error("round " + std::to_string(r) + ": inconsistent records");
    // The public inputs are the coordinator's own: its announced model and seed.
    c.pub = training::StepPublic{r, id, *w_in, *w_out, *indices};
    c.proof = sub.proof;
    c.link = sub.link;
    claims.push_back(std::move(c));
    who.push_back(id);
  }
  plonk::SecureRng rng;
  const auto verdicts = training::verify_step_claims(claims, rng, pool_);
  for (size_t i = 0; i < verdicts.size(); ++i) {
    const auto& v = verdicts[i];
    if (Status s = db_.record_verdict(r, who[i], v.accepted, v.reason); !s.is_ok()) return s;
    submissions_[who[i]].verdict = v.accepted ? Verdict::kAccepted : Verdict::kRejected;
    if (events_) events_(event(CoordinatorEvent::Kind::kVerdict, r, who[i], v.accepted, v.reason));
    if (Status s = send_verdict(who[i], r, reason_of(v), v.accepted ? "accepted" : v.reason); !s.is_ok()) return s;
  }

  auto model = db_.compute_round_aggregate(r);
  if (!model) return model.status();
  std::optional<double> acc;
  if (settings_.test_data.rows > 0) {
    auto m = training::QuantizedModel::unflatten(settings_.shape, *model);
    if (m) {
      auto a = training::accuracy(settings_.shape, *m, settings_.test_data);
      if (a) acc = *a;
    }
  }
  if (Status s = db_.record_aggregation(r, *model, acc); !s.is_ok()) return s;
  round_->state = RoundState::kAggregated;
  round_->result = *model;
  round_->accuracy = acc;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - round_started_).count();
  if (events_) events_({CoordinatorEvent::Kind::kAggregated, r, 0, true, "", acc, seconds});
  return Status::ok();
}

Status CoordinatorService::handle(const protocol::Incoming& in, const std::atomic<bool>&) {
  auto message = protocol::decode(in.bytes);
  if (!message) {
    // A well-formed envelope of another version is answered as such (docs/PROTOCOL.md §8).
    const auto envelope = protocol::decode_envelope(in.bytes);
    const bool other_version = envelope && envelope->version != protocol::kProtocolVersion;
    return send(in.peer, protocol::Error{other_version ? protocol::ErrorCode::kUnsupportedVersion
                                                       : protocol::ErrorCode::kMalformedMessage,
                                         message.error()});
  }
  if (const auto* reg = std::get_if<protocol::Register>(&*message)) return enroll(in, *reg);
  if (const auto* sub = std::get_if<protocol::Submission>(&*message)) return on_submission(in, *sub);
  if (const auto* hb = std::get_if<protocol::Heartbeat>(&*message)) {
    const auto id = sender(in, hb->participant);
    if (!id || enrolled_.count(*id) == 0) {
      return send(in.peer, protocol::Error{protocol::ErrorCode::kNotRegistered, "register first"});
    }
    Peer& peer = peers_[*id];
    if (peer.id != in.peer) peer.announced_round = 0;
    peer.id = in.peer;
    if (auto v = verdicts_.find({hb->round, *id}); v != verdicts_.end() && hb->round != 0 &&
                                                   (!round_ || hb->round < round_->number ||
                                                    round_->state == RoundState::kAggregated)) {
      return send(in.peer, v->second);  // it is still waiting for this verdict
    }
    if (round_ && peer.announced_round != round_->number) return announce_to(*id);
    return Status::ok();
  }
  return send(in.peer, protocol::Error{protocol::ErrorCode::kUnexpectedMessage,
                                       "a coordinator accepts registrations, submissions and heartbeats"});
}

Status CoordinatorService::run(const std::atomic<bool>& stop, std::chrono::milliseconds drain) {
  auto resume = db_.load_resume_state();
  if (!resume) return resume.status();
  run_id_ = run_id_of(resume->run);
  for (const auto& p : resume->participants) {
    auto record = training::RegistrationRecord::decode(p.registration);
    if (!record) return Status::error("participant " + p.name + ": " + record.error());
    if (Status s = bind_spec(p.id, *record); !s.is_ok()) return Status::error("participant " + p.name + ": " + s.message());
    enrolled_[p.id] = p;
    registrations_.emplace(p.id, std::move(*record));
  }
  if (resume->current_round) {
    round_ = resume->current_round;
    round_started_ = std::chrono::steady_clock::now();
    for (const auto& s : resume->submissions) submissions_[s.participant] = s;
    if (round_->state == RoundState::kAnnounced) {
      if (Status s = db_.set_round_state(round_->number, RoundState::kCollecting); !s.is_ok()) return s;
      round_->state = RoundState::kCollecting;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  while (!stop.load()) {
    if (round_ && round_->state == RoundState::kVerifying) {
      if (Status s = close_round(); !s.is_ok()) return s;
    }
    if (!round_ || round_->state == RoundState::kAggregated) {
      const uint64_t done = round_ ? round_->number : 0;
      if (done >= settings_.rounds) {
        // Answer heartbeats of participants whose last verdict was lost, then stop.
        const auto until = std::chrono::steady_clock::now() + drain;
        while (!stop.load() && std::chrono::steady_clock::now() < until) {
          auto incoming = endpoint_.receive(std::chrono::milliseconds(50));
          if (incoming && incoming->has_value()) {
            if (Status s = handle(**incoming, stop); !s.is_ok()) return s;
          }
        }
        return Status::ok();
      }
      const bool everyone = enrolled_.size() == settings_.participants.size();
      const bool waited = std::chrono::steady_clock::now() - started > settings_.round_deadline;
      if (everyone || (waited && static_cast<int64_t>(enrolled_.size()) >= settings_.quorum)) {
        const std::vector<int64_t> model = round_ ? *round_->result : settings_.initial_model.flatten();
        if (Status s = open_round(done + 1, model); !s.is_ok()) return s;
      }
    }
    auto incoming = endpoint_.receive(std::chrono::milliseconds(50));
    if (!incoming) {
      // A message the transport dropped (its errors say "dropped ...": too
      // large, multi-part, a key no longer allowed) is the sender's problem:
      // note it and keep serving. Anything else is the socket failing.
      if (incoming.error().rfind("dropped", 0) != 0) return incoming.status();
      if (events_) events_(event(CoordinatorEvent::Kind::kNotice, 0, 0, false, incoming.error()));
    } else if (incoming->has_value()) {
      if (Status s = handle(**incoming, stop); !s.is_ok()) return s;
    }
    if (round_ && round_->state == RoundState::kCollecting) {
      const int64_t now = now_ms();
      const auto received = static_cast<int64_t>(submissions_.size());
      const bool all_in = received > 0 && received == static_cast<int64_t>(enrolled_.size());
      const bool deadline = now >= round_->deadline_ms && received >= settings_.quorum;
      const bool grace_over = now >= round_->deadline_ms + settings_.round_deadline.count();
      if (all_in || deadline || grace_over) {
        if (Status s = close_round(); !s.is_ok()) return s;
      }
    }
  }
  return Status::ok();
}

}  // namespace zkfl::coordinator
