// Deterministic ways to divide a dataset's rows: the fixed train/test split,
// the partition of a federation's data among participants (IID or skewed by
// a Dirichlet draw over the labels) and the shuffled batches of training
// epochs. Everything is driven by plonk::DeterministicRng (SHA-256 in counter
// mode) from a 64-bit seed, so the same seed gives the same rows everywhere.
// Each function hashes its own name into the seed, so one seed reused for the
// split and the partition does not give correlated permutations.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "plonk/base/random.hpp"
#include "training/fixed_point.hpp"

namespace zkfl::training {

inline constexpr double kDefaultTestFraction = 0.2;
// Redraws of the Dirichlet proportions before partition_dirichlet gives up on
// giving every participant at least one row.
inline constexpr int kMaxDirichletDraws = 100;

// The RNG of one use of `seed`: DeterministicRng over SHA-256(purpose ‖ seed as 8 big-endian bytes).
plonk::DeterministicRng seeded_rng(std::string_view purpose, uint64_t seed);

// Uniform integer in [0, n) for n ≥ 1, by rejection (no modulo bias).
uint64_t uniform_below(plonk::Rng& rng, uint64_t n);

// A uniformly random permutation of 0..n−1: Fisher–Yates, for i = n−1 down to
// 1 swap entry i with entry uniform_below(rng, i + 1).
std::vector<int64_t> random_permutation(int64_t n, plonk::Rng& rng);

struct TrainTestSplit {
  std::vector<int64_t> train;  // row indices, ascending
  std::vector<int64_t> test;   // row indices, ascending
};

// The test rows are the first round(rows · test_fraction) entries of
// random_permutation(rows, seeded_rng("zkfl/train_test_split", seed)), the
// training rows the rest. An error unless both parts get at least one row.
Result<TrainTestSplit> train_test_split(int64_t rows, uint64_t seed, double test_fraction = kDefaultTestFraction);

// partition[p] = the row indices (ascending) participant p holds.
using Partition = std::vector<std::vector<int64_t>>;

// IID: random_permutation(rows, seeded_rng("zkfl/partition_iid", seed)) dealt
// round-robin, so sizes differ by at most one. An error unless 1 ≤ participants ≤ rows.
Result<Partition> partition_iid(int64_t rows, int64_t participants, uint64_t seed);

// Label skew (Hsu, Qi, Brown 2019, "Measuring the effects of non-identical data
// distribution"): for each class k, proportions q ~ Dirichlet(α, …, α) over the
// participants and the class's rows, shuffled, cut at round(n_k · Σ_{j≤p} q_j).
// Small α gives each participant few classes; large α approaches IID. If a
// participant ends up with no row, all proportions are drawn again (up to
// kMaxDirichletDraws times), then it is an error. labels[i] is row i's class.
Result<Partition> partition_dirichlet(std::span<const int64_t> labels, int64_t num_classes, int64_t participants,
                                      double alpha, uint64_t seed);

// The batches of `epochs` passes over rows 0..rows−1: each epoch is a fresh
// random_permutation (one stream, seeded_rng("zkfl/epoch_batches", seed)) cut
// into floor(rows / batch_size) batches of batch_size consecutive entries (the
// remainder of each epoch is left out). An error unless 1 ≤ batch_size ≤ rows and epochs ≥ 1.
Result<std::vector<std::vector<int64_t>>> epoch_batches(int64_t rows, int64_t batch_size, int64_t epochs,
                                                        uint64_t seed);

}  // namespace zkfl::training
