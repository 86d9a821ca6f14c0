#include "plonk/curve/msm_pippenger.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "plonk/curve/msm_batch_affine.hpp"
#include "plonk/curve/msm_bucket_reduce.hpp"
#include "plonk/curve/msm_digits.hpp"
#include "plonk/curve/msm_xyzz.hpp"

namespace zkfl::plonk {

namespace {

// Batch-affine buckets pay off once a window has enough points and enough
// buckets that batches fill without an inversion every few additions
// (measured with BM_MSMTuning); below that, XYZZ buckets are faster.
constexpr size_t kBatchAffineMinPoints = 1024;
constexpr size_t kBatchAffineMinBuckets = 512;

// Affine buckets are reduced by batched chains (msm_bucket_reduce.hpp) from
// this many on, with at most this many chains.
constexpr size_t kBatchedReductionMinBuckets = 64;
constexpr size_t kReductionMaxSegments = 512;

// Points ahead of the current one whose bucket is prefetched.
constexpr size_t kPrefetchDistance = 16;

size_t default_batch_size(size_t num_buckets) {
  return std::clamp<size_t>(num_buckets / 2, 64, 2048);
}

// One window over a slice of the points, with affine buckets 0..num_buckets.
MsmXyzz window_batch_affine(MsmBatchAffineBuckets& acc, MsmBucketReducer& reducer, std::span<const G1Affine> bases,
                            std::span<const int16_t> digits, size_t num_buckets) {
  const size_t n = bases.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      const int ahead = digits[i + kPrefetchDistance];
      if (ahead != 0) acc.prefetch(static_cast<uint32_t>(std::abs(ahead) - 1));
    }
    const int d = digits[i];
    if (d == 0) continue;
    const G1Affine& p = bases[i];
    if (p.infinity) continue;
    if (d > 0) {
      acc.add(static_cast<uint32_t>(d - 1), p.x, p.y);
    } else {
      acc.add(static_cast<uint32_t>(-d - 1), p.x, -p.y);
    }
  }
  acc.finish();
  std::span<MsmAffineBucket> buckets = acc.buckets().first(num_buckets);
  std::span<MsmXyzz> overflow = acc.overflow();
  if (!overflow.empty()) overflow = overflow.first(num_buckets);
  if (num_buckets >= kBatchedReductionMinBuckets) return reducer.reduce(buckets, overflow);
  MsmXyzz sum = msm_reduce_affine_buckets(buckets);
  if (!overflow.empty()) sum.add(msm_reduce_xyzz_buckets(overflow));
  return sum;
}

// One window over a slice of the points, with XYZZ buckets.
MsmXyzz window_xyzz(std::span<MsmXyzz> buckets, std::span<const G1Affine> bases, std::span<const int16_t> digits) {
  for (size_t i = 0; i < bases.size(); ++i) {
    const int d = digits[i];
    if (d == 0) continue;
    const G1Affine& p = bases[i];
    if (p.infinity) continue;
    if (d > 0) {
      buckets[static_cast<size_t>(d - 1)].add_affine(p.x, p.y);
    } else {
      buckets[static_cast<size_t>(-d - 1)].add_affine(p.x, -p.y);
    }
  }
  return msm_reduce_xyzz_buckets(buckets);
}

// One thread's bucket storage, allocated on first use and reused for every
// window that thread takes.
class WindowWorker {
 public:
  WindowWorker(size_t max_buckets, size_t batch_size) : max_buckets_(max_buckets), batch_size_(batch_size) {}

  MsmXyzz run(std::span<const G1Affine> bases, std::span<const int16_t> digits, size_t num_buckets,
              bool batch_affine) {
    if (batch_affine) {
      if (!affine_) {
        affine_ = std::make_unique<MsmBatchAffineBuckets>(max_buckets_, batch_size_);
        reducer_ = std::make_unique<MsmBucketReducer>(kReductionMaxSegments);
      }
      return window_batch_affine(*affine_, *reducer_, bases, digits, num_buckets);
    }
    if (xyzz_.empty()) xyzz_.resize(max_buckets_);
    return window_xyzz(std::span<MsmXyzz>(xyzz_).first(num_buckets), bases, digits);
  }

 private:
  size_t max_buckets_;
  size_t batch_size_;
  std::unique_ptr<MsmBatchAffineBuckets> affine_;
  std::unique_ptr<MsmBucketReducer> reducer_;
  std::vector<MsmXyzz> xyzz_;
};

// The cost model behind msm_plan(), in nanoseconds of one thread on the
// development machine (a 2-core AMD EPYC VM; fitted to single-thread runs of
// BM_MSMTuning-style configurations from 2^8 to 2^20 points: within about 7%,
// and it picks the measured best c at every size tried). Only the ratios
// matter for the choice.
constexpr double kNsBatchAffineAdd = 85;   // one batched affine addition, inversion excluded
constexpr double kNsInversion = 7000;      // one field inversion (Fermat)
constexpr double kNsPerPoint = 15;         // reading digit and point, queueing, first-in-bucket copies
constexpr double kNsXyzzAdd = 130;         // an XYZZ mixed addition into a random bucket
constexpr double kNsBatchedReduce = 180;   // per bucket: two batched affine additions
constexpr double kNsReduceChainEnd = 700;  // per chain: folding its two sums into the result
constexpr double kNsXyzzReduce = 450;      // per bucket of an XYZZ running sum
constexpr double kNsDigitsPerWindow = 2;   // per point and window, for the digit decomposition

// Modelled time of one window over `points` points needing `buckets` buckets.
double window_cost(size_t points, size_t buckets) {
  const double p = static_cast<double>(points), m = static_cast<double>(buckets);
  // A point only costs an addition when its bucket already holds something.
  const double adds = p - m * (1 - std::exp(-p / m));
  const bool batch = points >= kBatchAffineMinPoints && buckets >= kBatchAffineMinBuckets;
  if (!batch) return adds * kNsXyzzAdd + p * kNsPerPoint + m * kNsXyzzReduce;
  double cost = adds * kNsBatchAffineAdd + adds / static_cast<double>(default_batch_size(buckets)) * kNsInversion +
                p * kNsPerPoint;
  if (buckets >= kBatchedReductionMinBuckets) {
    const size_t chains = msm_reduction_segments(buckets, kReductionMaxSegments);
    cost += m * kNsBatchedReduce + static_cast<double>((buckets + chains - 1) / chains) * kNsInversion +
            static_cast<double>(chains) * kNsReduceChainEnd;
  } else {
    cost += m * kNsXyzzReduce;
  }
  return cost;
}

// Modelled time of a whole MSM: the digits (split over all threads) plus the
// busiest thread's windows. Windows go in order to whichever thread is free
// (as pool.run does): the W − 1 full ones round-robin, then the cheaper top
// window to a least-loaded thread.
double plan_cost(size_t n, size_t threads, unsigned c, MsmSplit split) {
  const size_t windows = msm_num_windows(c);
  const size_t full = size_t{1} << (c - 1);
  const size_t top = std::max<size_t>(1, std::min<size_t>(full, msm_top_window_max_digit(c)));
  const double digits = static_cast<double>(n * windows) * kNsDigitsPerWindow / static_cast<double>(threads);
  if (split == MsmSplit::kPoints) {
    const size_t points = (n + threads - 1) / threads;
    return digits + static_cast<double>(windows - 1) * window_cost(points, full) + window_cost(points, top);
  }
  const double full_cost = window_cost(n, full);
  const size_t rounds_up = (windows - 1 + threads - 1) / threads;  // windows of the busiest thread
  const size_t rounds_down = (windows - 1) / threads;              // windows of a least-loaded thread
  return digits + std::max(static_cast<double>(rounds_up) * full_cost,
                           static_cast<double>(rounds_down) * full_cost + window_cost(n, top));
}

}  // namespace

MsmPlan msm_plan(size_t n, size_t threads, unsigned window_bits) {
  threads = std::max<size_t>(1, threads);
  const unsigned c_min = window_bits != 0 ? window_bits : kMsmMinWindowBits;
  const unsigned c_max = window_bits != 0 ? window_bits : kMsmMaxWindowBits;
  MsmPlan best{c_min, MsmSplit::kWindows};
  double best_cost = -1;
  for (unsigned c = c_min; c <= c_max; ++c) {
    for (MsmSplit split : {MsmSplit::kWindows, MsmSplit::kPoints}) {
      if (split == MsmSplit::kPoints && threads == 1) continue;
      const double cost = plan_cost(n, threads, c, split);
      if (best_cost < 0 || cost < best_cost) {
        best_cost = cost;
        best = MsmPlan{c, split};
      }
    }
  }
  return best;
}

G1 msm_pippenger(std::span<const G1Affine> bases, std::span<const Fr> scalars, ThreadPool& pool,
                 const MsmOptions& options) {
  if (bases.size() != scalars.size()) {
    std::fprintf(stderr, "zkfl: msm called with %zu bases but %zu scalars\n", bases.size(), scalars.size());
    std::abort();
  }
  const size_t n = bases.size();
  if (n == 0) return G1::identity();

  const size_t threads = pool.size();
  assert(options.window_bits == 0 ||
         (options.window_bits >= kMsmMinWindowBits && options.window_bits <= kMsmMaxWindowBits));
  const MsmPlan plan = msm_plan(n, threads, options.window_bits);
  const unsigned c = plan.window_bits;
  const MsmDigits digits(scalars, c, pool);
  const unsigned num_windows = digits.num_windows();
  const size_t max_buckets = size_t{1} << (c - 1);

  const MsmSplit split = options.split == MsmSplit::kAuto ? plan.split : options.split;
  const size_t slices = split == MsmSplit::kPoints ? std::min(threads, n) : 1;
  const size_t slice_len = (n + slices - 1) / slices;
  const size_t num_tasks = slices * num_windows;
  const size_t batch_size = options.batch_size != 0 ? options.batch_size : default_batch_size(max_buckets);

  // Task t covers window t % num_windows of slice t / num_windows, so a
  // thread that takes consecutive tasks stays on one slice of the bases.
  std::vector<MsmXyzz> partial(num_tasks);
  std::atomic<size_t> next_task{0};
  pool.run(std::min(threads, num_tasks), [&](size_t) {
    WindowWorker worker(max_buckets, batch_size);
    for (size_t t = next_task++; t < num_tasks; t = next_task++) {
      const unsigned w = static_cast<unsigned>(t % num_windows);
      const size_t num_buckets = digits.max_magnitude(w);
      if (num_buckets == 0) continue;  // every digit of this window is zero
      const size_t begin = std::min(n, (t / num_windows) * slice_len);
      const size_t len = std::min(n - begin, slice_len);
      bool batch_affine = options.bucket_mode == MsmBucketMode::kBatchAffine;
      if (options.bucket_mode == MsmBucketMode::kAuto) {
        batch_affine = len >= kBatchAffineMinPoints && num_buckets >= kBatchAffineMinBuckets;
      }
      partial[t] = worker.run(bases.subspan(begin, len), digits.window(w).subspan(begin, len), num_buckets,
                              batch_affine);
    }
  });

  // Horner: T = (…(T_{W−1}·2^c + T_{W−2})·2^c + …) + T_0.
  MsmXyzz result;
  for (unsigned w = num_windows; w-- > 0;) {
    for (unsigned i = 0; i < c && !result.is_identity(); ++i) result.double_in_place();
    for (size_t s = 0; s < slices; ++s) result.add(partial[s * num_windows + w]);
  }
  return result.to_jacobian();
}

}  // namespace zkfl::plonk
