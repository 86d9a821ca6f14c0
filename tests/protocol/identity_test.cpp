// Ed25519 identity keys against RFC 8032's test vectors, and CURVE keys and
// Z85 text against the test keys of ZeroMQ's zmq_curve(7) manual.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plonk/base/hex.hpp"
#include "plonk/base/random.hpp"
#include "protocol/identity.hpp"

namespace {

using namespace zkfl::protocol;
using zkfl::plonk::from_hex;
using zkfl::plonk::to_hex;

template <size_t N>
std::array<uint8_t, N> hex_array(const std::string& hex) {
  auto bytes = from_hex(hex).value();
  EXPECT_EQ(bytes.size(), N);
  std::array<uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

struct Rfc8032Vector {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 §7.1, TEST 1, TEST 2 and TEST 3.
const Rfc8032Vector kVectors[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
     "655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb"
     "00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc"
     "027beceea1ec40a"},
};

TEST(SigningKey, MatchesRfc8032Vectors) {
  for (const auto& v : kVectors) {
    const auto seed = hex_array<32>(v.seed);
    auto key = SigningKey::from_seed(seed);
    ASSERT_TRUE(key) << key.error();
    EXPECT_EQ(to_hex(key->public_key()), v.public_key);
    const std::vector<uint8_t> message = from_hex(v.message).value();
    const Ed25519Signature signature = key->sign(message);
    EXPECT_EQ(to_hex(signature), v.signature);
    EXPECT_TRUE(verify_signature(hex_array<32>(v.public_key), message, hex_array<64>(v.signature)));
  }
}

TEST(SigningKey, VerificationFailsForAnyChange) {
  zkfl::plonk::DeterministicRng rng(7);
  const SigningKey key = SigningKey::generate(rng);
  const SigningKey other = SigningKey::generate(rng);
  EXPECT_NE(key.public_key(), other.public_key());
  const std::vector<uint8_t> message = {1, 2, 3, 4, 5};
  const Ed25519Signature signature = key.sign(message);
  EXPECT_TRUE(verify_signature(key.public_key(), message, signature));
  EXPECT_FALSE(verify_signature(other.public_key(), message, signature));
  for (size_t i = 0; i < message.size(); ++i) {
    auto changed = message;
    changed[i] ^= 1;
    EXPECT_FALSE(verify_signature(key.public_key(), changed, signature));
  }
  auto longer = message;
  longer.push_back(0);
  EXPECT_FALSE(verify_signature(key.public_key(), longer, signature));
  for (size_t i = 0; i < signature.size(); i += 7) {
    auto bad = signature;
    bad[i] ^= 0x80;
    EXPECT_FALSE(verify_signature(key.public_key(), message, bad));
  }
  // A public key that is not a curve point verifies nothing (and does not crash).
  Ed25519PublicKey not_a_point{};
  not_a_point.fill(0xff);
  EXPECT_FALSE(verify_signature(not_a_point, message, signature));
}

TEST(SigningKey, SameSeedSameKeyAndMoveKeepsIt) {
  zkfl::plonk::DeterministicRng a(11);
  zkfl::plonk::DeterministicRng b(11);
  SigningKey first = SigningKey::generate(a);
  const SigningKey second = SigningKey::generate(b);
  EXPECT_EQ(first.public_key(), second.public_key());
  EXPECT_EQ(first.seed(), second.seed());
  const std::vector<uint8_t> message = {9};
  SigningKey moved = std::move(first);
  EXPECT_EQ(moved.sign(message), second.sign(message));
}

// zmq_curve(7), "TEST KEY VALUES".
constexpr const char* kClientPublicHex = "BB88471D65E2659B30C55A5321CEBB5AAB2B70A398645C26DCA2B2FCB43FC518";
constexpr const char* kClientPublicZ85 = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
constexpr const char* kClientSecretHex = "7BB864B489AFA3671FBE69101F94B38972F24816DFB01B51656B3FEC8DFD0888";
constexpr const char* kClientSecretZ85 = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
constexpr const char* kServerPublicHex = "54FCBA24E93249969316FB617C872BB0C1D1FF14800427C594CBFACF1BC2D652";
constexpr const char* kServerSecretZ85 = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

TEST(CurveKeys, Z85MatchesZeroMqTestKeys) {
  EXPECT_EQ(to_z85(hex_array<32>(kClientPublicHex)), kClientPublicZ85);
  EXPECT_EQ(to_z85(hex_array<32>(kClientSecretHex)), kClientSecretZ85);
  auto parsed = curve_key_from_z85(kClientPublicZ85);
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(*parsed, hex_array<32>(kClientPublicHex));
}

TEST(CurveKeys, PublicKeyDerivedFromSecret) {
  ASSERT_TRUE(curve_supported()) << "libzmq without CURVE: the federation cannot run";
  auto client = CurveKeyPair::from_secret(curve_key_from_z85(kClientSecretZ85).value());
  ASSERT_TRUE(client) << client.error();
  EXPECT_EQ(client->public_key, hex_array<32>(kClientPublicHex));
  auto server = CurveKeyPair::from_secret(curve_key_from_z85(kServerSecretZ85).value());
  ASSERT_TRUE(server) << server.error();
  EXPECT_EQ(server->public_key, hex_array<32>(kServerPublicHex));
}

TEST(CurveKeys, GeneratedPairsAreConsistentAndFresh) {
  auto a = CurveKeyPair::generate();
  auto b = CurveKeyPair::generate();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->secret_key, b->secret_key);
  EXPECT_NE(a->public_key, b->public_key);
  auto again = CurveKeyPair::from_secret(a->secret_key);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key, a->public_key);
}

TEST(CurveKeys, MalformedZ85IsRejected) {
  EXPECT_FALSE(curve_key_from_z85(""));
  EXPECT_FALSE(curve_key_from_z85(std::string(kClientPublicZ85).substr(0, 39)));
  EXPECT_FALSE(curve_key_from_z85(std::string(kClientPublicZ85) + "0"));
  std::string bad = kClientPublicZ85;
  bad[5] = ' ';
  auto r = curve_key_from_z85(bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("not a Z85 character"), std::string::npos) << r.error();
  bad[5] = '"';
  EXPECT_FALSE(curve_key_from_z85(bad));
  // "#####" is 85^5 - 1 > 2^32 - 1: valid characters, but no key has this text.
  EXPECT_FALSE(curve_key_from_z85("#####" + std::string(kClientPublicZ85).substr(5)));
}

}  // namespace
