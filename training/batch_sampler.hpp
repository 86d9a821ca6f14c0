// The batch indices of a round: I = Sample(s_r, p, N, B, E), E·B indices that
// anyone who knows the round seed s_r, the participant id p and its dataset
// size N recomputes, so a participant cannot choose its batches
// (docs/QUANTIZATION.md, "Batch indices"; DESIGN §1).
//
// Derivation, for each local step e = 0 … E−1:
//   block_m = SHA-256("zkfl-batch-indices-v1" ‖ s_r ‖ u64(p) ‖ u64(N) ‖ u64(e) ‖ u64(m)),  m = 0, 1, …
//     (the 21 ASCII bytes of the tag, the 32-byte seed, then big-endian u64s)
//   the blocks, in order, are read as big-endian u64 words w_0, w_1, … (4 per block)
//   uniform(bound): take the next word w; while w < 2^64 mod bound, take the next;
//     return w mod bound  (rejection sampling: the accepted words are a multiple of
//     bound in number, so the result is exactly uniform)
//   partial Fisher–Yates on π = (0, 1, …, N−1): for b = 0 … B−1,
//     j = b + uniform(N − b); swap π[b] and π[j]; I_e[b] = π[b]
// and I = I_0 ‖ I_1 ‖ … ‖ I_{E−1}. Each step's B indices are distinct and,
// over the seed, a uniformly random ordered B-subset of [0, N); steps are
// independent (sampling with replacement across steps). B and E are not
// hashed: a shorter batch is a prefix of a longer one for the same step.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::training {

using plonk::Result;
using plonk::Status;

inline constexpr std::string_view kBatchIndicesDomain = "zkfl-batch-indices-v1";
// Most indices one call returns (E·B), a bound on memory, far above any
// configuration Hyper::validate admits.
inline constexpr int64_t kMaxSampledIndices = int64_t{1} << 28;

// The E·B batch indices (step by step) defined above. An error unless
// N ≥ 1, 1 ≤ B ≤ N, E ≥ 1 and E·B ≤ kMaxSampledIndices.
Result<std::vector<int64_t>> sample_batch_indices(std::span<const uint8_t, 32> round_seed, uint64_t participant_id,
                                                  int64_t dataset_rows, int64_t batch_size, int64_t local_steps);

}  // namespace zkfl::training
