// `zkfl audit` with real step proofs: a small logistic-regression federation
// whose participants prove registered training steps (training/step_prover),
// audited with the verifier the CLI uses. An honest coordinator's run passes;
// one that accepted an update whose proof does not verify is reported.
#include <gtest/gtest.h>

#include "coordinator/audit_run.hpp"
#include "coordinator/ed25519.hpp"
#include "coordinator/run_database.hpp"
#include "plonk/base/random.hpp"
#include "run_fixture.hpp"
#include "training/batch_sampler.hpp"
#include "training/dataset_registration.hpp"
#include "training/step_prover.hpp"

namespace zkfl::coordinator {
namespace {

using plonk::DeterministicRng;
using training::QuantizedModel;
using training::StepSpec;

// What `zkfl audit` does for each decided submission: rebuild the public
// inputs from the authenticated records and verify the proof and its link.
ProofVerifier step_verifier(const StepSpec& spec, const plonk::VerifyingKey& vk, plonk::ThreadPool& pool) {
  return [spec, &vk, &pool](const AuditedSubmission& a) -> plonk::Result<bool> {
    if (a.run.spec_digest != training::step_spec_digest(spec)) {
      return plonk::Status::error("the run was made for another step spec");
    }
    auto record = training::RegistrationRecord::decode(a.participant.registration);
    if (!record) return record.status();
    auto w_in = QuantizedModel::unflatten(spec.shape, a.round.model);
    if (!w_in) return w_in.status();
    auto w_out = QuantizedModel::unflatten(spec.shape, a.submission.w_out);
    if (!w_out) return w_out.status();
    auto indices = training::sample_batch_indices(a.round.seed, a.participant.id, spec.dataset_rows,
                                                  spec.hyper.batch_size, spec.hyper.local_steps);
    if (!indices) return indices.status();
    const training::StepPublic pub{a.round.number, a.participant.id, std::move(*w_in), std::move(*w_out),
                                   std::move(*indices)};
    plonk::SecureRng rng;
    return training::verify_registered_step(vk, spec, pub, *record, a.submission.proof, a.submission.link, rng,
                                            pool);
  };
}

struct Member {
  uint64_t id = 0;
  Ed25519Key identity;
  std::vector<int64_t> x;
  std::vector<int64_t> labels;
  training::Registration registration;
};

class AuditProofTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = new plonk::ThreadPool(2);
    DeterministicRng rng(77);
    srs_ = new plonk::Srs(plonk::Srs::insecure_development(12, rng, *pool_));  // tests only
    auto pk = training::generate_step_key(*srs_, spec(), *pool_);
    ASSERT_TRUE(pk.is_ok()) << pk.error();
    pk_ = new plonk::ProvingKey(std::move(*pk));
  }
  static void TearDownTestSuite() {
    delete pk_;
    delete srs_;
    delete pool_;
  }

  static StepSpec spec() {
    return StepSpec{training::ModelShape{{3, 1}, training::OutputKind::kSigmoid}, training::Hyper{51, 4, 1}, 10, 4};
  }

  Member member(uint64_t id) {
    DeterministicRng rng(id * 31);
    Member m{id, testing::test_key(500 + id), {}, {}, {}};
    for (int64_t i = 0; i < spec().dataset_rows * 3; ++i) m.x.push_back(static_cast<int64_t>(rng.next_u64() % 1801) - 900);
    for (int64_t i = 0; i < spec().dataset_rows; ++i) m.labels.push_back(static_cast<int64_t>(rng.next_u64() % 2));
    const training::DatasetSchema schema{{"a", "b", "c"}, 2, training::kFractionBits};
    auto reg = training::register_dataset(*srs_, spec().data_layout(), spec().k(),
                                          training::DatasetView{m.x, m.labels}, schema, rng, *pool_);
    EXPECT_TRUE(reg.is_ok()) << reg.error();
    m.registration = std::move(*reg);
    return m;
  }

  // The member's submission for `round`: an honest proof of its step from
  // `model`; `claim_delta` added to the first weight of the claimed W_out.
  SubmissionRecord submit(const Member& m, const RoundRecord& round, int64_t claim_delta = 0) {
    auto w_in = QuantizedModel::unflatten(spec().shape, round.model);
    auto indices = training::sample_batch_indices(round.seed, m.id, spec().dataset_rows, spec().hyper.batch_size,
                                                  spec().hyper.local_steps);
    EXPECT_TRUE(w_in.is_ok() && indices.is_ok());
    training::StepWitness witness{*w_in, m.x, m.labels, *indices, training::StepTamper::kNone};
    DeterministicRng rng(round.number * 100 + m.id);
    auto proved = training::prove_registered_step(*pk_, *srs_, spec(), witness, m.registration, round.number, m.id,
                                                  rng, *pool_);
    EXPECT_TRUE(proved.is_ok()) << proved.error();
    SubmissionRecord s;
    s.round = round.number;
    s.participant = m.id;
    s.w_out = proved->w_out.flatten();
    s.w_out[0] += claim_delta;
    s.proof = std::move(proved->proof);
    s.link = std::move(proved->link);
    s.received_ms = 1000 * static_cast<int64_t>(round.number) + static_cast<int64_t>(m.id);
    s.signature = m.identity.sign(testing::submission_message(s));
    return s;
  }

  ParticipantRecord enrolment(const Member& m) {
    ParticipantRecord p = testing::participant_record(m.id, m.identity, spec().dataset_rows);
    p.registration = m.registration.record.encode();
    return p;
  }

  static plonk::ThreadPool* pool_;
  static plonk::Srs* srs_;
  static plonk::ProvingKey* pk_;
  testing::TempDir dir_;
  Ed25519Key coordinator_ = testing::test_key(600);
};
plonk::ThreadPool* AuditProofTest::pool_ = nullptr;
plonk::Srs* AuditProofTest::srs_ = nullptr;
plonk::ProvingKey* AuditProofTest::pk_ = nullptr;

TEST_F(AuditProofTest, StepProofsAreReverifiedAndADishonestAcceptanceIsReported) {
  const Member honest = member(1);
  const Member cheater = member(2);
  const ProofVerifier verify = step_verifier(spec(), pk_->vk(), *pool_);
  RunSetup setup;
  setup.config = "a logistic regression on three features";
  setup.spec_digest = training::step_spec_digest(spec());
  std::vector<int64_t> initial(4);
  for (size_t j = 0; j < initial.size(); ++j) initial[j] = 40 * static_cast<int64_t>(j) - 60;

  // Round 1: the honest member's update, and the cheater's boosted claim
  // (one weight moved) on an otherwise honest proof.
  std::vector<SubmissionRecord> round1;
  RoundRecord announced;
  announced.number = 1;
  announced.seed = testing::round_seed(1);
  announced.model = initial;
  round1.push_back(submit(honest, announced));
  round1.push_back(submit(cheater, announced, 25));

  // Two coordinators see the same submissions: one follows the verifier, one accepts everything.
  for (const bool dishonest : {false, true}) {
    const auto path = dir_ / (dishonest ? "dishonest.db" : "honest.db");
    {
      auto db = RunDatabase::create(path, setup, coordinator_);
      ASSERT_TRUE(db.is_ok()) << db.error();
      ASSERT_TRUE(db->enroll_participant(enrolment(honest)));
      ASSERT_TRUE(db->enroll_participant(enrolment(cheater)));
      ASSERT_TRUE(db->announce_round(RoundAnnounced{1, announced.seed, initial, 0}));
      ASSERT_TRUE(db->set_round_state(1, RoundState::kCollecting));
      for (const auto& s : round1) ASSERT_TRUE(db->record_submission(s));
      ASSERT_TRUE(db->set_round_state(1, RoundState::kVerifying));
      auto resume = db->load_resume_state();
      ASSERT_TRUE(resume.is_ok()) << resume.error();
      for (const auto& s : resume->submissions) {
        const ParticipantRecord& p = resume->participants[s.participant - 1];
        auto ok = verify(AuditedSubmission{resume->run, p, *resume->current_round, s});
        ASSERT_TRUE(ok.is_ok()) << ok.error();
        EXPECT_EQ(*ok, s.participant == honest.id);
        ASSERT_TRUE(db->record_verdict(1, s.participant, *ok || dishonest, *ok ? "" : "the step proof does not verify"));
      }
      auto next = db->compute_round_aggregate(1);
      ASSERT_TRUE(next.is_ok()) << next.error();
      ASSERT_TRUE(db->record_aggregation(1, *next, std::nullopt));
      if (dishonest) continue;

      // Round 2: the honest member replays its round-1 proof; the other proves honestly.
      auto round2 = RoundRecord{};
      round2.number = 2;
      round2.seed = testing::round_seed(2);
      round2.model = *next;
      ASSERT_TRUE(db->announce_round(RoundAnnounced{2, round2.seed, round2.model, 0}));
      SubmissionRecord replay = round1[0];
      replay.round = 2;
      replay.signature = honest.identity.sign(testing::submission_message(replay));
      SubmissionRecord fresh = submit(cheater, round2);
      ASSERT_TRUE(db->record_submission(replay));
      ASSERT_TRUE(db->record_submission(fresh));
      ASSERT_TRUE(db->set_round_state(2, RoundState::kVerifying));
      auto participants = db->load_participants();
      for (const SubmissionRecord* s : {&replay, &fresh}) {
        auto ok = verify(AuditedSubmission{db->run(), (*participants)[s->participant - 1], round2, *s});
        ASSERT_TRUE(ok.is_ok()) << ok.error();
        EXPECT_EQ(*ok, s == &fresh) << "participant " << s->participant;
        ASSERT_TRUE(db->record_verdict(2, s->participant, *ok, *ok ? "" : "the step proof does not verify"));
      }
      auto after = db->compute_round_aggregate(2);
      ASSERT_TRUE(after.is_ok()) << after.error();
      EXPECT_EQ(*after, fresh.w_out);  // the only accepted update
      ASSERT_TRUE(db->record_aggregation(2, *after, std::nullopt));
    }
    auto report = audit_run(path, ed25519_verify, verify);
    ASSERT_TRUE(report.is_ok()) << report.error();
    if (!dishonest) {
      EXPECT_TRUE(report->ok()) << report->to_text();
      EXPECT_EQ(report->proofs_checked, 4u);
      EXPECT_EQ(report->accepted, 2u);
      EXPECT_EQ(report->rejected, 2u);
      EXPECT_TRUE(report->notes.empty()) << report->to_text();
    } else {
      ASSERT_EQ(report->discrepancies.size(), 1u) << report->to_text();
      EXPECT_NE(report->discrepancies[0].find(
                    "participant 2's submission for round 1 was accepted, but its proof does not verify"),
                std::string::npos)
          << report->to_text();
    }
  }
}

}  // namespace
}  // namespace zkfl::coordinator
