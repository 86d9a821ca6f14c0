// The proof system end to end: honest proofs verify; wrong witnesses, altered
// proofs, wrong public inputs and foreign keys are rejected; malformed bytes
// are errors; proofs are randomised; prover and verifier transcripts agree.
#include <gtest/gtest.h>

#include "plonk/circuit/mock_prover.hpp"
#include "plonk/kzg/kzg.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/proof/prover.hpp"
#include "plonk/proof/verifier.hpp"
#include "test_circuits.hpp"

namespace zkfl::plonk {
namespace {

using test::ChallengeAccumulatorCircuit;
using test::FibonacciCircuit;
using test::RangeCheckedProductCircuit;

constexpr uint32_t kSrsK = 10;

class ProverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = new ThreadPool(2);
    DeterministicRng rng(2024);
    srs_ = new Srs(Srs::insecure_development(kSrsK, rng, *pool_));  // tests only
  }
  static void TearDownTestSuite() {
    delete srs_;
    delete pool_;
  }

  template <class C>
  ProvingKey keygen(C circuit, uint32_t k) {
    auto pk = ProvingKey::generate(*srs_, circuit, k, *pool_);
    EXPECT_TRUE(pk.is_ok()) << pk.error();
    return std::move(*pk);
  }

  std::vector<uint8_t> prove(const ProvingKey& pk, Circuit& circuit, const Instance& instance, uint64_t seed = 1) {
    DeterministicRng rng(seed);
    auto proof = create_proof(pk, *srs_, circuit, instance, rng, *pool_);
    EXPECT_TRUE(proof.is_ok()) << proof.error();
    return proof.is_ok() ? proof->encode() : std::vector<uint8_t>{};
  }

  bool verifies(const VerifyingKey& vk, const Instance& instance, const std::vector<uint8_t>& bytes) {
    auto result = verify_proof(vk, instance, bytes, *pool_);
    EXPECT_TRUE(result.is_ok()) << result.error();
    return result.is_ok() && *result;
  }

  static ThreadPool* pool_;
  static Srs* srs_;
};
ThreadPool* ProverTest::pool_ = nullptr;
Srs* ProverTest::srs_ = nullptr;

Instance fibonacci_instance(size_t steps) {
  return {{Fr::one(), Fr::one(), FibonacciCircuit::expected_last(steps, 1, 1)}};
}

TEST_F(ProverTest, FibonacciWithCopiesAndPublicInputs) {
  FibonacciCircuit circuit(20, 1, 1);
  ProvingKey pk = keygen(circuit, 6);
  auto proof = prove(pk, circuit, fibonacci_instance(20));
  EXPECT_EQ(proof.size(), Proof::encoded_size(pk.vk()));
  EXPECT_TRUE(verifies(pk.vk(), fibonacci_instance(20), proof));
}

TEST_F(ProverTest, LookupAndDegreeFourGate) {
  RangeCheckedProductCircuit circuit({0, 1, 17, 255, 128, 3, 99});
  ProvingKey pk = keygen(circuit, 9);
  EXPECT_TRUE(verifies(pk.vk(), {}, prove(pk, circuit, {})));
}

TEST_F(ProverTest, SecondPhaseColumnWithChallenge) {
  ChallengeAccumulatorCircuit circuit({5, 7, 11, 13, 17});
  ProvingKey pk = keygen(circuit, 5);
  EXPECT_TRUE(verifies(pk.vk(), {}, prove(pk, circuit, {})));
}

TEST_F(ProverTest, WrongWitnessesAreRejected) {
  {
    FibonacciCircuit honest(20, 1, 1), cheat(20, 1, 1, /*tamper=*/true);
    ProvingKey pk = keygen(honest, 6);
    DeterministicRng rng(3);
    auto mock = MockProver::run(6, cheat, fibonacci_instance(20), rng);
    ASSERT_TRUE(mock.is_ok());
    EXPECT_FALSE(mock->verify().empty());
    EXPECT_FALSE(verifies(pk.vk(), fibonacci_instance(20), prove(pk, cheat, fibonacci_instance(20))));
  }
  {
    RangeCheckedProductCircuit honest({1, 2, 3, 4}), cheat({1, 2, 3, 4}, /*tamper_row=*/2);
    ProvingKey pk = keygen(honest, 9);
    EXPECT_FALSE(verifies(pk.vk(), {}, prove(pk, cheat, {})));
  }
  {
    ChallengeAccumulatorCircuit honest({5, 7, 11}), cheat({5, 7, 11}, /*tamper=*/true);
    ProvingKey pk = keygen(honest, 5);
    EXPECT_FALSE(verifies(pk.vk(), {}, prove(pk, cheat, {})));
  }
}

TEST_F(ProverTest, LookupInputOutsideTheTableCannotBeProved) {
  RangeCheckedProductCircuit honest({1, 2, 3, 4}), cheat({1, 2, 3, 4}, 1, /*out_of_range=*/true);
  ProvingKey pk = keygen(honest, 9);
  DeterministicRng rng(4);
  auto proof = create_proof(pk, *srs_, cheat, {}, rng, *pool_);
  ASSERT_FALSE(proof.is_ok());
  EXPECT_NE(proof.error().find("byte range"), std::string::npos);
}

TEST_F(ProverTest, WrongPublicInputsAreRejected) {
  FibonacciCircuit circuit(20, 1, 1);
  ProvingKey pk = keygen(circuit, 6);
  auto proof = prove(pk, circuit, fibonacci_instance(20));
  Instance wrong = fibonacci_instance(20);
  wrong[0][2] += Fr::one();
  EXPECT_FALSE(verifies(pk.vk(), wrong, proof));
  Instance extra = fibonacci_instance(20);
  extra[0].push_back(Fr::zero());  // a trailing zero changes what the transcript absorbed
  EXPECT_FALSE(verifies(pk.vk(), extra, proof));
  auto shape = verify_proof(pk.vk(), {}, proof, *pool_);
  ASSERT_FALSE(shape.is_ok());
  EXPECT_NE(shape.error().find("instance"), std::string::npos);
}

TEST_F(ProverTest, EveryCommitmentAndEvaluationIsBound) {
  FibonacciCircuit circuit(20, 1, 1);
  ProvingKey pk = keygen(circuit, 6);
  const Instance instance = fibonacci_instance(20);
  auto bytes = prove(pk, circuit, instance);
  auto proof = Proof::decode(bytes, pk.vk());
  ASSERT_TRUE(proof.is_ok()) << proof.error();
  auto rejected = [&](const Proof& altered) {
    auto acc = verify_to_accumulator(pk.vk(), instance, altered, *pool_);
    return acc.is_ok() && !holds(pk.vk(), *acc);
  };
  const G1Affine g = G1Affine::generator();
  auto bump = [&](G1Affine p) { return (G1(p) + g).to_affine(); };
  size_t checked = 0;
  using PointGroup = std::vector<G1Affine> Proof::*;
  for (PointGroup group : {&Proof::advice, &Proof::lookup_multiplicities, &Proof::permutation_products,
                           &Proof::lookup_sums, &Proof::quotient_pieces, &Proof::opening_witnesses}) {
    for (size_t i = 0; i < ((*proof).*group).size(); ++i) {
      Proof altered = *proof;
      (altered.*group)[i] = bump((altered.*group)[i]);
      EXPECT_TRUE(rejected(altered)) << "commitment " << i << " of a group";
      ++checked;
    }
  }
  for (size_t i = 0; i < proof->evaluations.size(); ++i) {
    Proof altered = *proof;
    altered.evaluations[i] += Fr::one();
    EXPECT_TRUE(rejected(altered)) << "evaluation " << i;
    ++checked;
  }
  EXPECT_GT(checked, 15u);
}

TEST_F(ProverTest, ProofForAnotherCircuitIsRejected) {
  FibonacciCircuit a(20, 1, 1), b(21, 1, 1);
  ProvingKey pk_a = keygen(a, 6);
  ProvingKey pk_b = keygen(b, 6);
  auto proof = prove(pk_a, a, fibonacci_instance(20));
  // Same shape of key, different fixed columns: the digest differs, so does everything.
  auto result = verify_proof(pk_b.vk(), fibonacci_instance(20), proof, *pool_);
  EXPECT_TRUE(!result.is_ok() || !*result);
  RangeCheckedProductCircuit c({1, 2});
  ProvingKey pk_c = keygen(c, 9);
  EXPECT_FALSE(verify_proof(pk_c.vk(), {}, proof, *pool_).is_ok());  // different length: an error
}

TEST_F(ProverTest, MalformedEncodingsAreErrors) {
  FibonacciCircuit circuit(20, 1, 1);
  ProvingKey pk = keygen(circuit, 6);
  const Instance instance = fibonacci_instance(20);
  auto proof = prove(pk, circuit, instance);
  for (size_t len : {size_t{0}, size_t{1}, proof.size() / 2, proof.size() - 1}) {
    auto r = verify_proof(pk.vk(), instance, std::span<const uint8_t>(proof.data(), len), *pool_);
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.error().find("expected"), std::string::npos);
  }
  auto extended = proof;
  extended.push_back(0);
  EXPECT_FALSE(verify_proof(pk.vk(), instance, extended, *pool_).is_ok());
  auto bad_version = proof;
  bad_version[0] = 9;
  EXPECT_FALSE(verify_proof(pk.vk(), instance, bad_version, *pool_).is_ok());
  // The last 32 bytes before the witnesses are an evaluation: make it ≥ r.
  auto non_canonical = proof;
  const size_t witnesses = pk.vk().layout().k > 0 ? Proof::decode(proof, pk.vk())->opening_witnesses.size() : 0;
  const size_t last_eval = proof.size() - 32 * witnesses - 32;
  std::fill(non_canonical.begin() + last_eval, non_canonical.begin() + last_eval + 32, 0xff);
  auto r = verify_proof(pk.vk(), instance, non_canonical, *pool_);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("not canonical"), std::string::npos);
  auto off_curve = proof;
  off_curve[1] ^= 0x01;  // first advice commitment's x changes: almost surely not on the curve
  auto r2 = verify_proof(pk.vk(), instance, off_curve, *pool_);
  EXPECT_TRUE(!r2.is_ok() || !*r2);
}

TEST_F(ProverTest, ProofsAreRandomisedAndTranscriptsAgree) {
  ChallengeAccumulatorCircuit circuit({5, 7, 11, 13});
  ProvingKey pk = keygen(circuit, 5);
  DeterministicRng rng1(11), rng2(12);
  std::vector<std::string> prover_manifest, verifier_manifest;
  auto p1 = create_proof(pk, *srs_, circuit, {}, rng1, *pool_, ProverObservers{&prover_manifest, nullptr});
  auto p2 = create_proof(pk, *srs_, circuit, {}, rng2, *pool_);
  ASSERT_TRUE(p1.is_ok() && p2.is_ok());
  auto all_points = [](const Proof& p) {
    std::vector<G1Affine> out;
    for (auto* g : {&p.advice, &p.lookup_multiplicities, &p.permutation_products, &p.lookup_sums,
                    &p.quotient_pieces, &p.opening_witnesses}) {
      out.insert(out.end(), g->begin(), g->end());
    }
    return out;
  };
  // A quotient piece that the circuit's degree forces to zero commits to the
  // identity in every proof; it depends on no witness, so it is skipped.
  for (const G1Affine& a : all_points(*p1)) {
    if (a.is_identity()) continue;
    for (const G1Affine& b : all_points(*p2)) EXPECT_FALSE(a == b);
  }
  for (const Fr& a : p1->evaluations) {
    for (const Fr& b : p2->evaluations) EXPECT_NE(a, b);
  }
  auto acc = verify_to_accumulator(pk.vk(), {}, *p1, *pool_, &verifier_manifest);
  ASSERT_TRUE(acc.is_ok());
  EXPECT_TRUE(holds(pk.vk(), *acc));
  EXPECT_EQ(prover_manifest, verifier_manifest);
  EXPECT_GT(prover_manifest.size(), 10u);
}

TEST_F(ProverTest, ObservedAdviceValuesAreWhatWasCommitted) {
  ChallengeAccumulatorCircuit circuit({5, 7, 11, 13});  // column 0 in phase 0, column 1 in phase 1
  ProvingKey pk = keygen(circuit, 5);
  DeterministicRng rng(21);
  std::vector<Polynomial<LagrangeEval>> observed;
  auto proof = create_proof(pk, *srs_, circuit, {}, rng, *pool_, ProverObservers{.advice_values = &observed});
  ASSERT_TRUE(proof.is_ok()) << proof.error();
  ASSERT_EQ(observed.size(), 2u);
  ASSERT_EQ(proof->advice.size(), 2u);
  const ProofLayout& layout = pk.layout();
  for (size_t i = 0; i < observed.size(); ++i) {
    ASSERT_EQ(observed[i].size(), layout.n);
    const G1Affine recommitted =
        commit(*srs_, lagrange_to_coeff(pk.domain(), observed[i], *pool_).values(), *pool_).to_affine();
    EXPECT_TRUE(recommitted == proof->advice[i]) << "advice column " << i;
    // The blinding rows are part of what was committed: random, not zero.
    for (size_t row = layout.usable_rows; row < layout.n; ++row) EXPECT_FALSE(observed[i][row].is_zero());
  }
  EXPECT_EQ(observed[0][2], Fr::from_u64(11));  // the witness itself, on usable rows
  // A different column's values do not match the commitment.
  const G1Affine swapped =
      commit(*srs_, lagrange_to_coeff(pk.domain(), observed[1], *pool_).values(), *pool_).to_affine();
  EXPECT_FALSE(swapped == proof->advice[0]);
}

TEST_F(ProverTest, BatchVerification) {
  FibonacciCircuit circuit(20, 1, 1);
  ProvingKey pk = keygen(circuit, 6);
  std::vector<ProofToVerify> batch;
  for (uint64_t seed = 1; seed <= 4; ++seed) batch.push_back({fibonacci_instance(20), prove(pk, circuit, fibonacci_instance(20), seed)});
  DeterministicRng rng(5);
  auto ok = verify_batch(pk.vk(), batch, rng, *pool_);
  ASSERT_TRUE(ok.is_ok()) << ok.error();
  EXPECT_TRUE(*ok);
  batch[2].instance[0][2] += Fr::one();
  auto bad = verify_batch(pk.vk(), batch, rng, *pool_);
  ASSERT_TRUE(bad.is_ok());
  EXPECT_FALSE(*bad);
  batch[1].proof.pop_back();
  EXPECT_FALSE(verify_batch(pk.vk(), batch, rng, *pool_).is_ok());
}

TEST_F(ProverTest, VerifyingKeyRoundTripsAndRejectsCorruption) {
  RangeCheckedProductCircuit circuit({1, 2});
  ProvingKey pk = keygen(circuit, 9);
  std::vector<uint8_t> bytes = pk.vk().encode();
  auto decoded = VerifyingKey::decode(bytes);
  ASSERT_TRUE(decoded.is_ok()) << decoded.error();
  EXPECT_EQ(decoded->digest(), pk.vk().digest());
  for (size_t len : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(VerifyingKey::decode(std::span<const uint8_t>(bytes.data(), len)).is_ok());
  }
  auto extended = bytes;
  extended.push_back(1);
  EXPECT_FALSE(VerifyingKey::decode(extended).is_ok());
}

}  // namespace
}  // namespace zkfl::plonk

#include "reference_circuit.hpp"

namespace zkfl::plonk {
namespace {

TEST_F(ProverTest, ReferenceBenchmarkCircuitProvesAndVerifies) {
  ConstraintSystem cs;
  bench::ReferenceCircuit probe(0, 0);
  probe.configure(cs);
  const uint32_t k = 9;
  bench::ReferenceCircuit circuit(cs.usable_rows(k), 7);
  ProvingKey pk = keygen(circuit, k);
  EXPECT_EQ(pk.layout().degree, 4);
  EXPECT_TRUE(verifies(pk.vk(), {}, prove(pk, circuit, {})));
  DeterministicRng rng(8);
  auto mock = MockProver::run(k, circuit, {}, rng);
  ASSERT_TRUE(mock.is_ok());
  EXPECT_TRUE(mock->verify().empty());
}

}  // namespace
}  // namespace zkfl::plonk

#include "plonk/kzg/ptau_import.hpp"

namespace zkfl::plonk {
namespace {

// A reference string from a real powers-of-tau run: snarkjs `powersoftau new`
// plus one random contribution (tests/data/ptau/generate.sh).
TEST(ProverWithPtau, SnarkjsCeremonyOutputProvesAndVerifies) {
  ThreadPool pool(2);
  DeterministicRng rng(77);
  auto srs = import_ptau_file(std::string(ZKFL_TEST_DATA_DIR) + "/ptau/pot6_contributed.ptau", 6, rng, pool);
  ASSERT_TRUE(srs.is_ok()) << srs.error();
  EXPECT_EQ(srs->origin(), Srs::Origin::kPtauImport);
  FibonacciCircuit circuit(20, 1, 1);
  auto pk = ProvingKey::generate(*srs, circuit, 6, pool);
  ASSERT_TRUE(pk.is_ok()) << pk.error();
  const Instance instance = fibonacci_instance(20);
  auto proof = create_proof(*pk, *srs, circuit, instance, rng, pool);
  ASSERT_TRUE(proof.is_ok()) << proof.error();
  auto ok = verify_proof(pk->vk(), instance, proof->encode(), pool);
  ASSERT_TRUE(ok.is_ok()) << ok.error();
  EXPECT_TRUE(*ok);
  Instance wrong = instance;
  wrong[0][2] += Fr::one();
  EXPECT_FALSE(*verify_proof(pk->vk(), wrong, proof->encode(), pool));
}

}  // namespace
}  // namespace zkfl::plonk

namespace zkfl::plonk {
namespace {

TEST_F(ProverTest, ProvingKeyRoundTripsThroughItsEncoding) {
  RangeCheckedProductCircuit circuit({3, 5, 7});
  ProvingKey pk = keygen(circuit, 9);
  const std::vector<uint8_t> bytes = pk.encode();
  auto decoded = ProvingKey::decode(bytes, *pool_);
  ASSERT_TRUE(decoded.is_ok()) << decoded.error();
  EXPECT_EQ(decoded->vk().digest(), pk.vk().digest());
  EXPECT_EQ(decoded->encode(), bytes);
  // A proof made with the decoded key verifies under the original verifying key.
  EXPECT_TRUE(verifies(pk.vk(), {}, prove(*decoded, circuit, {})));

  for (size_t len : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(ProvingKey::decode(std::span<const uint8_t>(bytes.data(), len), *pool_).is_ok());
  }
  auto corrupt = bytes;
  corrupt[corrupt.size() / 2] ^= 1;
  auto r = ProvingKey::decode(corrupt, *pool_);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.error().find("checksum"), std::string::npos);
}

}  // namespace
}  // namespace zkfl::plonk
