// Pippenger buckets kept in affine coordinates and filled by batched affine
// additions: many independent additions bucket[b] += P share ONE field
// inversion through Montgomery's trick (P. Montgomery, "Speeding the Pollard
// and elliptic curve methods of factorization", Math. Comp. 1987), so an
// addition costs about 6 multiplications instead of the 11 of a mixed
// Jacobian addition. Design after G. Botrel and Y. El Housni, "Faster
// Montgomery multiplication and multi-scalar multiplication for SNARKs",
// TCHES 2023/3, §4: a bucket may appear once per batch, so a point whose
// bucket is already in the batch waits in a queue until the batch is done.
// When the queue stays full (many points for few buckets, e.g. scalars that
// are all 0 or 1) the waiting points go to per-bucket XYZZ overflow sums
// instead, so such inputs cost mixed additions rather than one inversion each.
//
// Affine addition with λ = (y2 − y1)/(x2 − x1) (or 3x1²/(2y1) when doubling):
// x3 = λ² − x1 − x2, y3 = λ(x1 − x3) − y1.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "plonk/curve/g1.hpp"
#include "plonk/curve/msm_xyzz.hpp"

namespace zkfl::plonk {

// One bucket: an affine point, or the identity when y = 0 (no point of G1
// has y = 0, since the group has odd order and so no 2-torsion).
struct alignas(64) MsmAffineBucket {
  Fq x{}, y{};
  bool is_empty() const { return y.is_zero(); }
};

class MsmBatchAffineBuckets {
 public:
  // `num_buckets` buckets, all empty; additions are performed `batch_size`
  // at a time (at least 1).
  MsmBatchAffineBuckets(size_t num_buckets, size_t batch_size);

  // Schedules bucket[b] += (x, y) for a finite point (x, y) of G1; the sum is
  // complete once finish() returns. b < num_buckets (asserted in debug).
  inline void add(uint32_t b, const Fq& x, const Fq& y);

  // Hints that bucket b is about to be used (a cache prefetch; no effect on results).
  void prefetch(uint32_t b) const { __builtin_prefetch(&buckets_[b], 1, 3); }

  // Performs every scheduled addition.
  void finish();

  // After finish(): bucket b holds buckets()[b] + overflow()[b], where
  // overflow() is either empty (never needed) or has one entry per bucket.
  // Both are writable so the reduction can reset them to empty for reuse.
  std::span<MsmAffineBucket> buckets() { return buckets_; }
  std::span<MsmXyzz> overflow() { return overflow_; }

 private:
  static constexpr uint32_t kDoubling = uint32_t{1} << 31;
  static constexpr size_t kLanes = 4;  // independent product chains in flush()

  struct Deferred {
    Fq x, y;
    uint32_t bucket;
  };

  bool is_busy(uint32_t b) const { return (busy_[b >> 6] >> (b & 63)) & 1; }
  inline void insert(uint32_t b, const Fq& x, const Fq& y);
  void flush();
  template <size_t kCount>
  void apply(size_t j);
  void drain_queue();
  void spill_queue();
  void on_queue_full();

  std::vector<MsmAffineBucket> buckets_;
  std::vector<uint64_t> busy_;  // bit b: bucket b already has an addition in this batch
  size_t batch_size_;
  size_t count_ = 0;
  std::vector<uint32_t> tags_;      // bucket index, | kDoubling for P + P
  std::vector<MsmAffineBucket> addends_;
  std::vector<Fq> denominators_;
  std::vector<Fq> prefixes_;        // running products, see flush()
  std::vector<Deferred> queue_;
  size_t queue_limit_;
  std::vector<MsmXyzz> overflow_;  // allocated on first spill
};

inline void MsmBatchAffineBuckets::insert(uint32_t b, const Fq& x, const Fq& y) {
  MsmAffineBucket& bucket = buckets_[b];
  if (bucket.is_empty()) {
    bucket.x = x;
    bucket.y = y;
    return;
  }
  Fq denominator;
  uint32_t tag = b;
  if (bucket.x == x) {
    if (bucket.y != y) {  // P + (−P) = O
      bucket.y = Fq::zero();
      return;
    }
    denominator = y.doubled();  // P + P: λ = 3x²/(2y)
    tag |= kDoubling;
  } else {
    denominator = x - bucket.x;
  }
  busy_[b >> 6] |= uint64_t{1} << (b & 63);
  tags_[count_] = tag;
  addends_[count_].x = x;
  addends_[count_].y = y;
  denominators_[count_] = denominator;
  ++count_;
}

inline void MsmBatchAffineBuckets::add(uint32_t b, const Fq& x, const Fq& y) {
  assert(b < buckets_.size());
  if (is_busy(b)) {
    queue_.push_back(Deferred{x, y, b});
    if (queue_.size() >= queue_limit_) on_queue_full();
    return;
  }
  insert(b, x, y);
  if (count_ == batch_size_) {
    flush();
    drain_queue();
  }
}

}  // namespace zkfl::plonk
