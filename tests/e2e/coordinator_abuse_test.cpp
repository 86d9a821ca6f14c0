// A real coordinator under abuse: CoordinatorService serving
// tcp://127.0.0.1 with CURVE (the allow-list is the configured participants'
// keys) in its own thread, a tiny federation (Breast Cancer Wisconsin,
// logistic regression, real proofs), and clients driven by hand that send
// what an honest participant never would. Each test shows that the abuse is
// answered with an Error or a Verdict naming it, that the coordinator keeps
// serving (the same or another participant's next message gets its proper
// answer) and that the run still completes its rounds with exactly the honest
// submissions accepted (docs/PROTOCOL.md §5, §6, §8).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "coordinator/coordinator_service.hpp"
#include "coordinator/ed25519.hpp"
#include "coordinator/run_database.hpp"
#include "federation/config.hpp"
#include "federation/data_plan.hpp"
#include "participant/participant.hpp"
#include "plonk/base/random.hpp"
#include "protocol/identity_file.hpp"
#include "protocol/message_signing.hpp"
#include "protocol/messages.hpp"
#include "protocol/transport.hpp"
#include "training/step_prover.hpp"

namespace zkfl {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using plonk::Status;
using protocol::ErrorCode;
using protocol::Message;
using protocol::VerdictReason;

constexpr int64_t kRowsPerParticipant = 64;  // small circuits: every participant proves the same spec
constexpr size_t kMembers = 3;               // configured; a test enrols the first 2 or 3
constexpr auto kReplyTimeout = 5s;           // an answer the coordinator owes arrives well within this
constexpr auto kVerdictTimeout = 30s;        // a verdict waits for the other members' proofs

std::string federation_text() {
  std::ostringstream c;
  c << "[run]\nname = \"abuse\"\nseed = 11\nrounds = 2\noutput_dir = \"run\"\n"
    << "[data]\ncsv = \"" << ZKFL_DATA_DIR << "/breast_cancer.csv\"\nclasses = 2\npartition = \"iid\"\n"
    << "[model]\nlayers = [1]\noutput = \"sigmoid\"\n"
    << "[training]\nlearning_rate = 0.25\nbatch_size = 16\nlocal_steps = 1\n"
    << "[coordinator]\nendpoint = \"tcp://127.0.0.1:5599\"\nquorum = 2\nround_deadline_s = 60\n"
    << "aggregation = \"fedavg\"\n"
    << "[[participants]]\nname = \"north\"\n[[participants]]\nname = \"south\"\n[[participants]]\nname = \"east\"\n";
  return c.str();
}

// What every test of this process shares: the data, the step spec, a
// development SRS and the proving key (made once per process).
struct World {
  plonk::ThreadPool pool{2};
  std::string config_text;
  training::StepSpec spec;
  training::DatasetSchema schema;
  std::vector<training::QuantizedDataset> data;  // the participants' rows
  training::QuantizedDataset test;               // the coordinator's held-out rows
  std::optional<plonk::Srs> srs;
  std::optional<plonk::ProvingKey> key;
};

Status build_world(World& w) {
  w.config_text = federation_text();
  auto config = federation::parse_federation_config(w.config_text, fs::path(ZKFL_DATA_DIR) / "abuse.toml");
  if (!config) return config.status();
  auto plan = federation::plan_federation_data(*config);
  if (!plan) return plan.status();
  std::vector<int64_t> training_rows;
  for (const auto& p : plan->participants) training_rows.insert(training_rows.end(), p.rows.begin(), p.rows.end());
  auto scaler = training::Standardizer::fit(plan->data, training_rows);
  if (!scaler) return scaler.status();
  auto standardized = scaler->apply(plan->data);
  if (!standardized) return standardized.status();
  const training::QuantizedDataset all = training::quantize_dataset(*standardized);
  w.test = training::select_rows(all, plan->split.test);
  std::vector<int64_t> sizes;
  for (const auto& p : plan->participants) {
    if (static_cast<int64_t>(p.rows.size()) < kRowsPerParticipant) return Status::error("too few rows");
    const std::vector<int64_t> rows(p.rows.begin(), p.rows.begin() + kRowsPerParticipant);
    w.data.push_back(training::select_rows(all, rows));
    sizes.push_back(kRowsPerParticipant);
  }
  auto specs = federation::derive_step_specs(*config, plan->shape.inputs(), sizes);
  if (!specs) return specs.status();
  w.spec = specs->front();
  w.schema = training::DatasetSchema{plan->data.feature_names, config->data.classes, training::kFractionBits};
  plonk::DeterministicRng rng(2024);
  w.srs.emplace(plonk::Srs::insecure_development(w.spec.k(), rng, w.pool));  // tests only
  auto key = training::generate_step_key(*w.srs, w.spec, w.pool);
  if (!key) return key.status();
  w.key.emplace(std::move(*key));
  return Status::ok();
}

std::string describe(const std::optional<Message>& m) {
  if (!m) return "nothing";
  if (const auto* e = std::get_if<protocol::Error>(&*m)) {
    return "Error " + std::string(protocol::error_code_name(e->code)) + ": " + e->text;
  }
  if (const auto* v = std::get_if<protocol::Verdict>(&*m)) {
    return "Verdict round " + std::to_string(v->round) + " " + std::string(protocol::verdict_reason_name(v->reason)) +
           ": " + v->text;
  }
  if (const auto* a = std::get_if<protocol::RoundAnnouncement>(&*m)) {
    return "RoundAnnouncement round " + std::to_string(a->round);
  }
  return std::string(protocol::message_type_name(protocol::message_type(*m)));
}

::testing::AssertionResult is_error(const std::optional<Message>& m, ErrorCode code) {
  const auto* e = m ? std::get_if<protocol::Error>(&*m) : nullptr;
  if (e != nullptr && e->code == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected Error " << protocol::error_code_name(code) << ", got "
                                       << describe(m);
}

::testing::AssertionResult is_verdict(const std::optional<Message>& m, uint64_t round, VerdictReason reason) {
  const auto* v = m ? std::get_if<protocol::Verdict>(&*m) : nullptr;
  if (v != nullptr && v->round == round && v->reason == reason) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected Verdict round " << round << " "
                                       << protocol::verdict_reason_name(reason) << ", got " << describe(m);
}

// A participant's connection driven by the test.
class Client {
 public:
  explicit Client(protocol::ParticipantEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

  Status send(const Message& message) {
    auto bytes = protocol::encode(message);
    if (!bytes) return bytes.status();
    return send_raw(*bytes);
  }
  Status send_raw(std::span<const uint8_t> bytes) { return endpoint_.send(bytes, 5s); }

  // The next message from the coordinator, or nullopt after `timeout`.
  std::optional<Message> next(std::chrono::milliseconds timeout = kReplyTimeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      auto bytes = endpoint_.receive(left);
      if (!bytes) {
        ADD_FAILURE() << "receive: " << bytes.error();
        continue;
      }
      if (!bytes->has_value()) return std::nullopt;
      auto message = protocol::decode(**bytes);
      if (!message) {
        ADD_FAILURE() << "the coordinator sent bytes that do not decode: " << message.error();
        continue;
      }
      return std::move(*message);
    }
  }
  // The next message, which must be round `round`'s announcement.
  std::optional<protocol::RoundAnnouncement> announcement(uint64_t round) {
    auto m = next(20s);
    const auto* a = m ? std::get_if<protocol::RoundAnnouncement>(&*m) : nullptr;
    if (a == nullptr || a->round != round) {
      ADD_FAILURE() << "expected the announcement of round " << round << ", got " << describe(m);
      return std::nullopt;
    }
    return *a;
  }
  // Sends `message` and returns the answer.
  std::optional<Message> ask(const Message& message, std::chrono::milliseconds timeout = kReplyTimeout) {
    if (Status s = send(message); !s.is_ok()) {
      ADD_FAILURE() << "send: " << s.message();
      return std::nullopt;
    }
    return next(timeout);
  }
  std::optional<Message> ask_raw(std::span<const uint8_t> bytes) {
    if (Status s = send_raw(bytes); !s.is_ok()) {
      ADD_FAILURE() << "send: " << s.message();
      return std::nullopt;
    }
    return next();
  }
  protocol::ParticipantEndpoint& endpoint() { return endpoint_; }

 private:
  protocol::ParticipantEndpoint endpoint_;
};

// A federation member: its identity (a copy of the keys it signs and connects
// with) and the participant that trains, proves and signs for it.
struct Member {
  uint64_t id = 0;
  protocol::PublicIdentity public_identity;
  protocol::CurveKeyPair curve;
  std::optional<protocol::SigningKey> signing_key;
  std::unique_ptr<plonk::ThreadPool> pool;
  std::unique_ptr<participant::Participant> participant;
};

struct FederationOptions {
  size_t members = 2;
  uint64_t rounds = 1;
  size_t max_message_bytes = protocol::kDefaultMaxMessageBytes;  // the coordinator's
};

// One run: its database, the coordinator in a thread, the members, and
// honest members following the rounds in threads of their own.
class Federation {
 public:
  Federation(World& world, FederationOptions options) {
    plonk::SecureRng rng;
    dir_ = fs::temp_directory_path() / ("zkfl-abuse-" + std::to_string(rng.next_u64()));
    fs::create_directories(dir_);
    auto coordinator_key = coordinator::Ed25519Key::generate(rng);
    EXPECT_TRUE(coordinator_key.is_ok());
    coordinator_key_.emplace(std::move(*coordinator_key));
    auto curve = protocol::CurveKeyPair::generate();
    EXPECT_TRUE(curve.is_ok());
    server_curve_ = *curve;

    const char* names[kMembers] = {"north", "south", "east"};
    for (size_t i = 0; i < options.members; ++i) {
      auto identity = protocol::generate_identity(names[i], rng);
      EXPECT_TRUE(identity.is_ok()) << identity.error();
      auto m = std::make_unique<Member>();
      m->id = i;
      m->public_identity = identity->public_identity();
      m->curve = identity->curve;
      auto copy = protocol::SigningKey::from_seed(identity->signing_key.seed());
      EXPECT_TRUE(copy.is_ok());
      m->signing_key.emplace(std::move(*copy));
      m->pool = std::make_unique<plonk::ThreadPool>(2);
      participant::ParticipantSettings ps;
      ps.id = i;
      ps.spec = world.spec;
      ps.data = world.data[i];
      ps.schema = world.schema;
      ps.rounds = options.rounds;
      m->participant = std::make_unique<participant::Participant>(std::move(ps), std::move(*identity), *world.srs,
                                                                  *world.key, *m->pool);
      Status registered = m->participant->register_dataset(rng);
      EXPECT_TRUE(registered.is_ok()) << registered.message();
      members_.push_back(std::move(m));
    }
    member_status_.resize(members_.size());

    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    auto db = coordinator::RunDatabase::create(
        dir_ / "run.db",
        coordinator::RunSetup{world.config_text, training::step_spec_digest(world.spec), "fedavg", now_ms},
        *coordinator_key_);
    EXPECT_TRUE(db.is_ok()) << db.error();
    db_.emplace(std::move(*db));

    auto context = protocol::TransportContext::create();
    EXPECT_TRUE(context.is_ok());
    context_.emplace(std::move(*context));
    protocol::CoordinatorOptions copt;
    copt.endpoint = "tcp://127.0.0.1:0";
    copt.server_keys = server_curve_;
    for (const auto& m : members_) copt.allowed_clients.push_back(m->curve.public_key);
    copt.max_message_bytes = options.max_message_bytes;
    auto endpoint = protocol::CoordinatorEndpoint::bind(*context_, copt);
    EXPECT_TRUE(endpoint.is_ok()) << endpoint.error();
    endpoint_.emplace(std::move(*endpoint));

    coordinator::CoordinatorSettings settings;
    settings.rounds = options.rounds;
    settings.quorum = static_cast<int64_t>(options.members);
    settings.round_deadline = 60s;  // rounds close when every member has submitted
    settings.shape = world.spec.shape;
    settings.initial_model = training::QuantizedModel::zeros(world.spec.shape);
    settings.test_data = world.test;
    for (const auto& m : members_) {
      coordinator::ExpectedParticipant e;
      e.id = m->id;
      e.name = m->public_identity.name;
      e.spec = world.spec;
      e.vk = &world.key->vk();
      e.curve_key = m->curve.public_key;
      settings.participants.push_back(std::move(e));
    }
    service_ = std::make_unique<coordinator::CoordinatorService>(
        std::move(settings), *db_, *endpoint_, coordinator_pool_, [this](const coordinator::CoordinatorEvent& e) {
          std::lock_guard<std::mutex> lock(mutex_);
          events_.push_back(e);
        });
    coordinator_thread_ = std::thread([this] {
      Status s = service_->run(stop_);
      std::lock_guard<std::mutex> lock(mutex_);
      coordinator_status_ = s;
      coordinator_done_ = true;
      done_cv_.notify_all();
    });
  }

  ~Federation() {
    stop_ = true;
    if (coordinator_thread_.joinable()) coordinator_thread_.join();
    for (auto& t : member_threads_) t.join();
    service_.reset();
    endpoint_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Member& member(size_t i) { return *members_.at(i); }
  protocol::CoordinatorEndpoint& coordinator_endpoint() { return *endpoint_; }
  fs::path database() const { return dir_ / "run.db"; }

  // A connection with these CURVE keys.
  std::unique_ptr<Client> connect_as(const protocol::CurveKeyPair& keys) {
    protocol::ParticipantOptions popt;
    popt.endpoint = endpoint_->endpoint();
    popt.client_keys = keys;
    popt.server_public_key = server_curve_.public_key;
    popt.reconnect_interval = 50ms;
    popt.reconnect_interval_max = 500ms;
    popt.linger = 0ms;
    auto endpoint = protocol::ParticipantEndpoint::connect(*context_, popt);
    EXPECT_TRUE(endpoint.is_ok()) << endpoint.error();
    return std::make_unique<Client>(std::move(*endpoint));
  }
  std::unique_ptr<Client> connect(size_t member) { return connect_as(members_.at(member)->curve); }

  // Member `i` follows the rounds honestly (participant::Participant::run) in its own thread.
  void follow_honestly(size_t i) {
    member_threads_.emplace_back([this, i] {
      auto client = connect(i);
      member_status_[i] = members_[i]->participant->run(client->endpoint(), stop_, {}, 60s);
    });
  }
  Status member_status(size_t i) {
    for (auto& t : member_threads_) t.join();
    member_threads_.clear();
    return member_status_.at(i);
  }

  // The coordinator's run() result once it returns (every round aggregated),
  // or an error when it has not within `timeout`.
  Status finished(std::chrono::seconds timeout = 40s) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!done_cv_.wait_for(lock, timeout, [this] { return coordinator_done_; })) {
      return Status::error("the coordinator did not complete its rounds in time");
    }
    return coordinator_status_;
  }

  // Success while the coordinator's run() has not returned.
  ::testing::AssertionResult serving() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!coordinator_done_) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the coordinator stopped: "
                                         << (coordinator_status_.is_ok() ? "ok" : coordinator_status_.message());
  }

  std::vector<coordinator::CoordinatorEvent> events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }

  // The honest submission of member `i` for `announcement`: trained, proved and signed.
  protocol::Submission honest_submission(size_t i, const protocol::RoundAnnouncement& announcement) {
    auto s = members_.at(i)->participant->make_submission(announcement, {});
    EXPECT_TRUE(s.is_ok()) << s.error();
    return s ? *s : protocol::Submission{};
  }
  // `s` changed by `edit`, then signed again with member `i`'s identity key.
  template <class Edit>
  protocol::Submission resigned(size_t i, protocol::Submission s, Edit edit) {
    edit(s);
    protocol::sign_submission(s, *members_.at(i)->signing_key);
    return s;
  }

 private:
  fs::path dir_;
  std::optional<coordinator::Ed25519Key> coordinator_key_;
  protocol::CurveKeyPair server_curve_;
  std::vector<std::unique_ptr<Member>> members_;
  std::optional<coordinator::RunDatabase> db_;
  std::optional<protocol::TransportContext> context_;
  std::optional<protocol::CoordinatorEndpoint> endpoint_;
  plonk::ThreadPool coordinator_pool_{2};
  std::unique_ptr<coordinator::CoordinatorService> service_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool coordinator_done_ = false;
  Status coordinator_status_;
  std::vector<coordinator::CoordinatorEvent> events_;
  std::thread coordinator_thread_;
  std::vector<std::thread> member_threads_;
  std::vector<Status> member_status_;
};

// The run's submissions of `round` (read-only, as an auditor opens it).
std::vector<coordinator::SubmissionRecord> recorded(const fs::path& db, uint64_t round) {
  auto run = coordinator::RunDatabase::open_read_only(db);
  EXPECT_TRUE(run.is_ok()) << run.error();
  if (!run) return {};
  auto rows = run->load_submissions(round);
  EXPECT_TRUE(rows.is_ok()) << rows.error();
  if (!rows) return {};
  std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) { return a.participant < b.participant; });
  return *rows;
}

// True when `row` is exactly `s` as sent.
bool same(const coordinator::SubmissionRecord& row, const protocol::Submission& s) {
  return row.round == s.round && row.participant == s.participant && row.w_out == s.w_out && row.proof == s.proof &&
         row.link == s.link && row.signature == s.signature;
}

class CoordinatorAbuse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World;
    Status s = build_world(*world_);
    ASSERT_TRUE(s.is_ok()) << s.message();
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  static World& world() { return *world_; }

 private:
  static World* world_;
};

World* CoordinatorAbuse::world_ = nullptr;

TEST_F(CoordinatorAbuse, AnUnknownCurveKeyIsRefusedWhileListedParticipantsProceed) {
  Federation f(world(), {.members = 2, .rounds = 1});
  // The listed participants register, prove and are accepted ...
  f.follow_honestly(0);
  f.follow_honestly(1);
  // ... while a stranger with a fresh key pair, and one that claims north's
  // public key without its secret, never get a message through.
  auto stranger_keys = protocol::CurveKeyPair::generate();
  ASSERT_TRUE(stranger_keys.is_ok());
  auto stranger = f.connect_as(*stranger_keys);
  protocol::CurveKeyPair impostor_keys = *protocol::CurveKeyPair::generate();
  impostor_keys.public_key = f.member(0).curve.public_key;
  auto impostor = f.connect_as(impostor_keys);

  const auto registration = protocol::encode(f.member(0).participant->register_message());
  ASSERT_TRUE(registration.is_ok());
  const Status sent = stranger->endpoint().send(*registration, 2s);
  EXPECT_FALSE(sent.is_ok());
  EXPECT_NE(sent.message().find("refused"), std::string::npos) << sent.message();
  EXPECT_FALSE(impostor->endpoint().send(*registration, 500ms).is_ok());
  EXPECT_FALSE(stranger->next(1s).has_value());
  EXPECT_FALSE(impostor->next(100ms).has_value());
  EXPECT_GT(f.coordinator_endpoint().refused_handshakes(), 0u);
  const Status status = stranger->endpoint().connection_status();
  EXPECT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("refused"), std::string::npos) << status.message();

  const Status done = f.finished();
  ASSERT_TRUE(done.is_ok()) << done.message();
  EXPECT_TRUE(f.member_status(0).is_ok()) << f.member_status(0).message();
  EXPECT_TRUE(f.member_status(1).is_ok()) << f.member_status(1).message();
  // The stranger still has nothing, and the coordinator never saw it: every
  // recorded row is a listed participant's accepted submission.
  EXPECT_FALSE(stranger->next(100ms).has_value());
  const auto rows = recorded(f.database(), 1);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.verdict, coordinator::Verdict::kAccepted) << row.participant;
}

TEST_F(CoordinatorAbuse, MalformedBytesAreAnsweredWithAnErrorAndServingGoesOn) {
  Federation f(world(), {.members = 2, .rounds = 1});
  f.follow_honestly(0);
  auto south = f.connect(1);

  const auto registration = protocol::encode(f.member(1).participant->register_message());
  ASSERT_TRUE(registration.is_ok());
  plonk::DeterministicRng rng(5);
  std::vector<uint8_t> garbage(300);
  for (auto& b : garbage) b = static_cast<uint8_t>(rng.next_u64());
  EXPECT_TRUE(is_error(south->ask_raw(garbage), ErrorCode::kMalformedMessage));
  EXPECT_TRUE(is_error(south->ask_raw(std::vector<uint8_t>{}), ErrorCode::kMalformedMessage));

  // A valid message cut short, and one with bytes after its end.
  const std::vector<uint8_t> truncated(registration->begin(), registration->end() - 10);
  auto answer = south->ask_raw(truncated);
  EXPECT_TRUE(is_error(answer, ErrorCode::kMalformedMessage));
  if (const auto* e = answer ? std::get_if<protocol::Error>(&*answer) : nullptr) {
    EXPECT_NE(e->text.find("truncated"), std::string::npos) << e->text;
  }
  std::vector<uint8_t> trailing = *registration;
  trailing.push_back(0);
  EXPECT_TRUE(is_error(south->ask_raw(trailing), ErrorCode::kMalformedMessage));

  // Another protocol version, and an unknown message type, in well-formed envelopes.
  auto envelope = protocol::decode_envelope(*registration);
  ASSERT_TRUE(envelope.is_ok());
  protocol::Envelope v2 = *envelope;
  v2.version = protocol::kProtocolVersion + 1;
  EXPECT_TRUE(is_error(south->ask_raw(protocol::encode_envelope(v2)), ErrorCode::kUnsupportedVersion));
  protocol::Envelope unknown_type = *envelope;
  unknown_type.type = 99;
  EXPECT_TRUE(is_error(south->ask_raw(protocol::encode_envelope(unknown_type)), ErrorCode::kMalformedMessage));

  // A length prefix that claims 2^24 weights in a few bytes: refused, not allocated.
  protocol::Envelope lying;
  lying.type = static_cast<uint8_t>(protocol::MessageType::kSubmission);
  lying.payload.assign(16 + 8 + 8, 0);
  for (uint8_t b : {0x00, 0x00, 0x00, 0x01}) lying.payload.push_back(b);  // u32 count = 2^24
  lying.payload.resize(lying.payload.size() + 64, 0);
  EXPECT_TRUE(is_error(south->ask_raw(protocol::encode_envelope(lying)), ErrorCode::kMalformedMessage));

  // South registers: the round opens and it is announced.
  ASSERT_TRUE(south->send_raw(*registration).is_ok());
  const auto round1 = south->announcement(1);
  ASSERT_TRUE(round1.has_value());
  // Garbage mid-round changes nothing; the honest submission is accepted.
  ASSERT_TRUE(f.serving());
  EXPECT_TRUE(is_error(south->ask_raw(garbage), ErrorCode::kMalformedMessage));
  const auto submission = f.honest_submission(1, *round1);
  auto bytes = protocol::encode(submission);
  ASSERT_TRUE(bytes.is_ok());
  EXPECT_TRUE(is_error(south->ask_raw(std::span<const uint8_t>(*bytes).first(bytes->size() / 2)),
                       ErrorCode::kMalformedMessage));
  EXPECT_TRUE(is_verdict(south->ask(submission, kVerdictTimeout), 1, VerdictReason::kAccepted));

  const Status done = f.finished();
  ASSERT_TRUE(done.is_ok()) << done.message();
  EXPECT_TRUE(f.member_status(0).is_ok()) << f.member_status(0).message();
  const auto rows = recorded(f.database(), 1);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.verdict, coordinator::Verdict::kAccepted) << row.participant;
  EXPECT_TRUE(same(rows[1], submission));
}

TEST_F(CoordinatorAbuse, AnOversizedMessageIsDroppedAndTheSenderIsServedAfterItReconnects) {
  constexpr size_t kLimit = 32 << 10;
  Federation f(world(), {.members = 2, .rounds = 1, .max_message_bytes = kLimit});
  f.follow_honestly(0);
  auto south = f.connect(1);
  const protocol::Register reg = f.member(1).participant->register_message();
  ASSERT_LT(protocol::encode(reg)->size(), kLimit);
  ASSERT_TRUE(south->send(reg).is_ok());
  const auto round1 = south->announcement(1);
  ASSERT_TRUE(round1.has_value());
  // A message no coordinator accepts from a participant: the probe whose answer shows it serves south.
  const protocol::Verdict probe{1, 1, true, VerdictReason::kAccepted, "probe"};

  // Just over the limit: the frame passes libzmq (which allows CURVE framing
  // on top) and the endpoint drops it; nothing is answered.
  std::vector<uint8_t> over(kLimit + 100, 0x5a);
  ASSERT_TRUE(south->send_raw(over).is_ok());
  EXPECT_FALSE(south->next(500ms).has_value());
  ASSERT_TRUE(f.serving());
  EXPECT_TRUE(is_error(south->ask(probe), ErrorCode::kUnexpectedMessage));

  // Far over the limit: libzmq drops the frame with its connection; the
  // participant's socket reconnects and the next message is served.
  std::vector<uint8_t> huge(4 * kLimit, 0xa5);
  ASSERT_TRUE(south->send_raw(huge).is_ok());
  std::this_thread::sleep_for(200ms);
  ASSERT_TRUE(f.serving());
  std::optional<Message> answer;
  for (int attempt = 0; attempt < 20 && !answer; ++attempt) {
    std::this_thread::sleep_for(100ms);
    if (south->send(probe).is_ok()) answer = south->next(500ms);
  }
  EXPECT_TRUE(is_error(answer, ErrorCode::kUnexpectedMessage));
  // On the new connection south registers again and is announced the open round.
  ASSERT_TRUE(south->send(reg).is_ok());
  const auto again = south->announcement(1);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->seed, round1->seed);

  const auto submission = f.honest_submission(1, *again);
  ASSERT_LT(protocol::encode(submission)->size(), kLimit);
  EXPECT_TRUE(is_verdict(south->ask(submission, kVerdictTimeout), 1, VerdictReason::kAccepted));
  const Status done = f.finished();
  ASSERT_TRUE(done.is_ok()) << done.message();
  EXPECT_TRUE(f.member_status(0).is_ok()) << f.member_status(0).message();

  bool noted = false;
  for (const auto& e : f.events()) {
    noted = noted || (e.kind == coordinator::CoordinatorEvent::Kind::kNotice &&
                      e.reason.find("more than the limit") != std::string::npos);
  }
  EXPECT_TRUE(noted) << "the coordinator notes the dropped message";
  const auto rows = recorded(f.database(), 1);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.verdict, coordinator::Verdict::kAccepted) << row.participant;
  EXPECT_TRUE(same(rows[1], submission));
}

TEST_F(CoordinatorAbuse, ReplayedOutOfRoundForgedAndForeignMessagesGetTheirVerdictsOrErrors) {
  Federation f(world(), {.members = 2, .rounds = 2});
  auto north = f.connect(0);
  auto south = f.connect(1);
  ASSERT_TRUE(north->send(f.member(0).participant->register_message()).is_ok());
  ASSERT_TRUE(south->send(f.member(1).participant->register_message()).is_ok());
  const auto n1 = north->announcement(1);
  const auto s1 = south->announcement(1);
  ASSERT_TRUE(n1.has_value() && s1.has_value());

  const protocol::Submission honest1 = f.honest_submission(1, *s1);
  // Another run's id, a round that is not open, a broken signature: each
  // refused, none counted as south's submission for the round.
  const auto other_run = f.resigned(1, honest1, [](auto& s) { s.run_id[0] ^= 1; });
  EXPECT_TRUE(is_verdict(south->ask(other_run), 1, VerdictReason::kWrongRun));
  const auto future = f.resigned(1, honest1, [](auto& s) { s.round += 5; });
  EXPECT_TRUE(is_verdict(south->ask(future), 6, VerdictReason::kWrongRound));
  protocol::Submission forged = honest1;
  forged.signature[7] ^= 0x10;
  EXPECT_TRUE(is_verdict(south->ask(forged), 1, VerdictReason::kBadSignature));
  // South's update presented as north's: its channel is south's.
  const auto impersonation = f.resigned(1, honest1, [](auto& s) { s.participant = 0; });
  EXPECT_TRUE(is_error(south->ask(impersonation), ErrorCode::kUnknownParticipant));
  // Messages only a coordinator sends.
  EXPECT_TRUE(is_error(south->ask(protocol::Verdict{1, 1, true, VerdictReason::kAccepted, "self-approved"}),
                       ErrorCode::kUnexpectedMessage));
  EXPECT_TRUE(is_error(south->ask(*s1), ErrorCode::kUnexpectedMessage));
  // A registration whose signature does not verify.
  protocol::Register bad_registration = f.member(1).participant->register_message();
  bad_registration.signature[0] ^= 1;
  EXPECT_TRUE(is_error(south->ask(bad_registration), ErrorCode::kRegistrationRefused));

  ASSERT_TRUE(f.serving());
  // The honest submission is taken (judged when the round closes); the same
  // signed bytes again are a duplicate.
  const auto honest_bytes = protocol::encode(honest1);
  ASSERT_TRUE(honest_bytes.is_ok());
  ASSERT_TRUE(south->send_raw(*honest_bytes).is_ok());
  EXPECT_TRUE(is_verdict(south->ask_raw(*honest_bytes), 1, VerdictReason::kDuplicate));

  // North submits: round 1 closes with both accepted, and round 2 opens.
  const protocol::Submission north1 = f.honest_submission(0, *n1);
  EXPECT_TRUE(is_verdict(north->ask(north1, kVerdictTimeout), 1, VerdictReason::kAccepted));
  EXPECT_TRUE(is_verdict(south->next(), 1, VerdictReason::kAccepted));
  const auto n2 = north->announcement(2);
  const auto s2 = south->announcement(2);
  ASSERT_TRUE(n2.has_value() && s2.has_value());

  // Round 1's submission replayed in round 2: late.
  EXPECT_TRUE(is_verdict(south->ask_raw(*honest_bytes), 1, VerdictReason::kLate));
  const protocol::Submission south2 = f.honest_submission(1, *s2);
  const protocol::Submission north2 = f.honest_submission(0, *n2);
  ASSERT_TRUE(south->send(south2).is_ok());
  EXPECT_TRUE(is_verdict(north->ask(north2, kVerdictTimeout), 2, VerdictReason::kAccepted));
  EXPECT_TRUE(is_verdict(south->next(), 2, VerdictReason::kAccepted));
  const Status done = f.finished();
  ASSERT_TRUE(done.is_ok()) << done.message();

  // The run recorded exactly the honest submissions, all accepted.
  const auto round1_rows = recorded(f.database(), 1);
  const auto round2_rows = recorded(f.database(), 2);
  ASSERT_EQ(round1_rows.size(), 2u);
  ASSERT_EQ(round2_rows.size(), 2u);
  EXPECT_TRUE(same(round1_rows[0], north1));
  EXPECT_TRUE(same(round1_rows[1], honest1));
  EXPECT_TRUE(same(round2_rows[0], north2));
  EXPECT_TRUE(same(round2_rows[1], south2));
  for (const auto* rows : {&round1_rows, &round2_rows}) {
    for (const auto& row : *rows) EXPECT_EQ(row.verdict, coordinator::Verdict::kAccepted) << row.participant;
  }
}

TEST_F(CoordinatorAbuse, OnlyTheHonestSubmissionsAreAccepted) {
  Federation f(world(), {.members = 3, .rounds = 2});
  f.follow_honestly(0);
  f.follow_honestly(2);
  auto south = f.connect(1);
  ASSERT_TRUE(south->send(f.member(1).participant->register_message()).is_ok());
  const auto s1 = south->announcement(1);
  ASSERT_TRUE(s1.has_value());

  // Round 1: abuses that are refused on arrival, then a validly signed update
  // whose weights are not the proved ones: recorded, and rejected by the proof check.
  const protocol::Submission honest1 = f.honest_submission(1, *s1);
  protocol::Submission forged = honest1;
  forged.signature[0] ^= 1;
  EXPECT_TRUE(is_verdict(south->ask(forged), 1, VerdictReason::kBadSignature));
  EXPECT_TRUE(is_verdict(south->ask(f.resigned(1, honest1, [](auto& s) { s.run_id[15] ^= 0x80; })), 1,
                         VerdictReason::kWrongRun));
  const auto tampered = f.resigned(1, honest1, [](auto& s) { s.w_out[0] += 1; });
  EXPECT_TRUE(is_verdict(south->ask(tampered, kVerdictTimeout), 1, VerdictReason::kProofRejected));
  const auto s2 = south->announcement(2);
  ASSERT_TRUE(s2.has_value());
  // The first submission is the one judged: the honest one, sent once the round has closed, is late.
  EXPECT_TRUE(is_verdict(south->ask(honest1), 1, VerdictReason::kLate));

  // Round 2: south is honest.
  const protocol::Submission honest2 = f.honest_submission(1, *s2);
  EXPECT_TRUE(is_verdict(south->ask(honest2, kVerdictTimeout), 2, VerdictReason::kAccepted));
  const Status done = f.finished();
  ASSERT_TRUE(done.is_ok()) << done.message();
  EXPECT_TRUE(f.member_status(0).is_ok()) << f.member_status(0).message();
  EXPECT_TRUE(f.member_status(2).is_ok()) << f.member_status(2).message();

  const auto round1 = recorded(f.database(), 1);
  const auto round2 = recorded(f.database(), 2);
  ASSERT_EQ(round1.size(), 3u);
  ASSERT_EQ(round2.size(), 3u);
  using coordinator::Verdict;
  EXPECT_EQ(round1[0].verdict, Verdict::kAccepted);
  EXPECT_EQ(round1[1].verdict, Verdict::kRejected);
  EXPECT_TRUE(same(round1[1], tampered));
  EXPECT_NE(round1[1].reason.find("does not verify"), std::string::npos) << round1[1].reason;
  EXPECT_EQ(round1[2].verdict, Verdict::kAccepted);
  for (const auto& row : round2) EXPECT_EQ(row.verdict, Verdict::kAccepted) << row.participant;
  EXPECT_TRUE(same(round2[1], honest2));
  // Every accepted row carries its member's signature over exactly what was recorded.
  for (const auto* rows : {&round1, &round2}) {
    for (const auto& row : *rows) {
      if (row.verdict != Verdict::kAccepted) continue;
      protocol::Submission s{s1->run_id, row.round, row.participant, row.w_out, row.proof, row.link,
                             static_cast<uint64_t>(kRowsPerParticipant), row.signature};
      EXPECT_TRUE(protocol::verify_submission_signature(s, f.member(row.participant).public_identity.identity_key))
          << "round " << row.round << " participant " << row.participant;
    }
  }
  // The forged update left no trace in the model: round 2 announced the aggregate of north's and east's alone.
  auto run = coordinator::RunDatabase::open_read_only(f.database());
  ASSERT_TRUE(run.is_ok());
  auto r1 = run->load_round(1);
  auto r2 = run->load_round(2);
  ASSERT_TRUE(r1.is_ok() && r2.is_ok() && r1->has_value() && r2->has_value());
  EXPECT_EQ((*r2)->model, *(*r1)->result);
  EXPECT_EQ((*r2)->model, s2->global_model);
}

}  // namespace
}  // namespace zkfl
