#include "plonk/curve/msm_batch_affine.hpp"

#include <algorithm>

namespace zkfl::plonk {

namespace {

// kCount field elements left uninitialised: Fq's default constructor
// zero-fills, and those stores would be written for nothing, since every
// element is assigned before it is read. Assigning an element starts its
// lifetime (Fq is trivially copyable).
template <size_t kCount>
union FqLanes {
  FqLanes() {}
  Fq v[kCount];
};
}  // namespace

MsmBatchAffineBuckets::MsmBatchAffineBuckets(size_t num_buckets, size_t batch_size)
    : buckets_(num_buckets),
      busy_((num_buckets + 63) / 64),
      batch_size_(std::max<size_t>(1, batch_size)),
      tags_(batch_size_),
      addends_(batch_size_),
      denominators_(batch_size_),
      prefixes_(batch_size_),
      queue_limit_(std::max<size_t>(16, batch_size_ / 4)) {
  queue_.reserve(queue_limit_);
}

// Montgomery's trick over kLanes interleaved chains: slot j belongs to chain
// j mod kLanes. A field product here has a latency above its throughput
// (about 14 ns against 11 ns), so one chain of dependent products would run
// at the latency; independent chains written side by side let the CPU
// overlap them. For the same reason the additions themselves are
// computed kLanes at a time, stage by stage.
void MsmBatchAffineBuckets::flush() {
  const size_t n = count_;
  if (n == 0) return;
  count_ = 0;
  Fq* den = denominators_.data();
  Fq* pre = prefixes_.data();

  // Forward: pre[j] = product of the earlier denominators of j's chain.
  std::array<Fq, kLanes> acc;
  acc.fill(Fq::one());
  size_t j = 0;
  for (; j + kLanes <= n; j += kLanes) {
    for (size_t k = 0; k < kLanes; ++k) pre[j + k] = acc[k];
    for (size_t k = 0; k < kLanes; ++k) acc[k] *= den[j + k];
  }
  for (size_t k = 0; j + k < n; ++k) {
    pre[j + k] = acc[k];
    acc[k] *= den[j + k];
  }

  // Invert the kLanes chain products with one inversion (the trick again);
  // every denominator is non-zero, so every product is.
  std::array<Fq, kLanes> inv;
  Fq all = acc[0];
  for (size_t k = 1; k < kLanes; ++k) {
    inv[k] = all;  // product of acc[0..k)
    all *= acc[k];
  }
  Fq all_inv = all.inverse();
  for (size_t k = kLanes; k-- > 1;) {
    const Fq inv_k = all_inv * inv[k];
    all_inv *= acc[k];
    inv[k] = inv_k;
  }
  inv[0] = all_inv;

  // Backward: den[j] becomes 1/den[j] = inv_chain · pre[j]; inv_chain /= den[j].
  const size_t full = n - n % kLanes;
  for (size_t k = n - full; k-- > 0;) {
    const Fq d_inv = inv[k] * pre[full + k];
    inv[k] *= den[full + k];
    den[full + k] = d_inv;
  }
  for (j = full; j > 0;) {
    j -= kLanes;
    FqLanes<kLanes> d_inv_lanes;
    Fq* d_inv = d_inv_lanes.v;
    for (size_t k = 0; k < kLanes; ++k) d_inv[k] = inv[k] * pre[j + k];
    for (size_t k = 0; k < kLanes; ++k) inv[k] *= den[j + k];
    for (size_t k = 0; k < kLanes; ++k) den[j + k] = d_inv[k];
  }

  // The additions, kLanes at a time.
  for (j = 0; j + kLanes <= n; j += kLanes) apply<kLanes>(j);
  for (; j < n; ++j) apply<1>(j);
}

template <size_t kCount>
inline void MsmBatchAffineBuckets::apply(size_t j) {
  FqLanes<kCount> lambda_lanes, x3_lanes;
  Fq* lambda = lambda_lanes.v;
  Fq* x3 = x3_lanes.v;
  for (size_t k = 0; k < kCount; ++k) {
    const uint32_t tag = tags_[j + k];
    const MsmAffineBucket& bucket = buckets_[tag & ~kDoubling];
    if (tag & kDoubling) [[unlikely]] {
      const Fq xx = bucket.x.squared();
      lambda[k] = xx.doubled() + xx;
    } else {
      lambda[k] = addends_[j + k].y - bucket.y;
    }
  }
  for (size_t k = 0; k < kCount; ++k) lambda[k] *= denominators_[j + k];
  for (size_t k = 0; k < kCount; ++k) x3[k] = lambda[k].squared();
  for (size_t k = 0; k < kCount; ++k) {
    const uint32_t b = tags_[j + k] & ~kDoubling;
    MsmAffineBucket& bucket = buckets_[b];
    x3[k] = x3[k] - bucket.x - addends_[j + k].x;
    bucket.x = bucket.x - x3[k];  // temporarily x1 − x3
  }
  for (size_t k = 0; k < kCount; ++k) {
    const uint32_t b = tags_[j + k] & ~kDoubling;
    MsmAffineBucket& bucket = buckets_[b];
    bucket.y = lambda[k] * bucket.x - bucket.y;
    bucket.x = x3[k];
    busy_[b >> 6] &= ~(uint64_t{1} << (b & 63));
  }
}

// Moves every queued addition whose bucket is free into the batch, running
// the batch whenever it fills. Entries for a bucket that is already in the
// batch stay queued.
void MsmBatchAffineBuckets::drain_queue() {
  for (size_t i = queue_.size(); i-- > 0;) {
    if (is_busy(queue_[i].bucket)) continue;
    insert(queue_[i].bucket, queue_[i].x, queue_[i].y);
    queue_[i] = queue_.back();
    queue_.pop_back();
    if (count_ == batch_size_) flush();
  }
}

// Adds every queued point into its bucket's XYZZ overflow sum (mixed
// addition, no inversion) and empties the queue.
void MsmBatchAffineBuckets::spill_queue() {
  if (queue_.empty()) return;
  if (overflow_.empty()) overflow_.resize(buckets_.size());
  for (const Deferred& d : queue_) overflow_[d.bucket].add_affine(d.x, d.y);
  queue_.clear();
}

// The queue is full: run the batch and re-admit what became free. If most of
// the queue is still waiting, its points share few buckets and batching them
// would cost an inversion per handful of additions, so they spill instead.
void MsmBatchAffineBuckets::on_queue_full() {
  flush();
  drain_queue();
  if (queue_.size() >= queue_limit_ / 2) spill_queue();
}

// A few drain-and-run rounds clear the usual handful of leftovers (points
// that met a busy bucket); whatever still waits after that spills.
void MsmBatchAffineBuckets::finish() {
  flush();
  for (int round = 0; round < 4 && !queue_.empty(); ++round) {
    drain_queue();
    flush();
  }
  spill_queue();
}

}  // namespace zkfl::plonk
