// Submission and registration signatures: the signed bytes have the documented
// layout, a signature verifies, survives the wire, and fails after a change to
// any field or under another key.
#include <gtest/gtest.h>

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "protocol/message_signing.hpp"

namespace {

using namespace zkfl::protocol;

Submission sample_submission() {
  Submission s;
  s.run_id.fill(0x11);
  s.round = 4;
  s.participant = 2;
  s.w_out = {1, -2, 3};
  s.proof = {9, 8, 7, 6};
  s.link = {5, 4};
  s.sample_count = 100;
  return s;
}

Register sample_register(const SigningKey& key) {
  Register r;
  r.participant = 2;
  r.name = "bank-b";
  r.identity_key = key.public_key();
  r.curve_public_key.fill(0x22);
  r.registration_record = {1, 2, 3, 4, 5};
  r.sample_count = 250;
  return r;
}

TEST(MessageSigning, SubmissionSigningBytesLayout) {
  const Submission s = sample_submission();
  // Built here byte by byte from docs/PROTOCOL.md, independently of the library.
  std::vector<uint8_t> expected;
  expected.reserve(256);
  const auto be = [&](uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) expected.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  const auto raw = [&](std::span<const uint8_t> b) { expected.insert(expected.end(), b.begin(), b.end()); };
  const std::string domain = "zkfl-submission-v1";
  be(domain.size(), 4);
  raw(std::span(reinterpret_cast<const uint8_t*>(domain.data()), domain.size()));
  be(1, 2);  // protocol version
  raw(s.run_id);
  be(4, 8);    // round
  be(2, 8);    // participant
  be(100, 8);  // sample_count
  be(3, 4);
  be(1, 8);
  be(static_cast<uint64_t>(-2), 8);
  be(3, 8);
  be(4, 4);
  raw(s.proof);
  be(2, 4);
  raw(s.link);
  EXPECT_EQ(submission_signing_bytes(s), expected);
}

TEST(MessageSigning, SubmissionSignatureBindsEveryField) {
  zkfl::plonk::DeterministicRng rng(3);
  const SigningKey key = SigningKey::generate(rng);
  const SigningKey other = SigningKey::generate(rng);
  Submission signed_submission = sample_submission();
  sign_submission(signed_submission, key);
  ASSERT_TRUE(verify_submission_signature(signed_submission, key.public_key()));
  EXPECT_FALSE(verify_submission_signature(signed_submission, other.public_key()));

  // Through the wire and back, it still verifies.
  auto decoded = decode(encode(signed_submission).value());
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_TRUE(verify_submission_signature(std::get<Submission>(*decoded), key.public_key()));

  const std::vector<std::pair<const char*, std::function<void(Submission&)>>> changes = {
      {"run_id", [](Submission& s) { s.run_id[15] ^= 1; }},
      {"round", [](Submission& s) { s.round += 1; }},
      {"participant", [](Submission& s) { s.participant = 3; }},
      {"w_out value", [](Submission& s) { s.w_out[1] = 2; }},
      {"w_out length", [](Submission& s) { s.w_out.push_back(0); }},
      {"w_out shortened", [](Submission& s) { s.w_out.pop_back(); }},
      {"proof byte", [](Submission& s) { s.proof[0] ^= 0x80; }},
      {"proof length", [](Submission& s) { s.proof.pop_back(); }},
      {"link byte", [](Submission& s) { s.link[1] ^= 1; }},
      {"link emptied", [](Submission& s) { s.link.clear(); }},
      {"sample_count", [](Submission& s) { s.sample_count = 1000; }},
      {"signature", [](Submission& s) { s.signature[0] ^= 1; }},
  };
  for (const auto& [what, change] : changes) {
    Submission changed = signed_submission;
    change(changed);
    EXPECT_FALSE(verify_submission_signature(changed, key.public_key())) << what;
  }
}

TEST(MessageSigning, RegistrationSignatureBindsEveryField) {
  zkfl::plonk::DeterministicRng rng(4);
  const SigningKey key = SigningKey::generate(rng);
  Register r = sample_register(key);
  sign_registration(r, key);
  ASSERT_TRUE(verify_registration_signature(r));
  auto decoded = decode(encode(r).value());
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_TRUE(verify_registration_signature(std::get<Register>(*decoded)));

  const SigningKey other = SigningKey::generate(rng);
  const std::vector<std::pair<const char*, std::function<void(Register&)>>> changes = {
      {"participant", [](Register& x) { x.participant = 9; }},
      {"name", [](Register& x) { x.name = "bank-c"; }},
      {"identity_key", [&](Register& x) { x.identity_key = other.public_key(); }},
      {"curve_public_key", [](Register& x) { x.curve_public_key[0] ^= 1; }},
      {"registration_record", [](Register& x) { x.registration_record[4] ^= 1; }},
      {"sample_count", [](Register& x) { x.sample_count = 1; }},
  };
  for (const auto& [what, change] : changes) {
    Register changed = r;
    change(changed);
    EXPECT_FALSE(verify_registration_signature(changed)) << what;
  }
}

TEST(MessageSigning, DomainsKeepSignaturesApart) {
  // The same key signs both kinds; neither signed string is a prefix of the other's kind.
  zkfl::plonk::DeterministicRng rng(5);
  const SigningKey key = SigningKey::generate(rng);
  const Register r = sample_register(key);
  const auto reg_bytes = registration_signing_bytes(r);
  const auto sub_bytes = submission_signing_bytes(sample_submission());
  const std::string reg_domain(reg_bytes.begin() + 4, reg_bytes.begin() + 4 + 16);
  const std::string sub_domain(sub_bytes.begin() + 4, sub_bytes.begin() + 4 + 18);
  EXPECT_EQ(reg_domain, "zkfl-register-v1");
  EXPECT_EQ(sub_domain, "zkfl-submission-v1");
  Submission s = sample_submission();
  s.signature = key.sign(reg_bytes);
  EXPECT_FALSE(verify_submission_signature(s, key.public_key()));
}

}  // namespace
