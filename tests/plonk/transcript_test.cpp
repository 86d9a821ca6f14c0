// The Fiat–Shamir transcript against known answers from an independent
// implementation (Python hashlib, tests/data/gen/gen_transcript_vectors.py),
// and the properties the proof system relies on.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "plonk/base/hex.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/transcript/transcript.hpp"

namespace zkfl::plonk {
namespace {

TEST(Sha256, KnownAnswersFromFips180) {
  // FIPS 180-4 example "abc" and the empty message.
  std::string abc = "abc";
  auto d = Sha256::hash(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(abc.data()), abc.size()));
  EXPECT_EQ(to_hex(d), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(Sha256::hash({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Transcript, MatchesIndependentImplementation) {
  std::ifstream in(std::string(ZKFL_TEST_DATA_DIR) + "/transcript_vectors.json");
  ASSERT_TRUE(in) << "missing tests/data/transcript_vectors.json";
  auto vectors = nlohmann::json::parse(in);
  size_t challenges = 0;
  for (const auto& script : vectors.at("scripts")) {
    Transcript t(script.at(0).at("label").get<std::string>());
    for (size_t i = 1; i < script.size(); ++i) {
      const auto& op = script.at(i);
      const std::string label = op.at("label");
      if (op.at("op") == "absorb") {
        auto data = from_hex(op.at("data").get<std::string>());
        ASSERT_TRUE(data.is_ok());
        t.absorb_bytes(label, *data);
      } else {
        auto expected = from_hex(op.at("value").get<std::string>());
        ASSERT_TRUE(expected.is_ok());
        auto value = Fr::from_bytes_be(*expected);
        ASSERT_TRUE(value.is_ok());
        EXPECT_EQ(t.challenge_scalar(label), *value) << "challenge " << label;
        ++challenges;
      }
    }
  }
  EXPECT_GE(challenges, 12u);
}

TEST(Transcript, ChallengesDependOnLabelsDataOrderAndDomain) {
  auto run = [](std::string_view domain, std::string_view l1, uint64_t v1, std::string_view l2, uint64_t v2) {
    Transcript t(domain);
    t.absorb_u64(l1, v1);
    t.absorb_u64(l2, v2);
    return t.challenge_scalar("c");
  };
  Fr base = run("d", "a", 1, "b", 2);
  EXPECT_EQ(base, run("d", "a", 1, "b", 2));
  EXPECT_NE(base, run("e", "a", 1, "b", 2));
  EXPECT_NE(base, run("d", "x", 1, "b", 2));
  EXPECT_NE(base, run("d", "a", 3, "b", 2));
  EXPECT_NE(base, run("d", "b", 2, "a", 1));
}

TEST(Transcript, PointsAreAbsorbedAsTheirUncompressedEncoding) {
  Transcript a("p"), b("p");
  a.absorb_point("P", G1Affine::generator());
  std::array<uint8_t, 64> bytes{};
  bytes[31] = 1;  // x = 1
  bytes[63] = 2;  // y = 2
  b.absorb_bytes("P", bytes);
  EXPECT_EQ(a.challenge_scalar("c"), b.challenge_scalar("c"));
}

TEST(Transcript, SuccessiveChallengesDifferAndManifestRecordsOperations) {
  Transcript t("m");
  t.absorb_scalar("x", Fr::from_u64(5));
  Fr c1 = t.challenge_scalar("c");
  Fr c2 = t.challenge_scalar("c");
  EXPECT_NE(c1, c2);
  std::vector<std::string> expected{"absorb:x", "challenge:c", "challenge:c"};
  EXPECT_EQ(t.manifest(), expected);
}

}  // namespace
}  // namespace zkfl::plonk
