// KZG commitments and openings: single point, the GWC multi-open of
// docs/PROOF_SYSTEM.md, deferred and batched pairing checks, and the
// Lagrange-basis commitment.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plonk/poly/polynomial.hpp"

#include "kzg_test_support.hpp"
#include "plonk/kzg/group_ntt.hpp"
#include "plonk/kzg/kzg.hpp"

namespace zkfl::plonk {
namespace {

// p(z) for a coefficient vector.
Fr evaluate_coeffs(const std::vector<Fr>& p, const Fr& z) { return evaluate(Polynomial<Coeff>(p), z); }

using kzg_test::random_g1;
using kzg_test::random_poly;
using kzg_test::srs_with_tau;

class KzgTest : public ::testing::Test {
 protected:
  ThreadPool pool_{2};
  DeterministicRng rng_{7};
  const Fr tau_ = Fr::from_u64(0x1234567890abcdefULL) * Fr::from_u64(0xfedcba0987654321ULL);
  const Srs srs_ = srs_with_tau(6, tau_);
};

TEST_F(KzgTest, CommitIsThePolynomialAtTau) {
  for (size_t n : {0u, 1u, 2u, 17u, 64u}) {
    const std::vector<Fr> p = random_poly(n, rng_);
    const G1 c = commit(srs_, p, pool_);
    EXPECT_EQ(c, G1::generator() * evaluate_coeffs(p, tau_)) << n;
  }
}

TEST_F(KzgTest, CommitOfTooManyCoefficientsAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::vector<Fr> p(65, Fr::one());
  EXPECT_DEATH(commit(srs_, p, pool_), "65 coefficients");
}

TEST_F(KzgTest, DivisionByLinearFactor) {
  const std::vector<Fr> p = random_poly(20, rng_);
  const Fr z = Fr::random(rng_);
  const std::vector<Fr> q = divide_by_linear(Polynomial<Coeff>(p), z).take();
  ASSERT_EQ(q.size(), 19u);
  // p(X) − p(z) = q(X)·(X − z) at a random X.
  const Fr x = Fr::random(rng_);
  EXPECT_EQ(evaluate_coeffs(p, x) - evaluate_coeffs(p, z), evaluate_coeffs(q, x) * (x - z));
  EXPECT_TRUE(divide_by_linear(Polynomial<Coeff>(std::vector<Fr>{Fr::one()}), z).empty());
}

TEST_F(KzgTest, OpenVerifyRoundTripAndRejections) {
  const std::vector<Fr> p = random_poly(50, rng_);
  const G1Affine c = commit(srs_, p, pool_).to_affine();
  const Fr z = Fr::random(rng_);
  const KzgOpening opening = open(srs_, p, z, pool_);
  EXPECT_EQ(opening.value, evaluate_coeffs(p, z));
  EXPECT_TRUE(verify_opening(srs_, c, z, opening.value, opening.witness));
  // Wrong value, wrong point, wrong commitment, wrong witness.
  EXPECT_FALSE(verify_opening(srs_, c, z, opening.value + Fr::one(), opening.witness));
  EXPECT_FALSE(verify_opening(srs_, c, z + Fr::one(), opening.value, opening.witness));
  EXPECT_FALSE(verify_opening(srs_, random_g1(rng_), z, opening.value, opening.witness));
  EXPECT_FALSE(verify_opening(srs_, c, z, opening.value, random_g1(rng_)));
  // Opening at a point of the SRS's own domain and at zero.
  for (const Fr& point : {Fr::zero(), domain_generator(6)}) {
    const KzgOpening o = open(srs_, p, point, pool_);
    EXPECT_TRUE(verify_opening(srs_, c, point, o.value, o.witness));
  }
}

// A multi-open scenario: three points x, ω·x, ω^{-1}·x with several
// polynomials of different degrees at each, some opened at more than one point.
struct Scenario {
  std::vector<std::vector<Fr>> polys;
  std::vector<G1Affine> commitments;
  std::vector<ProverQuery> prover;
  std::vector<VerifierQuery> verifier;
};

Scenario make_scenario(const Srs& srs, Rng& rng, ThreadPool& pool) {
  Scenario s;
  for (size_t n : {64u, 40u, 64u, 3u, 1u}) s.polys.push_back(random_poly(n, rng));
  for (const auto& p : s.polys) s.commitments.push_back(commit(srs, p, pool).to_affine());
  const Fr x = Fr::random(rng);
  const Fr omega = domain_generator(6);
  const Fr points[3] = {x, omega * x, omega.inverse() * x};
  const std::pair<size_t, size_t> plan[] = {{0, 0}, {1, 0}, {2, 1}, {0, 1}, {3, 0}, {4, 2}, {1, 2}, {2, 0}, {0, 2}};
  for (const auto& [poly, point] : plan) {
    const Fr z = points[point];
    const Fr y = evaluate_coeffs(s.polys[poly], z);
    s.prover.push_back(ProverQuery{s.polys[poly], z, y});
    s.verifier.push_back(VerifierQuery{{CommitmentTerm{Fr::one(), s.commitments[poly]}}, z, y});
  }
  return s;
}

TEST_F(KzgTest, MultiOpenThreePointsManyPolynomials) {
  const Scenario s = make_scenario(srs_, rng_, pool_);
  EXPECT_EQ(distinct_points(std::span<const ProverQuery>(s.prover)).size(), 3u);
  Transcript pt("kzg-test");
  pt.absorb_u64("setup", 1);
  const std::vector<G1Affine> w = open_multi(srs_, s.prover, pt, pool_);
  ASSERT_EQ(w.size(), 3u);

  Transcript vt("kzg-test");
  vt.absorb_u64("setup", 1);
  auto acc = verify_multi(s.verifier, w, vt, pool_);
  ASSERT_TRUE(acc) << acc.error();
  EXPECT_TRUE(check(*acc, srs_));
  // Same manifest and the same state afterwards.
  EXPECT_EQ(pt.manifest(), vt.manifest());
  EXPECT_EQ(pt.manifest().back(), "challenge:u");
  EXPECT_EQ(pt.challenge_scalar("next"), vt.challenge_scalar("next"));
}

TEST_F(KzgTest, MultiOpenRejectsTamperedProofsAndClaims) {
  const Scenario s = make_scenario(srs_, rng_, pool_);
  Transcript pt("kzg-test");
  const std::vector<G1Affine> w = open_multi(srs_, s.prover, pt, pool_);
  auto verify_with = [&](const std::vector<VerifierQuery>& queries, const std::vector<G1Affine>& ws) {
    Transcript vt("kzg-test");
    auto acc = verify_multi(queries, ws, vt, pool_);
    return acc && check(*acc, srs_);
  };
  ASSERT_TRUE(verify_with(s.verifier, w));
  for (size_t j = 0; j < w.size(); ++j) {
    std::vector<G1Affine> tampered = w;
    tampered[j] = (G1(tampered[j]) + G1::generator()).to_affine();
    EXPECT_FALSE(verify_with(s.verifier, tampered)) << "W " << j;
  }
  std::vector<G1Affine> swapped = w;
  std::swap(swapped[0], swapped[2]);
  EXPECT_FALSE(verify_with(s.verifier, swapped));
  for (size_t q = 0; q < s.verifier.size(); ++q) {
    std::vector<VerifierQuery> wrong = s.verifier;
    wrong[q].eval += Fr::one();
    EXPECT_FALSE(verify_with(wrong, w)) << "value of query " << q;
    wrong = s.verifier;
    wrong[q].commitment[0].point = random_g1(rng_);
    EXPECT_FALSE(verify_with(wrong, w)) << "commitment of query " << q;
  }
  // A different transcript prefix gives different challenges.
  Transcript other("kzg-test");
  other.absorb_u64("something else", 2);
  auto acc = verify_multi(s.verifier, w, other, pool_);
  ASSERT_TRUE(acc);
  EXPECT_FALSE(check(*acc, srs_));
  // A wrong number of W is an error, not a false.
  std::vector<G1Affine> fewer(w.begin(), w.end() - 1);
  Transcript vt("kzg-test");
  auto r = verify_multi(s.verifier, fewer, vt, pool_);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("expected 3"), std::string::npos) << r.error();
}

TEST_F(KzgTest, ProverWithAWrongClaimIsRejected) {
  Scenario s = make_scenario(srs_, rng_, pool_);
  s.prover[4].eval += Fr::one();
  s.verifier[4].eval += Fr::one();
  Transcript pt("kzg-test");
  const std::vector<G1Affine> w = open_multi(srs_, s.prover, pt, pool_);
  Transcript vt("kzg-test");
  auto acc = verify_multi(s.verifier, w, vt, pool_);
  ASSERT_TRUE(acc);
  EXPECT_FALSE(check(*acc, srs_));
}

TEST_F(KzgTest, MultiOpenOfALinearCombinationOfCommitments) {
  // h = Σ X^{in}·h_i with n = 16, committed piecewise. At x the prover opens
  // h_x(X) = Σ x^{in}·h_i(X), with h_x(x) = h(x), and the verifier knows its
  // commitment only as Σ x^{in}·[h_i] (the vanishing argument's shape).
  const size_t n = 16;
  const std::vector<Fr> h = random_poly(3 * n, rng_);
  std::vector<G1Affine> pieces;
  for (size_t i = 0; i < 3; ++i) {
    pieces.push_back(commit(srs_, std::span(h).subspan(i * n, n), pool_).to_affine());
  }
  const Fr x = Fr::random(rng_);
  const Fr y = evaluate_coeffs(h, x);
  const std::vector<Fr> a = random_poly(30, rng_);
  const Fr xn = x.pow(n);
  std::vector<Fr> h_x(n, Fr::zero());
  for (size_t i = 0; i < 3; ++i) {
    for (size_t j = 0; j < n; ++j) h_x[j] += xn.pow(i) * h[i * n + j];
  }
  ASSERT_EQ(evaluate_coeffs(h_x, x), y);
  const std::vector<ProverQuery> pq = {{h_x, x, y}, {a, x, evaluate_coeffs(a, x)}};
  Transcript pt("kzg-test");
  const std::vector<G1Affine> w = open_multi(srs_, pq, pt, pool_);

  VerifierQuery hq{{{Fr::one(), pieces[0]}, {xn, pieces[1]}, {xn * xn, pieces[2]}}, x, y};
  VerifierQuery aq{{{Fr::one(), commit(srs_, a, pool_).to_affine()}}, x, pq[1].eval};
  Transcript vt("kzg-test");
  auto acc = verify_multi(std::vector<VerifierQuery>{hq, aq}, w, vt, pool_);
  ASSERT_TRUE(acc);
  EXPECT_TRUE(check(*acc, srs_));
  hq.commitment[2].scalar = xn;  // wrong power of x
  Transcript vt2("kzg-test");
  acc = verify_multi(std::vector<VerifierQuery>{hq, aq}, w, vt2, pool_);
  ASSERT_TRUE(acc);
  EXPECT_FALSE(check(*acc, srs_));
}

TEST_F(KzgTest, BatchCheckAcceptsValidAndRejectsOneBad) {
  std::vector<PairingAccumulator> accs;
  for (int proof = 0; proof < 4; ++proof) {
    const Scenario s = make_scenario(srs_, rng_, pool_);
    Transcript pt("batch");
    const std::vector<G1Affine> w = open_multi(srs_, s.prover, pt, pool_);
    Transcript vt("batch");
    auto acc = verify_multi(s.verifier, w, vt, pool_);
    ASSERT_TRUE(acc);
    ASSERT_TRUE(check(*acc, srs_));
    accs.push_back(*acc);
  }
  EXPECT_TRUE(check_batch(accs, srs_, rng_, pool_));
  EXPECT_TRUE(check_batch(accs, srs_, rng_));
  EXPECT_TRUE(check_batch(std::span<const PairingAccumulator>(), srs_, rng_));
  // A verifier holding only [1]₂ and [τ]₂.
  EXPECT_TRUE(check(accs[0], srs_.g2_prepared(), srs_.tau_g2_prepared()));
  EXPECT_TRUE(check_batch(accs, srs_.g2_prepared(), srs_.tau_g2_prepared(), rng_, pool_));
  EXPECT_FALSE(check(accs[0], srs_.tau_g2_prepared(), srs_.g2_prepared()));
  for (size_t bad = 0; bad < accs.size(); ++bad) {
    std::vector<PairingAccumulator> with_bad = accs;
    with_bad[bad].rhs += G1::generator();
    EXPECT_FALSE(check(with_bad[bad], srs_));
    EXPECT_FALSE(check_batch(with_bad, srs_, rng_, pool_)) << bad;
    EXPECT_FALSE(check_batch(with_bad, srs_.g2_prepared(), srs_.tau_g2_prepared(), rng_, pool_)) << bad;
  }
  // Two bad accumulators whose errors cancel in a plain sum are still caught.
  std::vector<PairingAccumulator> cancelling = accs;
  cancelling[0].rhs += G1::generator();
  cancelling[1].rhs -= G1::generator();
  EXPECT_FALSE(check_batch(cancelling, srs_, rng_, pool_));
}

TEST_F(KzgTest, GroupInverseNttMatchesTheDefinition) {
  for (uint32_t log_n : {1u, 2u, 3u, 5u}) {
    const size_t n = size_t{1} << log_n;
    std::vector<G1> points(n);
    for (G1& p : points) p = random_g1(rng_);
    std::vector<G1> transformed = points;
    g1_inverse_ntt(transformed, pool_);
    const Fr omega_inv = domain_generator(log_n).inverse();
    const Fr n_inv = Fr::from_u64(n).inverse();
    for (size_t i = 0; i < n; ++i) {
      G1 expected = G1::identity();
      for (size_t j = 0; j < n; ++j) expected += points[j] * (omega_inv.pow(i * j) * n_inv);
      EXPECT_EQ(transformed[i], expected) << "n = " << n << ", i = " << i;
    }
  }
  EXPECT_EQ(domain_generator(3).pow(8), Fr::one());
  EXPECT_NE(domain_generator(3).pow(4), Fr::one());
}

// The coefficients of the polynomial with p(ω^i) = values[i] (naive inverse DFT).
std::vector<Fr> interpolate(std::span<const Fr> values, uint32_t log_n) {
  const size_t n = values.size();
  const Fr omega_inv = domain_generator(log_n).inverse();
  const Fr n_inv = Fr::from_u64(n).inverse();
  std::vector<Fr> coeffs(n);
  for (size_t j = 0; j < n; ++j) {
    Fr sum = Fr::zero();
    for (size_t i = 0; i < n; ++i) sum += values[i] * omega_inv.pow(i * j);
    coeffs[j] = sum * n_inv;
  }
  return coeffs;
}

TEST_F(KzgTest, CommitLagrangeEqualsCommitOfInterpolatedCoefficients) {
  LagrangeBases bases(srs_);
  for (uint32_t k : {1u, 4u, 6u}) {
    const auto basis = bases.get(k, pool_);
    ASSERT_EQ(basis->size(), size_t{1} << k);
    // [L_i(τ)]₁ directly from τ.
    const Fr omega = domain_generator(k);
    const Fr n = Fr::from_u64(basis->size());
    const Fr z_h = tau_.pow(basis->size()) - Fr::one();
    for (size_t i : {size_t{0}, basis->size() - 1}) {
      const Fr wi = omega.pow(i);
      const Fr l = wi * z_h * (n * (tau_ - wi)).inverse();
      EXPECT_EQ(G1((*basis)[i]), G1::generator() * l) << "k = " << k << ", i = " << i;
    }
    const std::vector<Fr> values = random_poly(basis->size(), rng_);
    const std::vector<Fr> coeffs = interpolate(values, k);
    EXPECT_EQ(commit_lagrange(*basis, values, pool_), commit(srs_, coeffs, pool_)) << k;
    // Fewer values than the domain: the rest are zero.
    std::vector<Fr> padded(values.begin(), values.begin() + static_cast<ptrdiff_t>(basis->size() / 2));
    padded.resize(basis->size(), Fr::zero());
    EXPECT_EQ(commit_lagrange(*basis, std::span(values).first(basis->size() / 2), pool_),
              commit(srs_, interpolate(padded, k), pool_));
  }
  // The cache hands out the same basis again.
  EXPECT_EQ(bases.get(4, pool_).get(), bases.get(4, pool_).get());
}

}  // namespace
}  // namespace zkfl::plonk
