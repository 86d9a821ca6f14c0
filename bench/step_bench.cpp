// Proving and verifying training steps (docs/BENCHMARKS.md): the cases of
// the step-circuit issue, each with B rows per batch, E = 1 local step and
// the dataset size of its real counterpart (Breast Cancer Wisconsin's
// training split: 455 rows; digits' training split: 1437 rows). Quantized
// values are drawn in range from a fixed seed; proving time does not depend
// on them. Keygen and the development SRS are built outside the timing loop.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <map>
#include <memory>

#include "plonk/base/random.hpp"
#include "training/step_prover.hpp"

namespace zkfl::training {
namespace {

struct StepCase {
  const char* name;
  ModelShape shape;
  int64_t batch;
  int64_t dataset_rows;
  int64_t data_columns;  // P: fewer columns mean smaller proofs, more rows
};

const StepCase kCases[] = {
    {"logreg30_b32_e1", {{30, 1}, OutputKind::kSigmoid}, 32, 455, 4},
    {"mlp30x16x1_b32_e1", {{30, 16, 1}, OutputKind::kSigmoid}, 32, 455, 4},
    {"mlp64x32x10_b16_e1", {{64, 32, 10}, OutputKind::kSoftmax}, 16, 1437, 8},
    {"mlp64x128x10_b32_e1", {{64, 128, 10}, OutputKind::kSoftmax}, 32, 1437, 8},
};

plonk::ThreadPool& pool() {
  static plonk::ThreadPool p(2);
  return p;
}

struct Fixture {
  StepSpec spec;
  StepWitness witness;
  std::unique_ptr<plonk::Srs> srs;
  std::unique_ptr<plonk::ProvingKey> pk;
  std::vector<uint8_t> proof;
  StepPublic pub;
};

Fixture& fixture(size_t index) {
  static std::map<size_t, Fixture> cache;
  Fixture& f = cache[index];
  if (f.pk) return f;
  const StepCase& c = kCases[index];
  f.spec = StepSpec{c.shape, Hyper{26, c.batch, 1}, c.dataset_rows, c.data_columns};
  plonk::DeterministicRng rng(index + 1);
  const auto draw = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng.next_u64() % static_cast<uint64_t>(hi - lo + 1));
  };
  f.witness.w_in = QuantizedModel::zeros(c.shape);
  for (auto& l : f.witness.w_in.layers) {
    for (auto& v : l.values) v = draw(-64, 64);
  }
  for (int64_t i = 0; i < c.dataset_rows * c.shape.inputs(); ++i) f.witness.x.push_back(draw(-512, 512));
  for (int64_t i = 0; i < c.dataset_rows; ++i) f.witness.labels.push_back(draw(0, c.shape.num_classes() - 1));
  for (int64_t b = 0; b < c.batch; ++b) f.witness.indices.push_back((b * 37 + 11) % c.dataset_rows);
  f.srs = std::make_unique<plonk::Srs>(plonk::Srs::insecure_development(f.spec.k(), rng, pool()));  // benchmark only
  auto pk = generate_step_key(*f.srs, f.spec, pool());
  if (!pk) throw std::runtime_error(pk.error());
  f.pk = std::make_unique<plonk::ProvingKey>(std::move(*pk));
  return f;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_StepProve(benchmark::State& state, size_t index) {
  Fixture& f = fixture(index);
  plonk::SecureRng rng;
  plonk::ProverProfile profile;
  for (auto _ : state) {
    auto proved = prove_step(*f.pk, *f.srs, f.spec, f.witness, 1, 1, rng, pool(), plonk::ProverObservers{nullptr, &profile});
    if (!proved) {
      state.SkipWithError(proved.error().c_str());
      return;
    }
    f.proof = proved->proof;
    f.pub = StepPublic{1, 1, f.witness.w_in, proved->w_out, f.witness.indices};
  }
  StepCircuit circuit(f.spec, f.witness);
  (void)circuit.compute_output();
  const auto rows = circuit.rows_by_gadget();
  size_t computation = 0;
  for (const auto& [gadget, count] : rows) {
    if (gadget != "data table and batch") computation += count;
  }
  state.counters["k"] = static_cast<double>(f.spec.k());
  state.counters["rows"] = static_cast<double>(computation);
  for (const auto& [gadget, count] : rows) {
    state.counters["share_" + gadget] = static_cast<double>(count) / static_cast<double>(computation);
  }
  state.counters["proof_bytes"] = static_cast<double>(f.proof.size());
  state.counters["peak_rss_mib"] = peak_rss_mib();
  state.counters["msm_share"] = profile.commitments / profile.total;
  state.counters["quotient_share"] = profile.quotient / profile.total;
}

void BM_StepVerify(benchmark::State& state, size_t index) {
  Fixture& f = fixture(index);
  if (f.proof.empty()) {
    plonk::SecureRng rng;
    auto proved = prove_step(*f.pk, *f.srs, f.spec, f.witness, 1, 1, rng, pool());
    if (!proved) {
      state.SkipWithError(proved.error().c_str());
      return;
    }
    f.proof = proved->proof;
    f.pub = StepPublic{1, 1, f.witness.w_in, proved->w_out, f.witness.indices};
  }
  for (auto _ : state) {
    auto ok = verify_step(f.pk->vk(), f.spec, f.pub, f.proof, pool());
    if (!ok || !*ok) {
      state.SkipWithError("the proof did not verify");
      return;
    }
  }
  state.counters["proof_bytes"] = static_cast<double>(f.proof.size());
}

const bool kRegistered = [] {
  for (size_t i = 0; i < std::size(kCases); ++i) {
    benchmark::RegisterBenchmark((std::string("BM_StepProve/") + kCases[i].name).c_str(), BM_StepProve, i)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(i < 2 ? 5 : 1);
    benchmark::RegisterBenchmark((std::string("BM_StepVerify/") + kCases[i].name).c_str(), BM_StepVerify, i)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace zkfl::training
