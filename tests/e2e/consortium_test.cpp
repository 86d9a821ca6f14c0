// A consortium of separate processes (`zkfl coordinator`, three `zkfl
// participant`) over CURVE-encrypted loopback tcp. The coordinator is killed
// with SIGKILL in the middle of a round and restarted: it resumes, the run
// completes, no accepted submission is lost and the audit chain verifies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "coordinator/run_database.hpp"

namespace zkfl {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Starts `zkfl args...` with stdout and stderr to `log`; returns its pid.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log, const fs::path& cwd) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    FILE* out = std::fopen(log.c_str(), "w");
    if (out != nullptr) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> argv;
    std::string binary = ZKFL_CLI;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int run(const std::vector<std::string>& args, const fs::path& cwd) {
  const pid_t pid = spawn(args, cwd / "command.log", cwd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits for `pid` up to `timeout`; true when it exited with status 0.
bool wait_ok(pid_t pid, std::chrono::seconds timeout) {
  const auto end = Clock::now() + timeout;
  while (Clock::now() < end) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return false;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Consortium, CoordinatorKilledMidRoundResumesAndLosesNothing) {
  const fs::path dir = fs::temp_directory_path() / ("zkfl-consortium-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "keys");
  for (const char* name : {"coord", "north", "south", "east"}) {
    ASSERT_EQ(run({"keygen", "--out", "keys", "--name", name}, dir), 0) << read(dir / "command.log");
  }
  ASSERT_EQ(run({"setup", "dev", "--k", "12", "--out", "srs.bin"}, dir), 0) << read(dir / "command.log");
  const int port = 20000 + static_cast<int>(getpid() % 20000);
  std::ofstream(dir / "fed.toml") << "[run]\nname = \"consortium\"\nseed = 5\nrounds = 3\noutput_dir = \"run\"\n"
                                  << "[data]\ncsv = \"" << ZKFL_DATA_DIR << "/breast_cancer.csv\"\nclasses = 2\n"
                                  << "partition = \"iid\"\n[model]\nlayers = [1]\noutput = \"sigmoid\"\n"
                                  << "[training]\nlearning_rate = 0.25\nbatch_size = 32\nlocal_steps = 1\n"
                                  << "[coordinator]\nendpoint = \"tcp://127.0.0.1:" << port << "\"\nquorum = 2\n"
                                  << "round_deadline_s = 30\naggregation = \"fedavg\"\n"
                                  << "curve_public_key = \"keys/coord.public\"\ncurve_secret_key = \"keys/coord.secret\"\n"
                                  << "[[participants]]\nname = \"north\"\ncurve_public_key = \"keys/north.public\"\n"
                                  << "curve_secret_key = \"keys/north.secret\"\n"
                                  << "[[participants]]\nname = \"south\"\ncurve_public_key = \"keys/south.public\"\n"
                                  << "curve_secret_key = \"keys/south.secret\"\n"
                                  << "[[participants]]\nname = \"east\"\ncurve_public_key = \"keys/east.public\"\n"
                                  << "curve_secret_key = \"keys/east.secret\"\n";

  pid_t coordinator = spawn({"coordinator", "fed.toml", "--srs", "srs.bin"}, dir / "coordinator1.log", dir);
  std::vector<pid_t> members;
  for (const char* name : {"north", "south", "east"}) {
    members.push_back(spawn({"--threads", "1", "participant", "fed.toml", "--name", name, "--srs", "srs.bin"},
                            dir / (std::string(name) + ".log"), dir));
  }

  // Kill the coordinator in the middle of round 2: as soon as it announces it.
  const fs::path db_path = dir / "run" / "run.db";
  std::set<std::pair<uint64_t, uint64_t>> accepted_before;
  bool killed = false;
  const auto give_up = Clock::now() + std::chrono::seconds(120);
  while (!killed && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (read(dir / "coordinator1.log").find("round 2 announced") == std::string::npos) continue;
    kill(coordinator, SIGKILL);
    waitpid(coordinator, nullptr, 0);
    killed = true;
  }
  ASSERT_TRUE(killed) << read(dir / "coordinator1.log");
  {
    auto db = coordinator::RunDatabase::open_read_only(db_path);
    ASSERT_TRUE(db.is_ok()) << db.error();
    for (uint64_t r = 1; r <= 2; ++r) {
      auto subs = db->load_submissions(r);
      ASSERT_TRUE(subs.is_ok());
      for (const auto& s : *subs) {
        if (s.verdict == coordinator::Verdict::kAccepted) accepted_before.insert({s.round, s.participant});
      }
    }
  }
  EXPECT_EQ(accepted_before.size(), 3u);  // round 1's updates

  coordinator = spawn({"coordinator", "fed.toml", "--srs", "srs.bin"}, dir / "coordinator2.log", dir);
  const char* names[] = {"north", "south", "east"};
  for (size_t i = 0; i < members.size(); ++i) {
    EXPECT_TRUE(wait_ok(members[i], std::chrono::seconds(180))) << read(dir / (std::string(names[i]) + ".log"));
  }
  EXPECT_TRUE(wait_ok(coordinator, std::chrono::seconds(60))) << read(dir / "coordinator2.log");
  const std::string log = read(dir / "coordinator2.log");
  EXPECT_NE(log.find("resuming the run"), std::string::npos) << log;
  EXPECT_NE(log.find("run complete"), std::string::npos) << log;

  auto db = coordinator::RunDatabase::open_read_only(db_path);
  ASSERT_TRUE(db.is_ok()) << db.error();
  auto rounds = db->load_rounds();
  ASSERT_TRUE(rounds.is_ok());
  ASSERT_EQ(rounds->size(), 3u);
  std::set<std::pair<uint64_t, uint64_t>> accepted_after;
  for (const auto& r : *rounds) {
    EXPECT_EQ(r.state, coordinator::RoundState::kAggregated);
    auto subs = db->load_submissions(r.number);
    ASSERT_TRUE(subs.is_ok());
    for (const auto& s : *subs) {
      if (s.verdict == coordinator::Verdict::kAccepted) accepted_after.insert({s.round, s.participant});
    }
  }
  for (const auto& a : accepted_before) EXPECT_TRUE(accepted_after.count(a)) << "lost " << a.first << "/" << a.second;
  EXPECT_EQ(accepted_after.size(), 9u);
  EXPECT_EQ(run({"audit", "run/run.db"}, dir), 0) << read(dir / "command.log");
  EXPECT_NE(read(dir / "command.log").find("audit passed"), std::string::npos);
  if (std::getenv("ZKFL_KEEP_TEST_FILES") == nullptr) fs::remove_all(dir);
}

}  // namespace
}  // namespace zkfl
