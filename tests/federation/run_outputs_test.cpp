// A run directory's outputs: created on demand, rows recorded to the CSV and
// the chart, and a resumed run that goes on from the rows already there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "federation/run_outputs.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class RunOutputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("zkfl_run_outputs_" + std::to_string(::getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(RunOutputsTest, CreatesTheDirectoryAndRecordsRows) {
  const auto dir = root_ / "runs" / "hospitals";
  auto outputs = RunOutputs::open(dir, "hospitals", "3 participants");
  ASSERT_TRUE(outputs.is_ok()) << outputs.error();
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(outputs->metrics_path(), dir / "metrics.csv");
  EXPECT_EQ(outputs->plot_path(), dir / "accuracy.svg");
  EXPECT_EQ(outputs->database_path(), dir / "run.db");
  ASSERT_TRUE(outputs->record({1, "a", 1.5, 1000, "accepted", "", 0.8}).is_ok());
  ASSERT_TRUE(outputs->record({1, "b", 1.4, 1000, "rejected", "proof does not verify", 0.8}).is_ok());
  EXPECT_FALSE(outputs->record({1, "", 1.4, 1000, "accepted", "", 0.8}).is_ok());
  EXPECT_EQ(outputs->rows().size(), 2u);
  ASSERT_TRUE(outputs->write_plot().is_ok());
  const std::string svg = read(outputs->plot_path());
  EXPECT_NE(svg.find("data-round=\"1\" data-accuracy=\"0.80000000000000004\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"rejected\" data-round=\"1\" data-count=\"1\""), std::string::npos);
  const auto rows = read_metrics_csv(outputs->metrics_path());
  ASSERT_TRUE(rows.is_ok()) << rows.error();
  EXPECT_EQ(*rows, outputs->rows());
}

TEST_F(RunOutputsTest, AResumedRunKeepsTheEarlierRows) {
  const auto dir = root_ / "run";
  {
    auto first = RunOutputs::open(dir, "run");
    ASSERT_TRUE(first.is_ok()) << first.error();
    ASSERT_TRUE(first->record({1, "a", 1.0, 10, "accepted", "", 0.6}).is_ok());
  }
  auto resumed = RunOutputs::open(dir, "run");
  ASSERT_TRUE(resumed.is_ok()) << resumed.error();
  ASSERT_EQ(resumed->rows().size(), 1u);
  ASSERT_TRUE(resumed->record({2, "a", 1.0, 10, "accepted", "", 0.7}).is_ok());
  ASSERT_TRUE(resumed->write_plot().is_ok());
  const std::string svg = read(resumed->plot_path());
  EXPECT_NE(svg.find("data-round=\"1\""), std::string::npos);
  EXPECT_NE(svg.find("data-round=\"2\""), std::string::npos);
  EXPECT_EQ(read_metrics_csv(resumed->metrics_path())->size(), 2u);
}

TEST_F(RunOutputsTest, RefusesAFileWhereTheDirectoryShouldBe) {
  fs::create_directories(root_);
  std::ofstream(root_ / "taken") << "x";
  EXPECT_FALSE(RunOutputs::open(root_ / "taken", "run").is_ok());
  fs::create_directories(root_ / "bad");
  std::ofstream(root_ / "bad" / "metrics.csv") << "not,metrics\n";
  const auto bad = RunOutputs::open(root_ / "bad", "run");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.error().find("header is 'not,metrics'"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace zkfl::federation
