// `zkfl setup`, run as a process: the whole life of an SRS (development,
// import, ceremony, trim, verify) and the errors a user sees on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plonk/kzg/file_io.hpp"

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string output;  // stdout and stderr together
};

// Runs `zkfl <args>` in `dir` through the shell and captures its output.
CliRun zkfl(const fs::path& dir, const std::string& args) {
  const std::string command = "cd '" + dir.string() + "' && '" + ZKFL_BINARY + "' --threads 2 " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class SetupCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("zkfl_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  const std::string ptau_ = std::string(ZKFL_TEST_DATA_DIR) + "/ptau/pot6_prepared.ptau";
};

TEST_F(SetupCliTest, HelpForEveryCommand) {
  for (const char* cmd : {"", "setup", "setup import", "setup dev", "setup new", "setup contribute", "setup finish",
                          "setup trim", "setup verify"}) {
    const CliRun r = zkfl(dir_, std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd << ": " << r.output;
    EXPECT_TRUE(has(r.output, "Usage:")) << cmd << ": " << r.output;
  }
  const CliRun none = zkfl(dir_, "");
  EXPECT_NE(none.code, 0);
}

TEST_F(SetupCliTest, DevelopmentSrsSaysItIsInsecureAndVerifies) {
  CliRun r = zkfl(dir_, "setup dev --k 6 --out dev.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "INSECURE")) << r.output;
  r = zkfl(dir_, "setup verify dev.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "valid SRS")) << r.output;
  EXPECT_TRUE(has(r.output, "origin:     insecure-development")) << r.output;
  EXPECT_TRUE(has(r.output, "INSECURE")) << r.output;
  r = zkfl(dir_, "setup trim dev.srs --k 3 --out small.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup verify small.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "k:          3 (8 powers)")) << r.output;
  r = zkfl(dir_, "setup trim small.srs --k 4 --out bigger.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "larger")) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "bigger.srs"));
}

TEST_F(SetupCliTest, ImportVerifyTrim) {
  CliRun r = zkfl(dir_, "setup import --ptau '" + ptau_ + "' --k 6 --out imported.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "ptau-import")) << r.output;
  r = zkfl(dir_, "setup verify imported.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup trim imported.srs --k 2 --out trimmed.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  // Trimming equals importing fewer powers.
  r = zkfl(dir_, "setup import --ptau '" + ptau_ + "' --k 2 --out direct.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(zkfl::plonk::read_file_bytes(dir_ / "trimmed.srs").value(),
            zkfl::plonk::read_file_bytes(dir_ / "direct.srs").value());

  r = zkfl(dir_, "setup import --ptau '" + ptau_ + "' --k 7 --out too_big.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "larger than the file's power 6")) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "too_big.srs"));
}

TEST_F(SetupCliTest, CeremonyFromStartToSrs) {
  CliRun r = zkfl(dir_, "setup new --k 4 --out c0.zkc");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup finish c0.zkc --out early.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "no contribution")) << r.output;
  r = zkfl(dir_, "setup contribute c0.zkc c1.zkc --name alice");
  ASSERT_EQ(r.code, 0) << r.output;
  const size_t at = r.output.find("contribution hash: ");
  ASSERT_NE(at, std::string::npos) << r.output;
  const std::string alice_hash = r.output.substr(at + 19, 64);
  r = zkfl(dir_, "setup contribute c1.zkc c2.zkc --name bob");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup verify c2.zkc");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "valid ceremony state")) << r.output;
  EXPECT_TRUE(has(r.output, "\"alice\"  " + alice_hash)) << r.output;
  r = zkfl(dir_, "setup finish c2.zkc --out ceremony.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup verify ceremony.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "origin:     ceremony")) << r.output;

  // Continuing the imported ceremony.
  r = zkfl(dir_, "setup import --ptau '" + ptau_ + "' --k 5 --out imported.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup new --from imported.srs --k 3 --out p0.zkc");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup contribute p0.zkc p1.zkc --name consortium");
  ASSERT_EQ(r.code, 0) << r.output;
  r = zkfl(dir_, "setup finish p1.zkc --out p.srs");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "ptau-import")) << r.output;
}

TEST_F(SetupCliTest, BadFilesFailWithAMessageAndLoseNothing) {
  ASSERT_EQ(zkfl(dir_, "setup dev --k 4 --out dev.srs").code, 0);
  ASSERT_EQ(zkfl(dir_, "setup new --k 3 --out c0.zkc").code, 0);
  ASSERT_EQ(zkfl(dir_, "setup contribute c0.zkc c1.zkc").code, 0);
  auto srs = zkfl::plonk::read_file_bytes(dir_ / "dev.srs").value();
  auto state = zkfl::plonk::read_file_bytes(dir_ / "c1.zkc").value();

  // A truncated and a corrupted SRS.
  std::vector<uint8_t> cut(srs.begin(), srs.begin() + static_cast<ptrdiff_t>(srs.size() / 2));
  ASSERT_TRUE(zkfl::plonk::write_file_atomically(dir_ / "cut.srs", cut));
  CliRun r = zkfl(dir_, "setup verify cut.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "zkfl: error: cut.srs")) << r.output;
  std::vector<uint8_t> flipped = srs;
  flipped[300] ^= 1;
  ASSERT_TRUE(zkfl::plonk::write_file_atomically(dir_ / "flipped.srs", flipped));
  r = zkfl(dir_, "setup verify flipped.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "corrupted")) << r.output;
  r = zkfl(dir_, "setup trim flipped.srs --k 2 --out t.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "t.srs"));

  // Not an SRS, and a missing file.
  r = zkfl(dir_, "setup verify '" + ptau_ + "'");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "neither a zkfl SRS file nor a ceremony state")) << r.output;
  r = zkfl(dir_, "setup verify missing.srs");
  EXPECT_NE(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "missing.srs")) << r.output;
  r = zkfl(dir_, "setup import --ptau dev.srs --k 2 --out x.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "not a .ptau file")) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "x.srs"));

  // A contribution on top of a corrupted state: refused, and an existing OUT is left as it was.
  std::vector<uint8_t> bad_state = state;
  bad_state[bad_state.size() / 2] ^= 0x80;
  ASSERT_TRUE(zkfl::plonk::write_file_atomically(dir_ / "bad.zkc", bad_state));
  r = zkfl(dir_, "setup contribute bad.zkc c0.zkc");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "zkfl: error: bad.zkc")) << r.output;
  r = zkfl(dir_, "setup verify c0.zkc");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "contributions: 0")) << r.output;

  // Usage errors: out-of-range k, a missing option, an unknown command.
  EXPECT_NE(zkfl(dir_, "setup dev --k 29 --out big.srs").code, 0);
  EXPECT_NE(zkfl(dir_, "setup dev --k 3").code, 0);
  EXPECT_NE(zkfl(dir_, "setup frobnicate").code, 0);
  // An unwritable destination.
  r = zkfl(dir_, "setup dev --k 3 --out no/such/dir/dev.srs");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_TRUE(has(r.output, "no/such/dir/dev.srs")) << r.output;
}

}  // namespace
