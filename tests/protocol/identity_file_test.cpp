// Key files: what `zkfl keygen` writes and what members load. Round trips,
// refusal to overwrite, permission checks on secret files, and clear errors
// for malformed or inconsistent files.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "plonk/base/random.hpp"
#include "protocol/identity_file.hpp"

namespace {

namespace fs = std::filesystem;
using namespace zkfl::protocol;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_text(const fs::path& path, const std::string& text, mode_t mode) {
  fs::remove(path);
  {
    std::ofstream out(path);
    out << text;
  }
  ::chmod(path.c_str(), mode);
}

mode_t file_mode(const fs::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}

class IdentityFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zkfl_identity_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  SecretIdentity make(const std::string& name, uint64_t seed) {
    zkfl::plonk::DeterministicRng rng(seed);
    auto identity = generate_identity(name, rng);
    EXPECT_TRUE(identity) << identity.error();
    return std::move(identity).value();
  }
  fs::path dir_;
};

TEST_F(IdentityFileTest, WriteThenReadBothFiles) {
  const SecretIdentity alice = make("alice", 1);
  ASSERT_TRUE(write_identity_files(dir_ / "keys", alice));
  const fs::path secret = dir_ / "keys" / "alice.secret";
  const fs::path pub = dir_ / "keys" / "alice.public";
  EXPECT_EQ(file_mode(secret), 0600u);
  EXPECT_EQ(file_mode(dir_ / "keys"), 0700u);
  EXPECT_EQ(file_mode(pub) & 077, file_mode(pub) & 044) << "public file writable by others";

  auto loaded = read_secret_identity(secret);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->name, "alice");
  EXPECT_EQ(loaded->signing_key.seed(), alice.signing_key.seed());
  EXPECT_EQ(loaded->curve.secret_key, alice.curve.secret_key);
  EXPECT_EQ(loaded->public_identity(), alice.public_identity());
  const std::vector<uint8_t> message = {1, 2, 3};
  EXPECT_TRUE(verify_signature(alice.signing_key.public_key(), message, loaded->signing_key.sign(message)));

  auto loaded_public = read_public_identity(pub);
  ASSERT_TRUE(loaded_public) << loaded_public.error();
  EXPECT_EQ(*loaded_public, alice.public_identity());
  // The public file holds no secret.
  const std::string public_text = read_text(pub);
  EXPECT_FALSE(has(public_text, "seed"));
  EXPECT_FALSE(has(public_text, to_z85(alice.curve.secret_key)));
}

TEST_F(IdentityFileTest, RefusesToOverwrite) {
  ASSERT_TRUE(write_identity_files(dir_, make("bob", 2)));
  const std::string before = read_text(dir_ / "bob.secret");
  const Status again = write_identity_files(dir_, make("bob", 3));
  ASSERT_FALSE(again);
  EXPECT_TRUE(has(again.message(), "already exists")) << again.message();
  EXPECT_EQ(read_text(dir_ / "bob.secret"), before);

  // Only the public file present: still refused, and no secret file appears.
  fs::remove(dir_ / "bob.secret");
  EXPECT_FALSE(write_identity_files(dir_, make("bob", 3)));
  EXPECT_FALSE(fs::exists(dir_ / "bob.secret"));
}

TEST_F(IdentityFileTest, SecretFileReadableByOthersIsRefused) {
  ASSERT_TRUE(write_identity_files(dir_, make("carol", 4)));
  const fs::path secret = dir_ / "carol.secret";
  for (mode_t mode : {0640u, 0604u, 0620u, 0644u}) {
    ASSERT_EQ(::chmod(secret.c_str(), mode), 0);
    auto r = read_secret_identity(secret);
    ASSERT_FALSE(r) << std::oct << mode;
    EXPECT_TRUE(has(r.error(), "chmod 600")) << r.error();
  }
  ASSERT_EQ(::chmod(secret.c_str(), 0400), 0);
  EXPECT_TRUE(read_secret_identity(secret));
  // A public file may be world-readable.
  EXPECT_TRUE(read_public_identity(dir_ / "carol.public"));
}

TEST_F(IdentityFileTest, MissingFileAndDirectoryAreErrors) {
  fs::create_directories(dir_);
  auto missing = read_secret_identity(dir_ / "nobody.secret");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(has(missing.error(), "nobody.secret")) << missing.error();
  auto directory = read_public_identity(dir_);
  ASSERT_FALSE(directory);
  EXPECT_TRUE(has(directory.error(), "not a regular file")) << directory.error();
}

TEST_F(IdentityFileTest, MalformedSecretFilesNameTheProblem) {
  fs::create_directories(dir_);
  const SecretIdentity dave = make("dave", 5);
  const std::string good = secret_identity_text(dave);
  ASSERT_TRUE(parse_secret_identity(good, "dave.secret"));

  const auto replace = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    return text;
  };
  const std::string seed_line = "ed25519_seed = \"";
  const size_t seed_at = good.find(seed_line) + seed_line.size();
  std::string flipped_seed = good;
  flipped_seed[seed_at] = flipped_seed[seed_at] == '0' ? '1' : '0';
  const std::string curve_line = "curve_secret = \"";
  const size_t curve_at = good.find(curve_line) + curve_line.size();
  std::string flipped_curve = good;
  flipped_curve[curve_at] = flipped_curve[curve_at] == 'a' ? 'b' : 'a';

  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "missing 'format'"},
      {replace("name = \"dave\"\n", ""), "missing 'name'"},
      {good + "name = \"dave\"\n", "appears twice"},
      {good + "colour = \"blue\"\n", "unknown key 'colour'"},
      {good + "garbage\n", "expected key = \"value\""},
      {replace("name = \"dave\"", "name = dave"), "double quotes"},
      {replace("zkfl-identity-secret-v1", "zkfl-identity-public-v1"), "NAME.secret vs NAME.public"},
      {replace("zkfl-identity-secret-v1", "zkfl-identity-secret-v9"), "unknown format"},
      {replace("name = \"dave\"", "name = \"../dave\""), "invalid identity name"},
      {replace(seed_line, seed_line + "00"), "must be 32 bytes"},
      {replace(seed_line, seed_line + "zz"), "ed25519_seed"},
      {flipped_seed, "does not match ed25519_seed"},
      {flipped_curve, "does not match curve_secret"},
      {replace(curve_line, curve_line + "x"), "curve_secret"},
  };
  for (const Case& c : cases) {
    auto r = parse_secret_identity(c.text, "dave.secret");
    ASSERT_FALSE(r) << c.expected;
    EXPECT_TRUE(has(r.error(), c.expected)) << "expected '" << c.expected << "' in: " << r.error();
    EXPECT_TRUE(has(r.error(), "dave.secret")) << r.error();
  }

  // Through the file reader too, with the line number of the problem.
  write_text(dir_ / "dave.secret", good + "colour = \"blue\"\n", 0600);
  auto from_file = read_secret_identity(dir_ / "dave.secret");
  ASSERT_FALSE(from_file);
  EXPECT_TRUE(has(from_file.error(), "dave.secret:9: unknown key")) << from_file.error();
}

TEST_F(IdentityFileTest, PublicFileParsesCommentsAndSpacing) {
  const PublicIdentity erin = make("erin", 6).public_identity();
  std::string text = public_identity_text(erin);
  auto parsed = parse_public_identity(text, "erin.public");
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(*parsed, erin);
  // Extra blank lines, comments and spaces are fine; a secret file is not a public file.
  text = "\n  # note\n" + text + "\n\n";
  EXPECT_TRUE(parse_public_identity(text, "erin.public"));
  auto wrong = parse_public_identity(secret_identity_text(make("erin", 6)), "erin.public");
  ASSERT_FALSE(wrong);
}

TEST_F(IdentityFileTest, NamesAreChecked) {
  zkfl::plonk::DeterministicRng rng(1);
  for (const char* bad : {"", ".hidden", "a/b", "a b", "é", "x\"y"}) {
    EXPECT_FALSE(generate_identity(bad, rng)) << bad;
  }
  EXPECT_FALSE(generate_identity(std::string(kMaxIdentityNameBytes + 1, 'a'), rng));
  EXPECT_TRUE(generate_identity(std::string(kMaxIdentityNameBytes, 'a'), rng));
  EXPECT_TRUE(generate_identity("hospital-1.east_wing", rng));
}

}  // namespace
