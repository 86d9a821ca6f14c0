// `zkfl keygen`, run as a process in a temporary directory: it writes a
// private secret file and a shareable public file that load back, never
// overwrites, and explains bad input.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "plonk/base/hex.hpp"
#include "protocol/identity_file.hpp"

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string output;  // stdout and stderr together
};

CliRun zkfl(const fs::path& dir, const std::string& args) {
  const std::string command = "cd '" + dir.string() + "' && '" + ZKFL_BINARY + "' " + args + " 2>&1";
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

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

mode_t file_mode(const fs::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}

class KeygenCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zkfl_keygen_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(KeygenCliTest, Help) {
  const CliRun r = zkfl(dir_, "keygen --help");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(has(r.output, "Usage:")) << r.output;
  EXPECT_TRUE(has(r.output, "--out")) << r.output;
  EXPECT_TRUE(has(r.output, "--name")) << r.output;
  EXPECT_NE(zkfl(dir_, "keygen --out keys").code, 0);  // --name is required
}

TEST_F(KeygenCliTest, WritesKeysThatLoadBack) {
  const CliRun r = zkfl(dir_, "keygen --out keys --name hospital-a");
  ASSERT_EQ(r.code, 0) << r.output;
  const fs::path secret = dir_ / "keys" / "hospital-a.secret";
  const fs::path pub = dir_ / "keys" / "hospital-a.public";
  ASSERT_TRUE(fs::exists(secret));
  ASSERT_TRUE(fs::exists(pub));
  EXPECT_EQ(file_mode(secret), 0600u);
  EXPECT_EQ(file_mode(pub) & 022, 0u);

  auto identity = zkfl::protocol::read_secret_identity(secret);
  ASSERT_TRUE(identity) << identity.error();
  auto public_identity = zkfl::protocol::read_public_identity(pub);
  ASSERT_TRUE(public_identity) << public_identity.error();
  EXPECT_EQ(identity->public_identity(), *public_identity);
  EXPECT_EQ(public_identity->name, "hospital-a");
  // The command prints the public keys it wrote, and never a secret.
  EXPECT_TRUE(has(r.output, zkfl::plonk::to_hex(public_identity->identity_key))) << r.output;
  EXPECT_TRUE(has(r.output, zkfl::protocol::to_z85(public_identity->curve_public_key))) << r.output;
  EXPECT_FALSE(has(r.output, zkfl::plonk::to_hex(identity->signing_key.seed())));
  EXPECT_FALSE(has(r.output, zkfl::protocol::to_z85(identity->curve.secret_key)));

  // Two runs give two different identities.
  ASSERT_EQ(zkfl(dir_, "keygen --out keys --name hospital-b").code, 0);
  auto other = zkfl::protocol::read_public_identity(dir_ / "keys" / "hospital-b.public");
  ASSERT_TRUE(other);
  EXPECT_NE(other->identity_key, public_identity->identity_key);
  EXPECT_NE(other->curve_public_key, public_identity->curve_public_key);
}

TEST_F(KeygenCliTest, RefusesToOverwriteAndRejectsBadNames) {
  ASSERT_EQ(zkfl(dir_, "keygen --out . --name alice").code, 0);
  const std::string secret_before = read_text(dir_ / "alice.secret");
  const std::string public_before = read_text(dir_ / "alice.public");
  const CliRun again = zkfl(dir_, "keygen --out . --name alice");
  EXPECT_EQ(again.code, 1) << again.output;
  EXPECT_TRUE(has(again.output, "already exists")) << again.output;
  EXPECT_EQ(read_text(dir_ / "alice.secret"), secret_before);
  EXPECT_EQ(read_text(dir_ / "alice.public"), public_before);

  const CliRun bad = zkfl(dir_, "keygen --out . --name ../escape");
  EXPECT_EQ(bad.code, 1) << bad.output;
  EXPECT_TRUE(has(bad.output, "invalid identity name")) << bad.output;
  EXPECT_FALSE(fs::exists(dir_.parent_path() / "escape.secret"));
}

}  // namespace
