// Whole federations on one machine (cli/simulation): coordinator and
// participants as threads over CURVE-encrypted loopback tcp or inproc, real
// proofs, real data; then `zkfl audit` on the run database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "cli/simulation.hpp"

namespace zkfl::cli {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("zkfl-e2e-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A hospitals federation (Breast Cancer Wisconsin, logistic regression).
std::string hospitals_config(int rounds, double deadline_s, const std::string& extra_participant_keys = "") {
  std::ostringstream c;
  c << "[run]\nname = \"e2e\"\nseed = 3\nrounds = " << rounds << "\noutput_dir = \"run\"\n"
    << "[data]\ncsv = \"" << ZKFL_DATA_DIR << "/breast_cancer.csv\"\nclasses = 2\npartition = \"iid\"\n"
    << "[model]\nlayers = [1]\noutput = \"sigmoid\"\n"
    << "[training]\nlearning_rate = 0.25\nbatch_size = 32\nlocal_steps = 1\n"
    << "[coordinator]\nendpoint = \"tcp://127.0.0.1:5599\"\nquorum = 2\nround_deadline_s = " << deadline_s
    << "\naggregation = \"fedavg\"\n"
    << "[[participants]]\nname = \"north\"\n" << extra_participant_keys
    << "[[participants]]\nname = \"south\"\n"
    << "[[participants]]\nname = \"east\"\n";
  return c.str();
}

federation::FederationConfig load(const fs::path& dir, const std::string& text) {
  const fs::path file = dir / "federation.toml";
  std::ofstream(file) << text;
  auto config = federation::load_federation_config(file);
  EXPECT_TRUE(config.is_ok()) << config.error();
  return *config;
}

// Runs `zkfl audit` and returns its exit status and output.
std::pair<int, std::string> audit(const fs::path& db) {
  const fs::path log = db.parent_path() / "audit.txt";
  const std::string cmd = std::string(ZKFL_CLI) + " audit " + db.string() + " > " + log.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  return {WEXITSTATUS(status), text.str()};
}

TEST(Federation, ThreeHospitalsOverCurveLearnAndTheAuditPasses) {
  const fs::path dir = temp_dir("hospitals");
  const auto config = load(dir, hospitals_config(3, 60));
  SimulationOptions options;
  options.endpoint = "tcp://127.0.0.1:0";  // a free port; CURVE with the participants' keys
  std::ostringstream out;
  auto summary = run_simulation(config, options, out);
  ASSERT_TRUE(summary.is_ok()) << summary.error() << "\n" << out.str();
  EXPECT_EQ(summary->accuracy.size(), 3u);
  EXPECT_EQ(summary->accepted, 9u);
  EXPECT_EQ(summary->rejected, 0u);
  // Round seeds are fresh randomness, so the trajectory varies from run to run; three rounds
  // always lift the model well above its initial weights.
  EXPECT_GT(summary->accuracy.back(), summary->initial_accuracy + 0.05) << out.str();
  EXPECT_GT(summary->accuracy.back(), 0.8) << out.str();
  EXPECT_NE(out.str().find("round 3"), std::string::npos);
  for (const char* file : {"run.db", "metrics.csv", "accuracy.svg", "srs.bin"}) {
    EXPECT_TRUE(fs::exists(summary->run_dir / file)) << file;
  }

  const auto [status, report] = audit(summary->run_dir / "run.db");
  EXPECT_EQ(status, 0) << report;
  EXPECT_NE(report.find("audit passed"), std::string::npos) << report;

  // A row modified behind the coordinator's back: the audit names it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((summary->run_dir / "run.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE submissions SET reason = 'edited' WHERE round = 2 AND participant = 1", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const auto [tampered_status, tampered] = audit(summary->run_dir / "run.db");
  EXPECT_EQ(tampered_status, 1) << tampered;
  EXPECT_NE(tampered.find("DISCREPANCY"), std::string::npos) << tampered;
  EXPECT_NE(tampered.find("round 2"), std::string::npos) << tampered;
  fs::remove_all(dir);
}

TEST(Federation, EveryCheatOfADishonestParticipantIsRejectedWithItsReason) {
  const fs::path dir = temp_dir("dishonest");
  auto config = load(dir, hospitals_config(9, 60, "honest = false\ncheat = \"rotate\"\n"));
  SimulationOptions options;
  options.endpoint = "inproc://e2e-dishonest";
  std::ostringstream out;
  auto summary = run_simulation(config, options, out);
  ASSERT_TRUE(summary.is_ok()) << summary.error() << "\n" << out.str();
  EXPECT_EQ(summary->accepted, 18u) << out.str();
  ASSERT_EQ(summary->rejected, 9u) << out.str();
  std::set<std::string> cheats;
  for (const std::string& r : summary->rejections) {
    EXPECT_NE(r.find("north ("), std::string::npos) << r;  // only the dishonest participant
    const auto open = r.find('('), close = r.find(')');
    cheats.insert(r.substr(open + 1, close - open - 1));
    EXPECT_TRUE(r.find("does not verify") != std::string::npos) << r;
  }
  EXPECT_EQ(cheats.size(), 9u) << out.str();  // nine different cheats, each caught
  EXPECT_NE(out.str().find("dataset link does not verify"), std::string::npos) << out.str();  // changed data
  EXPECT_NE(out.str().find("training-step proof does not verify"), std::string::npos);
  EXPECT_GT(summary->accuracy.back(), 0.85);  // the honest updates still train the model
  fs::remove_all(dir);
}

TEST(Federation, ARoundCompletesOnQuorumWhenAParticipantDiesMidRound) {
  const fs::path dir = temp_dir("crash");
  const auto config = load(dir, hospitals_config(3, 10));
  SimulationOptions options;
  options.endpoint = "inproc://e2e-crash";
  options.crash_in_round = {{2, 2}};  // "east" vanishes after round 2's announcement
  std::ostringstream out;
  auto summary = run_simulation(config, options, out);
  ASSERT_TRUE(summary.is_ok()) << summary.error() << "\n" << out.str();
  EXPECT_EQ(summary->accuracy.size(), 3u) << out.str();  // every round aggregated
  EXPECT_EQ(summary->accepted, 7u) << out.str();         // 3 + 2 + 2
  EXPECT_EQ(summary->rejected, 0u);
  EXPECT_NE(out.str().find("missing"), std::string::npos) << out.str();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zkfl::cli
