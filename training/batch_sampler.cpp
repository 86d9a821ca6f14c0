#include "training/batch_sampler.hpp"

#include <array>
#include <string>
#include <unordered_map>

#include "plonk/base/sha256.hpp"

namespace zkfl::training {

namespace {

// The SHA-256 counter stream of one step, read as big-endian u64 words.
class StepStream {
 public:
  StepStream(std::span<const uint8_t, 32> seed, uint64_t participant, uint64_t rows, uint64_t step)
      : seed_(seed), participant_(participant), rows_(rows), step_(step) {}

  // A uniform integer in [0, bound), bound ≥ 1, by rejection sampling.
  uint64_t uniform(uint64_t bound) {
    const uint64_t rejected_below = (0 - bound) % bound;  // 2^64 mod bound
    uint64_t w = next_word();
    while (w < rejected_below) w = next_word();
    return w % bound;
  }

 private:
  uint64_t next_word() {
    if (used_ == block_.size()) {
      plonk::Sha256 h;
      h.update(kBatchIndicesDomain).update(seed_);
      h.update_be(participant_, 8).update_be(rows_, 8).update_be(step_, 8).update_be(counter_++, 8);
      block_ = h.finish();
      used_ = 0;
    }
    uint64_t w = 0;
    for (int i = 0; i < 8; ++i) w = w << 8 | block_[used_++];
    return w;
  }

  std::span<const uint8_t, 32> seed_;
  uint64_t participant_, rows_, step_;
  uint64_t counter_ = 0;
  plonk::Sha256::Digest block_{};
  size_t used_ = block_.size();
};

}  // namespace

Result<std::vector<int64_t>> sample_batch_indices(std::span<const uint8_t, 32> round_seed, uint64_t participant_id,
                                                  int64_t dataset_rows, int64_t batch_size, int64_t local_steps) {
  if (dataset_rows < 1) return Status::error("batch sampler: the dataset has no rows");
  if (batch_size < 1 || batch_size > dataset_rows) {
    return Status::error("batch sampler: the batch size must be in [1, N] = [1, " + std::to_string(dataset_rows) +
                         "] (distinct rows per step); got " + std::to_string(batch_size));
  }
  if (local_steps < 1) return Status::error("batch sampler: at least one local step is needed");
  if (local_steps > kMaxSampledIndices / batch_size) {
    return Status::error("batch sampler: " + std::to_string(local_steps) + " steps of " +
                         std::to_string(batch_size) + " indices exceed the limit of " +
                         std::to_string(kMaxSampledIndices));
  }
  std::vector<int64_t> indices;
  indices.reserve(static_cast<size_t>(local_steps * batch_size));
  const auto n = static_cast<uint64_t>(dataset_rows);
  for (int64_t e = 0; e < local_steps; ++e) {
    StepStream stream(round_seed, participant_id, n, static_cast<uint64_t>(e));
    // π as a sparse map: positions never swapped hold their own index.
    std::unordered_map<uint64_t, uint64_t> moved;
    auto at = [&](uint64_t pos) {
      auto it = moved.find(pos);
      return it == moved.end() ? pos : it->second;
    };
    for (uint64_t b = 0; b < static_cast<uint64_t>(batch_size); ++b) {
      const uint64_t j = b + stream.uniform(n - b);
      const uint64_t picked = at(j);
      moved[j] = at(b);
      moved[b] = picked;
      indices.push_back(static_cast<int64_t>(picked));
    }
  }
  return indices;
}

}  // namespace zkfl::training
