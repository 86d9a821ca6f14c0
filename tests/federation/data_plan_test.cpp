// Who holds which rows: the plan of a federation's data (split, partition,
// StepSpecs) and the derivation of StepSpecs from partition sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "federation/config.hpp"
#include "federation/data_plan.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

const fs::path kDataDir = ZKFL_DATA_DIR;

FederationConfig config_for(const std::string& csv, int64_t classes, std::vector<int64_t> layers,
                            training::OutputKind output, PartitionKind partition, double alpha, size_t participants) {
  FederationConfig c;
  c.source = "plan_test.toml";
  c.run = RunConfig{"plan", 11, 1, "out"};
  c.data.csv = kDataDir / csv;
  c.data.classes = classes;
  c.data.partition = partition;
  c.data.alpha = alpha;
  c.model.layers = std::move(layers);
  c.model.output = output;
  c.training.learning_rate = 0.25;
  c.training.hyper = training::Hyper{64, 32, 1};
  c.coordinator.quorum = 1;
  for (size_t p = 0; p < participants; ++p) {
    ParticipantConfig participant;
    participant.name = std::string("p").append(std::to_string(p));
    c.participants.push_back(participant);
  }
  return c;
}

// Every training row goes to exactly one participant; no test row to any.
void expect_disjoint_cover(const DataPlan& plan) {
  std::set<int64_t> held;
  size_t total = 0;
  for (const auto& p : plan.participants) {
    EXPECT_TRUE(std::is_sorted(p.rows.begin(), p.rows.end()));
    EXPECT_EQ(p.spec.dataset_rows, static_cast<int64_t>(p.rows.size()));
    held.insert(p.rows.begin(), p.rows.end());
    total += p.rows.size();
  }
  EXPECT_EQ(total, held.size()) << "a row is held twice";
  EXPECT_EQ(held, std::set<int64_t>(plan.split.train.begin(), plan.split.train.end()));
  for (int64_t t : plan.split.test) EXPECT_FALSE(held.count(t)) << "test row " << t << " is held by a participant";
}

TEST(DataPlan, IidSplitsTheTrainingRowsEvenly) {
  const auto config = config_for("german_credit.csv", 2, {16, 1}, training::OutputKind::kSigmoid, PartitionKind::kIid,
                                 0, 4);
  const auto plan = plan_federation_data(config);
  ASSERT_TRUE(plan.is_ok()) << plan.error();
  EXPECT_EQ(plan->data.rows, 1000);
  EXPECT_EQ(plan->split.test.size(), 200u);
  EXPECT_EQ(plan->shape.widths, (std::vector<int64_t>{48, 16, 1}));
  ASSERT_EQ(plan->participants.size(), 4u);
  for (const auto& p : plan->participants) {
    EXPECT_EQ(p.rows.size(), 200u);
    EXPECT_EQ(p.spec.shape.widths, plan->shape.widths);
    EXPECT_EQ(p.spec.hyper.batch_size, 32);
    EXPECT_EQ(p.spec.data_columns, kDefaultDataColumns);
  }
  expect_disjoint_cover(*plan);
}

TEST(DataPlan, DirichletSkewsTheLabelsAndIsDeterministic) {
  const auto config = config_for("digits.csv", 10, {32, 10}, training::OutputKind::kSoftmax,
                                 PartitionKind::kDirichlet, 0.5, 5);
  const auto plan = plan_federation_data(config);
  ASSERT_TRUE(plan.is_ok()) << plan.error();
  expect_disjoint_cover(*plan);
  // With α = 0.5 over 10 classes, some participant misses a class or holds
  // one far above its 10 % share.
  double most_skewed = 0;
  for (const auto& p : plan->participants) {
    std::vector<int64_t> counts(10);
    for (int64_t r : p.rows) ++counts[static_cast<size_t>(plan->data.labels[static_cast<size_t>(r)])];
    const int64_t top = *std::max_element(counts.begin(), counts.end());
    most_skewed = std::max(most_skewed, static_cast<double>(top) / static_cast<double>(p.rows.size()));
  }
  EXPECT_GT(most_skewed, 0.2);
  const auto again = plan_federation_data(config);
  ASSERT_TRUE(again.is_ok());
  for (size_t p = 0; p < 5; ++p) EXPECT_EQ(again->participants[p].rows, plan->participants[p].rows);
}

TEST(DataPlan, DeriveStepSpecsNamesTheKeyToChange) {
  auto config = config_for("breast_cancer.csv", 2, {1}, training::OutputKind::kSigmoid, PartitionKind::kDirichlet,
                           0.1, 3);
  const std::vector<int64_t> sizes = {200, 20, 235};
  const auto small = derive_step_specs(config, 30, sizes);
  ASSERT_FALSE(small.is_ok());
  EXPECT_NE(small.error().find("participants[1] (\"p1\") holds 20 training rows, fewer than training.batch_size = 32"),
            std::string::npos)
      << small.error();
  EXPECT_NE(small.error().find("raise data.alpha (now 0.1)"), std::string::npos) << small.error();

  const std::vector<int64_t> ok_sizes = {200, 40, 215};
  const auto specs = derive_step_specs(config, 30, ok_sizes);
  ASSERT_TRUE(specs.is_ok()) << specs.error();
  EXPECT_EQ((*specs)[1].dataset_rows, 40);
  EXPECT_EQ((*specs)[1].shape.widths, (std::vector<int64_t>{30, 1}));

  config.model.inputs = 64;
  const auto inputs = derive_step_specs(config, 30, ok_sizes);
  ASSERT_FALSE(inputs.is_ok());
  EXPECT_NE(inputs.error().find("model.inputs = 64, but"), std::string::npos) << inputs.error();
  EXPECT_NE(inputs.error().find("has 30 features"), std::string::npos) << inputs.error();

  config.model.inputs = 0;
  const std::vector<int64_t> two = {200, 40};
  EXPECT_FALSE(derive_step_specs(config, 30, two).is_ok());
}

TEST(DataPlan, ClassesThatDisagreeWithTheFileFailOnLoad) {
  // digits has labels up to 9; a config saying 2 classes must not load it.
  const auto config = config_for("digits.csv", 2, {1}, training::OutputKind::kSigmoid, PartitionKind::kIid, 0, 2);
  const auto plan = plan_federation_data(config);
  ASSERT_FALSE(plan.is_ok());
  EXPECT_NE(plan.error().find("data.csv"), std::string::npos) << plan.error();
  EXPECT_NE(plan.error().find("digits.csv"), std::string::npos) << plan.error();
}

TEST(DataPlan, TooManyParticipantsForTheBatchSize) {
  // 455 training rows among 20 participants: about 22 rows each, under B = 32.
  const auto config = config_for("breast_cancer.csv", 2, {1}, training::OutputKind::kSigmoid, PartitionKind::kIid, 0,
                                 20);
  const auto plan = plan_federation_data(config);
  ASSERT_FALSE(plan.is_ok());
  EXPECT_NE(plan.error().find("fewer than training.batch_size = 32; lower training.batch_size or use fewer "
                              "participants"),
            std::string::npos)
      << plan.error();
}

}  // namespace
}  // namespace zkfl::federation
