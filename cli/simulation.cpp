#include "cli/simulation.hpp"

#include <atomic>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/node_setup.hpp"
#include "coordinator/coordinator_service.hpp"
#include "coordinator/ed25519.hpp"
#include "federation/data_plan.hpp"
#include "federation/run_manifest.hpp"
#include "federation/run_outputs.hpp"
#include "participant/participant.hpp"
#include "plonk/base/random.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/kzg/file_io.hpp"
#include "training/inference.hpp"

namespace zkfl::cli {

using plonk::Result;
using plonk::Status;

namespace {

namespace fs = std::filesystem;

// The rows of one round, filled in as events arrive.
struct RoundLog {
  struct Row {
    double prove_seconds = 0;
    size_t proof_bytes = 0;
    std::string cheat = "none";
    std::optional<bool> accepted;
    std::string reason;
  };
  std::map<uint64_t, Row> rows;  // by participant id
};

std::string fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

}  // namespace

Result<SimulationSummary> run_simulation(const federation::FederationConfig& config, const SimulationOptions& options,
                                         std::ostream& out) {
  const auto started = std::chrono::steady_clock::now();
  SimulationSummary summary;
  summary.run_dir = options.output_dir.value_or(config.run.output_dir);

  // Data: the plan, agreed standardisation (the training rows' statistics), quantization.
  auto run_data = load_run_data(config);
  if (!run_data) return run_data.status();
  const federation::DataPlan* plan = &run_data->plan;
  const training::QuantizedDataset& all = run_data->all;
  const training::QuantizedDataset& test = run_data->test;

  // The run directory replaces an earlier run of the same config.
  std::error_code ec;
  fs::create_directories(summary.run_dir, ec);
  if (ec) return Status::error("cannot create " + summary.run_dir.string() + ": " + ec.message());
  for (const char* name : {"run.db", "run.db-wal", "run.db-shm", "metrics.csv", "accuracy.svg"}) {
    fs::remove(summary.run_dir / name, ec);
  }

  plonk::ThreadPool pool(2);
  plonk::SecureRng secure;
  uint32_t k = 0;
  for (const auto& p : plan->participants) k = std::max(k, p.spec.k());
  auto make_srs = [&]() -> Result<plonk::Srs> {
    if (!options.srs_file) {
      out << "note: using a single-party development SRS (insecure; a real consortium runs `zkfl setup`)\n";
      return plonk::Srs::insecure_development(k, secure, pool);
    }
    auto loaded = plonk::Srs::read_file(*options.srs_file, secure, pool);
    if (!loaded) return loaded.status();
    auto trimmed = loaded->trim(k);
    if (!trimmed) {
      return Status::error("the SRS is too small for this federation's circuits (2^" + std::to_string(k) + " rows)");
    }
    return trimmed;
  };
  auto srs_result = make_srs();
  if (!srs_result) return srs_result.status();
  const plonk::Srs& srs = *srs_result;
  const fs::path srs_path = summary.run_dir / "srs.bin";
  if (Status s = srs.write_file(srs_path); !s.is_ok()) return s;
  auto srs_bytes = plonk::read_file_bytes(srs_path);
  if (!srs_bytes) return srs_bytes.status();

  // Keys: one per distinct spec (the dataset size is part of it), cached.
  std::vector<plonk::ProvingKey> keys;
  out << "preparing proving keys (2^" << k << " rows)...\n" << std::flush;
  for (const auto& p : plan->participants) {
    auto key = training::load_or_generate_step_key(summary.run_dir / "keys", srs, p.spec, pool);
    if (!key) return key.status();
    keys.push_back(std::move(*key));
  }

  // Identities.
  auto coordinator_key = coordinator::Ed25519Key::generate(secure);
  if (!coordinator_key) return coordinator_key.status();
  auto coordinator_curve = protocol::CurveKeyPair::generate();
  if (!coordinator_curve) return coordinator_curve.status();
  std::vector<protocol::SecretIdentity> identities;
  for (const auto& p : config.participants) {
    auto id = protocol::generate_identity(p.name, secure);
    if (!id) return id.status();
    identities.push_back(std::move(*id));
  }

  // Run database.
  federation::RunManifest manifest{plan->shape, config.training.hyper, config.training.data_columns, k,
                                   plonk::Sha256::hash(*srs_bytes), ""};
  {
    std::ifstream in(config.source);
    std::stringstream text;
    text << in.rdbuf();
    manifest.config_text = text.str();
  }
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto db = coordinator::RunDatabase::create(
      summary.run_dir / "run.db",
      coordinator::RunSetup{manifest.encode(), training::step_spec_digest(manifest.spec(0)),
                            config.coordinator.aggregation.to_string(), now_ms},
      *coordinator_key);
  if (!db) return db.status();

  // Transport.
  auto context = protocol::TransportContext::create();
  if (!context) return context.status();
  const std::string endpoint_name = options.endpoint.value_or(config.coordinator.endpoint.to_string());
  const bool tcp = endpoint_name.rfind("tcp://", 0) == 0;
  protocol::CoordinatorOptions copt;
  copt.endpoint = endpoint_name;
  if (tcp) {
    copt.server_keys = *coordinator_curve;
    for (const auto& id : identities) copt.allowed_clients.push_back(id.curve.public_key);
  }
  auto endpoint = protocol::CoordinatorEndpoint::bind(*context, copt);
  if (!endpoint) return endpoint.status();

  // The coordinator.
  coordinator::CoordinatorSettings settings;
  settings.rounds = config.run.rounds;
  settings.quorum = config.coordinator.quorum;
  settings.round_deadline = std::chrono::milliseconds(static_cast<int64_t>(config.coordinator.round_deadline_s * 1000));
  settings.shape = plan->shape;
  settings.initial_model = training::QuantizedModel::glorot(plan->shape, config.run.seed);
  if (auto acc = training::accuracy(plan->shape, settings.initial_model, test); acc) {
    summary.initial_accuracy = *acc;
    out << "initial global test accuracy: " << fixed(100 * *acc, 2) << "%\n";
  }
  settings.test_data = test;
  for (size_t i = 0; i < config.participants.size(); ++i) {
    coordinator::ExpectedParticipant e;
    e.id = i;
    e.name = config.participants[i].name;
    e.spec = plan->participants[i].spec;
    e.vk = &keys[i].vk();
    if (tcp) e.curve_key = identities[i].curve.public_key;
    e.identity_key = identities[i].signing_key.public_key();
    settings.participants.push_back(std::move(e));
  }

  auto outputs = federation::RunOutputs::open(summary.run_dir, config.run.name + ": global test accuracy",
                                              plan->shape.name() + ", " + std::to_string(config.participants.size()) +
                                                  " participants");
  if (!outputs) return outputs.status();

  std::mutex mutex;
  std::map<uint64_t, RoundLog> rounds;
  Status output_status;
  const auto print_round = [&](uint64_t r, const std::optional<double>& accuracy, double seconds) {
    RoundLog& log = rounds[r];
    summary.round_seconds.push_back(seconds);
    out << "\nround " << r << " (" << fixed(seconds, 1) << " s)\n";
    out << "  " << std::left << std::setw(18) << "participant" << std::setw(9) << "proof" << std::setw(9) << "size"
        << std::setw(15) << "tried" << "verdict\n";
    for (size_t i = 0; i < config.participants.size(); ++i) {
      const RoundLog::Row& row = log.rows[i];
      const std::string verdict = !row.accepted ? "missing" : *row.accepted ? "accepted" : "REJECTED: " + row.reason;
      out << "  " << std::left << std::setw(18) << config.participants[i].name << std::setw(9)
          << (row.proof_bytes ? fixed(row.prove_seconds, 2) + " s" : "-") << std::setw(9)
          << (row.proof_bytes ? std::to_string(row.proof_bytes) + " B" : "-") << std::setw(15) << row.cheat << verdict
          << "\n";
      federation::MetricsRow m{r, config.participants[i].name, std::nullopt, std::nullopt,
                               !row.accepted ? "missing" : *row.accepted ? "accepted" : "rejected", row.reason, accuracy};
      if (row.proof_bytes) {
        m.proof_seconds = row.prove_seconds;
        m.proof_bytes = static_cast<int64_t>(row.proof_bytes);
      }
      if (Status s = outputs->record(m); !s.is_ok() && output_status.is_ok()) output_status = s;
      if (row.accepted) (*row.accepted ? summary.accepted : summary.rejected) += 1;
      if (row.accepted && !*row.accepted) {
        summary.rejections.push_back("round " + std::to_string(r) + ", " + config.participants[i].name + " (" +
                                     row.cheat + "): " + row.reason);
      }
    }
    if (accuracy) {
      out << "  global test accuracy: " << fixed(100 * *accuracy, 2) << "%\n";
      summary.accuracy.push_back(*accuracy);
    }
    out << std::flush;
    if (Status s = outputs->write_plot(); !s.is_ok() && output_status.is_ok()) output_status = s;
  };

  coordinator::CoordinatorEvents on_coordinator = [&](const coordinator::CoordinatorEvent& e) {
    std::lock_guard<std::mutex> lock(mutex);
    using K = coordinator::CoordinatorEvent::Kind;
    if (e.kind == K::kVerdict) {
      rounds[e.round].rows[e.participant].accepted = e.accepted;
      rounds[e.round].rows[e.participant].reason = e.reason;
    } else if (e.kind == K::kAggregated) {
      print_round(e.round, e.accuracy, e.seconds);
    }
  };

  // Participants: register datasets, then follow rounds in their own threads.
  std::vector<std::unique_ptr<participant::Participant>> members;
  std::vector<std::unique_ptr<plonk::ThreadPool>> pools;
  for (size_t i = 0; i < config.participants.size(); ++i) {
    participant::ParticipantSettings ps;
    ps.id = i;
    ps.spec = plan->participants[i].spec;
    ps.data = training::select_rows(all, plan->participants[i].rows);
    ps.schema = training::DatasetSchema{plan->data.feature_names, config.data.classes, training::kFractionBits};
    ps.cheat = config.participants[i].cheat;
    ps.rounds = config.run.rounds;
    if (auto crash = options.crash_in_round.find(i); crash != options.crash_in_round.end()) {
      ps.crash_in_round = crash->second;
    }
    pools.push_back(std::make_unique<plonk::ThreadPool>(options.threads_per_participant));
    members.push_back(std::make_unique<participant::Participant>(std::move(ps), std::move(identities[i]), srs, keys[i],
                                                                 *pools.back()));
    if (Status s = members.back()->register_dataset(secure); !s.is_ok()) return s;
  }

  std::atomic<bool> stop{false};
  Status coordinator_status;
  coordinator::CoordinatorService service(settings, *db, *endpoint, pool, on_coordinator);
  std::thread coordinator_thread([&] { coordinator_status = service.run(stop); });

  std::vector<std::thread> threads;
  std::vector<Status> member_status(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    threads.emplace_back([&, i] {
      protocol::ParticipantOptions popt;
      popt.endpoint = endpoint->endpoint();
      if (tcp) {
        popt.client_keys = members[i]->curve_keys();
        popt.server_public_key = coordinator_curve->public_key;
      }
      auto connection = protocol::ParticipantEndpoint::connect(*context, popt);
      if (!connection) {
        member_status[i] = connection.status();
        return;
      }
      participant::ParticipantEvents on_member = [&, i](const participant::ParticipantEvent& e) {
        if (e.kind != participant::ParticipantEvent::Kind::kSubmitted) return;
        std::lock_guard<std::mutex> lock(mutex);
        auto& row = rounds[e.round].rows[i];
        row.prove_seconds = e.prove_seconds;
        row.proof_bytes = e.proof_bytes;
        row.cheat = e.cheat;
      };
      member_status[i] = members[i]->run(*connection, stop, on_member, std::chrono::minutes(2));
    });
  }
  coordinator_thread.join();
  // Participants stop on their own after the last verdict; this only ends stragglers.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < give_up) {
    bool all_done = true;
    for (size_t i = 0; i < members.size(); ++i) all_done = all_done && members[i]->finished();
    if (all_done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  for (auto& t : threads) t.join();
  if (!coordinator_status.is_ok()) return coordinator_status;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!member_status[i].is_ok()) {
      out << "note: " << config.participants[i].name << " stopped: " << member_status[i].message() << "\n";
    }
  }
  if (!output_status.is_ok()) return output_status;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace zkfl::cli
