// Algebraic laws of Fq and Fr, the assembly product against the portable
// one, encodings and edge cases. Known-answer vectors live in field_kat_test.
#include <gtest/gtest.h>

#include "plonk/field/fq.hpp"
#include "plonk/field/fq2.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {
namespace {

template <class F>
class PrimeFieldLaws : public ::testing::Test {};
using PrimeFields = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(PrimeFieldLaws, PrimeFields);

TYPED_TEST(PrimeFieldLaws, RingAxioms) {
  using F = TypeParam;
  DeterministicRng rng(1);
  for (int i = 0; i < 200; ++i) {
    F a = F::random(rng), b = F::random(rng), c = F::random(rng);
    EXPECT_EQ(a + b, b + a);
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a + b) + c, a + (b + c));
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a - a, F::zero());
    EXPECT_EQ(a + (-a), F::zero());
    EXPECT_EQ(a * F::one(), a);
    EXPECT_EQ(a * F::zero(), F::zero());
    EXPECT_EQ(a.doubled(), a + a);
    EXPECT_EQ(a.squared(), a * a);
    EXPECT_EQ(a - b, -(b - a));
    if (!a.is_zero()) {
      EXPECT_EQ(a * a.inverse(), F::one());
    }
  }
}

TYPED_TEST(PrimeFieldLaws, AssemblyProductMatchesPortableProduct) {
  using F = TypeParam;
  if (!kCpuHasMulxAdx) GTEST_SKIP() << "CPU lacks BMI2/ADX; only the portable path runs here";
  DeterministicRng rng(2);
  // Random operands plus the extremes 0, 1 and p-1 in Montgomery form.
  std::vector<U256> operands{U256{}, F::one().montgomery(), (-F::one()).montgomery()};
  for (int i = 0; i < 300; ++i) operands.push_back(F::random(rng).montgomery());
  for (const U256& a : operands) {
    for (int j = 0; j < 3; ++j) {
      const U256& b = operands[(j * 97 + a[0]) % operands.size()];
      EXPECT_EQ(mont_mul_mulx_adx(a, b, F::kMontgomery), mont_mul_portable(a, b, F::kMontgomery));
    }
  }
}

TYPED_TEST(PrimeFieldLaws, PowFermatAndBatchInverse) {
  using F = TypeParam;
  DeterministicRng rng(3);
  F a = F::random(rng);
  U256 p_minus_1{};
  u256_sub(p_minus_1, F::kModulus, U256{1, 0, 0, 0});
  EXPECT_EQ(a.pow(p_minus_1), F::one());
  EXPECT_EQ(a.pow(5), a * a * a * a * a);
  EXPECT_EQ(a.pow(U256{}), F::one());

  std::vector<F> values{F::random(rng), F::zero(), F::random(rng), F::one(), F::zero()};
  std::vector<F> inverted = values;
  F::batch_inverse(inverted);
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].is_zero()) {
      EXPECT_TRUE(inverted[i].is_zero());
    } else {
      EXPECT_EQ(inverted[i], values[i].inverse());
    }
  }
  std::vector<F> empty;
  F::batch_inverse(empty);
}

TYPED_TEST(PrimeFieldLaws, SqrtAndLegendre) {
  using F = TypeParam;
  DeterministicRng rng(4);
  int non_squares = 0;
  for (int i = 0; i < 100; ++i) {
    F a = F::random(rng);
    F sq = a.squared();
    F root;
    ASSERT_TRUE(sq.sqrt(root));
    EXPECT_EQ(root.squared(), sq);
    EXPECT_EQ(sq.legendre(), sq.is_zero() ? 0 : 1);
    F out;
    if (a.legendre() == -1) {
      ++non_squares;
      EXPECT_FALSE(a.sqrt(out));
    }
  }
  EXPECT_GT(non_squares, 20);  // half of all elements are non-squares
  EXPECT_EQ(F::zero().legendre(), 0);
  F root;
  EXPECT_TRUE(F::zero().sqrt(root));
  EXPECT_TRUE(root.is_zero());
}

TYPED_TEST(PrimeFieldLaws, CanonicalBytesRoundTripAndRejectModulus) {
  using F = TypeParam;
  DeterministicRng rng(5);
  for (int i = 0; i < 50; ++i) {
    F a = F::random(rng);
    auto bytes = a.to_bytes_be();
    auto back = F::from_bytes_be(bytes);
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(*back, a);
  }
  std::array<uint8_t, 32> modulus_bytes{};
  u256_to_bytes_be(F::kModulus, modulus_bytes.data());
  auto rejected = F::from_bytes_be(modulus_bytes);
  ASSERT_FALSE(rejected.is_ok());
  EXPECT_NE(rejected.error().find("not canonical"), std::string::npos);
  std::array<uint8_t, 32> all_ones{};
  all_ones.fill(0xff);
  EXPECT_FALSE(F::from_bytes_be(all_ones).is_ok());
  std::array<uint8_t, 31> short_input{};
  EXPECT_FALSE(F::from_bytes_be(short_input).is_ok());
  // p - 1 is the largest canonical value.
  modulus_bytes[31] -= 1;
  auto largest = F::from_bytes_be(modulus_bytes);
  ASSERT_TRUE(largest.is_ok());
  EXPECT_EQ(*largest, -F::one());
}

TYPED_TEST(PrimeFieldLaws, WideReductionIsModularReduction) {
  using F = TypeParam;
  // 2^256 = (2^256 mod p): bytes 0..31 = 0..01, bytes 32..63 = 0.
  std::array<uint8_t, 64> two_pow_256{};
  two_pow_256[31] = 1;
  EXPECT_EQ(F::from_wide_bytes_be(two_pow_256), F::from_canonical_unchecked(F::kR));
  std::array<uint8_t, 64> small{};
  small[63] = 42;
  EXPECT_EQ(F::from_wide_bytes_be(small), F::from_u64(42));
  std::array<uint8_t, 64> all_ones{};
  all_ones.fill(0xff);
  // 2^512 - 1 mod p, computed as (2^256 - 1)·2^256 + (2^256 - 1).
  F two_256 = F::from_canonical_unchecked(F::kR);
  F max_256 = two_256 - F::one();
  EXPECT_EQ(F::from_wide_bytes_be(all_ones), max_256 * two_256 + max_256);
}

TEST(Fr, TwoAdicRootOfUnityHasOrderExactly2To28) {
  Fr w = Fr::two_adic_root_of_unity();
  for (int i = 0; i < 27; ++i) w = w.squared();
  EXPECT_EQ(w, -Fr::one());  // order 2^28: w^(2^27) = -1
  EXPECT_EQ(w.squared(), Fr::one());
}

TEST(Fr, SignedConversion) {
  EXPECT_EQ(Fr::from_i64(-5) + Fr::from_u64(5), Fr::zero());
  EXPECT_EQ(Fr::from_i64(INT64_MIN), -Fr::from_canonical_unchecked(U256{uint64_t{1} << 63, 0, 0, 0}));
  EXPECT_EQ(Fr::from_u64(12345).to_string(), "12345");
}

}  // namespace
}  // namespace zkfl::plonk

namespace zkfl::plonk {
namespace {

TEST(Fq2Laws, FieldAxiomsFrobeniusAndSqrt) {
  DeterministicRng rng(9);
  for (int i = 0; i < 100; ++i) {
    Fq2 a = Fq2::random(rng), b = Fq2::random(rng), c = Fq2::random(rng);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.squared(), a * a);
    EXPECT_EQ(a * a.inverse(), Fq2::one());
    EXPECT_EQ(a.mul_by_nonresidue(), a * Fq2::nonresidue());
    // Frobenius is the p-th power and a ring homomorphism of order 2.
    EXPECT_EQ(a.frobenius(), a.pow(Fq::kModulus));
    EXPECT_EQ((a * b).frobenius(), a.frobenius() * b.frobenius());
    EXPECT_EQ(a.frobenius().frobenius(), a);
    Fq2 root;
    ASSERT_TRUE(a.squared().sqrt(root));
    EXPECT_EQ(root.squared(), a.squared());
  }
}

}  // namespace
}  // namespace zkfl::plonk
