// NTT throughput on a 2-thread pool (the pool and the domain's root tables
// are built once, outside the timed loop). Argument: log2 of the size.
// BM_NTT's label names the kernel this CPU runs; BM_NTT_ScalarKernel forces
// the portable one.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt.hpp"
#include "plonk/poly/ntt_transform.hpp"

namespace zkfl::plonk {
namespace {

using Transform = void (*)(const EvaluationDomain&, std::span<Fr>, ThreadPool&);

void run_transform(benchmark::State& state, Transform transform) {
  const auto log_size = static_cast<unsigned>(state.range(0));
  ThreadPool pool(2);
  const EvaluationDomain domain = EvaluationDomain::create(log_size).value();
  DeterministicRng rng(log_size);
  std::vector<Fr> values(domain.size());
  for (Fr& v : values) v = Fr::random(rng);
  transform(domain, values, pool);  // builds the root tables
  for (auto _ : state) {
    transform(domain, values, pool);
    benchmark::DoNotOptimize(values.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(domain.size()));
}

void BM_NTT(benchmark::State& state) {
  state.SetLabel(std::string(ntt_detail::kernel_name(ntt_detail::best_kernel())));
  run_transform(state, ntt);
}
// The portable kernel, which CPUs without AVX-512 IFMA run.
void BM_NTT_ScalarKernel(benchmark::State& state) {
  run_transform(state, [](const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
    ntt_detail::transform(domain, values, pool, ntt_detail::Direction::kForward, false, ntt_detail::Kernel::kScalar);
  });
}
void BM_INTT(benchmark::State& state) { run_transform(state, intt); }
void BM_CosetNTT(benchmark::State& state) { run_transform(state, coset_ntt); }
void BM_CosetINTT(benchmark::State& state) { run_transform(state, coset_intt); }

BENCHMARK(BM_NTT)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_INTT)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CosetNTT)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CosetINTT)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_NTT_ScalarKernel)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace zkfl::plonk
