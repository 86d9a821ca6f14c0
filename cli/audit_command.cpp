#include "cli/audit_command.hpp"

#include <iostream>
#include <map>
#include <memory>

#include "coordinator/audit_run.hpp"
#include "coordinator/coordinator_service.hpp"
#include "coordinator/ed25519.hpp"
#include "federation/run_manifest.hpp"
#include "plonk/base/hex.hpp"
#include "plonk/base/random.hpp"
#include "plonk/kzg/file_io.hpp"
#include "protocol/message_signing.hpp"
#include "training/batch_sampler.hpp"

namespace zkfl::cli {

namespace {

struct AuditCliOptions {
  std::string database;
  std::string srs;
  std::string coordinator_key;
};

// Verifies submissions against keys rebuilt from the run manifest and the SRS.
class SubmissionVerifier {
 public:
  SubmissionVerifier(std::filesystem::path srs_path, plonk::ThreadPool& pool) : srs_path_(std::move(srs_path)), pool_(pool) {}

  plonk::Result<bool> operator()(const coordinator::AuditedSubmission& a) {
    auto manifest = federation::RunManifest::parse(a.run.config);
    if (!manifest) return manifest.status();
    if (Status s = load_srs(*manifest); !s.is_ok()) return s;
    const training::StepSpec spec = manifest->spec(a.participant.samples);
    auto vk = key(spec);
    if (!vk) return vk.status();
    auto record = training::RegistrationRecord::decode(a.participant.registration);
    if (!record) return record.status();
    // The participant's own signature over what it sent.
    protocol::Submission signed_message;
    signed_message.run_id = coordinator::run_id_of(a.run);
    signed_message.round = a.submission.round;
    signed_message.participant = a.submission.participant;
    signed_message.w_out = a.submission.w_out;
    signed_message.proof = a.submission.proof;
    signed_message.link = a.submission.link;
    signed_message.sample_count = static_cast<uint64_t>(a.participant.samples);
    signed_message.signature = a.submission.signature;
    if (!protocol::verify_submission_signature(signed_message, a.participant.identity_key)) return false;
    auto w_in = training::QuantizedModel::unflatten(spec.shape, a.round.model);
    auto w_out = training::QuantizedModel::unflatten(spec.shape, a.submission.w_out);
    if (!w_in) return w_in.status();
    if (!w_out) return false;  // a malformed update cannot be an honest step
    auto indices = training::sample_batch_indices(a.round.seed, a.participant.id, spec.dataset_rows,
                                                  spec.hyper.batch_size, spec.hyper.local_steps);
    if (!indices) return indices.status();
    const training::StepPublic pub{a.round.number, a.participant.id, *w_in, *w_out, *indices};
    plonk::SecureRng rng;
    auto ok = training::verify_registered_step(**vk, spec, pub, *record, a.submission.proof, a.submission.link, rng,
                                               pool_);
    if (!ok) return false;  // malformed bytes: not a valid proof
    return *ok;
  }

 private:
  using Status = plonk::Status;

  Status load_srs(const federation::RunManifest& manifest) {
    if (srs_) return Status::ok();
    auto bytes = plonk::read_file_bytes(srs_path_);
    if (!bytes) return Status::error("the run's SRS: " + bytes.error() + " (give it with --srs)");
    if (plonk::Sha256::hash(*bytes) != manifest.srs_digest) {
      return Status::error("the SRS file " + srs_path_.string() + " is not the one the run used (digest differs)");
    }
    auto srs = plonk::Srs::from_bytes(*bytes, pool_);
    if (!srs) return srs.status();
    srs_ = std::make_unique<plonk::Srs>(std::move(*srs));
    return Status::ok();
  }

  plonk::Result<const plonk::VerifyingKey*> key(const training::StepSpec& spec) {
    const auto digest = training::step_spec_digest(spec);
    auto it = keys_.find(digest);
    if (it == keys_.end()) {
      auto pk = training::generate_step_key(*srs_, spec, pool_);
      if (!pk) return pk.status();
      it = keys_.emplace(digest, std::make_unique<plonk::VerifyingKey>(pk->vk())).first;
    }
    return it->second.get();
  }

  std::filesystem::path srs_path_;
  plonk::ThreadPool& pool_;
  std::unique_ptr<plonk::Srs> srs_;
  std::map<plonk::Sha256::Digest, std::unique_ptr<plonk::VerifyingKey>> keys_;
};

void run_audit(const AuditCliOptions& o, CliContext& ctx) {
  const std::filesystem::path db(o.database);
  const std::filesystem::path srs = o.srs.empty() ? db.parent_path() / "srs.bin" : std::filesystem::path(o.srs);
  plonk::ThreadPool pool = ctx.make_pool();
  SubmissionVerifier verifier(srs, pool);
  coordinator::AuditOptions options;
  if (!o.coordinator_key.empty()) {
    auto key = plonk::from_hex(o.coordinator_key);
    if (!key || key->size() != 32) return ctx.fail("--coordinator-key must be 64 hex digits");
    coordinator::PublicKey k{};
    std::copy(key->begin(), key->end(), k.begin());
    options.coordinator_key = k;
  }
  auto report = coordinator::audit_run(db, coordinator::ed25519_verify,
                                       [&](const coordinator::AuditedSubmission& a) { return verifier(a); }, options);
  if (!report) return ctx.fail(report.error());
  std::cout << report->to_text();
  if (!report->ok()) ctx.exit_code = kExitFailure;
}

}  // namespace

void add_audit_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<AuditCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "audit",
      "re-verify a whole run from its database: the signed hash chain, every row against the log, every proof and "
      "dataset link, every aggregation; exits 1 and lists the discrepancies when anything was tampered with");
  cmd->add_option("database", options->database, "the run database (RUN_DIR/run.db)")->required();
  cmd->add_option("--srs", options->srs, "the run's SRS file (default: srs.bin next to the database)");
  cmd->add_option("--coordinator-key", options->coordinator_key,
                  "the coordinator's Ed25519 public key (hex) published by the consortium; without it the key "
                  "recorded in the run is trusted");
  cmd->callback([options, &context] { run_audit(*options, context); });
}

}  // namespace zkfl::cli
