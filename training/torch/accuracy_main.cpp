// zkfl_accuracy: prints the quantized-vs-float test accuracy tables of
// docs/BENCHMARKS.md. Usage: zkfl_accuracy [--seeds N] [DATA_DIR]
// (default: 1 seed, the bundled data/). With N > 1 it adds, per dataset, the
// mean and the extremes of the gap over seeds 1..N (split, init, batch order).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "training/torch/accuracy_experiment.hpp"

int main(int argc, char** argv) {
  using namespace zkfl::training;
  std::string data_dir = ZKFL_DATA_DIR;
  long seeds = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seeds" && i + 1 < argc) {
      seeds = std::strtol(argv[++i], nullptr, 10);
      if (seeds < 1 || seeds > 1000) {
        std::fprintf(stderr, "zkfl_accuracy: --seeds takes a number in [1, 1000]\n");
        return 2;
      }
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "usage: zkfl_accuracy [--seeds N] [DATA_DIR]\n");
      return 2;
    } else {
      data_dir = arg;
    }
  }
  std::printf("| dataset | model | train / test rows | steps (B, lr, epochs) | quantized (F = %d) | float32 | gap (points) | float64 | float32, quantized inputs |\n",
              kFractionBits);
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  int status = 0;
  for (const AccuracyConfig& config : {breast_cancer_experiment(data_dir), digits_experiment(data_dir)}) {
    const auto r = run_accuracy_experiment(config);
    if (!r) {
      std::fprintf(stderr, "zkfl_accuracy: %s: %s\n", config.name.c_str(), r.error().c_str());
      status = 1;
      continue;
    }
    std::printf("| %s | %s | %lld / %lld | %lld (%lld, %g, %lld) | %.2f%% | %.2f%% | %+.2f | %.2f%% | %.2f%% |\n",
                config.name.c_str(), config.shape.name().c_str(), static_cast<long long>(r->train_rows),
                static_cast<long long>(r->test_rows), static_cast<long long>(r->steps),
                static_cast<long long>(config.batch_size), config.learning_rate, static_cast<long long>(config.epochs),
                100 * r->quantized, 100 * r->float32, 100 * (r->quantized - r->float32), 100 * r->float64,
                100 * r->float32_quantized_inputs);
  }
  if (seeds == 1) return status;

  std::printf("\n| dataset | seeds | quantized, mean | float32, mean | gap mean (points) | gap min | gap max | float64, mean |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (AccuracyConfig config : {breast_cancer_experiment(data_dir), digits_experiment(data_dir)}) {
    std::vector<double> gaps;
    double quantized = 0;
    double float32 = 0;
    double float64 = 0;
    for (long seed = 1; seed <= seeds; ++seed) {
      config.seed = static_cast<uint64_t>(seed);
      const auto r = run_accuracy_experiment(config);
      if (!r) {
        std::fprintf(stderr, "zkfl_accuracy: %s, seed %ld: %s\n", config.name.c_str(), seed, r.error().c_str());
        status = 1;
        continue;
      }
      quantized += r->quantized;
      float32 += r->float32;
      float64 += r->float64;
      gaps.push_back(100 * (r->quantized - r->float32));
    }
    if (gaps.empty()) continue;
    const auto n = static_cast<double>(gaps.size());
    double mean = 0;
    for (double g : gaps) mean += g / n;
    std::printf("| %s | %zu | %.2f%% | %.2f%% | %+.2f | %+.2f | %+.2f | %.2f%% |\n", config.name.c_str(), gaps.size(),
                100 * quantized / n, 100 * float32 / n, mean, *std::min_element(gaps.begin(), gaps.end()),
                *std::max_element(gaps.begin(), gaps.end()), 100 * float64 / n);
  }
  return status;
}
