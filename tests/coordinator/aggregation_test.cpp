// The aggregation rules' laws: exact weighted averaging with the documented
// rounding, permutation invariance, robustness of median and trimmed mean to
// an outlier, clipping that bounds the update norm, results in range.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "coordinator/aggregation.hpp"
#include "plonk/base/random.hpp"

namespace zkfl::coordinator {
namespace {

constexpr int64_t kMin = -(int64_t{1} << 15);
constexpr int64_t kMax = (int64_t{1} << 15) - 1;

int64_t draw(plonk::Rng& rng, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(rng.next_u64() % static_cast<uint64_t>(hi - lo + 1));
}

std::vector<std::vector<int64_t>> random_models(plonk::Rng& rng, size_t count, size_t length, int64_t lo, int64_t hi) {
  std::vector<std::vector<int64_t>> models(count, std::vector<int64_t>(length));
  for (auto& m : models) {
    for (auto& v : m) v = draw(rng, lo, hi);
  }
  return models;
}

std::vector<ClientUpdate> as_updates(const std::vector<std::vector<int64_t>>& models, const std::vector<int64_t>& samples) {
  std::vector<ClientUpdate> updates;
  for (size_t i = 0; i < models.size(); ++i) updates.push_back(ClientUpdate{models[i], samples[i]});
  return updates;
}

const AggregationConfig kAllRules[] = {
    {AggregationRule::kFedAvg, 0, 0},
    {AggregationRule::kMedian, 0, 0},
    {AggregationRule::kTrimmedMean, 1, 0},
    {AggregationRule::kNormClip, 0, 3000},
};

TEST(AggregationConfigTest, ParsesEachRuleAndRoundTrips) {
  for (const char* text : {"fedavg", "median", "trimmed_mean:0", "trimmed_mean:2", "norm_clip:2048"}) {
    auto config = AggregationConfig::parse(text);
    ASSERT_TRUE(config.is_ok()) << text << ": " << config.error();
    EXPECT_EQ(config->to_string(), text);
  }
  EXPECT_EQ(AggregationConfig::parse("trimmed_mean:3")->trim, 3);
  EXPECT_EQ(AggregationConfig::parse("norm_clip:2048")->clip_norm, 2048);
  EXPECT_EQ(AggregationConfig::parse("median")->rule, AggregationRule::kMedian);
}

TEST(AggregationConfigTest, RejectsMalformedRulesWithTheAcceptedForms) {
  for (const char* text : {"", "FedAvg", "fedavg:1", "median:", "trimmed_mean", "trimmed_mean:", "trimmed_mean:-1",
                           "trimmed_mean:x", "trimmed_mean:1.5", "norm_clip:0", "norm_clip:12x", "norm_clip: 5",
                           "norm_clip:99999999999999999999", "krum"}) {
    auto config = AggregationConfig::parse(text);
    ASSERT_FALSE(config.is_ok()) << "'" << text << "' was accepted";
    EXPECT_TRUE(config.error().find("trimmed_mean") != std::string::npos ||
                config.error().find("integer") != std::string::npos)
        << config.error();
  }
}

TEST(AggregationTest, FedAvgOfIdenticalModelsIsThatModel) {
  plonk::DeterministicRng rng(1);
  const auto model = random_models(rng, 1, 50, kMin, kMax).front();
  for (size_t count : {1, 2, 5}) {
    std::vector<std::vector<int64_t>> models(count, model);
    std::vector<int64_t> samples;
    for (size_t i = 0; i < count; ++i) samples.push_back(draw(rng, 1, 1000));
    for (const auto& config : kAllRules) {
      if (config.rule == AggregationRule::kTrimmedMean && count < 3) continue;
      auto out = aggregate(config, model, as_updates(models, samples));
      ASSERT_TRUE(out.is_ok()) << config.to_string() << ": " << out.error();
      EXPECT_EQ(*out, model) << config.to_string() << " with " << count << " copies";
    }
  }
}

TEST(AggregationTest, FedAvgWeightsBySampleCountAndRoundsHalfUp) {
  const std::vector<std::vector<int64_t>> models = {{100, 1, -1, 7}, {0, 0, 0, 0}};
  auto out = fedavg(as_updates(models, {3, 1}));
  ASSERT_TRUE(out.is_ok()) << out.error();
  // 300/4 = 75; 3/4 → 1; -3/4 → -1; 21/4 = 5.25 → 5
  EXPECT_EQ(*out, (std::vector<int64_t>{75, 1, -1, 5}));
  // Exact halves round up, on both sides of zero: 1/2 → 1, -1/2 → 0, -3/2 → -1.
  const std::vector<std::vector<int64_t>> halves = {{1, -1, -3}, {0, 0, 0}};
  EXPECT_EQ(*fedavg(as_updates(halves, {1, 1})), (std::vector<int64_t>{1, 0, -1}));

  // Against the definition on random inputs: r = ⌊m + ½⌋ ⟺ 2S·r ≤ 2P + S < 2S·r + 2S,
  // with P = Σ n_i·w_i and S = Σ n_i.
  plonk::DeterministicRng rng(2);
  for (int trial = 0; trial < 20; ++trial) {
    const size_t count = static_cast<size_t>(draw(rng, 1, 7));
    const auto ms = random_models(rng, count, 30, kMin, kMax);
    std::vector<int64_t> samples;
    for (size_t i = 0; i < count; ++i) samples.push_back(draw(rng, 1, int64_t{1} << 40));
    auto avg = fedavg(as_updates(ms, samples));
    ASSERT_TRUE(avg.is_ok()) << avg.error();
    for (size_t j = 0; j < 30; ++j) {
      __int128 p = 0;
      __int128 s = 0;
      for (size_t i = 0; i < count; ++i) {
        p += static_cast<__int128>(samples[i]) * ms[i][j];
        s += samples[i];
      }
      const __int128 r = (*avg)[j];
      EXPECT_TRUE(2 * s * r <= 2 * p + s && 2 * p + s < 2 * s * r + 2 * s) << "coordinate " << j;
    }
  }
  // A participant with more samples pulls the average toward itself.
  const std::vector<std::vector<int64_t>> two = {{1000}, {0}};
  EXPECT_GT((*fedavg(as_updates(two, {9, 1})))[0], (*fedavg(as_updates(two, {1, 9})))[0]);
}

TEST(AggregationTest, EveryRuleIsInvariantUnderPermutation) {
  plonk::DeterministicRng rng(3);
  const auto global = random_models(rng, 1, 40, -2000, 2000).front();
  auto models = random_models(rng, 6, 40, -5000, 5000);
  std::vector<int64_t> samples = {5, 17, 1, 300, 42, 8};
  std::vector<size_t> order(models.size());
  std::iota(order.begin(), order.end(), 0);
  for (const auto& config : kAllRules) {
    auto reference = aggregate(config, global, as_updates(models, samples));
    ASSERT_TRUE(reference.is_ok()) << reference.error();
    for (int shuffle = 0; shuffle < 5; ++shuffle) {
      for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[static_cast<size_t>(draw(rng, 0, static_cast<int64_t>(i)))]);
      std::vector<std::vector<int64_t>> permuted;
      std::vector<int64_t> permuted_samples;
      for (size_t i : order) {
        permuted.push_back(models[i]);
        permuted_samples.push_back(samples[i]);
      }
      EXPECT_EQ(*aggregate(config, global, as_updates(permuted, permuted_samples)), *reference) << config.to_string();
    }
  }
}

TEST(AggregationTest, MedianAndTrimmedMeanResistOneOutlier) {
  const std::vector<std::vector<int64_t>> honest = {{100, -50}, {101, -51}, {102, -52}, {103, -53}};
  std::vector<std::vector<int64_t>> with_outlier = honest;
  with_outlier.push_back({kMax, kMin});  // a boosted, scaled update
  const std::vector<int64_t> samples(5, 10);

  auto median = coordinate_median(as_updates(with_outlier, samples));
  ASSERT_TRUE(median.is_ok()) << median.error();
  EXPECT_EQ(*median, (std::vector<int64_t>{102, -52}));
  auto trimmed = trimmed_mean(as_updates(with_outlier, samples), 1);
  ASSERT_TRUE(trimmed.is_ok()) << trimmed.error();
  EXPECT_EQ(*trimmed, (std::vector<int64_t>{102, -52}));  // mean of 101..103 and −51..−53
  // The plain average is dragged far away by the same outlier.
  auto average = fedavg(as_updates(with_outlier, samples));
  EXPECT_GT((*average)[0], 6000);
  EXPECT_LT((*average)[1], -6000);
}

TEST(AggregationTest, EvenMedianIsTheRoundedMeanOfTheMiddlePair) {
  const std::vector<std::vector<int64_t>> models = {{1, -2, 10}, {2, -1, 10}, {100, 100, 10}, {-100, -100, 12}};
  // middles: (1, 2) → 1.5 → 2; (−2, −1) → −1.5 → −1; (10, 10) → 10
  EXPECT_EQ(*coordinate_median(as_updates(models, {1, 1, 1, 1})), (std::vector<int64_t>{2, -1, 10}));
}

TEST(AggregationTest, TrimmedMeanNeedsMoreThanTwiceTrimUpdates) {
  const std::vector<std::vector<int64_t>> models = {{1}, {2}, {3}, {4}};
  auto out = trimmed_mean(as_updates(models, {1, 1, 1, 1}), 2);
  ASSERT_FALSE(out.is_ok());
  EXPECT_NE(out.error().find("needs more than 4 accepted updates"), std::string::npos) << out.error();
  EXPECT_EQ(*trimmed_mean(as_updates(models, {1, 1, 1, 1}), 1), (std::vector<int64_t>{3}));  // (2+3)/2 → 3
  EXPECT_EQ(*trimmed_mean(as_updates(models, {1, 1, 1, 1}), 0), (std::vector<int64_t>{3}));  // 10/4 → 3
}

__int128 squared_distance(const std::vector<int64_t>& a, std::span<const int64_t> b) {
  __int128 s = 0;
  for (size_t j = 0; j < a.size(); ++j) s += static_cast<__int128>(a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

TEST(AggregationTest, ClippingBoundsTheUpdateNorm) {
  plonk::DeterministicRng rng(4);
  for (int trial = 0; trial < 50; ++trial) {
    const size_t length = static_cast<size_t>(draw(rng, 1, 64));
    const auto global = random_models(rng, 1, length, kMin, kMax).front();
    const auto model = random_models(rng, 1, length, kMin, kMax).front();
    const int64_t tau = draw(rng, 1, 40000);
    auto clipped = clip_update(global, model, tau);
    ASSERT_TRUE(clipped.is_ok()) << clipped.error();
    const __int128 before = squared_distance(model, global);
    const __int128 after = squared_distance(*clipped, global);
    EXPECT_LE(after, static_cast<__int128>(tau) * tau);
    if (before <= static_cast<__int128>(tau) * tau) {
      EXPECT_EQ(*clipped, model);  // short updates pass unchanged
    } else {
      // Clipped, not destroyed: the norm stays close to τ (within the truncation of each coordinate).
      const double norm = std::sqrt(static_cast<double>(after));
      EXPECT_GT(norm, static_cast<double>(tau) - std::sqrt(static_cast<double>(length)) - 1.0);
      for (size_t j = 0; j < length; ++j) {
        const int64_t d = model[j] - global[j];
        const int64_t c = (*clipped)[j] - global[j];
        EXPECT_TRUE((d >= 0 && c >= 0 && c <= d) || (d <= 0 && c <= 0 && c >= d)) << "coordinate " << j;
      }
    }
  }
  // A boosted update of norm 5·τ comes out at norm ≤ τ, in the same direction: (3000, 4000) → (600, 800).
  const std::vector<int64_t> global = {0, 0};
  const std::vector<int64_t> boosted = {3000, 4000};
  EXPECT_EQ(*clip_update(global, boosted, 1000), (std::vector<int64_t>{600, 800}));
  // One update: norm_clip's aggregate is the clipped update itself.
  const std::vector<std::vector<int64_t>> one = {boosted};
  EXPECT_EQ(*norm_clipped_fedavg(global, as_updates(one, {7}), 1000), (std::vector<int64_t>{600, 800}));
}

TEST(AggregationTest, NormClipLimitsAnAttackersPull) {
  const std::vector<int64_t> global(8, 0);
  std::vector<std::vector<int64_t>> models(4, std::vector<int64_t>(8, 10));  // honest: small steps
  models.push_back(std::vector<int64_t>(8, kMax));                             // model replacement attempt
  const std::vector<int64_t> samples(5, 1);
  auto clipped = norm_clipped_fedavg(global, as_updates(models, samples), 100);
  ASSERT_TRUE(clipped.is_ok()) << clipped.error();
  // The attacker's update has norm ≤ 100, so it moves each coordinate by ≤ 100/√8/5 + rounding.
  for (int64_t v : *clipped) {
    EXPECT_GE(v, 8);
    EXPECT_LE(v, 16);
  }
}

TEST(AggregationTest, ResultsStayInRangeAtTheExtremes) {
  plonk::DeterministicRng rng(5);
  for (int trial = 0; trial < 30; ++trial) {
    const size_t count = static_cast<size_t>(draw(rng, 3, 8));
    // Only the two extreme values: any rounding that could leave the range would show here.
    auto models = random_models(rng, count, 16, 0, 1);
    for (auto& m : models) {
      for (auto& v : m) v = v == 0 ? kMin : kMax;
    }
    std::vector<int64_t> samples;
    for (size_t i = 0; i < count; ++i) samples.push_back(draw(rng, 1, 1000003));
    const auto global = random_models(rng, 1, 16, kMin, kMax).front();
    for (const auto& config : kAllRules) {
      auto out = aggregate(config, global, as_updates(models, samples));
      ASSERT_TRUE(out.is_ok()) << config.to_string() << ": " << out.error();
      for (int64_t v : *out) {
        EXPECT_GE(v, kMin) << config.to_string();
        EXPECT_LE(v, kMax) << config.to_string();
      }
    }
  }
  // All at the top: the mean is exactly 2^15 − 1, not rounded up out of range.
  const std::vector<std::vector<int64_t>> top = {{kMax}, {kMax}, {kMax}};
  EXPECT_EQ(*fedavg(as_updates(top, {1, 2, 3})), (std::vector<int64_t>{kMax}));
}

TEST(AggregationTest, InvalidInputsAreErrors) {
  const std::vector<int64_t> global = {0, 0};
  const std::vector<std::vector<int64_t>> out_of_range = {{0, int64_t{1} << 15}};
  auto r = aggregate({}, global, as_updates(out_of_range, {1}));
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("outside [-2^15, 2^15)"), std::string::npos) << r.error();

  const std::vector<std::vector<int64_t>> short_model = {{0}};
  r = aggregate({}, global, as_updates(short_model, {1}));
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("weights where 2 are expected"), std::string::npos) << r.error();

  const std::vector<std::vector<int64_t>> fine = {{1, 2}};
  r = aggregate({}, global, as_updates(fine, {0}));
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("sample count 0"), std::string::npos) << r.error();

  r = aggregate({}, global, {});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("at least one accepted update"), std::string::npos) << r.error();
  // A round in which every update was rejected keeps its model.
  EXPECT_EQ(*aggregate_round({}, global, {}), global);
}

}  // namespace
}  // namespace zkfl::coordinator
