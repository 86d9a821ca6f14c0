// The NTT kernels (scalar and AVX-512 IFMA) against the definition and
// against each other, over plans with two to five passes, with extreme
// inputs, and the inverse's reverse-and-scale pass on its own.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt_kernel.hpp"
#include "plonk/poly/ntt_passes.hpp"
#include "plonk/poly/ntt_transform.hpp"

namespace zkfl::plonk {
namespace {

using ntt_detail::Direction;
using ntt_detail::Kernel;

std::vector<Fr> random_values(size_t n, uint64_t seed) {
  DeterministicRng rng(seed);
  std::vector<Fr> out(n);
  for (Fr& v : out) v = Fr::random(rng);
  return out;
}

Fr naive_evaluate(const std::vector<Fr>& coeffs, const Fr& x) {
  Fr acc = Fr::zero();
  for (size_t j = coeffs.size(); j-- > 0;) acc = acc * x + coeffs[j];
  return acc;
}

EvaluationDomain domain_of(unsigned k) { return EvaluationDomain::create(k).value(); }

class NttKernelTest : public ::testing::TestWithParam<Kernel> {
 protected:
  void SetUp() override {
    if (!ntt_detail::kernel_available(GetParam())) {
      GTEST_SKIP() << "this CPU cannot run the " << ntt_detail::kernel_name(GetParam()) << " kernel";
    }
  }
  Kernel kernel() const { return GetParam(); }
};

// 2^11 is the smallest size that runs in passes (below it the transform is
// one serial piece); every point is checked against Horner's rule.
TEST_P(NttKernelTest, BlockedTransformMatchesNaiveEvaluationEverywhere) {
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(11);
  const std::vector<Fr> coeffs = random_values(domain.size(), 1);
  std::vector<Fr> on_h = coeffs, on_coset = coeffs;
  ntt_detail::transform(domain, on_h, pool, Direction::kForward, false, kernel());
  ntt_detail::transform(domain, on_coset, pool, Direction::kForward, true, kernel());
  Fr point = Fr::one();
  for (size_t i = 0; i < domain.size(); ++i) {
    ASSERT_EQ(on_h[i], naive_evaluate(coeffs, point)) << i;
    ASSERT_EQ(on_coset[i], naive_evaluate(coeffs, domain.coset_shift() * point)) << i;
    point *= domain.generator();
  }
}

TEST_P(NttKernelTest, InverseTransformsInterpolate) {
  // Interpolation by definition at a few coefficients: a_j = n^-1 Σ_i y_i ω^-ij (g^-j on the coset).
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(11);
  const std::vector<Fr> evals = random_values(domain.size(), 2);
  std::vector<Fr> coeffs = evals, coset_coeffs = evals;
  ntt_detail::transform(domain, coeffs, pool, Direction::kInverse, false, kernel());
  ntt_detail::transform(domain, coset_coeffs, pool, Direction::kInverse, true, kernel());
  for (size_t j : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{1023}, size_t{1024}, size_t{2047}}) {
    const Fr root = domain.generator_inverse().pow(static_cast<uint64_t>(j));
    Fr power = Fr::one(), sum = Fr::zero();
    for (const Fr& y : evals) {
      sum += y * power;
      power *= root;
    }
    sum *= domain.size_inverse();
    EXPECT_EQ(coeffs[j], sum) << j;
    EXPECT_EQ(coset_coeffs[j], sum * domain.coset_shift_inverse().pow(static_cast<uint64_t>(j))) << j;
  }
}

// Plans of 2 to 4 passes (small max_pass_log forces more, narrower passes)
// must all agree with the scalar kernel's default plan and round-trip.
TEST_P(NttKernelTest, EveryPassPlanAgreesWithTheScalarReference) {
  ThreadPool pool(2);
  for (unsigned k : {11u, 12u, 13u, 16u}) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> original = random_values(domain.size(), 10 + k);
    for (Direction direction : {Direction::kForward, Direction::kInverse}) {
      for (bool coset : {false, true}) {
        std::vector<Fr> reference = original;
        ntt_detail::transform(domain, reference, pool, direction, coset, Kernel::kScalar);
        ASSERT_NE(reference, original);
        for (unsigned max_pass_log : {4u, 5u, 7u, 11u}) {
          std::vector<Fr> values = original;
          ntt_detail::transform(domain, values, pool, direction, coset, kernel(), max_pass_log);
          ASSERT_EQ(values, reference) << "k=" << k << " max_pass_log=" << max_pass_log
                                       << " inverse=" << (direction == Direction::kInverse) << " coset=" << coset;
          const Direction back = direction == Direction::kForward ? Direction::kInverse : Direction::kForward;
          ntt_detail::transform(domain, values, pool, back, coset, kernel(), max_pass_log);
          ASSERT_EQ(values, original) << "k=" << k << " max_pass_log=" << max_pass_log;
        }
      }
    }
  }
}

// The largest canonical values stress the lazy bounds of the IFMA kernel
// (sums up to 4p, products of values up to 4p by twiddles up to 2p).
TEST_P(NttKernelTest, ExtremeInputsAgreeWithTheScalarReference) {
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(12);
  const Fr max = -Fr::one();
  std::vector<std::vector<Fr>> inputs;
  inputs.emplace_back(domain.size(), max);
  inputs.emplace_back(domain.size(), Fr::zero());
  std::vector<Fr> alternating(domain.size());
  for (size_t i = 0; i < alternating.size(); ++i) alternating[i] = i % 2 == 0 ? max : Fr::zero();
  inputs.push_back(alternating);
  std::vector<Fr> single(domain.size());
  single[domain.size() - 1] = max;
  inputs.push_back(single);
  for (const std::vector<Fr>& input : inputs) {
    for (Direction direction : {Direction::kForward, Direction::kInverse}) {
      for (bool coset : {false, true}) {
        std::vector<Fr> reference = input, values = input;
        ntt_detail::transform(domain, reference, pool, direction, coset, Kernel::kScalar);
        ntt_detail::transform(domain, values, pool, direction, coset, kernel());
        ASSERT_EQ(values, reference);
        // Outputs are canonical: the Montgomery representation itself is below p.
        for (const Fr& v : values) ASSERT_LT(u256_compare(v.montgomery(), Fr::kModulus), 0);
      }
    }
  }
  // The transform of the all-(p-1) vector is -n at ω^0 and zero elsewhere.
  std::vector<Fr> constant(domain.size(), max);
  ntt_detail::transform(domain, constant, pool, Direction::kForward, false, kernel());
  EXPECT_EQ(constant[0], -Fr::from_u64(domain.size()));
  for (size_t i = 1; i < constant.size(); ++i) ASSERT_TRUE(constant[i].is_zero()) << i;
}

TEST_P(NttKernelTest, ReverseAndScaleMatchesItsDefinition) {
  ThreadPool pool(2);
  const Fr size_inverse = Fr::from_u64(7), shift_inverse = Fr::from_u64(11);
  for (size_t n : {size_t{1}, size_t{2}, size_t{32}, size_t{64}, size_t{128}, size_t{4096}}) {
    const std::vector<Fr> original = random_values(n, n);
    for (const Fr* shift : {static_cast<const Fr*>(nullptr), &shift_inverse}) {
      std::vector<Fr> values = original;
      if (kernel() == Kernel::kAvx512Ifma) {
        ntt_detail::reverse_and_scale_ifma(values, shift, size_inverse, pool);
      } else {
        ntt_detail::reverse_and_scale_scalar(values, shift, size_inverse, pool);
      }
      for (size_t i = 0; i < n; ++i) {
        const Fr scale = size_inverse * (shift != nullptr ? shift->pow(static_cast<uint64_t>(i)) : Fr::one());
        ASSERT_EQ(values[i], original[(n - i) % n] * scale) << "n=" << n << " i=" << i;
      }
    }
  }
}

TEST_P(NttKernelTest, ThreadCountDoesNotChangeTheResult) {
  ThreadPool one(1), two(2), four(4);
  const EvaluationDomain domain = domain_of(14);
  const std::vector<Fr> original = random_values(domain.size(), 3);
  for (bool coset : {false, true}) {
    std::vector<Fr> a = original, b = original, c = original;
    ntt_detail::transform(domain, a, one, Direction::kForward, coset, kernel());
    ntt_detail::transform(domain, b, two, Direction::kForward, coset, kernel());
    ntt_detail::transform(domain, c, four, Direction::kForward, coset, kernel());
    EXPECT_EQ(a, b);
    EXPECT_EQ(a, c);
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, NttKernelTest, ::testing::Values(Kernel::kScalar, Kernel::kAvx512Ifma),
                         [](const ::testing::TestParamInfo<Kernel>& info) {
                           return info.param == Kernel::kScalar ? std::string("Scalar") : std::string("Avx512Ifma");
                         });

TEST(NttKernel, BestKernelIsAvailableAndNamed) {
  EXPECT_TRUE(ntt_detail::kernel_available(Kernel::kScalar));
  EXPECT_TRUE(ntt_detail::kernel_available(ntt_detail::best_kernel()));
  EXPECT_EQ(ntt_detail::kernel_name(Kernel::kScalar), "scalar");
  EXPECT_EQ(ntt_detail::kernel_name(Kernel::kAvx512Ifma), "avx512-ifma");
}

}  // namespace
}  // namespace zkfl::plonk
