// The circuit API and the MockProver: honest witnesses pass; each kind of
// wrong witness is reported with its gate or lookup, region and row.
#include <gtest/gtest.h>

#include "plonk/circuit/mock_prover.hpp"
#include "test_circuits.hpp"

namespace zkfl::plonk {
namespace {

using test::ChallengeAccumulatorCircuit;
using test::FibonacciCircuit;
using test::RangeCheckedProductCircuit;

std::vector<std::vector<Fr>> fibonacci_instance(size_t steps, uint64_t a0, uint64_t b0) {
  return {{Fr::from_u64(a0), Fr::from_u64(b0), FibonacciCircuit::expected_last(steps, a0, b0)}};
}

TEST(MockProver, HonestFibonacciPasses) {
  DeterministicRng rng(1);
  FibonacciCircuit circuit(20, 1, 1);
  auto mp = MockProver::run(6, circuit, fibonacci_instance(20, 1, 1), rng);
  ASSERT_TRUE(mp.is_ok()) << mp.error();
  EXPECT_TRUE(mp->verify_status().is_ok()) << mp->verify_status().message();
}

TEST(MockProver, WrongFibonacciStepIsLocated) {
  DeterministicRng rng(2);
  FibonacciCircuit circuit(20, 1, 1, /*tamper=*/true);
  auto mp = MockProver::run(6, circuit, fibonacci_instance(20, 1, 1), rng);
  ASSERT_TRUE(mp.is_ok()) << mp.error();
  auto failures = mp->verify();
  ASSERT_FALSE(failures.empty());
  const VerifyFailure& f = failures.front();
  EXPECT_EQ(f.kind, VerifyFailure::Kind::kGate);
  EXPECT_EQ(f.name, "fibonacci step");
  EXPECT_EQ(f.constraint_index, 1u);
  EXPECT_EQ(f.region, "fibonacci");
  EXPECT_EQ(f.row, 10u);  // step 10 wrote the wrong b[11]
  EXPECT_NE(f.to_string().find("region 'fibonacci'"), std::string::npos);
}

TEST(MockProver, WrongPublicInputBreaksTheCopyConstraint) {
  DeterministicRng rng(3);
  FibonacciCircuit circuit(20, 1, 1);
  auto instance = fibonacci_instance(20, 1, 1);
  instance[0][2] += Fr::one();
  auto mp = MockProver::run(6, circuit, instance, rng);
  ASSERT_TRUE(mp.is_ok());
  auto failures = mp->verify();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].kind, VerifyFailure::Kind::kCopy);
}

TEST(MockProver, TooFewRowsIsAnError) {
  DeterministicRng rng(4);
  FibonacciCircuit circuit(100, 1, 1);
  auto mp = MockProver::run(6, circuit, fibonacci_instance(100, 1, 1), rng);
  ASSERT_FALSE(mp.is_ok());
  EXPECT_NE(mp.error().find("usable rows"), std::string::npos);
}

TEST(MockProver, LookupAndHighDegreeGate) {
  DeterministicRng rng(5);
  std::vector<uint64_t> xs{0, 1, 17, 255, 128, 3};
  RangeCheckedProductCircuit honest(xs);
  auto ok = MockProver::run(9, honest, {}, rng);
  ASSERT_TRUE(ok.is_ok()) << ok.error();
  EXPECT_TRUE(ok->verify().empty()) << ok->verify_status().message();
  EXPECT_EQ(ok->constraint_system().degree(), 5);  // logUp with a selector-gated input

  RangeCheckedProductCircuit wrong_product(xs, 2);
  auto bad = MockProver::run(9, wrong_product, {}, rng);
  ASSERT_TRUE(bad.is_ok());
  auto failures = bad->verify();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].name, "product");
  EXPECT_EQ(failures[0].region, "products");
  EXPECT_EQ(failures[0].offset, 2u);

  RangeCheckedProductCircuit out_of_range(xs, 4, /*out_of_range=*/true);
  auto oor = MockProver::run(9, out_of_range, {}, rng);
  ASSERT_TRUE(oor.is_ok());
  failures = oor->verify();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].kind, VerifyFailure::Kind::kLookup);
  EXPECT_EQ(failures[0].name, "byte range");
  EXPECT_EQ(failures[0].offset, 4u);
}

TEST(MockProver, SecondPhaseColumnSeesTheChallenge) {
  DeterministicRng rng(6);
  ChallengeAccumulatorCircuit honest({5, 7, 11, 13});
  auto ok = MockProver::run(5, honest, {}, rng);
  ASSERT_TRUE(ok.is_ok()) << ok.error();
  EXPECT_TRUE(ok->verify().empty()) << ok->verify_status().message();
  EXPECT_EQ(ok->constraint_system().num_phases(), 2);

  ChallengeAccumulatorCircuit wrong({5, 7, 11, 13}, /*tamper=*/true);
  auto bad = MockProver::run(5, wrong, {}, rng);
  ASSERT_TRUE(bad.is_ok());
  auto failures = bad->verify();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].name, "accumulate");
  EXPECT_EQ(failures[0].row, 3u);
}

TEST(ConstraintSystem, BlindingRowsCoverTheMostQueriedColumn) {
  ConstraintSystem cs;
  AdviceColumn a = cs.advice_column();
  cs.create_gate("many rotations", {a.rot(-2) + a.rot(-1) + a.cur() + a.next() + a.rot(2)});
  EXPECT_EQ(cs.rotations(a.column).size(), 5u);
  EXPECT_EQ(cs.blinding_rows(), 7u);
  EXPECT_EQ(cs.usable_rows(4), 16u - 8u);
  cs.require_blinding_rows(10);
  EXPECT_EQ(cs.blinding_rows(), 12u);
}

TEST(Expression, DegreeAndPrinting) {
  ConstraintSystem cs;
  AdviceColumn a = cs.advice_column();
  FixedColumn f = cs.fixed_column();
  Expression e = a.cur() * a.next() * f.cur() - Fr::from_u64(3);
  EXPECT_EQ(e.degree(), 3);
  EXPECT_EQ(e.to_string(), "(advice0[0]*advice0[1]*fixed0[0] + -(3))");
}

}  // namespace
}  // namespace zkfl::plonk
