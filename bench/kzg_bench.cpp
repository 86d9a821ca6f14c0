// KZG with a 2-thread pool (the reference machine's cores):
//   BM_SrsVerify/k         Srs::verify on 2^k powers (two MSMs + one pairing product)
//   BM_SrsDecode/k         Srs::from_bytes of 2^k powers (point checks, no pairing)
//   BM_Commit/k            commit to a random polynomial of 2^k coefficients
//   BM_KzgOpenVerify       GWC multi-open of 12 polynomials of 2^12 coefficients at
//                          3 points, then verify_multi and the pairing check
//   BM_KzgVerify           the verifier's part of the same (verify_multi + check)
//   BM_LagrangeBasis/k     the Lagrange basis of 2^k powers (G1 inverse NTT)
//   BM_CeremonyContribute/k  one ceremony contribution over 2^k powers
// Each benchmark builds its (insecure, development) SRS before timing.
#include <benchmark/benchmark.h>

#include <vector>

#include "plonk/poly/polynomial.hpp"
#include "plonk/kzg/ceremony.hpp"
#include "plonk/kzg/kzg.hpp"

namespace zkfl::plonk {
namespace {

constexpr size_t kThreads = 2;

std::vector<Fr> random_poly(size_t n, Rng& rng) {
  std::vector<Fr> p(n);
  for (Fr& c : p) c = Fr::random(rng);
  return p;
}

void BM_SrsVerify(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(1);
  const Srs srs = Srs::insecure_development(static_cast<uint32_t>(state.range(0)), rng, pool);
  for (auto _ : state) {
    Status s = srs.verify(rng, pool);
    if (!s) state.SkipWithError(s.message().c_str());
  }
}
BENCHMARK(BM_SrsVerify)->Arg(10)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SrsDecode(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(1);
  const std::vector<uint8_t> bytes =
      Srs::insecure_development(static_cast<uint32_t>(state.range(0)), rng, pool).to_bytes();
  for (auto _ : state) {
    auto srs = Srs::from_bytes(bytes, pool);
    if (!srs) state.SkipWithError(srs.error().c_str());
    benchmark::DoNotOptimize(srs);
  }
}
BENCHMARK(BM_SrsDecode)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Commit(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(2);
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  const Srs srs = Srs::insecure_development(k, rng, pool);
  const std::vector<Fr> p = random_poly(size_t{1} << k, rng);
  for (auto _ : state) benchmark::DoNotOptimize(commit(srs, p, pool));
}
BENCHMARK(BM_Commit)->Arg(12)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

struct OpenScenario {
  std::vector<std::vector<Fr>> polys;
  std::vector<ProverQuery> prover;
  std::vector<VerifierQuery> verifier;
};

OpenScenario open_scenario(const Srs& srs, Rng& rng, ThreadPool& pool) {
  OpenScenario s;
  for (int i = 0; i < 12; ++i) s.polys.push_back(random_poly(srs.size(), rng));
  const Fr x = Fr::random(rng);
  const Fr points[3] = {x, x * Fr::from_u64(3), x * Fr::from_u64(5)};
  for (size_t i = 0; i < s.polys.size(); ++i) {
    const Fr z = points[i % 3];
    const Fr y = evaluate(Polynomial<Coeff>(s.polys[i]), z);
    s.prover.push_back({s.polys[i], z, y});
    s.verifier.push_back({{{Fr::one(), commit(srs, s.polys[i], pool).to_affine()}}, z, y});
  }
  return s;
}

void BM_KzgOpenVerify(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(3);
  const Srs srs = Srs::insecure_development(12, rng, pool);
  const OpenScenario s = open_scenario(srs, rng, pool);
  for (auto _ : state) {
    Transcript pt("bench");
    const std::vector<G1Affine> w = open_multi(srs, s.prover, pt, pool);
    Transcript vt("bench");
    auto acc = verify_multi(s.verifier, w, vt, pool);
    if (!acc || !check(*acc, srs)) state.SkipWithError("opening did not verify");
  }
}
BENCHMARK(BM_KzgOpenVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_KzgVerify(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(4);
  const Srs srs = Srs::insecure_development(12, rng, pool);
  const OpenScenario s = open_scenario(srs, rng, pool);
  Transcript pt("bench");
  const std::vector<G1Affine> w = open_multi(srs, s.prover, pt, pool);
  for (auto _ : state) {
    Transcript vt("bench");
    auto acc = verify_multi(s.verifier, w, vt, pool);
    if (!acc || !check(*acc, srs)) state.SkipWithError("opening did not verify");
  }
}
BENCHMARK(BM_KzgVerify)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LagrangeBasis(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(5);
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  const Srs srs = Srs::insecure_development(k, rng, pool);
  for (auto _ : state) benchmark::DoNotOptimize(compute_lagrange_basis(srs, k, pool));
}
BENCHMARK(BM_LagrangeBasis)->Arg(10)->Arg(14)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CeremonyContribute(benchmark::State& state) {
  ThreadPool pool(kThreads);
  DeterministicRng rng(6);
  CeremonyState ceremony = start_ceremony(static_cast<uint32_t>(state.range(0)));
  for (auto _ : state) {
    auto hash = contribute(ceremony, "bench", rng, pool);
    if (!hash) state.SkipWithError(hash.error().c_str());
  }
}
BENCHMARK(BM_CeremonyContribute)->Arg(10)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace zkfl::plonk
