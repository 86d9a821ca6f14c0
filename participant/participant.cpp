#include "participant/participant.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "plonk/base/random.hpp"
#include "protocol/message_signing.hpp"
#include "training/batch_sampler.hpp"

namespace zkfl::participant {

namespace {

using Clock = std::chrono::steady_clock;

// Calls `tick(elapsed seconds)` every half second until destroyed.
class ProgressTicker {
 public:
  explicit ProgressTicker(std::function<void(double)> tick) : tick_(std::move(tick)), thread_([this] { loop(); }) {}
  ~ProgressTicker() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    const auto start = Clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return done_; })) {
      tick_(std::chrono::duration<double>(Clock::now() - start).count());
    }
  }
  std::function<void(double)> tick_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

Participant::Participant(ParticipantSettings settings, protocol::SecretIdentity identity, const plonk::Srs& srs,
                         const plonk::ProvingKey& key, plonk::ThreadPool& pool)
    : settings_(std::move(settings)), identity_(std::move(identity)), srs_(srs), key_(key), pool_(pool) {}

Status Participant::register_dataset(plonk::Rng& rng) {
  const training::DatasetView view{settings_.data.x, settings_.data.labels};
  auto reg = training::register_dataset(srs_, settings_.spec.data_layout(), settings_.spec.k(), view, settings_.schema,
                                        rng, pool_);
  if (!reg) return reg.status();
  registration_ = std::move(*reg);
  return Status::ok();
}

protocol::Register Participant::register_message() const {
  protocol::Register r;
  r.participant = settings_.id;
  r.name = identity_.name;
  r.identity_key = identity_.signing_key.public_key();
  r.curve_public_key = identity_.curve.public_key;
  r.registration_record = registration_->record.encode();
  r.sample_count = static_cast<uint64_t>(settings_.spec.dataset_rows);
  protocol::sign_registration(r, identity_.signing_key);
  return r;
}

Result<protocol::Submission> Participant::make_submission(const protocol::RoundAnnouncement& announcement,
                                                          const ParticipantEvents& events) {
  if (!registration_) return Status::error("register the dataset before following rounds");
  const auto& spec = settings_.spec;
  auto model = training::QuantizedModel::unflatten(spec.shape, announcement.global_model);
  if (!model) return Status::error("the announced model does not fit this federation's model: " + model.error());
  auto indices = training::sample_batch_indices(announcement.seed, settings_.id, spec.dataset_rows,
                                                spec.hyper.batch_size, spec.hyper.local_steps);
  if (!indices) return indices.status();

  const federation::Cheat cheat = federation::cheat_in_round(settings_.cheat, announcement.round);
  training::StepWitness witness{*model, settings_.data.x, settings_.data.labels, *indices,
                                federation::step_tamper(cheat).value_or(training::StepTamper::kNone)};
  if (cheat == federation::Cheat::kStaleModel && previous_model_) witness.w_in = *previous_model_;
  if (cheat == federation::Cheat::kChangedData) {
    int64_t& x = witness.x[0];
    x += (x < (int64_t{1} << training::kFeatureBits) - 1) ? 1 : -1;
  }
  const bool adversarial = cheat == federation::Cheat::kForeignRow || cheat == federation::Cheat::kOtherIndices ||
                           cheat == federation::Cheat::kFlippedLabel;
  previous_model_ = *model;

  if (events) events({ParticipantEvent::Kind::kProving, announcement.round, 0, 0, 0, {}, std::nullopt, ""});
  plonk::SecureRng rng;
  const auto start = Clock::now();
  Result<training::StepProof> proved = Status::error("not proved");
  {
    ProgressTicker ticker([&](double elapsed) {
      if (events) events({ParticipantEvent::Kind::kProving, announcement.round, elapsed, 0, 0, {}, std::nullopt, ""});
    });
    proved = training::prove_registered_step(key_, srs_, spec, std::move(witness), *registration_, announcement.round,
                                             settings_.id, rng, pool_, adversarial);
  }
  if (!proved) return proved.status();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  protocol::Submission s;
  s.run_id = announcement.run_id;
  s.round = announcement.round;
  s.participant = settings_.id;
  s.w_out = proved->w_out.flatten();
  s.proof = std::move(proved->proof);
  s.link = std::move(proved->link);
  s.sample_count = static_cast<uint64_t>(spec.dataset_rows);
  protocol::sign_submission(s, identity_.signing_key);
  if (events) {
    events({ParticipantEvent::Kind::kSubmitted, announcement.round, 1, seconds, s.proof.size() + s.link.size(),
            std::string(federation::cheat_name(cheat)), std::nullopt, ""});
  }
  return s;
}

Status Participant::send(protocol::ParticipantEndpoint& endpoint, const protocol::Message& message) {
  auto bytes = protocol::encode(message);
  if (!bytes) return bytes.status();
  return endpoint.send(*bytes, std::chrono::seconds(10));
}

Status Participant::run(protocol::ParticipantEndpoint& endpoint, const std::atomic<bool>& stop,
                        const ParticipantEvents& events, std::chrono::milliseconds idle_timeout) {
  Status s = follow(endpoint, stop, events, idle_timeout);
  finished_ = true;
  return s;
}

Status Participant::follow(protocol::ParticipantEndpoint& endpoint, const std::atomic<bool>& stop,
                           const ParticipantEvents& events, std::chrono::milliseconds idle_timeout) {
  if (!registration_) return Status::error("register the dataset before following rounds");
  // The coordinator may not be up yet: keep offering the registration until idle_timeout.
  const auto register_until = Clock::now() + idle_timeout;
  for (;;) {
    Status s = send(endpoint, register_message());
    if (s.is_ok()) break;
    if (stop.load() || Clock::now() > register_until) return s;
    if (events) events({ParticipantEvent::Kind::kNotice, 0, 0, 0, 0, {}, std::nullopt, "waiting: " + s.message()});
  }
  if (events) events({ParticipantEvent::Kind::kRegistered, 0, 0, 0, 0, {}, std::nullopt, ""});

  std::set<uint64_t> submitted, judged;
  auto last_heard = Clock::now();
  auto last_heartbeat = Clock::now();
  while (!stop.load() && judged.size() < settings_.rounds) {
    auto incoming = endpoint.receive(std::chrono::milliseconds(200));
    if (!incoming) return incoming.status();
    const auto now = Clock::now();
    if (!incoming->has_value()) {
      if (now - last_heard > idle_timeout) return Status::error("the coordinator has been silent for too long");
      if (now - last_heartbeat > std::chrono::seconds(1)) {
        // Lets a restarted coordinator learn where this participant is.
        // A coordinator that is down (or restarting) makes this fail; the
        // transport reconnects by itself, so keep trying until idle_timeout.
        protocol::Heartbeat hb{settings_.id, submitted.empty() ? 0 : *submitted.rbegin(), 0};
        if (Status s = send(endpoint, hb); !s.is_ok() && events) {
          events({ParticipantEvent::Kind::kNotice, 0, 0, 0, 0, {}, std::nullopt, "coordinator unreachable: " + s.message()});
        }
        last_heartbeat = now;
      }
      continue;
    }
    last_heard = now;
    auto message = protocol::decode(**incoming);
    if (!message) {
      if (events) events({ParticipantEvent::Kind::kNotice, 0, 0, 0, 0, {}, std::nullopt, "ignored: " + message.error()});
      continue;
    }
    if (const auto* ann = std::get_if<protocol::RoundAnnouncement>(&*message)) {
      if (submitted.count(ann->round) > 0) {
        // Re-announced (e.g. by a restarted coordinator that lost it): send the same submission again.
        (void)endpoint.send(sent_[ann->round], std::chrono::seconds(10));  // resent again if re-announced
        continue;
      }
      if (ann->round == settings_.crash_in_round) return Status::error("crashed in round " + std::to_string(ann->round));
      (void)send(endpoint, protocol::Heartbeat{settings_.id, ann->round, 0});  // progress only
      auto submission = make_submission(*ann, events);
      if (!submission) return submission.status();
      auto bytes = protocol::encode(*submission);
      if (!bytes) return bytes.status();
      // If the coordinator went away, it re-announces the round when it is back and gets this again.
      (void)endpoint.send(*bytes, std::chrono::seconds(10));
      sent_[ann->round] = std::move(*bytes);
      submitted.insert(ann->round);
    } else if (const auto* verdict = std::get_if<protocol::Verdict>(&*message)) {
      judged.insert(verdict->round);
      if (events) events({ParticipantEvent::Kind::kVerdict, verdict->round, 0, 0, 0, {}, *verdict, verdict->text});
    } else if (const auto* error = std::get_if<protocol::Error>(&*message)) {
      if (error->code == protocol::ErrorCode::kRegistrationRefused ||
          error->code == protocol::ErrorCode::kUnknownParticipant) {
        return Status::error("the coordinator refused this participant: " + error->text);
      }
      if (error->code == protocol::ErrorCode::kNotRegistered) {
        if (Status s = send(endpoint, register_message()); !s.is_ok()) return s;
      }
      if (events) events({ParticipantEvent::Kind::kNotice, 0, 0, 0, 0, {}, std::nullopt, error->text});
    }
  }
  return Status::ok();
}

}  // namespace zkfl::participant
