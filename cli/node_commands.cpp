#include "cli/node_commands.hpp"

#include <csignal>
#include <fstream>
#include <sstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "cli/node_setup.hpp"
#include "coordinator/coordinator_service.hpp"
#include "coordinator/ed25519.hpp"
#include "federation/run_manifest.hpp"
#include "participant/participant.hpp"
#include "plonk/base/random.hpp"
#include "plonk/kzg/file_io.hpp"
#include "training/inference.hpp"

namespace zkfl::cli {

namespace {

namespace fs = std::filesystem;
using plonk::Result;
using plonk::Status;

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

struct NodeOptions {
  std::string config;
  std::string srs;
  std::string name;
  std::string state;
  std::string data;  // participant: its own CSV (default: its share of the config's data file)
};

Result<plonk::Srs> load_srs(const std::string& path, plonk::ThreadPool& pool) {
  if (path.empty()) return Status::error("--srs is required: the consortium's SRS (zkfl setup)");
  plonk::SecureRng rng;
  return plonk::Srs::read_file(path, rng, pool);
}

void run_coordinator(const NodeOptions& o, CliContext& ctx) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  auto config = federation::load_federation_config(o.config);
  if (!config) return ctx.fail(config.error());
  auto data = load_run_data(*config);
  if (!data) return ctx.fail(data.error());
  plonk::ThreadPool pool = ctx.make_pool();
  auto srs = load_srs(o.srs, pool);
  if (!srs) return ctx.fail(srs.error());
  if (!config->coordinator.curve_secret_key) return ctx.fail("the config names no coordinator curve_secret_key file");
  auto identity = protocol::read_secret_identity(*config->coordinator.curve_secret_key);
  if (!identity) return ctx.fail(identity.error());
  auto signer = coordinator::Ed25519Key::from_seed(identity->signing_key.seed());
  if (!signer) return ctx.fail(signer.error());

  const fs::path dir = o.state.empty() ? config->run.output_dir : fs::path(o.state);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path db_path = dir / "run.db";
  auto srs_bytes = plonk::read_file_bytes(o.srs);
  if (!srs_bytes) return ctx.fail(srs_bytes.error());
  const training::ModelShape shape = data->plan.shape;
  federation::RunManifest manifest{shape, config->training.hyper, config->training.data_columns, srs->k(),
                                   plonk::Sha256::hash(*srs_bytes), ""};
  {
    std::ifstream in(config->source);
    std::stringstream text;
    text << in.rdbuf();
    manifest.config_text = text.str();
  }
  Result<coordinator::RunDatabase> db = Status::error("unopened");
  if (fs::exists(db_path)) {
    db = coordinator::RunDatabase::open(db_path, *signer);
    if (db) std::cout << "resuming the run in " << db_path.string() << "\n";
  } else {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    db = coordinator::RunDatabase::create(db_path,
                                          coordinator::RunSetup{manifest.encode(),
                                                                training::step_spec_digest(manifest.spec(0)),
                                                                config->coordinator.aggregation.to_string(), now},
                                          *signer);
  }
  if (!db) return ctx.fail(db.error());
  if (Status s = srs->write_file(dir / "srs.bin"); !s.is_ok() && !fs::exists(dir / "srs.bin")) return ctx.fail(s.message());

  // Keys are made when each participant enrols (its dataset size is part of the spec), cached on disk.
  std::map<plonk::Sha256::Digest, std::unique_ptr<plonk::ProvingKey>> keys;
  coordinator::CoordinatorSettings settings;
  settings.rounds = config->run.rounds;
  settings.quorum = config->coordinator.quorum;
  settings.round_deadline = std::chrono::milliseconds(static_cast<int64_t>(config->coordinator.round_deadline_s * 1000));
  settings.shape = shape;
  settings.initial_model = training::QuantizedModel::glorot(shape, config->run.seed);
  settings.test_data = data->test;
  settings.key_for = [&](const training::StepSpec& spec) -> Result<const plonk::VerifyingKey*> {
    const auto digest = training::step_spec_digest(spec);
    auto it = keys.find(digest);
    if (it == keys.end()) {
      auto pk = training::load_or_generate_step_key(dir / "keys", *srs, spec, pool);
      if (!pk) return pk.status();
      it = keys.emplace(digest, std::make_unique<plonk::ProvingKey>(std::move(*pk))).first;
    }
    return &it->second->vk();
  };
  std::vector<protocol::CurveKey> allowed;
  for (size_t i = 0; i < config->participants.size(); ++i) {
    const auto& p = config->participants[i];
    auto pub = public_identity(p.curve_public_key, "participant " + p.name);
    if (!pub) return ctx.fail(pub.error());
    coordinator::ExpectedParticipant e;
    e.id = i;
    e.name = p.name;
    e.spec = manifest.spec(0);
    e.curve_key = pub->curve_public_key;
    e.identity_key = pub->identity_key;
    allowed.push_back(pub->curve_public_key);
    settings.participants.push_back(std::move(e));
  }

  auto context = protocol::TransportContext::create();
  if (!context) return ctx.fail(context.error());
  protocol::CoordinatorOptions copt;
  copt.endpoint = config->coordinator.endpoint.to_string();
  copt.server_keys = identity->curve;
  copt.allowed_clients = allowed;
  auto endpoint = protocol::CoordinatorEndpoint::bind(*context, copt);
  if (!endpoint) return ctx.fail(endpoint.error());
  std::cout << "coordinator of '" << config->run.name << "' listening on " << endpoint->endpoint() << "\n" << std::flush;

  coordinator::CoordinatorEvents events = [&](const coordinator::CoordinatorEvent& e) {
    using K = coordinator::CoordinatorEvent::Kind;
    if (e.kind == K::kNotice) std::cout << "note: " << e.reason << "\n";
    if (e.kind == K::kEnrolled) std::cout << "enrolled participant " << e.participant << " (" << e.reason << ")\n";
    if (e.kind == K::kAnnounced) std::cout << "round " << e.round << " announced\n";
    if (e.kind == K::kVerdict) {
      std::cout << "round " << e.round << ": participant " << e.participant << " "
                << (e.accepted ? "accepted" : "REJECTED: " + e.reason) << "\n";
    }
    if (e.kind == K::kAggregated) {
      std::cout << "round " << e.round << " aggregated in " << std::fixed << std::setprecision(1) << e.seconds << " s";
      if (e.accuracy) std::cout << ", global test accuracy " << std::setprecision(2) << 100 * *e.accuracy << "%";
      std::cout << "\n";
    }
    std::cout << std::flush;
  };
  coordinator::CoordinatorService service(settings, *db, *endpoint, pool, events);
  if (Status s = service.run(g_stop); !s.is_ok()) return ctx.fail(s.message());
  std::cout << (g_stop ? "stopped; run it again to resume\n" : "run complete\n");
}

void run_participant(const NodeOptions& o, CliContext& ctx) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  auto config = federation::load_federation_config(o.config);
  if (!config) return ctx.fail(config.error());
  size_t index = config->participants.size();
  for (size_t i = 0; i < config->participants.size(); ++i) {
    if (config->participants[i].name == o.name) index = i;
  }
  if (index == config->participants.size()) return ctx.fail("the config has no participant named '" + o.name + "'");
  const auto& me = config->participants[index];
  auto data = load_run_data(*config);
  if (!data) return ctx.fail(data.error());
  plonk::ThreadPool pool = ctx.make_pool();
  auto srs = load_srs(o.srs, pool);
  if (!srs) return ctx.fail(srs.error());
  if (!me.curve_secret_key) return ctx.fail("the config names no curve_secret_key file for " + me.name);
  auto identity = protocol::read_secret_identity(*me.curve_secret_key);
  if (!identity) return ctx.fail(identity.error());
  auto server = public_identity(config->coordinator.curve_public_key, "the coordinator");
  if (!server) return ctx.fail(server.error());

  training::StepSpec spec = data->plan.participants[index].spec;
  training::QuantizedDataset rows = training::select_rows(data->all, data->plan.participants[index].rows);
  if (!o.data.empty()) {
    // Its own file, with the same columns as the config's, standardised with the
    // statistics of the config's training rows (the consortium's agreed normalisation).
    auto own = training::load_csv(o.data, training::CsvSchema{config->data.classes, data->plan.shape.inputs()});
    if (!own) return ctx.fail(own.error());
    if (own->feature_names != data->plan.data.feature_names) {
      return ctx.fail(o.data + ": its columns differ from the config's data file");
    }
    auto standardized = data->scaler.apply(*own);
    if (!standardized) return ctx.fail(standardized.error());
    rows = training::quantize_dataset(*standardized);
    spec.dataset_rows = rows.rows;
    if (Status v = spec.validate(); !v.is_ok()) return ctx.fail(o.data + ": " + v.message());
  }
  const fs::path dir = o.state.empty() ? config->run.output_dir / me.name : fs::path(o.state);
  auto key = training::load_or_generate_step_key(dir / "keys", *srs, spec, pool);
  if (!key) return ctx.fail(key.error());
  participant::ParticipantSettings ps;
  ps.id = index;
  ps.spec = spec;
  ps.data = std::move(rows);
  ps.schema = training::DatasetSchema{data->plan.data.feature_names, config->data.classes, training::kFractionBits};
  ps.cheat = me.cheat;
  ps.rounds = config->run.rounds;
  participant::Participant member(std::move(ps), std::move(*identity), *srs, *key, pool);
  plonk::SecureRng rng;
  if (Status s = member.register_dataset(rng); !s.is_ok()) return ctx.fail(s.message());

  auto context = protocol::TransportContext::create();
  if (!context) return ctx.fail(context.error());
  protocol::ParticipantOptions popt;
  popt.endpoint = config->connect_endpoint(index).to_string();
  popt.client_keys = member.curve_keys();
  popt.server_public_key = server->curve_public_key;
  auto endpoint = protocol::ParticipantEndpoint::connect(*context, popt);
  if (!endpoint) return ctx.fail(endpoint.error());
  std::cout << me.name << ": " << spec.dataset_rows << " rows registered, connecting to " << popt.endpoint << "\n"
            << std::flush;
  participant::ParticipantEvents events = [&](const participant::ParticipantEvent& e) {
    using K = participant::ParticipantEvent::Kind;
    if (e.kind == K::kProving) std::cout << "\rround " << e.round << ": proving... " << std::fixed << std::setprecision(1)
                                         << e.progress << " s" << std::flush;
    if (e.kind == K::kSubmitted) {
      std::cout << "\rround " << e.round << ": proved in " << std::setprecision(2) << e.prove_seconds << " s, "
                << e.proof_bytes << " B sent\n";
    }
    if (e.kind == K::kVerdict && e.verdict) {
      std::cout << "round " << e.round << ": " << (e.verdict->accepted ? "accepted" : "rejected: " + e.verdict->text)
                << "\n";
    }
    std::cout << std::flush;
  };
  if (Status s = member.run(*endpoint, g_stop, events, std::chrono::minutes(10)); !s.is_ok()) {
    return ctx.fail(s.message());
  }
  std::cout << me.name << ": done\n";
}

}  // namespace

void add_coordinator_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<NodeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "coordinator",
      "run the coordinator of a consortium: enrol the configured participants, announce rounds, verify every proof, "
      "aggregate, keep the run database; restarted after a crash, it resumes the run");
  cmd->add_option("config", options->config, "the federation config (TOML)")->required();
  cmd->add_option("--srs", options->srs, "the consortium's SRS file (zkfl setup)")->required();
  cmd->add_option("--state", options->state, "the run directory (default: the config's output_dir)");
  cmd->callback([options, &context] { run_coordinator(*options, context); });
}

void add_participant_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<NodeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "participant",
      "run one participant: register its dataset, follow the coordinator's rounds, train, prove and submit; its "
      "data never leaves the machine");
  cmd->add_option("config", options->config, "the federation config (TOML)")->required();
  cmd->add_option("--name", options->name, "this participant's name in the config")->required();
  cmd->add_option("--srs", options->srs, "the consortium's SRS file (zkfl setup)")->required();
  cmd->add_option("--state", options->state, "where its keys are cached (default: OUTPUT_DIR/NAME)");
  cmd->add_option("--data", options->data,
                  "its own CSV, with the columns of the config's data file (default: its share of that file)");
  cmd->callback([options, &context] { run_participant(*options, context); });
}

}  // namespace zkfl::cli
