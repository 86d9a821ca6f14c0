// The round-to-registration link end to end, on a circuit that holds its data
// table and checks batch membership as the step circuit does: honest rounds
// verify (alone and folded with the proof's pairing check); data changed
// after registration, a link for another registration or another proof, and
// every altered part of a link are rejected; two rounds over the same data
// share no data-column commitment and no evaluation.
#include <gtest/gtest.h>

#include <array>
#include <memory>

#include "data_table_circuit.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/proof/prover.hpp"
#include "plonk/proof/verifier.hpp"
#include "training/batch_sampler.hpp"
#include "training/dataset_link.hpp"
#include "training/dataset_registration.hpp"
#include "training/fixed_point.hpp"

namespace zkfl::training {
namespace {

using plonk::DeterministicRng;
using plonk::Fr;
using plonk::G1Affine;
using plonk::LagrangeEval;
using plonk::Polynomial;
using plonk::Proof;
using plonk::ProvingKey;
using test::DataTableCircuit;

constexpr uint32_t kSrsK = 8;
constexpr uint32_t kK = 6;

// Six rows of four features and a label: d + 1 = 5 values in P = 2 columns,
// C = 3 chunks per row, T = 18 table rows.
const DataTableLayout kLayout{6, 5, 2};

std::vector<int64_t> features() {
  return {12, -7, 300, 0, -2048, 2047, 5, 1, 44, -44, 9, 10, 0, 0, 1, -1, 77, 78, 79, -80, 1000, -1000, 3, 2};
}
std::vector<int64_t> labels() { return {1, 0, 1, 1, 0, 1}; }

DatasetSchema schema() { return {{"age", "income", "score", "tenure"}, 2, kFractionBits}; }

struct Round {
  std::unique_ptr<DataTableCircuit> circuit;
  Proof proof;
  std::vector<Polynomial<LagrangeEval>> advice_values;
  plonk::Instance instance;
};

class DatasetLinkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = new plonk::ThreadPool(2);
    DeterministicRng rng(77);
    srs_ = new plonk::Srs(plonk::Srs::insecure_development(kSrsK, rng, *pool_));  // tests only
    std::array<uint8_t, 32> seed{};
    seed.fill(9);
    auto batch = sample_batch_indices(seed, 4, kLayout.rows, 3, 2);
    ASSERT_TRUE(batch.is_ok()) << batch.error();
    batch_ = new std::vector<int64_t>(*batch);
    DataTableCircuit circuit(kLayout, features(), labels(), *batch_);
    auto pk = ProvingKey::generate(*srs_, circuit, kK, *pool_);
    ASSERT_TRUE(pk.is_ok()) << pk.error();
    pk_ = new ProvingKey(std::move(*pk));
    DeterministicRng reg_rng(5);
    auto reg = register_dataset(*srs_, kLayout, kK, DatasetView{features(), labels()}, schema(), reg_rng, *pool_);
    ASSERT_TRUE(reg.is_ok()) << reg.error();
    registration_ = new Registration(std::move(*reg));
  }
  static void TearDownTestSuite() {
    delete registration_;
    delete pk_;
    delete batch_;
    delete srs_;
    delete pool_;
  }

  // A round's proof over `x` (the registered features unless changed).
  Round prove_round(uint64_t seed, std::vector<int64_t> x = features(), std::vector<int64_t> override = {}) {
    Round round;
    round.circuit = std::make_unique<DataTableCircuit>(kLayout, std::move(x), labels(), *batch_, std::move(override));
    round.instance = DataTableCircuit::instance(kLayout, *batch_);
    DeterministicRng rng(seed);
    auto proof = plonk::create_proof(*pk_, *srs_, *round.circuit, round.instance, rng, *pool_,
                                     plonk::ProverObservers{.advice_values = &round.advice_values});
    EXPECT_TRUE(proof.is_ok()) << proof.error();
    if (proof.is_ok()) round.proof = std::move(*proof);
    return round;
  }

  static std::vector<Polynomial<LagrangeEval>> registered(const std::vector<int64_t>& x = features(),
                                                          const Registration& reg = *registration_) {
    auto columns = registered_columns(reg.record, DatasetView{x, labels()}, reg.secret, *pool_);
    EXPECT_TRUE(columns.is_ok()) << columns.error();
    return columns.is_ok() ? std::move(*columns) : std::vector<Polynomial<LagrangeEval>>{};
  }

  static std::vector<uint32_t> data_columns() {
    DataTableCircuit c(kLayout, features(), labels(), *batch_);
    plonk::ConstraintSystem cs;
    c.configure(cs);
    return c.data_columns();
  }

  Result<LinkProof> link(const Round& round, const std::vector<Polynomial<LagrangeEval>>& reg_values,
                         const RegistrationRecord& record = registration_->record) {
    const std::vector<uint32_t> columns = data_columns();
    const DatasetLinkStatement st{pk_->vk(), round.proof, columns, record};
    return prove_dataset_link(*srs_, st, round.advice_values, reg_values, *pool_);
  }

  bool verifies(const Round& round, const LinkProof& link, const RegistrationRecord& record = registration_->record,
                const plonk::Proof* proof = nullptr) {
    const std::vector<uint32_t> columns = data_columns();
    const DatasetLinkStatement st{pk_->vk(), proof != nullptr ? *proof : round.proof, columns, record};
    auto ok = verify_dataset_link(st, link, *pool_);
    EXPECT_TRUE(ok.is_ok()) << ok.error();
    return ok.is_ok() && *ok;
  }

  static plonk::ThreadPool* pool_;
  static plonk::Srs* srs_;
  static std::vector<int64_t>* batch_;
  static ProvingKey* pk_;
  static Registration* registration_;
};
plonk::ThreadPool* DatasetLinkTest::pool_ = nullptr;
plonk::Srs* DatasetLinkTest::srs_ = nullptr;
std::vector<int64_t>* DatasetLinkTest::batch_ = nullptr;
ProvingKey* DatasetLinkTest::pk_ = nullptr;
Registration* DatasetLinkTest::registration_ = nullptr;

TEST_F(DatasetLinkTest, HonestRoundVerifiesAloneAndFoldedWithTheProof) {
  Round round = prove_round(1);
  auto proof_ok = plonk::verify_proof(pk_->vk(), round.instance, round.proof.encode(), *pool_);
  ASSERT_TRUE(proof_ok.is_ok()) << proof_ok.error();
  ASSERT_TRUE(*proof_ok);
  auto l = link(round, registered());
  ASSERT_TRUE(l.is_ok()) << l.error();
  EXPECT_TRUE(verifies(round, *l));

  const std::vector<uint32_t> columns = data_columns();
  const DatasetLinkStatement st{pk_->vk(), round.proof, columns, registration_->record};
  DeterministicRng rng(3);
  auto both = verify_proof_with_dataset_link(st, round.instance, *l, rng, *pool_);
  ASSERT_TRUE(both.is_ok()) << both.error();
  EXPECT_TRUE(*both);
  // The folded check also fails when only the proof's public inputs are wrong.
  plonk::Instance wrong = round.instance;
  wrong[0].back() += Fr::one();
  auto folded_wrong = verify_proof_with_dataset_link(st, wrong, *l, rng, *pool_);
  ASSERT_TRUE(folded_wrong.is_ok());
  EXPECT_FALSE(*folded_wrong);
  // The accumulator is what callers fold with the proof's own.
  auto acc = verify_dataset_link_to_accumulator(st, *l, *pool_);
  ASSERT_TRUE(acc.is_ok());
  EXPECT_TRUE(plonk::holds(pk_->vk(), *acc));
}

TEST_F(DatasetLinkTest, BatchRowsMustBeTableRows) {
  // The circuit's lookup: a batch row claiming other values than the table's cannot be proved.
  std::vector<int64_t> lie;
  for (int64_t i : *batch_) {
    for (int64_t c = 0; c < kLayout.chunks(); ++c) {
      const std::vector<int64_t> chunk = row_chunk(kLayout, DatasetView{features(), labels()}, i, c);
      lie.insert(lie.end(), chunk.begin(), chunk.end());
    }
  }
  lie[3] += 1;
  DataTableCircuit circuit(kLayout, features(), labels(), *batch_, lie);
  DeterministicRng rng(4);
  auto proof = plonk::create_proof(*pk_, *srs_, circuit, DataTableCircuit::instance(kLayout, *batch_), rng, *pool_);
  ASSERT_FALSE(proof.is_ok());
  EXPECT_NE(proof.error().find("batch rows are table rows"), std::string::npos);
}

TEST_F(DatasetLinkTest, DataChangedAfterRegistrationIsCaught) {
  std::vector<int64_t> changed = features();
  changed[9] += 1;  // dataset row 2, feature 1: chunk 0, data column 1 → circuit row 6
  Round round = prove_round(2, changed);
  // The proof alone is fine: the circuit cannot know what was registered.
  auto proof_ok = plonk::verify_proof(pk_->vk(), round.instance, round.proof.encode(), *pool_);
  ASSERT_TRUE(proof_ok.is_ok() && *proof_ok);

  // An honest prover regenerating the registered columns from the original data refuses.
  auto refused = link(round, registered());
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.error().find("data column 1"), std::string::npos) << refused.error();
  EXPECT_NE(refused.error().find("circuit row 6"), std::string::npos) << refused.error();

  // A cheater regenerates the "registered" columns from the changed data: the
  // link is made, and the verifier, holding the real registration, rejects it.
  auto forged = link(round, registered(changed));
  ASSERT_TRUE(forged.is_ok()) << forged.error();
  EXPECT_FALSE(verifies(round, *forged));
  const std::vector<uint32_t> columns = data_columns();
  const DatasetLinkStatement st{pk_->vk(), round.proof, columns, registration_->record};
  DeterministicRng rng(6);
  auto both = verify_proof_with_dataset_link(st, round.instance, *forged, rng, *pool_);
  ASSERT_TRUE(both.is_ok());
  EXPECT_FALSE(*both);
  // And the participant's own check says why.
  EXPECT_FALSE(check_registration(*srs_, registration_->record, DatasetView{changed, labels()}, schema(),
                                  registration_->secret, *pool_)
                   .is_ok());
}

TEST_F(DatasetLinkTest, LinkForAnotherRegistrationOrProofIsRejected) {
  Round round = prove_round(3);
  auto l = link(round, registered());
  ASSERT_TRUE(l.is_ok()) << l.error();

  // The same data registered again (another seed): a different registration.
  DeterministicRng rng(8);
  auto other = register_dataset(*srs_, kLayout, kK, DatasetView{features(), labels()}, schema(), rng, *pool_);
  ASSERT_TRUE(other.is_ok()) << other.error();
  EXPECT_FALSE(verifies(round, *l, other->record));
  // Linked honestly to that registration instead, it verifies against it only.
  auto l_other = link(round, registered(features(), *other), other->record);
  ASSERT_TRUE(l_other.is_ok()) << l_other.error();
  EXPECT_TRUE(verifies(round, *l_other, other->record));
  EXPECT_FALSE(verifies(round, *l_other));

  // A link made for one proof does not vouch for another proof of the same data.
  Round second = prove_round(4);
  EXPECT_FALSE(verifies(round, *l, registration_->record, &second.proof));

  // Data columns named in another order are another statement.
  std::vector<uint32_t> swapped = data_columns();
  std::swap(swapped[0], swapped[1]);
  const DatasetLinkStatement st{pk_->vk(), round.proof, swapped, registration_->record};
  auto r = verify_dataset_link(st, *l, *pool_);
  ASSERT_TRUE(r.is_ok());
  EXPECT_FALSE(*r);
}

TEST_F(DatasetLinkTest, StatementsThatDoNotFitAreErrors) {
  Round round = prove_round(5);
  auto l = link(round, registered());
  ASSERT_TRUE(l.is_ok()) << l.error();
  auto error_for = [&](std::vector<uint32_t> columns, const RegistrationRecord& record) {
    const DatasetLinkStatement st{pk_->vk(), round.proof, columns, record};
    auto r = verify_dataset_link(st, *l, *pool_);
    EXPECT_FALSE(r.is_ok());
    return r.is_ok() ? std::string() : r.error();
  };
  const std::vector<uint32_t> columns = data_columns();
  EXPECT_NE(error_for({columns[0]}, registration_->record).find("data columns"), std::string::npos);
  EXPECT_NE(error_for({columns[0], columns[0]}, registration_->record).find("twice"), std::string::npos);
  EXPECT_NE(error_for({0, columns[1]}, registration_->record).find("phase-0"), std::string::npos);  // column 0 is phase 1
  EXPECT_NE(error_for({columns[0], 99}, registration_->record).find("phase-0"), std::string::npos);
  RegistrationRecord other_k = registration_->record;
  other_k.k = kK + 1;
  EXPECT_NE(error_for(columns, other_k).find("2^7"), std::string::npos);
  RegistrationRecord too_long = registration_->record;
  too_long.layout.rows = 20;  // T = 60 > usable rows
  EXPECT_NE(error_for(columns, too_long).find("usable rows"), std::string::npos);
  // The prover checks the values it is given.
  auto values = registered();
  values.pop_back();
  EXPECT_FALSE(link(round, values).is_ok());
}

TEST_F(DatasetLinkTest, EveryPartOfTheLinkIsBound) {
  Round round = prove_round(6);
  auto l = link(round, registered());
  ASSERT_TRUE(l.is_ok()) << l.error();
  const G1Affine g = G1Affine::generator();
  auto bump = [&](const G1Affine& p) { return (plonk::G1(p) + g).to_affine(); };
  LinkProof a = *l, b = *l, c = *l;
  a.quotient = bump(a.quotient);
  b.quotient_eval += Fr::one();
  c.opening = bump(c.opening);
  EXPECT_FALSE(verifies(round, a));
  EXPECT_FALSE(verifies(round, b));
  EXPECT_FALSE(verifies(round, c));

  // Byte level: the encoding round-trips, and any changed byte is an error or a rejection.
  const std::vector<uint8_t> bytes = l->encode();
  ASSERT_EQ(bytes.size(), LinkProof::kEncodedSize);
  auto decoded = LinkProof::decode(bytes);
  ASSERT_TRUE(decoded.is_ok()) << decoded.error();
  EXPECT_TRUE(*decoded == *l);
  size_t errors = 0, rejections = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::vector<uint8_t> altered = bytes;
    altered[i] ^= 0x04;
    auto d = LinkProof::decode(altered);
    if (!d.is_ok()) {
      ++errors;
      continue;
    }
    EXPECT_FALSE(verifies(round, *d)) << "byte " << i;
    ++rejections;
  }
  EXPECT_EQ(errors + rejections, bytes.size());
  EXPECT_GT(errors, 0u);      // e.g. the version byte, x-coordinates without a curve point
  EXPECT_GT(rejections, 0u);  // e.g. the scalar's low bytes

  std::vector<uint8_t> truncated(bytes.begin(), bytes.end() - 1), extended = bytes;
  extended.push_back(0);
  EXPECT_NE(LinkProof::decode(truncated).error().find("expected 97 bytes"), std::string::npos);
  EXPECT_FALSE(LinkProof::decode(extended).is_ok());
  std::vector<uint8_t> version = bytes;
  version[0] = 2;
  EXPECT_NE(LinkProof::decode(version).error().find("version"), std::string::npos);
  std::vector<uint8_t> non_canonical = bytes;
  std::fill(non_canonical.begin() + 33, non_canonical.begin() + 65, 0xff);
  EXPECT_NE(LinkProof::decode(non_canonical).error().find("quotient evaluation"), std::string::npos);
}

TEST_F(DatasetLinkTest, RoundsOverTheSameDataAreUnrelated) {
  Round r1 = prove_round(11), r2 = prove_round(12);
  auto l1 = link(r1, registered()), l2 = link(r2, registered());
  ASSERT_TRUE(l1.is_ok() && l2.is_ok());
  ASSERT_TRUE(verifies(r1, *l1) && verifies(r2, *l2));
  const std::vector<uint32_t> columns = data_columns();
  // The data columns are the phase-0 columns, committed first: proof.advice[0 … P−1].
  for (size_t j = 0; j < columns.size(); ++j) {
    // Same table on rows [0, T), fresh blinding on the blinding rows: unrelated commitments.
    for (int64_t t = 0; t < kLayout.table_rows(); ++t) {
      const auto row = static_cast<size_t>(t);
      EXPECT_EQ(r1.advice_values[columns[j]][row], r2.advice_values[columns[j]][row]);
    }
    for (const G1Affine& other : r2.proof.advice) EXPECT_FALSE(r1.proof.advice[j] == other) << "data column " << j;
  }
  // No evaluation of one round appears in the other, the link's included.
  std::vector<Fr> e1 = r1.proof.evaluations, e2 = r2.proof.evaluations;
  e1.push_back(l1->quotient_eval);
  e2.push_back(l2->quotient_eval);
  for (const Fr& a : e1) {
    for (const Fr& b : e2) EXPECT_NE(a, b);
  }
  EXPECT_FALSE(l1->quotient == l2->quotient);
  EXPECT_FALSE(l1->opening == l2->opening);
}

}  // namespace
}  // namespace zkfl::training
