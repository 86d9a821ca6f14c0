// The batch sampler: known answers from an independent implementation
// (tests/data/gen/gen_batch_indices_vectors.py), determinism, distinctness,
// range, uniformity, sensitivity to every input, and the error cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "plonk/base/hex.hpp"
#include "training/batch_sampler.hpp"

namespace zkfl::training {
namespace {

std::array<uint8_t, 32> seed_of(uint8_t fill) {
  std::array<uint8_t, 32> s{};
  s.fill(fill);
  s[0] = 0x5a;
  return s;
}

std::vector<int64_t> sample(const std::array<uint8_t, 32>& seed, uint64_t participant, int64_t n, int64_t b,
                            int64_t e) {
  auto r = sample_batch_indices(seed, participant, n, b, e);
  EXPECT_TRUE(r.is_ok()) << r.error();
  return r.is_ok() ? *r : std::vector<int64_t>{};
}

TEST(BatchSampler, MatchesTheIndependentImplementation) {
  std::ifstream in(std::string(ZKFL_TEST_DATA_DIR) + "/batch_indices_vectors.json");
  ASSERT_TRUE(in) << "missing tests/data/batch_indices_vectors.json";
  const auto vectors = nlohmann::json::parse(in)["vectors"];
  ASSERT_GE(vectors.size(), 5u);
  for (const auto& v : vectors) {
    auto bytes = plonk::from_hex(v["seed"].get<std::string>());
    ASSERT_TRUE(bytes.is_ok() && bytes->size() == 32);
    std::array<uint8_t, 32> seed{};
    std::copy(bytes->begin(), bytes->end(), seed.begin());
    const auto expected = v["indices"].get<std::vector<int64_t>>();
    EXPECT_EQ(sample(seed, v["participant"].get<uint64_t>(), v["rows"].get<int64_t>(), v["batch"].get<int64_t>(),
                     v["steps"].get<int64_t>()),
              expected)
        << v.dump();
  }
}

TEST(BatchSampler, DeterministicDistinctAndInRange) {
  const auto seed = seed_of(1);
  const int64_t n = 57, b = 20, e = 5;
  const auto indices = sample(seed, 3, n, b, e);
  ASSERT_EQ(indices.size(), static_cast<size_t>(b * e));
  EXPECT_EQ(sample(seed, 3, n, b, e), indices);
  for (int64_t step = 0; step < e; ++step) {
    std::set<int64_t> distinct;
    for (int64_t k = 0; k < b; ++k) {
      const int64_t i = indices[static_cast<size_t>(step * b + k)];
      EXPECT_GE(i, 0);
      EXPECT_LT(i, n);
      distinct.insert(i);
    }
    EXPECT_EQ(distinct.size(), static_cast<size_t>(b)) << "step " << step;
  }
  // Steps draw from independent streams: they are not all the same batch.
  EXPECT_FALSE(std::equal(indices.begin(), indices.begin() + b, indices.begin() + b));
}

TEST(BatchSampler, FullBatchIsAPermutation) {
  const auto indices = sample(seed_of(2), 0, 40, 40, 2);
  for (int step = 0; step < 2; ++step) {
    std::vector<int64_t> batch(indices.begin() + step * 40, indices.begin() + (step + 1) * 40);
    std::sort(batch.begin(), batch.end());
    for (int64_t i = 0; i < 40; ++i) EXPECT_EQ(batch[static_cast<size_t>(i)], i);
  }
}

TEST(BatchSampler, EveryInputChangesTheIndices) {
  const auto base = sample(seed_of(3), 5, 1000, 16, 2);
  auto other_seed = seed_of(3);
  other_seed[31] ^= 1;
  EXPECT_NE(sample(other_seed, 5, 1000, 16, 2), base);
  EXPECT_NE(sample(seed_of(3), 6, 1000, 16, 2), base);
  EXPECT_NE(sample(seed_of(3), 5, 1001, 16, 2), base);
  // A shorter batch is the prefix of a longer one (B is not hashed), step by step.
  const auto shorter = sample(seed_of(3), 5, 1000, 8, 2);
  EXPECT_TRUE(std::equal(shorter.begin(), shorter.begin() + 8, base.begin()));
  EXPECT_TRUE(std::equal(shorter.begin() + 8, shorter.end(), base.begin() + 16));
}

TEST(BatchSampler, IndicesAreUniform) {
  // 6000 single draws from [0, 6): each value should appear about 1000 times;
  // the bounds are over 6 standard deviations wide.
  std::array<int, 6> counts{};
  const auto indices = sample(seed_of(4), 1, 6, 1, 6000);
  for (int64_t i : indices) ++counts[static_cast<size_t>(i)];
  for (int c : counts) {
    EXPECT_GT(c, 820);
    EXPECT_LT(c, 1180);
  }
}

TEST(BatchSampler, RejectsImpossibleRequests) {
  const auto seed = seed_of(5);
  auto too_big = sample_batch_indices(seed, 0, 10, 11, 1);
  ASSERT_FALSE(too_big.is_ok());
  EXPECT_NE(too_big.error().find("batch size"), std::string::npos);
  EXPECT_FALSE(sample_batch_indices(seed, 0, 0, 1, 1).is_ok());
  EXPECT_FALSE(sample_batch_indices(seed, 0, 10, 0, 1).is_ok());
  EXPECT_FALSE(sample_batch_indices(seed, 0, 10, 2, 0).is_ok());
  EXPECT_FALSE(sample_batch_indices(seed, 0, int64_t{1} << 40, int64_t{1} << 20, int64_t{1} << 20).is_ok());
}

}  // namespace
}  // namespace zkfl::training
