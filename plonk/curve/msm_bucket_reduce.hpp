// Bucket reduction: Σ_{m=1}^{M} m·B_m for one window's buckets B_1..B_M,
// by the running sum S_m = Σ_{j≥m} B_j, Σ_m m·B_m = Σ_m S_m (2M additions;
// Bernstein et al., "Faster batch forgery identification", INDOCRYPT 2012, §4).
//
// The running sum is a chain of dependent additions, so on its own it runs
// at the latency of the field product. MsmBucketReducer cuts the buckets
// into K segments of L and runs the K chains side by side, each step of all
// chains being one batch of affine additions with one shared inversion:
//   Σ_m m·B_m = Σ_s T_s + L·Σ_s s·S_s,
// where segment s holds B_{sL+1..sL+L}, S_s is its sum and T_s = Σ_i i·B_{sL+i}.
// The K-term sum Σ_s s·S_s is itself a (small) running sum.
#pragma once

#include <cstddef>
#include <span>

#include "plonk/curve/msm_batch_affine.hpp"
#include "plonk/curve/msm_xyzz.hpp"

namespace zkfl::plonk {

// Σ_{m=1}^{M} m·buckets[m−1] by one XYZZ running sum; empties the buckets.
MsmXyzz msm_reduce_xyzz_buckets(std::span<MsmXyzz> buckets);

// The same for affine buckets (an empty bucket is the identity); empties them.
MsmXyzz msm_reduce_affine_buckets(std::span<MsmAffineBucket> buckets);

// The number of chains MsmBucketReducer runs for M buckets: about √(8M),
// which balances one inversion per step (M/K steps) against the final
// K-term sums; at least 1, at most max_segments.
size_t msm_reduction_segments(size_t num_buckets, size_t max_segments);

class MsmBucketReducer {
 public:
  // Runs `segments` chains side by side (at least 1).
  explicit MsmBucketReducer(size_t segments);

  // Σ_{m=1}^{M} m·(buckets[m−1] + overflow[m−1]) with M = buckets.size();
  // overflow is empty or as long as buckets. Empties both.
  MsmXyzz reduce(std::span<MsmAffineBucket> buckets, std::span<MsmXyzz> overflow);

 private:
  size_t segments_;
  MsmBatchAffineBuckets chains_;  // bucket s: S_s so far; bucket K + s: T_s so far
};

}  // namespace zkfl::plonk
