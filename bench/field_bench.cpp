// Field multiplication latency: a dependent chain, so the figure is the
// latency of one product (what MSM bucket additions and NTT butterflies pay).
#include <benchmark/benchmark.h>

#include "plonk/field/fq.hpp"
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

void BM_FrMul(benchmark::State& state) { field_mul_chain<Fr>(state); }
void BM_FqMul(benchmark::State& state) { field_mul_chain<Fq>(state); }
BENCHMARK(BM_FrMul);
BENCHMARK(BM_FqMul);

}  // namespace
}  // namespace zkfl::plonk
