// The optimal ate pairing and the tower arithmetic under it. Operands come
// from a fixed seed; dependent chains (a = a·b) give latencies.
#include <benchmark/benchmark.h>

#include <utility>
#include <vector>

#include "plonk/curve/pairing.hpp"

namespace zkfl::plonk {
namespace {

// A G1 and a G2 point that are not the generators: [a]G1, [b]G2 for random a, b.
std::pair<G1Affine, G2Affine> random_points(uint64_t seed) {
  DeterministicRng rng(seed);
  const U256 a = Fr::random(rng).to_canonical();
  const U256 b = Fr::random(rng).to_canonical();
  return {G1::generator().mul_double_and_add(a).to_affine(), G2::generator().mul_double_and_add(b).to_affine()};
}

// A cyclotomic-subgroup element: the easy part of the final exponentiation applied to a random element.
Fq12 random_cyclotomic(Rng& rng) {
  const Fq12 f = Fq12::random(rng);
  const Fq12 t = f.conjugate() * f.inverse();
  return t.frobenius_map(2) * t;
}

void BM_Pairing(benchmark::State& state) {
  const auto [p, q] = random_points(1);
  for (auto _ : state) benchmark::DoNotOptimize(pairing(p, q));
}
BENCHMARK(BM_Pairing)->Unit(benchmark::kMicrosecond);

void BM_G2Prepare(benchmark::State& state) {
  const auto [p, q] = random_points(2);
  for (auto _ : state) benchmark::DoNotOptimize(G2Prepared(q));
}
BENCHMARK(BM_G2Prepare)->Unit(benchmark::kMicrosecond);

// The Miller loop alone, with Q's lines precomputed.
void BM_MillerLoop(benchmark::State& state) {
  const auto [p, q] = random_points(3);
  const std::pair<G1Affine, G2Prepared> term(p, G2Prepared(q));
  for (auto _ : state) benchmark::DoNotOptimize(miller_loop(std::span(&term, 1)));
}
BENCHMARK(BM_MillerLoop)->Unit(benchmark::kMicrosecond);

void BM_FinalExponentiation(benchmark::State& state) {
  DeterministicRng rng(4);
  const Fq12 f = Fq12::random(rng);
  for (auto _ : state) benchmark::DoNotOptimize(final_exponentiation(f));
}
BENCHMARK(BM_FinalExponentiation)->Unit(benchmark::kMicrosecond);

// ∏ e(P_i, Q_i) over state.range(0) pairs, Q's prepared inside (as multi_pairing does).
void BM_MultiPairing(benchmark::State& state) {
  std::vector<std::pair<G1Affine, G2Affine>> terms;
  for (int64_t i = 0; i < state.range(0); ++i) terms.push_back(random_points(100 + static_cast<uint64_t>(i)));
  for (auto _ : state) benchmark::DoNotOptimize(multi_pairing(terms));
}
BENCHMARK(BM_MultiPairing)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

// The same with every Q prepared once beforehand (a verifier with fixed G2 points).
void BM_MultiPairingPrepared(benchmark::State& state) {
  std::vector<std::pair<G1Affine, G2Prepared>> terms;
  for (int64_t i = 0; i < state.range(0); ++i) {
    const auto [p, q] = random_points(100 + static_cast<uint64_t>(i));
    terms.emplace_back(p, G2Prepared(q));
  }
  for (auto _ : state) benchmark::DoNotOptimize(multi_pairing(terms));
}
BENCHMARK(BM_MultiPairingPrepared)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_Fq12Mul(benchmark::State& state) {
  DeterministicRng rng(5);
  Fq12 a = Fq12::random(rng);
  const Fq12 b = Fq12::random(rng);
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq12Mul);

void BM_Fq12Square(benchmark::State& state) {
  DeterministicRng rng(6);
  Fq12 a = Fq12::random(rng);
  for (auto _ : state) {
    a = a.squared();
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq12Square);

void BM_Fq12CyclotomicSquare(benchmark::State& state) {
  DeterministicRng rng(7);
  Fq12 a = random_cyclotomic(rng);
  for (auto _ : state) {
    a = a.cyclotomic_squared();
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq12CyclotomicSquare);

// The sparse product by a line value (the Miller loop's inner operation).
void BM_Fq12MulBy034(benchmark::State& state) {
  DeterministicRng rng(8);
  Fq12 a = Fq12::random(rng);
  const Fq2 d0 = Fq2::random(rng), d3 = Fq2::random(rng), d4 = Fq2::random(rng);
  for (auto _ : state) {
    a = a.mul_by_034(d0, d3, d4);
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq12MulBy034);

void BM_Fq12Inverse(benchmark::State& state) {
  DeterministicRng rng(9);
  Fq12 a = Fq12::random(rng);
  for (auto _ : state) {
    a = a.inverse();
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq12Inverse);

void BM_Fq6Mul(benchmark::State& state) {
  DeterministicRng rng(10);
  Fq6 a = Fq6::random(rng);
  const Fq6 b = Fq6::random(rng);
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_Fq6Mul);

}  // namespace
}  // namespace zkfl::plonk
