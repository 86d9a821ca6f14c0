// NTT, inverse NTT and their coset forms against the definition (naive
// evaluation), against each other (round trips), across thread counts, and
// the bit-reversal permutation they rely on.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/bit_reverse.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt.hpp"

namespace zkfl::plonk {
namespace {

std::vector<Fr> random_values(size_t n, uint64_t seed) {
  DeterministicRng rng(seed);
  std::vector<Fr> out(n);
  for (Fr& v : out) v = Fr::random(rng);
  return out;
}

// Σ a_j x^j by Horner's rule, independent of the code under test.
Fr naive_evaluate(const std::vector<Fr>& coeffs, const Fr& x) {
  Fr acc = Fr::zero();
  for (size_t j = coeffs.size(); j-- > 0;) acc = acc * x + coeffs[j];
  return acc;
}

EvaluationDomain domain_of(unsigned k) { return EvaluationDomain::create(k).value(); }

TEST(Ntt, MatchesNaiveEvaluationOnTheSubgroup) {
  ThreadPool pool(2);
  for (unsigned k = 0; k <= 8; ++k) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> coeffs = random_values(domain.size(), 100 + k);
    std::vector<Fr> values = coeffs;
    ntt(domain, values, pool);
    Fr point = Fr::one();
    for (size_t i = 0; i < domain.size(); ++i) {
      ASSERT_EQ(values[i], naive_evaluate(coeffs, point)) << "k=" << k << " i=" << i;
      point *= domain.generator();
    }
  }
}

TEST(Ntt, CosetNttMatchesNaiveEvaluationOnTheCoset) {
  ThreadPool pool(2);
  for (unsigned k = 0; k <= 8; ++k) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> coeffs = random_values(domain.size(), 200 + k);
    std::vector<Fr> values = coeffs;
    coset_ntt(domain, values, pool);
    Fr point = domain.coset_shift();
    for (size_t i = 0; i < domain.size(); ++i) {
      ASSERT_EQ(values[i], naive_evaluate(coeffs, point)) << "k=" << k << " i=" << i;
      point *= domain.generator();
    }
  }
}

// Sizes that take the blocked, multi-threaded path are checked against the
// definition at a sample of points.
TEST(Ntt, BlockedSizesMatchNaiveEvaluationAtSampledPoints) {
  ThreadPool pool(2);
  for (unsigned k : {11u, 14u, 15u}) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> coeffs = random_values(domain.size(), 300 + k);
    std::vector<Fr> values = coeffs;
    std::vector<Fr> coset_values = coeffs;
    ntt(domain, values, pool);
    coset_ntt(domain, coset_values, pool);
    for (size_t i : {size_t{0}, size_t{1}, size_t{2}, size_t{3}, size_t{1} << (k - 1), domain.size() - 1,
                     size_t{12345} % domain.size(), size_t{987} * 31 % domain.size()}) {
      const Fr point = domain.element(i);
      ASSERT_EQ(values[i], naive_evaluate(coeffs, point)) << "k=" << k << " i=" << i;
      ASSERT_EQ(coset_values[i], naive_evaluate(coeffs, domain.coset_shift() * point)) << "k=" << k << " i=" << i;
    }
  }
}

TEST(Ntt, InverseUndoesForwardForEverySizeUpTo4096) {
  ThreadPool pool(2);
  for (unsigned k = 0; k <= 12; ++k) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> original = random_values(domain.size(), 400 + k);
    std::vector<Fr> values = original;
    ntt(domain, values, pool);
    if (k > 0) {
      EXPECT_NE(values, original) << "k=" << k;
    }
    intt(domain, values, pool);
    EXPECT_EQ(values, original) << "k=" << k;
    coset_ntt(domain, values, pool);
    if (k > 0) {
      EXPECT_NE(values, original) << "k=" << k;
    }
    coset_intt(domain, values, pool);
    EXPECT_EQ(values, original) << "k=" << k;
    // And the other way round: evaluations -> coefficients -> evaluations.
    intt(domain, values, pool);
    ntt(domain, values, pool);
    EXPECT_EQ(values, original) << "k=" << k;
  }
}

TEST(Ntt, RoundTripsAt65536) {
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(16);
  const std::vector<Fr> original = random_values(domain.size(), 500);
  std::vector<Fr> values = original;
  ntt(domain, values, pool);
  intt(domain, values, pool);
  EXPECT_EQ(values, original);
  coset_ntt(domain, values, pool);
  coset_intt(domain, values, pool);
  EXPECT_EQ(values, original);
}

TEST(Ntt, InverseMatchesInterpolationDefinition) {
  // a_j = n^-1 Σ_i y_i ω^(-ij), and on the coset a_j = g^-j n^-1 Σ_i y_i ω^(-ij).
  ThreadPool pool(2);
  for (unsigned k : {0u, 1u, 2u, 3u, 6u}) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> evals = random_values(domain.size(), 600 + k);
    std::vector<Fr> coeffs = evals;
    std::vector<Fr> coset_coeffs = evals;
    intt(domain, coeffs, pool);
    coset_intt(domain, coset_coeffs, pool);
    for (size_t j = 0; j < domain.size(); ++j) {
      Fr sum = Fr::zero();
      for (size_t i = 0; i < domain.size(); ++i) sum += evals[i] * domain.generator_inverse().pow(uint64_t{i * j});
      sum *= domain.size_inverse();
      EXPECT_EQ(coeffs[j], sum) << "k=" << k << " j=" << j;
      EXPECT_EQ(coset_coeffs[j], sum * domain.coset_shift_inverse().pow(uint64_t{j})) << "k=" << k << " j=" << j;
    }
  }
}

TEST(Ntt, ThreadCountDoesNotChangeTheResult) {
  ThreadPool one(1), two(2), three(3);
  for (unsigned k : {4u, 10u, 11u, 13u, 16u}) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> original = random_values(domain.size(), 700 + k);
    using Transform = void (*)(const EvaluationDomain&, std::span<Fr>, ThreadPool&);
    for (Transform transform : {Transform{ntt}, Transform{intt}, Transform{coset_ntt}, Transform{coset_intt}}) {
      std::vector<Fr> a = original, b = original, c = original;
      transform(domain, a, one);
      transform(domain, b, two);
      transform(domain, c, three);
      EXPECT_EQ(a, b) << "k=" << k;
      EXPECT_EQ(a, c) << "k=" << k;
      EXPECT_NE(a, original) << "k=" << k;
    }
  }
}

TEST(Ntt, CopiesOfADomainShareTablesAndAgree) {
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(12);
  const EvaluationDomain copy = domain;  // NOLINT: the copy is the point
  const std::vector<Fr> original = random_values(domain.size(), 800);
  std::vector<Fr> a = original, b = original;
  ntt(domain, a, pool);
  ntt(copy, b, pool);
  EXPECT_EQ(a, b);
  EXPECT_EQ(&domain.ntt_tables(pool), &copy.ntt_tables(pool));
}

TEST(Ntt, ConcurrentFirstUseOfADomainIsSafe) {
  // Two threads race to build the same domain's root table (each with its own
  // pool); both must get the right transform.
  const EvaluationDomain domain = domain_of(13);
  const std::vector<Fr> original = random_values(domain.size(), 900);
  std::vector<Fr> expected = original;
  {
    const EvaluationDomain fresh = domain_of(13);
    ThreadPool pool(1);
    ntt(fresh, expected, pool);
  }
  std::vector<Fr> a = original, b = original;
  std::thread first([&] {
    ThreadPool pool(2);
    ntt(domain, a, pool);
  });
  std::thread second([&] {
    ThreadPool pool(1);
    ntt(domain, b, pool);
  });
  first.join();
  second.join();
  EXPECT_EQ(a, expected);
  EXPECT_EQ(b, expected);
}

TEST(Ntt, KnownSmallTransforms) {
  ThreadPool pool(1);
  // n = 2: (a0, a1) -> (a0 + a1, a0 - a1).
  const EvaluationDomain d2 = domain_of(1);
  std::vector<Fr> v{Fr::from_u64(7), Fr::from_u64(3)};
  ntt(d2, v, pool);
  EXPECT_EQ(v, (std::vector<Fr>{Fr::from_u64(10), Fr::from_u64(4)}));
  // n = 1: the identity, on the coset the constant polynomial too.
  const EvaluationDomain d1 = domain_of(0);
  std::vector<Fr> single{Fr::from_u64(9)};
  ntt(d1, single, pool);
  coset_ntt(d1, single, pool);
  EXPECT_EQ(single[0], Fr::from_u64(9));
  // n = 4, f = X: the evaluations are the domain elements themselves.
  const EvaluationDomain d4 = domain_of(2);
  std::vector<Fr> x{Fr::zero(), Fr::one(), Fr::zero(), Fr::zero()};
  ntt(d4, x, pool);
  EXPECT_EQ(x, d4.elements());
}

TEST(BitReverse, ReverseBitsAndPermutation) {
  EXPECT_EQ(reverse_bits(0b0011, 4), 0b1100u);
  EXPECT_EQ(reverse_bits(1, 1), 1u);
  EXPECT_EQ(reverse_bits(5, 0), 0u);
  EXPECT_EQ(reverse_bits(1, 20), size_t{1} << 19);
  ThreadPool pool(2);
  for (unsigned k : {0u, 1u, 2u, 3u, 7u, 10u, 11u, 14u, 15u}) {
    const size_t n = size_t{1} << k;
    std::vector<Fr> values(n);
    for (size_t i = 0; i < n; ++i) values[i] = Fr::from_u64(i);
    bit_reverse_permute(values, pool);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(values[i], Fr::from_u64(reverse_bits(i, k))) << "k=" << k;
  }
}

}  // namespace
}  // namespace zkfl::plonk
