#include "plonk/curve/msm_bucket_reduce.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace zkfl::plonk {

namespace {

// k·p for a small non-negative integer k (double-and-add).
MsmXyzz times_small(const MsmXyzz& p, size_t k) {
  MsmXyzz acc;
  for (int bit = 63 - __builtin_clzll(k | 1); bit >= 0; --bit) {
    acc.double_in_place();
    if ((k >> bit) & 1) acc.add(p);
  }
  return acc;
}

}  // namespace

MsmXyzz msm_reduce_xyzz_buckets(std::span<MsmXyzz> buckets) {
  MsmXyzz running, total;
  for (size_t m = buckets.size(); m-- > 0;) {
    if (!buckets[m].is_identity()) {
      running.add(buckets[m]);
      buckets[m] = MsmXyzz();
    }
    total.add(running);
  }
  return total;
}

MsmXyzz msm_reduce_affine_buckets(std::span<MsmAffineBucket> buckets) {
  MsmXyzz running, total;
  for (size_t m = buckets.size(); m-- > 0;) {
    MsmAffineBucket& bucket = buckets[m];
    if (!bucket.is_empty()) {
      running.add_affine(bucket.x, bucket.y);
      bucket.y = Fq::zero();
    }
    total.add(running);
  }
  return total;
}

size_t msm_reduction_segments(size_t num_buckets, size_t max_segments) {
  const auto k = static_cast<size_t>(std::sqrt(8.0 * static_cast<double>(num_buckets)));
  return std::clamp<size_t>(k, 1, std::max<size_t>(1, max_segments));
}

MsmBucketReducer::MsmBucketReducer(size_t segments)
    : segments_(std::max<size_t>(1, segments)), chains_(2 * segments_, 2 * segments_) {}

MsmXyzz MsmBucketReducer::reduce(std::span<MsmAffineBucket> buckets, std::span<MsmXyzz> overflow) {
  const size_t m_total = buckets.size();
  // Σ m·(A_m + O_m) = Σ m·A_m + Σ m·O_m; the overflow sums (rare) take the plain running sum.
  MsmXyzz result = overflow.empty() ? MsmXyzz() : msm_reduce_xyzz_buckets(overflow);
  if (m_total == 0) return result;

  const size_t k = msm_reduction_segments(m_total, segments_);
  const size_t len = (m_total + k - 1) / k;
  std::span<MsmAffineBucket> chain = chains_.buckets();

  // Step i (from the top): T_s += S_s (its value before the step), then
  // S_s += B_{s·len+i}. All 2K additions of a step are independent.
  for (size_t i = len; i-- > 0;) {
    for (size_t s = 0; s < k; ++s) {
      const MsmAffineBucket& running = chain[s];
      if (!running.is_empty()) chains_.add(static_cast<uint32_t>(segments_ + s), running.x, running.y);
      const size_t m = s * len + i;
      if (m < m_total && !buckets[m].is_empty()) {
        chains_.add(static_cast<uint32_t>(s), buckets[m].x, buckets[m].y);
        buckets[m].y = Fq::zero();
      }
    }
    chains_.finish();
  }
  // No bucket appears twice in a step, so nothing was ever deferred.
  assert(chains_.overflow().empty() || std::all_of(chains_.overflow().begin(), chains_.overflow().end(),
                                                   [](const MsmXyzz& p) { return p.is_identity(); }));

  // After the loop T_s = Σ_{i≥1} S_{s,i}, so Σ_i (i+1)·B_{s,i} = T_s + S_s, and
  // Σ_m m·B_m = Σ_s (T_s + S_s) + len·Σ_s s·S_s.
  MsmXyzz weighted_running, weighted;  // Σ_s s·S_s by a running sum over s
  for (size_t s = k; s-- > 0;) {
    MsmAffineBucket& sum = chain[s];
    MsmAffineBucket& total = chain[segments_ + s];
    if (!total.is_empty()) result.add_affine(total.x, total.y);
    if (!sum.is_empty()) {
      result.add_affine(sum.x, sum.y);
      weighted_running.add_affine(sum.x, sum.y);
    }
    if (s > 0) weighted.add(weighted_running);
    sum.y = Fq::zero();
    total.y = Fq::zero();
  }
  result.add(times_small(weighted, len));
  return result;
}

}  // namespace zkfl::plonk
