// Shared by the coordinator tests: temporary directories, keys, signed
// submissions and an honest run built through the RunDatabase API.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "coordinator/audit_run.hpp"
#include "coordinator/ed25519.hpp"
#include "coordinator/model_blob.hpp"
#include "coordinator/run_database.hpp"
#include "plonk/base/random.hpp"
#include "plonk/base/sha256.hpp"

namespace zkfl::coordinator::testing {

// A fresh directory under the system's temporary directory, removed at the end.
class TempDir {
 public:
  TempDir() {
    plonk::SecureRng rng;
    path_ = std::filesystem::temp_directory_path() / ("zkfl-coordinator-test-" + std::to_string(rng.next_u64()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline Ed25519Key test_key(uint64_t seed) {
  plonk::DeterministicRng rng(seed);
  auto key = Ed25519Key::generate(rng);
  EXPECT_TRUE(key.is_ok()) << key.error();
  return std::move(*key);
}

// What participants sign in these tests (the protocol defines the real message).
inline std::vector<uint8_t> submission_message(const SubmissionRecord& s) {
  plonk::Sha256 h;
  h.update("zkfl-test-submission");
  h.update_be(s.round, 8);
  h.update_be(s.participant, 8);
  h.update(encode_weights(s.w_out));
  h.update(plonk::Sha256::hash(s.proof));
  h.update(plonk::Sha256::hash(s.link));
  const auto d = h.finish();
  return std::vector<uint8_t>(d.begin(), d.end());
}

inline SubmissionRecord signed_submission(const Ed25519Key& key, uint64_t round, uint64_t participant,
                                          std::vector<int64_t> w_out, int64_t received_ms) {
  SubmissionRecord s;
  s.round = round;
  s.participant = participant;
  s.w_out = std::move(w_out);
  s.proof = std::vector<uint8_t>(48, static_cast<uint8_t>(round * 16 + participant));
  s.link = {1, 2, static_cast<uint8_t>(participant)};
  s.received_ms = received_ms;
  s.signature = key.sign(submission_message(s));
  return s;
}

// A stand-in for proof verification that is still a real check: the
// submission's Ed25519 signature under the participant's identity key.
inline bool signature_valid(const ParticipantRecord& p, const SubmissionRecord& s) {
  return ed25519_verify(p.identity_key, submission_message(s), s.signature);
}

inline ProofVerifier signature_checking_verifier() {
  return [](const AuditedSubmission& a) -> plonk::Result<bool> { return signature_valid(a.participant, a.submission); };
}

inline ParticipantRecord participant_record(uint64_t id, const Ed25519Key& identity, int64_t samples) {
  ParticipantRecord p;
  p.id = id;
  p.name = "hospital-" + std::to_string(id);
  p.identity_key = identity.public_key();
  p.curve_key = test_key(1000 + id).public_key();
  p.registration = std::vector<uint8_t>(40, static_cast<uint8_t>(id));
  p.samples = samples;
  p.enrolled_ms = 1'700'000'000'000 + static_cast<int64_t>(id);
  return p;
}

inline Seed round_seed(uint64_t round) {
  plonk::Sha256 h;
  h.update("test round seed");
  h.update_be(round, 8);
  return h.finish();
}

// The honest run of these tests: participants 1 to 4 (sample counts 10, 20,
// 30, 40), models of 6 weights. Rounds 1 and 2 are aggregated; in round 2
// participant 3's submission carries a bad signature and is rejected. Round 3
// is left collecting with participant 1's submission pending, as a
// coordinator killed mid-round leaves it. Audit entries: 0 run, 1–4
// enrolments, 5 round 1, 6 collecting, 7–10 submissions, 11 verifying, 12–15
// verdicts, 16 aggregated, 17–28 the same for round 2 (26: the rejection),
// 29 round 3, 30 collecting, 31 its one submission.
struct HonestRun {
  std::vector<Ed25519Key> identities;  // index i: participant i + 1
  std::vector<int64_t> initial_model = {100, -200, 300, -400, 500, 0};
};

inline std::vector<int64_t> trained(const std::vector<int64_t>& model, uint64_t round, uint64_t participant) {
  std::vector<int64_t> out = model;
  for (size_t j = 0; j < out.size(); ++j) {
    out[j] += static_cast<int64_t>((round * 7 + participant * 13 + j * 3) % 41) - 20;
  }
  return out;
}

inline HonestRun build_honest_run(const std::filesystem::path& path, const Ed25519Key& coordinator,
                                  const std::string& aggregation = "fedavg") {
  HonestRun run;
  for (uint64_t i = 1; i <= 4; ++i) run.identities.push_back(test_key(100 + i));
  RunSetup setup;
  setup.config = "[federation]\nname = \"test\"\n";
  setup.spec_digest = plonk::Sha256::hash(std::vector<uint8_t>{1, 2, 3});
  setup.aggregation = aggregation;
  setup.created_ms = 1'700'000'000'000;
  auto db = RunDatabase::create(path, setup, coordinator);
  EXPECT_TRUE(db.is_ok()) << db.error();
  if (!db) return run;
  for (uint64_t i = 1; i <= 4; ++i) {
    EXPECT_TRUE(db->enroll_participant(participant_record(i, run.identities[i - 1], static_cast<int64_t>(10 * i))));
  }
  std::vector<int64_t> model = run.initial_model;
  for (uint64_t r = 1; r <= 3; ++r) {
    const int64_t t0 = 1'700'000'100'000 + static_cast<int64_t>(r) * 1000;
    EXPECT_TRUE(db->announce_round(RoundAnnounced{r, round_seed(r), model, t0 + 500}));
    EXPECT_TRUE(db->set_round_state(r, RoundState::kCollecting));
    for (uint64_t p = 1; p <= 4; ++p) {
      if (r == 3 && p > 1) break;  // killed mid-round
      auto s = signed_submission(run.identities[p - 1], r, p, trained(model, r, p), t0 + static_cast<int64_t>(p));
      if (r == 2 && p == 3) s.signature[5] ^= 1;  // a forged or corrupted submission
      auto recorded = db->record_submission(s);
      EXPECT_TRUE(recorded) << recorded.message();
    }
    if (r == 3) break;
    EXPECT_TRUE(db->set_round_state(r, RoundState::kVerifying));
    auto participants = db->load_participants();
    auto submissions = db->load_submissions(r);
    EXPECT_TRUE(participants.is_ok() && submissions.is_ok());
    for (const auto& s : *submissions) {
      const bool valid = signature_valid((*participants)[s.participant - 1], s);
      auto v = db->record_verdict(r, s.participant, valid, valid ? "" : "the signature does not verify");
      EXPECT_TRUE(v) << v.message();
    }
    auto next = db->compute_round_aggregate(r);
    EXPECT_TRUE(next.is_ok()) << next.error();
    auto a = db->record_aggregation(r, *next, 0.5 + 0.1 * static_cast<double>(r));
    EXPECT_TRUE(a) << a.message();
    model = *next;
  }
  return run;
}

}  // namespace zkfl::coordinator::testing
