// Field arithmetic latency: every loop is a dependent chain (a = a op b), so
// each figure is the latency of one operation, which is what MSM bucket
// additions, NTT butterflies and the pairing's tower pay.
#include <benchmark/benchmark.h>

#include "plonk/field/fq.hpp"
#include "plonk/field/fq2.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {
namespace {

template <class F>
void field_mul_chain(benchmark::State& state) {
  DeterministicRng rng(1);
  F a = F::random(rng);
  const F b = F::random(rng);
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}

template <class F>
void field_add_chain(benchmark::State& state) {
  DeterministicRng rng(2);
  F a = F::random(rng);
  const F b = F::random(rng);
  for (auto _ : state) {
    a = a + b;
    benchmark::DoNotOptimize(a);
  }
}

template <class F>
void field_sub_chain(benchmark::State& state) {
  DeterministicRng rng(3);
  F a = F::random(rng);
  const F b = F::random(rng);
  for (auto _ : state) {
    a = a - b;
    benchmark::DoNotOptimize(a);
  }
}

template <class F>
void field_square_chain(benchmark::State& state) {
  DeterministicRng rng(4);
  F a = F::random(rng);
  for (auto _ : state) {
    a = a.squared();
    benchmark::DoNotOptimize(a);
  }
}

template <class F>
void field_inverse_chain(benchmark::State& state) {
  DeterministicRng rng(5);
  F a = F::random(rng);
  for (auto _ : state) {
    a = a.inverse();
    benchmark::DoNotOptimize(a);
  }
}

void BM_FrMul(benchmark::State& state) { field_mul_chain<Fr>(state); }
void BM_FqMul(benchmark::State& state) { field_mul_chain<Fq>(state); }
void BM_FqAdd(benchmark::State& state) { field_add_chain<Fq>(state); }
void BM_FqSub(benchmark::State& state) { field_sub_chain<Fq>(state); }
void BM_FqSquare(benchmark::State& state) { field_square_chain<Fq>(state); }
void BM_FqInverse(benchmark::State& state) { field_inverse_chain<Fq>(state); }
void BM_FrInverse(benchmark::State& state) { field_inverse_chain<Fr>(state); }
void BM_Fq2Mul(benchmark::State& state) { field_mul_chain<Fq2>(state); }
void BM_Fq2Square(benchmark::State& state) { field_square_chain<Fq2>(state); }
BENCHMARK(BM_FrMul);
BENCHMARK(BM_FqMul);
BENCHMARK(BM_FqAdd);
BENCHMARK(BM_FqSub);
BENCHMARK(BM_FqSquare);
BENCHMARK(BM_FqInverse);
BENCHMARK(BM_FrInverse);
BENCHMARK(BM_Fq2Mul);
BENCHMARK(BM_Fq2Square);

}  // namespace
}  // namespace zkfl::plonk
