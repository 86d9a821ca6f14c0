// Real proofs of training steps: honest ones verify; each cheat, made by an
// adversarial prover that builds a witness for it and still produces a
// proof, is rejected by the verifier and pinpointed by the MockProver.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plonk/base/random.hpp"
#include "plonk/circuit/mock_prover.hpp"
#include "plonk/proof/prover.hpp"
#include "plonk/proof/verifier.hpp"
#include "plonk/base/hex.hpp"
#include "training/dataset_registration.hpp"
#include "training/step_batch_verifier.hpp"

#include <unistd.h>
#include "training/step_prover.hpp"

namespace zkfl::training {
namespace {

using plonk::DeterministicRng;

StepSpec small_spec(ModelShape shape, int64_t steps) { return StepSpec{std::move(shape), Hyper{51, 4, steps}, 10, 4}; }

StepWitness small_witness(const StepSpec& spec, uint64_t seed) {
  DeterministicRng rng(seed);
  const auto draw = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng.next_u64() % static_cast<uint64_t>(hi - lo + 1));
  };
  StepWitness w;
  w.w_in = QuantizedModel::zeros(spec.shape);
  for (auto& l : w.w_in.layers) {
    for (auto& v : l.values) v = draw(-300, 300);
  }
  for (int64_t i = 0; i < spec.dataset_rows * spec.shape.inputs(); ++i) w.x.push_back(draw(-900, 900));
  for (int64_t i = 0; i < spec.dataset_rows; ++i) w.labels.push_back(draw(0, spec.shape.num_classes() - 1));
  for (int64_t e = 0; e < spec.hyper.local_steps; ++e) {
    for (int64_t b = 0; b < spec.hyper.batch_size; ++b) w.indices.push_back((3 * e + 2 * b + 1) % spec.dataset_rows);
  }
  return w;
}

class StepProofTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = new plonk::ThreadPool(2);
    DeterministicRng rng(77);
    srs_ = new plonk::Srs(plonk::Srs::insecure_development(14, rng, *pool_));  // tests only
  }
  static void TearDownTestSuite() {
    delete srs_;
    delete pool_;
  }

  // The proving key of `spec`, made once per spec.
  const plonk::ProvingKey& key(const StepSpec& spec) {
    const auto digest = step_spec_digest(spec);
    for (auto& [d, pk] : keys_) {
      if (d == digest) return pk;
    }
    auto pk = generate_step_key(*srs_, spec, *pool_);
    EXPECT_TRUE(pk.is_ok()) << pk.error();
    keys_.emplace_back(digest, std::move(*pk));
    return keys_.back().second;
  }

  // An adversarial prover: runs the (possibly tampered) witness, publishes what
  // it computed unless `claim` overrides the public inputs, and proves anyway.
  std::vector<uint8_t> adversarial_proof(const StepSpec& spec, StepWitness witness, StepPublic& claim,
                                         bool override_w_out = false) {
    StepCircuit circuit(spec, witness);
    auto out = circuit.compute_output();
    EXPECT_TRUE(out.is_ok()) << out.error();
    if (!override_w_out) claim.w_out = *out;
    auto instance = step_instance(spec, claim);
    EXPECT_TRUE(instance.is_ok()) << instance.error();
    DeterministicRng rng(5);
    plonk::ProverObservers obs;
    obs.skip_lookup_check = true;
    auto proof = plonk::create_proof(key(spec), *srs_, circuit, *instance, rng, *pool_, obs);
    EXPECT_TRUE(proof.is_ok()) << proof.error();
    return proof.is_ok() ? proof->encode() : std::vector<uint8_t>{};
  }

  // The MockProver's first failure for the claim, or "" when it is satisfied.
  std::string mock_failure(const StepSpec& spec, const StepWitness& witness, const StepPublic& claim) {
    StepCircuit circuit(spec, witness);
    auto instance = step_instance(spec, claim);
    EXPECT_TRUE(instance.is_ok()) << instance.error();
    DeterministicRng rng(6);
    auto mp = plonk::MockProver::run(spec.k(), circuit, *instance, rng);
    EXPECT_TRUE(mp.is_ok()) << mp.error();
    const auto failures = mp->verify();
    return failures.empty() ? "" : failures.front().to_string();
  }

  bool verifies(const StepSpec& spec, const StepPublic& pub, const std::vector<uint8_t>& proof) {
    auto r = verify_step(key(spec).vk(), spec, pub, proof, *pool_);
    EXPECT_TRUE(r.is_ok()) << r.error();
    return r.is_ok() && *r;
  }

  static plonk::ThreadPool* pool_;
  static plonk::Srs* srs_;
  std::vector<std::pair<plonk::Sha256::Digest, plonk::ProvingKey>> keys_;
};
plonk::ThreadPool* StepProofTest::pool_ = nullptr;
plonk::Srs* StepProofTest::srs_ = nullptr;

TEST_F(StepProofTest, HonestLogisticRegressionAndMlpVerify) {
  for (const StepSpec& spec : {small_spec(ModelShape{{3, 1}, OutputKind::kSigmoid}, 2),
                               small_spec(ModelShape{{4, 3, 3}, OutputKind::kSoftmax}, 2)}) {
    const StepWitness witness = small_witness(spec, 11);
    DeterministicRng rng(1);
    auto proved = prove_step(key(spec), *srs_, spec, witness, 4, 2, rng, *pool_);
    ASSERT_TRUE(proved.is_ok()) << proved.error();
    StepPublic pub{4, 2, witness.w_in, proved->w_out, witness.indices};
    EXPECT_TRUE(verifies(spec, pub, proved->proof)) << spec.shape.name();
    EXPECT_NE(proved->w_out.flatten(), witness.w_in.flatten());
    // The same proof does not transfer to another round or participant.
    StepPublic other_round = pub;
    other_round.round = 5;
    EXPECT_FALSE(verifies(spec, other_round, proved->proof));
    StepPublic other_participant = pub;
    other_participant.participant = 3;
    EXPECT_FALSE(verifies(spec, other_participant, proved->proof));
  }
}

struct Cheat {
  const char* name;
  StepTamper tamper;
  const char* mock_says;  // a substring of the MockProver's first failure
};

TEST_F(StepProofTest, EveryWitnessCheatIsRejectedAndPinpointed) {
  const StepSpec spec = small_spec(ModelShape{{3, 2, 1}, OutputKind::kSigmoid}, 2);
  const StepWitness honest = small_witness(spec, 21);
  const Cheat cheats[] = {
      {"altered gradient entry", StepTamper::kGradientEntry, "freivalds product"},
      {"another learning rate", StepTamper::kLearningRate, "update"},
      {"fewer local steps", StepTamper::kSkipLastStep, "update"},
      {"scaled update", StepTamper::kScaledUpdate, "update"},
      {"batch row not in the dataset", StepTamper::kForeignBatchRow, "batch rows"},
      {"indices other than the assigned ones", StepTamper::kOtherIndices, "batch rows"},
      {"flipped label", StepTamper::kFlippedLabel, "batch rows"},
  };
  for (const Cheat& cheat : cheats) {
    StepWitness w = honest;
    w.tamper = cheat.tamper;
    StepPublic claim{1, 1, honest.w_in, {}, honest.indices};
    const auto proof = adversarial_proof(spec, w, claim);
    EXPECT_FALSE(verifies(spec, claim, proof)) << cheat.name;
    const std::string failure = mock_failure(spec, w, claim);
    EXPECT_NE(failure.find(cheat.mock_says), std::string::npos) << cheat.name << ": " << failure;
  }
}

TEST_F(StepProofTest, PublicInputCheatsAreRejected) {
  const StepSpec spec = small_spec(ModelShape{{3, 1}, OutputKind::kSigmoid}, 2);
  const StepWitness honest = small_witness(spec, 31);

  // A stale global model: trained from last round's weights, claimed against this round's.
  {
    StepWitness stale = honest;
    for (auto& v : stale.w_in.layers[0].values) v += 16;
    StepPublic claim{2, 1, honest.w_in, {}, honest.indices};
    const auto proof = adversarial_proof(spec, stale, claim);
    EXPECT_FALSE(verifies(spec, claim, proof));
    EXPECT_NE(mock_failure(spec, stale, claim).find("copy"), std::string::npos);
  }
  // A scaled update (model replacement): honest training, W_in + 2·(W_out − W_in) claimed.
  {
    StepCircuit circuit(spec, honest);
    auto out = circuit.compute_output();
    ASSERT_TRUE(out.is_ok());
    StepPublic claim{2, 1, honest.w_in, *out, honest.indices};
    for (size_t l = 0; l < claim.w_out.layers.size(); ++l) {
      for (size_t i = 0; i < claim.w_out.layers[l].values.size(); ++i) {
        const int64_t before = honest.w_in.layers[l].values[i];
        claim.w_out.layers[l].values[i] = before + 2 * (claim.w_out.layers[l].values[i] - before);
      }
    }
    const auto proof = adversarial_proof(spec, honest, claim, /*override_w_out=*/true);
    EXPECT_FALSE(verifies(spec, claim, proof));
    EXPECT_NE(mock_failure(spec, honest, claim).find("copy"), std::string::npos);
  }
  // Batch indices of the prover's choosing: an honest proof over them does not
  // verify against the indices the round seed assigns.
  {
    StepWitness chosen = honest;
    for (auto& i : chosen.indices) i = (i + 3) % spec.dataset_rows;
    DeterministicRng rng(3);
    auto proved = prove_step(key(spec), *srs_, spec, chosen, 2, 1, rng, *pool_);
    ASSERT_TRUE(proved.is_ok()) << proved.error();
    StepPublic as_assigned{2, 1, honest.w_in, proved->w_out, honest.indices};
    EXPECT_FALSE(verifies(spec, as_assigned, proved->proof));
    StepPublic as_chosen{2, 1, honest.w_in, proved->w_out, chosen.indices};
    EXPECT_TRUE(verifies(spec, as_chosen, proved->proof));
  }
}

TEST_F(StepProofTest, OutOfRangeValuesAreClearErrors) {
  StepSpec spec = small_spec(ModelShape{{3, 1}, OutputKind::kSigmoid}, 2);
  StepWitness w = small_witness(spec, 41);
  for (auto& v : w.w_in.layers[0].values) v = 32000;  // near the bound: the update leaves the range
  spec.hyper.learning_rate_q = 4096;
  StepCircuit circuit(spec, w);
  auto out = circuit.compute_output();
  ASSERT_FALSE(out.is_ok());
  EXPECT_NE(out.error().find("outside the quantization range"), std::string::npos) << out.error();

  StepPublic pub{0, 0, small_witness(spec, 41).w_in, small_witness(spec, 41).w_in, w.indices};
  pub.w_out.layers[0].values[0] = 1 << 20;
  auto instance = step_instance(spec, pub);
  ASSERT_FALSE(instance.is_ok());
  EXPECT_NE(instance.error().find("outside the quantization range"), std::string::npos);
  pub.w_out = pub.w_in;
  pub.indices[0] = spec.dataset_rows;
  EXPECT_FALSE(step_instance(spec, pub).is_ok());
}

TEST_F(StepProofTest, RegisteredDatasetIsBoundAndEachRoundIsFresh) {
  const StepSpec spec = small_spec(ModelShape{{3, 2, 1}, OutputKind::kSigmoid}, 2);
  const StepWitness witness = small_witness(spec, 51);
  DeterministicRng reg_rng(8);
  const DatasetSchema schema{{"a", "b", "c"}, 2, kFractionBits};
  auto registration = register_dataset(*srs_, spec.data_layout(), spec.k(), DatasetView{witness.x, witness.labels},
                                       schema, reg_rng, *pool_);
  ASSERT_TRUE(registration.is_ok()) << registration.error();

  // Two honest rounds over the same data both verify.
  std::vector<StepProof> rounds;
  for (uint64_t round = 1; round <= 2; ++round) {
    DeterministicRng rng(round * 17);
    auto proved = prove_registered_step(key(spec), *srs_, spec, witness, *registration, round, 4, rng, *pool_);
    ASSERT_TRUE(proved.is_ok()) << proved.error();
    StepPublic pub{round, 4, witness.w_in, proved->w_out, witness.indices};
    DeterministicRng verifier_rng(round);
    auto ok = verify_registered_step(key(spec).vk(), spec, pub, registration->record, proved->proof, proved->link,
                                     verifier_rng, *pool_);
    ASSERT_TRUE(ok.is_ok()) << ok.error();
    EXPECT_TRUE(*ok);
    rounds.push_back(std::move(*proved));
  }
  // Freshness: no data-column commitment and no evaluation in common.
  auto first = plonk::Proof::decode(rounds[0].proof, key(spec).vk());
  auto second = plonk::Proof::decode(rounds[1].proof, key(spec).vk());
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  for (uint32_t column : spec.data_column_indices()) {
    EXPECT_FALSE(first->advice[column] == second->advice[column]) << "data column " << column;
  }
  for (const auto& a : first->evaluations) {
    for (const auto& b : second->evaluations) EXPECT_FALSE(a == b);
  }

  // Data changed after registration: one table value that no batch row uses.
  StepWitness changed = witness;
  std::vector<bool> used(static_cast<size_t>(spec.dataset_rows), false);
  for (int64_t i : witness.indices) used[static_cast<size_t>(i)] = true;
  int64_t unused = 0;
  while (used[static_cast<size_t>(unused)]) ++unused;
  changed.x[static_cast<size_t>(unused * 3)] += 1;
  DeterministicRng rng(99);
  auto cheat = prove_registered_step(key(spec), *srs_, spec, changed, *registration, 3, 4, rng, *pool_);
  ASSERT_TRUE(cheat.is_ok()) << cheat.error();
  StepPublic pub{3, 4, witness.w_in, cheat->w_out, witness.indices};
  DeterministicRng verifier_rng(3);
  auto ok = verify_registered_step(key(spec).vk(), spec, pub, registration->record, cheat->proof, cheat->link,
                                   verifier_rng, *pool_);
  ASSERT_TRUE(ok.is_ok()) << ok.error();
  EXPECT_FALSE(*ok);
  EXPECT_FALSE(check_registration(*srs_, registration->record, DatasetView{changed.x, changed.labels}, schema,
                                  registration->secret, *pool_)
                   .is_ok());
}

TEST_F(StepProofTest, KeysAreCachedOnDiskByTheirSpecDigest) {
  const auto dir = std::filesystem::temp_directory_path() / ("zkfl-step-keys-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const StepSpec spec = small_spec(ModelShape{{3, 1}, OutputKind::kSigmoid}, 1);
  auto first = load_or_generate_step_key(dir, *srs_, spec, *pool_);
  ASSERT_TRUE(first.is_ok()) << first.error();
  size_t files = 0;
  std::filesystem::path file;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    file = entry.path();
  }
  ASSERT_EQ(files, 1u);
  EXPECT_NE(file.filename().string().find(plonk::to_hex(step_spec_digest(spec))), std::string::npos);
  auto again = load_or_generate_step_key(dir, *srs_, spec, *pool_);
  ASSERT_TRUE(again.is_ok()) << again.error();
  EXPECT_EQ(again->vk().digest(), first->vk().digest());

  // Another learning rate is another key, in another file.
  StepSpec other = spec;
  other.hyper.learning_rate_q += 1;
  EXPECT_NE(step_spec_digest(other), step_spec_digest(spec));
  auto other_key = load_or_generate_step_key(dir, *srs_, other, *pool_);
  ASSERT_TRUE(other_key.is_ok());
  EXPECT_NE(other_key->vk().digest(), first->vk().digest());

  // A corrupted cache file is regenerated, not trusted.
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x5a');
  }
  auto repaired = load_or_generate_step_key(dir, *srs_, spec, *pool_);
  ASSERT_TRUE(repaired.is_ok()) << repaired.error();
  EXPECT_EQ(repaired->vk().digest(), first->vk().digest());
  std::filesystem::remove_all(dir);
}

TEST_F(StepProofTest, BatchVerificationFindsTheCulprits) {
  const StepSpec spec = small_spec(ModelShape{{3, 1}, OutputKind::kSigmoid}, 1);
  const DatasetSchema schema{{"a", "b", "c"}, 2, kFractionBits};
  std::vector<Registration> registrations;
  std::vector<StepClaim> claims;
  for (uint64_t p = 0; p < 5; ++p) {
    StepWitness w = small_witness(spec, 60 + p);
    DeterministicRng reg_rng(p + 1);
    auto reg = register_dataset(*srs_, spec.data_layout(), spec.k(), DatasetView{w.x, w.labels}, schema, reg_rng, *pool_);
    ASSERT_TRUE(reg.is_ok()) << reg.error();
    registrations.push_back(std::move(*reg));
    if (p == 2) w.tamper = StepTamper::kGradientEntry;  // a cheater in the middle
    DeterministicRng rng(p + 10);
    auto proved = prove_registered_step(key(spec), *srs_, spec, w, registrations.back(), 9, p, rng, *pool_);
    ASSERT_TRUE(proved.is_ok()) << proved.error();
    claims.push_back(StepClaim{&key(spec).vk(), &spec, nullptr, StepPublic{9, p, w.w_in, proved->w_out, w.indices},
                               proved->proof, proved->link});
  }
  for (size_t i = 0; i < claims.size(); ++i) claims[i].record = &registrations[i].record;
  claims[4].proof.resize(claims[4].proof.size() - 1);  // malformed
  DeterministicRng rng(1);
  const auto verdicts = verify_step_claims(claims, rng, *pool_);
  ASSERT_EQ(verdicts.size(), 5u);
  EXPECT_TRUE(verdicts[0].accepted);
  EXPECT_TRUE(verdicts[1].accepted);
  EXPECT_FALSE(verdicts[2].accepted);
  EXPECT_EQ(verdicts[2].reason, kStepRejected);
  EXPECT_TRUE(verdicts[3].accepted);
  EXPECT_FALSE(verdicts[4].accepted);
  EXPECT_EQ(verdicts[4].reason.rfind("malformed: ", 0), 0u) << verdicts[4].reason;
  // A claim against another participant's registration fails too.
  std::swap(claims[0].record, claims[1].record);
  const auto swapped = verify_step_claims(std::span<const StepClaim>(claims.data(), 2), rng, *pool_);
  EXPECT_FALSE(swapped[0].accepted);
  EXPECT_FALSE(swapped[1].accepted);
  EXPECT_EQ(swapped[0].reason, kLinkRejected);
}

}  // namespace
}  // namespace zkfl::training
