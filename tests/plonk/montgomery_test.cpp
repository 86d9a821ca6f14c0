// The field layer's x86-64 assembly (modular addition, subtraction,
// negation, halving, the lazy sum, the Montgomery product and square)
// against the portable C++ it replaces at run time, on random operands and
// on the edges: 0, 1, p − 1, sums and differences on either side of the
// conditional correction, and lazily reduced operands up to 2p − 1 (around
// 2^254). Also: the constant-evaluated path gives what the run-time path gives.
#include <gtest/gtest.h>

#include <vector>

#include "plonk/field/fq.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/field/montgomery_add.hpp"
#include "plonk/field/montgomery_mul.hpp"
#include "plonk/field/montgomery_square.hpp"

namespace zkfl::plonk {
namespace {

template <class F>
class MontgomeryKernels : public ::testing::Test {};
using PrimeFields = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(MontgomeryKernels, PrimeFields);

U256 minus(const U256& a, uint64_t s) {
  U256 r{};
  u256_sub(r, a, U256{s, 0, 0, 0});
  return r;
}
U256 plus(const U256& a, const U256& b) {
  U256 r{};
  u256_add(r, a, b);
  return r;
}

// Reduced values (< p): the edges, values whose sums and differences land on
// both sides of p and 0, and random ones.
template <class F>
std::vector<U256> reduced_operands(uint64_t seed) {
  const U256& p = F::kModulus;
  const U256 half = u256_shr1(p);  // (p − 1)/2
  std::vector<U256> v{U256{},          U256{1, 0, 0, 0}, U256{2, 0, 0, 0}, minus(p, 1),     minus(p, 2),
                      half,            plus(half, U256{1, 0, 0, 0}),       minus(half, 1),  F::kR,
                      F::kR2,          U256{~uint64_t{0}, 0, 0, 0},        U256{0, 0, 0, 1}, minus(p, uint64_t{1} << 63)};
  DeterministicRng rng(seed);
  for (int i = 0; i < 400; ++i) v.push_back(F::random(rng).montgomery());
  return v;
}

// Lazily reduced values in [p, 2p): what lazy_add produces and the product
// and square accept. 2^254 lies in that range for both BN254 primes.
template <class F>
std::vector<U256> lazy_operands(uint64_t seed) {
  const U256& p = F::kModulus;
  const U256 two_p = plus(p, p);
  std::vector<U256> v{p, plus(p, U256{1, 0, 0, 0}), minus(two_p, 1), minus(two_p, 2), U256{0, 0, 0, uint64_t{1} << 62},
                      minus(U256{0, 0, 0, uint64_t{1} << 62}, 1), U256{1, 0, 0, uint64_t{1} << 62}};
  for (const U256& x : v) EXPECT_TRUE(u256_compare(x, p) >= 0 && u256_compare(x, two_p) < 0);
  DeterministicRng rng(seed);
  for (int i = 0; i < 200; ++i) v.push_back(plus(F::random(rng).montgomery(), p));
  return v;
}

// x mod p for x < 2p.
template <class F>
U256 reduce(const U256& x) {
  U256 r{};
  return u256_sub(r, x, F::kModulus) ? x : r;
}

// Pairs (a, b) over the operand list: every operand meets a few others,
// including itself.
template <class Fn>
void for_pairs(const std::vector<U256>& xs, Fn fn) {
  for (size_t i = 0; i < xs.size(); ++i) {
    for (size_t j : {i, (i * 7 + 3) % xs.size(), (i * 31 + 11) % xs.size(), xs.size() - 1 - i}) fn(xs[i], xs[j]);
  }
}

#if defined(__x86_64__)
TYPED_TEST(MontgomeryKernels, AdditionSubtractionNegationHalvingMatchPortable) {
  using F = TypeParam;
  const U256& p = F::kModulus;
  const std::vector<U256> xs = reduced_operands<F>(1);
  size_t added_over_p = 0, subtracted_below_0 = 0;
  for_pairs(xs, [&](const U256& a, const U256& b) {
    const U256 sum = mod_add_asm<F::kMontgomery>(a, b);
    EXPECT_EQ(sum, mod_add_portable(a, b, p));
    EXPECT_LT(u256_compare(sum, p), 0);
    if (u256_compare(plus(a, b), p) >= 0) ++added_over_p;
    const U256 diff = mod_sub_asm<F::kMontgomery>(a, b);
    EXPECT_EQ(diff, mod_sub_portable(a, b, p));
    EXPECT_LT(u256_compare(diff, p), 0);
    if (u256_compare(a, b) < 0) ++subtracted_below_0;
    EXPECT_EQ(lazy_add_asm(a, b), plus(a, b));
  });
  // Both sides of each correction were exercised.
  EXPECT_GT(added_over_p, 50u);
  EXPECT_LT(added_over_p, 4 * xs.size() - 50);
  EXPECT_GT(subtracted_below_0, 50u);
  EXPECT_LT(subtracted_below_0, 4 * xs.size() - 50);
  for (const U256& a : xs) {
    EXPECT_EQ(mod_neg_asm<F::kMontgomery>(a), mod_neg_portable(a, p));
    EXPECT_EQ(mod_halve_asm<F::kMontgomery>(a), mod_halve_portable(a, p));
    EXPECT_EQ(mod_add_portable(mod_halve_portable(a, p), mod_halve_portable(a, p), p), a);
  }
  EXPECT_EQ(mod_neg_asm<F::kMontgomery>(U256{}), U256{});
  EXPECT_EQ(mod_add_asm<F::kMontgomery>(minus(p, 1), U256{1, 0, 0, 0}), U256{});  // exactly p wraps to 0
  EXPECT_EQ(mod_sub_asm<F::kMontgomery>(U256{}, U256{1, 0, 0, 0}), minus(p, 1));
}

TYPED_TEST(MontgomeryKernels, ProductMatchesPortableOnReducedAndLazyOperands) {
  using F = TypeParam;
  if (!kCpuHasMulxAdx) GTEST_SKIP() << "CPU lacks BMI2/ADX; only the portable product runs here";
  std::vector<U256> xs = reduced_operands<F>(2);
  const std::vector<U256> lazy = lazy_operands<F>(3);
  xs.insert(xs.end(), lazy.begin(), lazy.end());
  for_pairs(xs, [](const U256& a, const U256& b) {
    const U256 product = mont_mul_mulx_adx<F::kMontgomery>(a, b);
    EXPECT_LT(u256_compare(product, F::kModulus), 0);
    // The portable product of the reduced operands is the reference.
    EXPECT_EQ(product, mont_mul_portable(reduce<F>(a), reduce<F>(b), F::kMontgomery));
    EXPECT_EQ(product, mont_mul_portable(a, b, F::kMontgomery));
  });
}

TYPED_TEST(MontgomeryKernels, SquareMatchesPortableProductOnReducedAndLazyOperands) {
  using F = TypeParam;
  if (!kCpuHasMulxAdx) GTEST_SKIP() << "CPU lacks BMI2/ADX; only the portable product runs here";
  std::vector<U256> xs = reduced_operands<F>(4);
  const std::vector<U256> lazy = lazy_operands<F>(5);
  xs.insert(xs.end(), lazy.begin(), lazy.end());
  // The largest 256-bit limb patterns below 2p that stress the carries.
  xs.push_back(U256{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, F::kModulus[3]});
  for (const U256& a : xs) {
    const U256 square = mont_sqr_mulx_adx<F::kMontgomery>(a);
    EXPECT_LT(u256_compare(square, F::kModulus), 0);
    EXPECT_EQ(square, mont_mul_portable(reduce<F>(a), reduce<F>(a), F::kMontgomery));
  }
}
#endif

TYPED_TEST(MontgomeryKernels, FieldOperatorsMatchPortableAndLazyProducts) {
  using F = TypeParam;
  const std::vector<U256> xs = reduced_operands<F>(6);
  const U256& p = F::kModulus;
  for_pairs(xs, [&](const U256& a_raw, const U256& b_raw) {
    const F a = F::from_montgomery(a_raw), b = F::from_montgomery(b_raw);
    EXPECT_EQ((a + b).montgomery(), mod_add_portable(a_raw, b_raw, p));
    EXPECT_EQ((a - b).montgomery(), mod_sub_portable(a_raw, b_raw, p));
    EXPECT_EQ((a * b).montgomery(), mont_mul_portable(a_raw, b_raw, F::kMontgomery));
    EXPECT_EQ(F::sum_times(a, b, b), (a + b) * b);
    EXPECT_EQ(F::sum_times_sum(a, b, b, a), (a + b) * (b + a));
    EXPECT_EQ(a == b, a_raw == b_raw);
  });
  for (const U256& a_raw : xs) {
    const F a = F::from_montgomery(a_raw);
    EXPECT_EQ((-a).montgomery(), mod_neg_portable(a_raw, p));
    EXPECT_EQ(a.doubled().montgomery(), mod_add_portable(a_raw, a_raw, p));
    EXPECT_EQ(a.halved().montgomery(), mod_halve_portable(a_raw, p));
    EXPECT_EQ(a.squared().montgomery(), mont_mul_portable(a_raw, a_raw, F::kMontgomery));
    // The run-time fallback for CPUs without BMI2/ADX.
    EXPECT_EQ(mont_mul_fallback<F::kMontgomery>(a_raw, xs[0]), mont_mul_portable(a_raw, xs[0], F::kMontgomery));
    EXPECT_EQ(mont_mul_fallback<F::kMontgomery>(a_raw, a_raw), mont_mul_portable(a_raw, a_raw, F::kMontgomery));
  }
}

// Constant evaluation takes the portable code; it must agree with the run-time path.
template <class F>
constexpr std::array<F, 7> compile_time_results() {
  const F a = -F::from_u64(3), b = F::from_u64(5);
  return {a + b, a - b, -a, a.doubled(), a.halved(), a * b, a.squared()};
}

TYPED_TEST(MontgomeryKernels, ConstantEvaluationAgreesWithRunTime) {
  using F = TypeParam;
  static constexpr std::array<F, 7> kAtCompileTime = compile_time_results<F>();
  const std::array<F, 7> at_run_time = compile_time_results<F>();
  for (size_t i = 0; i < kAtCompileTime.size(); ++i) EXPECT_EQ(kAtCompileTime[i], at_run_time[i]) << "result " << i;
  EXPECT_EQ(kAtCompileTime[0], F::from_u64(2));
  EXPECT_EQ(kAtCompileTime[4].doubled(), -F::from_u64(3));
}

}  // namespace
}  // namespace zkfl::plonk
