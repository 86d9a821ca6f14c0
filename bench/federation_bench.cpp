// The federation (docs/BENCHMARKS.md, issue: federation): wall time per round
// of the hospitals federation, the coordinator's verification throughput of
// registered step claims, and the bytes of a submission on the wire.
//
// Every figure comes from the real configs (configs/hospitals.toml: three
// hospitals, Breast Cancer Wisconsin split non-IID, logistic regression,
// B = 32; configs/digits.toml: an MLP 64→32→10 with softmax), their data
// plans and the participants' real code paths (registration, proving with the
// dataset link, signing). The SRS is a development one; keygen, the SRS and
// the dataset registrations stay outside every timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "cli/simulation.hpp"
#include "federation/config.hpp"
#include "federation/data_plan.hpp"
#include "participant/participant.hpp"
#include "plonk/base/random.hpp"
#include "protocol/identity_file.hpp"
#include "protocol/messages.hpp"
#include "training/batch_sampler.hpp"
#include "training/step_batch_verifier.hpp"
#include "training/step_prover.hpp"

namespace zkfl::bench {
namespace {

namespace fs = std::filesystem;

const fs::path kConfigs = fs::path(ZKFL_SOURCE_DIR) / "configs";

plonk::ThreadPool& pool() {
  static plonk::ThreadPool p(2);
  return p;
}

federation::FederationConfig load_config(const std::string& name) {
  auto config = federation::load_federation_config(kConfigs / name);
  if (!config) throw std::runtime_error(config.error());
  return *config;
}

// ---------------------------------------------------------------------------
// BM_FederationRound: `zkfl simulate configs/hospitals.toml` for a few rounds.

constexpr int64_t kRounds = 4;

void BM_FederationRound(benchmark::State& state, const char* endpoint) {
  federation::FederationConfig config = load_config("hospitals.toml");
  config.run.rounds = kRounds;
  const fs::path dir = fs::temp_directory_path() / ("zkfl-bench-hospitals-" + std::to_string(::getpid()));
  cli::SimulationOptions options;
  options.endpoint = endpoint;
  options.output_dir = dir;
  struct RemoveRunDir {
    fs::path dir;
    ~RemoveRunDir() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  std::vector<double> rounds;
  double outside = 0;
  size_t accepted = 0;
  for (auto _ : state) {
    std::ostringstream out;
    auto summary = cli::run_simulation(config, options, out);
    if (!summary) {
      state.SkipWithError(summary.error().c_str());
      return;
    }
    if (summary->round_seconds.size() != static_cast<size_t>(kRounds) ||
        summary->accepted != static_cast<size_t>(kRounds) * config.participants.size()) {
      state.SkipWithError(("the federation did not complete every round:\n" + out.str()).c_str());
      return;
    }
    const double round_total = std::accumulate(summary->round_seconds.begin(), summary->round_seconds.end(), 0.0);
    state.SetIterationTime(round_total / kRounds);
    rounds.insert(rounds.end(), summary->round_seconds.begin(), summary->round_seconds.end());
    outside += summary->seconds - round_total;
    accepted += summary->accepted;
  }
  std::sort(rounds.begin(), rounds.end());
  const double n = static_cast<double>(rounds.size());
  state.counters["rounds"] = n;
  state.counters["s_per_round"] = std::accumulate(rounds.begin(), rounds.end(), 0.0) / n;
  state.counters["s_round_min"] = rounds.front();
  state.counters["s_round_median"] = rounds[rounds.size() / 2];
  state.counters["s_round_max"] = rounds.back();
  // The SRS, the keys, the registrations before round 1 and the shutdown after the last.
  state.counters["s_outside_rounds"] = outside / static_cast<double>(state.iterations());
  state.counters["accepted"] = static_cast<double>(accepted);
}

// ---------------------------------------------------------------------------
// A federation's participants, made as `zkfl simulate` makes them, with one
// key per participant (the key depends on the dataset size): registered
// datasets and real submissions.

struct Federation {
  federation::FederationConfig config;
  std::unique_ptr<plonk::Srs> srs;
  std::vector<training::StepSpec> specs;
  std::vector<std::unique_ptr<plonk::ProvingKey>> keys;
  std::vector<std::unique_ptr<participant::Participant>> members;
  std::vector<std::unique_ptr<plonk::ThreadPool>> pools;
  training::QuantizedModel initial;
};

// Builds the first `count` participants of the config (all by default).
Federation make_federation(const std::string& config_name, size_t count = SIZE_MAX) {
  Federation f;
  f.config = load_config(config_name);
  auto plan = federation::plan_federation_data(f.config);
  if (!plan) throw std::runtime_error(plan.error());
  // The agreed standardisation (the training rows' statistics), then quantization.
  std::vector<int64_t> training_rows;
  for (const auto& p : plan->participants) training_rows.insert(training_rows.end(), p.rows.begin(), p.rows.end());
  auto scaler = training::Standardizer::fit(plan->data, training_rows);
  if (!scaler) throw std::runtime_error(scaler.error());
  auto standardized = scaler->apply(plan->data);
  if (!standardized) throw std::runtime_error(standardized.error());
  const training::QuantizedDataset all = training::quantize_dataset(*standardized);

  uint32_t k = 0;
  for (const auto& p : plan->participants) k = std::max(k, p.spec.k());
  plonk::DeterministicRng rng(f.config.run.seed);
  f.srs = std::make_unique<plonk::Srs>(plonk::Srs::insecure_development(k, rng, pool()));  // benchmark only
  // A fixed initial model with weights in the range training produces.
  f.initial = training::QuantizedModel::zeros(plan->shape);
  for (auto& layer : f.initial.layers) {
    for (auto& v : layer.values) v = static_cast<int64_t>(rng.next_u64() % 129) - 64;
  }
  count = std::min(count, f.config.participants.size());
  for (size_t i = 0; i < count; ++i) {
    f.specs.push_back(plan->participants[i].spec);
    auto key = training::generate_step_key(*f.srs, f.specs.back(), pool());
    if (!key) throw std::runtime_error(key.error());
    f.keys.push_back(std::make_unique<plonk::ProvingKey>(std::move(*key)));
  }
  for (size_t i = 0; i < count; ++i) {
    participant::ParticipantSettings ps;
    ps.id = i;
    ps.spec = f.specs[i];
    ps.data = training::select_rows(all, plan->participants[i].rows);
    ps.schema = training::DatasetSchema{plan->data.feature_names, f.config.data.classes, training::kFractionBits};
    ps.rounds = static_cast<uint64_t>(f.config.run.rounds);
    auto identity = protocol::generate_identity(f.config.participants[i].name, rng);
    if (!identity) throw std::runtime_error(identity.error());
    f.pools.push_back(std::make_unique<plonk::ThreadPool>(2));
    f.members.push_back(std::make_unique<participant::Participant>(std::move(ps), std::move(*identity), *f.srs,
                                                                   *f.keys[i], *f.pools.back()));
    if (plonk::Status s = f.members.back()->register_dataset(rng); !s.is_ok()) throw std::runtime_error(s.message());
  }
  return f;
}

protocol::RoundAnnouncement announcement(const Federation& f, uint64_t round) {
  protocol::RoundAnnouncement a;
  a.round = round;
  a.seed[0] = static_cast<uint8_t>(round);
  a.seed[1] = 0x5a;
  a.global_model = f.initial.flatten();
  a.step_spec_digest = training::step_spec_digest(f.specs[0]);
  a.deadline_ms = 1;
  return a;
}

// A real submission of participant `p` for `round`.
protocol::Submission submit(Federation& f, size_t p, uint64_t round) {
  auto s = f.members[p]->make_submission(announcement(f, round), nullptr);
  if (!s) throw std::runtime_error(s.error());
  return *s;
}

// ---------------------------------------------------------------------------
// BM_VerifyClaims: the coordinator's check of registered step claims (the
// step proof and the dataset link), batched as at the end of a round, or one
// verify_registered_step per claim.

struct ClaimSet {
  Federation federation;
  std::vector<training::StepClaim> distinct;  // proved once each
};

constexpr uint64_t kDistinctRounds = 2;  // distinct claims: participants × rounds

ClaimSet& hospital_claims() {
  static ClaimSet* set = [] {
    auto* c = new ClaimSet{make_federation("hospitals.toml"), {}};
    Federation& f = c->federation;
    for (uint64_t r = 1; r <= kDistinctRounds; ++r) {
      const protocol::RoundAnnouncement a = announcement(f, r);
      for (size_t p = 0; p < f.members.size(); ++p) {
        const protocol::Submission s = submit(f, p, r);
        auto indices = training::sample_batch_indices(a.seed, p, f.specs[p].dataset_rows,
                                                      f.specs[p].hyper.batch_size, f.specs[p].hyper.local_steps);
        auto w_out = training::QuantizedModel::unflatten(f.specs[p].shape, s.w_out);
        if (!indices || !w_out) throw std::runtime_error("inconsistent submission");
        c->distinct.push_back(training::StepClaim{&f.keys[p]->vk(), &f.specs[p],
                                                  &f.members[p]->registration().record,
                                                  training::StepPublic{r, p, f.initial, *w_out, *indices}, s.proof,
                                                  s.link});
      }
    }
    return c;
  }();
  return *set;
}

// CPU seconds of the whole process (every pool thread), for the CPU cost per
// claim: on a loaded machine it moves far less than the wall time.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void report_throughput(benchmark::State& state, double cpu_start) {
  const double proofs = static_cast<double>(state.iterations() * state.range(0));
  state.counters["proofs_per_second"] = benchmark::Counter(proofs, benchmark::Counter::kIsRate);
  state.counters["cpu_ms_per_proof"] = 1e3 * (process_cpu_seconds() - cpu_start) / proofs;
}

std::vector<training::StepClaim> fill(const ClaimSet& set, int64_t n) {
  std::vector<training::StepClaim> claims;
  for (int64_t i = 0; i < n; ++i) claims.push_back(set.distinct[static_cast<size_t>(i) % set.distinct.size()]);
  return claims;
}

void BM_VerifyClaimsBatched(benchmark::State& state) {
  ClaimSet& set = hospital_claims();
  const auto claims = fill(set, state.range(0));
  plonk::SecureRng rng;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    const auto verdicts = training::verify_step_claims(claims, rng, pool());
    for (const auto& v : verdicts) {
      if (!v.accepted) {
        state.SkipWithError(("a claim was rejected: " + v.reason).c_str());
        return;
      }
    }
  }
  report_throughput(state, cpu_start);
}

void BM_VerifyClaimsOneByOne(benchmark::State& state) {
  ClaimSet& set = hospital_claims();
  const auto claims = fill(set, state.range(0));
  plonk::SecureRng rng;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    for (const auto& c : claims) {
      auto ok = training::verify_registered_step(*c.vk, *c.spec, c.pub, *c.record, c.proof, c.link, rng, pool());
      if (!ok || !*ok) {
        state.SkipWithError("a claim was rejected");
        return;
      }
    }
  }
  report_throughput(state, cpu_start);
}

// ---------------------------------------------------------------------------
// BM_SubmissionWireBytes: protocol::encode of one signed Submission.

void BM_SubmissionWireBytes(benchmark::State& state, const char* config_name) {
  static std::map<std::string, protocol::Submission> cache;
  auto it = cache.find(config_name);
  if (it == cache.end()) {
    Federation f = make_federation(config_name, 1);
    it = cache.emplace(config_name, submit(f, 0, 1)).first;
  }
  const protocol::Submission& s = it->second;
  size_t bytes = 0;
  for (auto _ : state) {
    auto encoded = protocol::encode(s);
    if (!encoded) {
      state.SkipWithError(encoded.error().c_str());
      return;
    }
    bytes = encoded->size();
    benchmark::DoNotOptimize(encoded->data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["w_out_bytes"] = static_cast<double>(s.w_out.size() * sizeof(int64_t));
  state.counters["weights"] = static_cast<double>(s.w_out.size());
  state.counters["proof_bytes"] = static_cast<double>(s.proof.size());
  state.counters["link_bytes"] = static_cast<double>(s.link.size());
  state.counters["signature_bytes"] = static_cast<double>(s.signature.size());
}

const bool kRegistered = [] {
  for (const char* endpoint : {"inproc://zkfl-bench-hospitals", "tcp://127.0.0.1:0"}) {
    const std::string name = std::string("BM_FederationRound/hospitals/") +
                             (std::string(endpoint).rfind("tcp", 0) == 0 ? "tcp_curve" : "inproc");
    benchmark::RegisterBenchmark(name.c_str(), BM_FederationRound, endpoint)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Iterations(1);
  }
  for (const int64_t n : {1, 8, 32, 128}) {
    benchmark::RegisterBenchmark("BM_VerifyClaims/batched", BM_VerifyClaimsBatched)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  for (const int64_t n : {1, 8, 32, 128}) {
    benchmark::RegisterBenchmark("BM_VerifyClaims/one_by_one", BM_VerifyClaimsOneByOne)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("BM_SubmissionWireBytes/logreg_hospitals", BM_SubmissionWireBytes, "hospitals.toml")
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_SubmissionWireBytes/mlp64x32x10_digits", BM_SubmissionWireBytes, "digits.toml")
      ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
}  // namespace zkfl::bench
