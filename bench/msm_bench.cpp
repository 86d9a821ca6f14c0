// Multi-scalar multiplication on G1 with a 2-thread pool. BM_MSM/k runs the
// default configuration on 2^k points; BM_MSMTuning/k/c/mode/split/batch runs
// a forced configuration (mode 0 automatic, 1 XYZZ only; split 0 windows,
// 1 points; batch 0 = default) and is how msm_plan's constants were chosen.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "plonk/curve/msm.hpp"

namespace zkfl::plonk {
namespace {

constexpr size_t kMaxLogN = 20;

// Random inputs for up to 2^kMaxLogN points, built once: bases are the
// successive multiples P, 2P, 3P, … of a random point (one addition each,
// then one batched conversion to affine), scalars are uniform in Fr.
struct MsmInputs {
  std::vector<G1Affine> bases;
  std::vector<Fr> scalars;

  MsmInputs() {
    const size_t n = size_t{1} << kMaxLogN;
    DeterministicRng rng(2024);
    const G1Affine p = G1::generator().mul_double_and_add(Fr::random(rng).to_canonical()).to_affine();
    std::vector<G1> multiples(n);
    G1 acc = G1::identity();
    for (size_t i = 0; i < n; ++i) {
      acc += p;
      multiples[i] = acc;
    }
    bases = G1::batch_to_affine(multiples);
    scalars.resize(n);
    for (Fr& s : scalars) s = Fr::random(rng);
  }
};

const MsmInputs& inputs() {
  static const MsmInputs kInputs;
  return kInputs;
}

void run_msm(benchmark::State& state, size_t n, const MsmOptions& options) {
  const MsmInputs& in = inputs();
  ThreadPool pool(2);
  CpuMsm backend(pool, options);
  const std::span<const G1Affine> bases(in.bases.data(), n);
  const std::span<const Fr> scalars(in.scalars.data(), n);
  for (auto _ : state) {
    G1 r = backend.msm(bases, scalars);
    benchmark::DoNotOptimize(r);
  }
  state.counters["points"] = static_cast<double>(n);
}

void BM_MSM(benchmark::State& state) {
  run_msm(state, size_t{1} << state.range(0), MsmOptions{});
}
// The fastest repetition is the figure least disturbed by other load on a
// shared machine; run with --benchmark_repetitions=N to get it.
double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

BENCHMARK(BM_MSM)
    ->Arg(12)
    ->Arg(16)
    ->Arg(18)
    ->Arg(20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", fastest);

void BM_MSMTuning(benchmark::State& state) {
  MsmOptions options;
  options.window_bits = static_cast<unsigned>(state.range(1));
  options.bucket_mode = state.range(2) == 0 ? MsmBucketMode::kAuto : MsmBucketMode::kXyzz;
  options.split = state.range(3) == 0 ? MsmSplit::kWindows : MsmSplit::kPoints;
  options.batch_size = static_cast<size_t>(state.range(4));
  run_msm(state, size_t{1} << state.range(0), options);
}
BENCHMARK(BM_MSMTuning)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", fastest)
    ->Apply([](benchmark::internal::Benchmark* b) {
      // Window widths around the planned ones, both splits, a few batch sizes.
      for (int c = 11; c <= 14; ++c) b->Args({16, c, 0, 0, 0});
      for (int c = 13; c <= 16; ++c) b->Args({18, c, 0, 0, 0});
      for (int c = 14; c <= 16; ++c) b->Args({20, c, 0, 0, 0});
      b->Args({16, 13, 0, 1, 0});
      b->Args({20, 15, 0, 1, 0});
      for (int batch : {256, 1024, 2048}) b->Args({16, 13, 0, 0, batch});
      for (int batch : {1024, 2048}) b->Args({20, 16, 0, 0, batch});
    });

}  // namespace
}  // namespace zkfl::plonk
