// Proving and verifying the reference circuit (bench/reference_circuit.hpp)
// at 2^k rows on a 2-thread pool. Keygen and the development SRS are built
// once per k outside the timing loop.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "plonk/proof/prover.hpp"
#include "plonk/proof/verifier.hpp"
#include "reference_circuit.hpp"

namespace zkfl::plonk {
namespace {

struct Fixture {
  std::unique_ptr<Srs> srs;
  std::unique_ptr<ProvingKey> pk;
  size_t rows = 0;
};

ThreadPool& pool() {
  static ThreadPool p(2);
  return p;
}

Fixture& fixture(uint32_t k) {
  static std::map<uint32_t, Fixture> cache;
  Fixture& f = cache[k];
  if (!f.pk) {
    DeterministicRng rng(k);
    f.srs = std::make_unique<Srs>(Srs::insecure_development(k, rng, pool()));  // benchmark only
    ConstraintSystem cs;
    bench::ReferenceCircuit probe(0, 0);
    probe.configure(cs);
    f.rows = cs.usable_rows(k);
    bench::ReferenceCircuit circuit(f.rows, 1);
    auto pk = ProvingKey::generate(*f.srs, circuit, k, pool());
    if (!pk) throw std::runtime_error(pk.error());
    f.pk = std::make_unique<ProvingKey>(std::move(*pk));
  }
  return f;
}

void BM_Prove(benchmark::State& state) {
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  Fixture& f = fixture(k);
  SecureRng rng;
  ProverProfile sum;
  size_t runs = 0, proof_bytes = 0;
  for (auto _ : state) {
    bench::ReferenceCircuit circuit(f.rows, 2);
    ProverProfile profile;
    auto proof = create_proof(*f.pk, *f.srs, circuit, {}, rng, pool(), ProverObservers{nullptr, &profile});
    if (!proof) {
      state.SkipWithError(proof.error().c_str());
      return;
    }
    proof_bytes = proof->encode().size();
    sum.commitments += profile.commitments;
    sum.transforms += profile.transforms;
    sum.quotient += profile.quotient;
    sum.openings += profile.openings;
    sum.total += profile.total;
    ++runs;
  }
  state.counters["proof_bytes"] = static_cast<double>(proof_bytes);
  state.counters["msm_share"] = sum.commitments / sum.total;
  state.counters["ntt_share"] = sum.transforms / sum.total;
  state.counters["quotient_share"] = sum.quotient / sum.total;
  state.counters["opening_share"] = sum.openings / sum.total;
}
BENCHMARK(BM_Prove)->Arg(12)->Arg(16)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

std::vector<uint8_t> sample_proof(uint32_t k, uint64_t seed) {
  Fixture& f = fixture(k);
  bench::ReferenceCircuit circuit(f.rows, seed);
  DeterministicRng rng(seed);
  auto proof = create_proof(*f.pk, *f.srs, circuit, {}, rng, pool());
  if (!proof) throw std::runtime_error(proof.error());
  return proof->encode();
}

void BM_Verify(benchmark::State& state) {
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  const std::vector<uint8_t> proof = sample_proof(k, 3);
  const VerifyingKey& vk = fixture(k).pk->vk();
  for (auto _ : state) {
    auto ok = verify_proof(vk, {}, proof, pool());
    if (!ok || !*ok) state.SkipWithError("verification failed");
  }
}
BENCHMARK(BM_Verify)->Arg(12)->Arg(16)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_VerifyBatch(benchmark::State& state) {
  constexpr uint32_t kK = 12;
  std::vector<ProofToVerify> batch;
  for (int64_t i = 0; i < state.range(0); ++i) batch.push_back({{}, sample_proof(kK, 100 + static_cast<uint64_t>(i))});
  const VerifyingKey& vk = fixture(kK).pk->vk();
  SecureRng rng;
  for (auto _ : state) {
    auto ok = verify_batch(vk, batch, rng, pool());
    if (!ok || !*ok) state.SkipWithError("batch verification failed");
  }
  state.counters["proofs_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyBatch)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace zkfl::plonk
