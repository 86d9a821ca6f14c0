// The multi-party powers-of-tau ceremony: contributions, the verification of
// the whole chain, every kind of tampering, and the state's byte format.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kzg_test_support.hpp"
#include "plonk/curve/subgroup.hpp"
#include "plonk/kzg/ceremony.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/hash_to_g2.hpp"

namespace zkfl::plonk {
namespace {

using kzg_test::random_g1;
using kzg_test::random_g2;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CeremonyTest : public ::testing::Test {
 protected:
  CeremonyState two_contributions() {
    CeremonyState state = start_ceremony(4);
    EXPECT_TRUE(contribute(state, "alice", rng_, pool_));
    EXPECT_TRUE(contribute(state, "bob", rng_, pool_));
    return state;
  }
  ThreadPool pool_{2};
  DeterministicRng rng_{11};
};

TEST(HashToG2, DeterministicInTheSubgroupAndSeparated) {
  const std::vector<uint8_t> m1 = {1, 2, 3}, m2 = {1, 2, 4};
  const G2Affine a = hash_to_g2("d", m1);
  EXPECT_EQ(a, hash_to_g2("d", m1));
  EXPECT_FALSE(a.is_identity());
  EXPECT_TRUE(a.is_on_curve());
  EXPECT_TRUE(is_in_subgroup(a));
  EXPECT_FALSE(a == hash_to_g2("d", m2));
  EXPECT_FALSE(a == hash_to_g2("e", m1));
  for (uint8_t i = 0; i < 8; ++i) EXPECT_TRUE(is_in_subgroup(hash_to_g2("many", std::vector<uint8_t>{i})));
}

TEST_F(CeremonyTest, TwoContributionsVerifyAndChangeTau) {
  CeremonyState state = start_ceremony(4);
  EXPECT_TRUE(verify_ceremony(state, rng_, pool_));
  const Sha256::Digest start = ceremony_hash(state);
  auto h1 = contribute(state, "alice", rng_, pool_);
  ASSERT_TRUE(h1) << h1.error();
  EXPECT_EQ(*h1, ceremony_hash(state));
  EXPECT_NE(*h1, start);
  const G1Affine after_first = state.current.g1_powers()[1];
  EXPECT_FALSE(after_first == G1Affine::generator());
  auto h2 = contribute(state, "bob", rng_, pool_);
  ASSERT_TRUE(h2);
  EXPECT_NE(*h2, *h1);
  EXPECT_FALSE(state.current.g1_powers()[1] == after_first);
  ASSERT_EQ(state.contributions.size(), 2u);
  EXPECT_EQ(state.contributions[0].name, "alice");
  Status s = verify_ceremony(state, rng_, pool_);
  EXPECT_TRUE(s) << s.message();

  auto srs = finish_ceremony(state, rng_, pool_);
  ASSERT_TRUE(srs) << srs.error();
  EXPECT_EQ(srs->origin(), Srs::Origin::kCeremony);
  EXPECT_TRUE(has(srs->provenance(), "2 contribution(s)")) << srs->provenance();
  EXPECT_TRUE(srs->verify(rng_, pool_));
  EXPECT_EQ(srs->g1_powers()[0], G1Affine::generator());
}

TEST_F(CeremonyTest, FinishNeedsAContribution) {
  auto r = finish_ceremony(start_ceremony(3), rng_, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "no contribution")) << r.error();
}

TEST_F(CeremonyTest, ContinuesFromAnExistingSrs) {
  const Srs dev = Srs::insecure_development(3, rng_, pool_);
  CeremonyState state = start_ceremony_from(dev);
  EXPECT_TRUE(verify_ceremony(state, rng_, pool_));
  ASSERT_TRUE(contribute(state, "carol", rng_, pool_));
  EXPECT_TRUE(verify_ceremony(state, rng_, pool_));
  EXPECT_FALSE(state.current.g1_powers()[1] == dev.g1_powers()[1]);
  auto srs = finish_ceremony(state, rng_, pool_);
  ASSERT_TRUE(srs);
  EXPECT_TRUE(has(srs->provenance(), "insecure-development")) << srs->provenance();
}

TEST_F(CeremonyTest, NameLimit) {
  CeremonyState state = start_ceremony(2);
  EXPECT_FALSE(contribute(state, std::string(kMaxContributorName + 1, 'x'), rng_, pool_));
  EXPECT_TRUE(contribute(state, std::string(kMaxContributorName, 'x'), rng_, pool_));
}

TEST_F(CeremonyTest, WrongProofOfKnowledgeIsRejected) {
  const CeremonyState good = two_contributions();
  // A random proof point.
  CeremonyState bad = good;
  bad.contributions[1].proof_g2 = random_g2(rng_);
  Status s = verify_ceremony(bad, rng_, pool_);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has(s.message(), "contribution 2")) << s.message();
  EXPECT_TRUE(has(s.message(), "proof of knowledge")) << s.message();
  // A renamed contribution: its proof was made for another transcript.
  bad = good;
  bad.contributions[0].name = "mallory";
  s = verify_ceremony(bad, rng_, pool_);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has(s.message(), "proof of knowledge")) << s.message();
  // Reordered contributions.
  bad = good;
  std::swap(bad.contributions[0], bad.contributions[1]);
  EXPECT_FALSE(verify_ceremony(bad, rng_, pool_));
  // A dropped contribution.
  bad = good;
  bad.contributions.erase(bad.contributions.begin());
  EXPECT_FALSE(verify_ceremony(bad, rng_, pool_));
}

TEST_F(CeremonyTest, ProofForAnotherSecretIsRejected) {
  // A contributor who publishes [τ']₁ and π = τ'·H correctly but multiplies the
  // powers by a different secret (e.g. to keep a known τ): the update check fails.
  CeremonyState state = start_ceremony(3);
  ASSERT_TRUE(contribute(state, "alice", rng_, pool_));
  const Sha256::Digest previous = ceremony_hash(state);
  const Fr claimed = Fr::random(rng_);
  const Fr used = Fr::random(rng_);
  Contribution c;
  c.name = "mallory";
  c.tau_prime_g1 = (G1::generator() * claimed).to_affine();
  c.proof_g2 = (G2(proof_of_knowledge_base(previous, c.name, c.tau_prime_g1)) * claimed).to_affine();
  std::vector<G1> powers;
  Fr t = Fr::one();
  for (const G1Affine& p : state.current.g1_powers()) {
    powers.push_back(p * t);
    t *= used;
  }
  const std::vector<G1Affine> affine = G1::batch_to_affine(powers);
  c.tau_g1 = affine[1];
  c.tau_g2 = (G2(state.current.tau_g2()) * used).to_affine();
  CeremonyState bad = state;
  bad.contributions.push_back(c);
  bad.current = Srs(3, affine, c.tau_g2, Srs::Origin::kCeremony, "");
  ASSERT_TRUE(bad.current.verify(rng_, pool_));  // the powers themselves are consistent
  const Status s = verify_ceremony(bad, rng_, pool_);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has(s.message(), "not the previous one times its secret")) << s.message();
}

TEST_F(CeremonyTest, InconsistentPowersAreRejected) {
  const CeremonyState good = two_contributions();
  std::vector<G1Affine> powers(good.current.g1_powers().begin(), good.current.g1_powers().end());
  powers[9] = (G1(powers[9]) * Fr::from_u64(2)).to_affine();
  CeremonyState bad = good;
  bad.current = Srs(4, powers, good.current.tau_g2(), Srs::Origin::kCeremony, "");
  const Status s = verify_ceremony(bad, rng_, pool_);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has(s.message(), "current powers")) << s.message();
}

TEST_F(CeremonyTest, TamperingWithAnyPointIsDetected) {
  const CeremonyState good = two_contributions();
  ASSERT_TRUE(verify_ceremony(good, rng_, pool_));
  std::vector<std::pair<std::string, std::function<void(CeremonyState&)>>> edits = {
      {"start g1", [&](CeremonyState& s) { s.start_tau_g1 = random_g1(rng_); }},
      {"start g2", [&](CeremonyState& s) { s.start_tau_g2 = random_g2(rng_); }},
      {"start provenance", [&](CeremonyState& s) { s.start_provenance += "!"; }},
  };
  for (size_t j = 0; j < 2; ++j) {
    const std::string c = "contribution " + std::to_string(j) + " ";
    edits.emplace_back(c + "tau'", [&, j](CeremonyState& s) { s.contributions[j].tau_prime_g1 = random_g1(rng_); });
    edits.emplace_back(c + "proof", [&, j](CeremonyState& s) { s.contributions[j].proof_g2 = random_g2(rng_); });
    edits.emplace_back(c + "tau g1", [&, j](CeremonyState& s) { s.contributions[j].tau_g1 = random_g1(rng_); });
    edits.emplace_back(c + "tau g2", [&, j](CeremonyState& s) { s.contributions[j].tau_g2 = random_g2(rng_); });
  }
  for (size_t i = 0; i < good.current.size(); ++i) {
    edits.emplace_back("power " + std::to_string(i), [&, i](CeremonyState& s) {
      std::vector<G1Affine> p(s.current.g1_powers().begin(), s.current.g1_powers().end());
      p[i] = random_g1(rng_);
      s.current = Srs(s.current.k(), p, s.current.tau_g2(), Srs::Origin::kCeremony, "");
    });
  }
  edits.emplace_back("current tau g2", [&](CeremonyState& s) {
    std::vector<G1Affine> p(s.current.g1_powers().begin(), s.current.g1_powers().end());
    s.current = Srs(s.current.k(), p, random_g2(rng_), Srs::Origin::kCeremony, "");
  });
  for (const auto& [what, edit] : edits) {
    CeremonyState bad = good;
    edit(bad);
    EXPECT_FALSE(verify_ceremony(bad, rng_, pool_)) << what;
  }
}

TEST_F(CeremonyTest, EncodingRoundTripAndStrictDecoding) {
  const CeremonyState state = two_contributions();
  const std::vector<uint8_t> bytes = encode_ceremony(state);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 7), "ZKFLCER");
  auto decoded = decode_ceremony(bytes, pool_);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(encode_ceremony(*decoded), bytes);
  EXPECT_EQ(ceremony_hash(*decoded), ceremony_hash(state));
  EXPECT_TRUE(verify_ceremony(*decoded, rng_, pool_));
  // A decoded state accepts further contributions.
  ASSERT_TRUE(contribute(*decoded, "dave", rng_, pool_));
  EXPECT_TRUE(verify_ceremony(*decoded, rng_, pool_));

  for (size_t len = 0; len < bytes.size(); len += 13) {
    EXPECT_FALSE(decode_ceremony(std::span(bytes).first(len), pool_)) << len;
  }
  for (size_t i = 0; i < bytes.size(); i += 7) {
    std::vector<uint8_t> corrupted = bytes;
    corrupted[i] ^= 0x10;
    EXPECT_FALSE(decode_ceremony(corrupted, pool_)) << "byte " << i;
  }
  std::vector<uint8_t> body(bytes.begin(), bytes.end() - kChecksumBytes);
  body.push_back(0);
  append_checksum(body);
  auto r = decode_ceremony(body, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "trailing")) << r.error();
  auto srs_bytes = Srs::insecure_development(2, rng_, pool_).to_bytes();
  r = decode_ceremony(srs_bytes, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "not a zkfl ceremony state")) << r.error();
}

TEST_F(CeremonyTest, FileRoundTrip) {
  const auto path = std::filesystem::temp_directory_path() / ("zkfl_ceremony_" + std::to_string(::getpid()));
  const CeremonyState state = two_contributions();
  ASSERT_TRUE(write_ceremony_file(path, state));
  auto read = read_ceremony_file(path, rng_, pool_);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(ceremony_hash(*read), ceremony_hash(state));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace zkfl::plonk
