// Algebraic laws of Fq, Fr and Fq2, encodings and edge cases. The assembly
// kernels against the portable code: montgomery_test; the inversion:
// modular_inverse_test; known-answer vectors: field_kat_test.
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
    EXPECT_EQ(a.halved().doubled(), a);
    EXPECT_EQ(a.halved() + a.halved(), a);
    EXPECT_EQ(a - b, -(b - a));
    if (!a.is_zero()) {
      EXPECT_EQ(a * a.inverse(), F::one());
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

// Random Fq values plus the extremes: 0, 1, −1 and the raw Montgomery limbs 1 and p − 1.
std::vector<Fq> fq_operands(Rng& rng) {
  std::vector<Fq> v{Fq::zero(), Fq::one(), -Fq::one()};
  v.push_back(Fq::from_montgomery(U256{1, 0, 0, 0}));
  v.push_back(Fq::from_montgomery(U256{Fq::kModulus[0] - 1, Fq::kModulus[1], Fq::kModulus[2], Fq::kModulus[3]}));
  for (int i = 0; i < 200; ++i) v.push_back(Fq::random(rng));
  return v;
}

// Fq2's Karatsuba product and complex squaring (with their unreduced sums)
// against the schoolbook formulas on plain Fq operators.
TEST(Fq2Laws, ProductsMatchSchoolbook) {
  DeterministicRng rng(31);
  const std::vector<Fq> xs = fq_operands(rng);
  for (size_t i = 0; i < xs.size(); ++i) {
    const Fq2 a(xs[i], xs[(i + 1) % xs.size()]);
    const Fq2 b(xs[(i * 5 + 2) % xs.size()], xs[(i * 11 + 7) % xs.size()]);
    // (a0 + a1 u)(b0 + b1 u) = (a0 b0 − a1 b1) + (a0 b1 + a1 b0) u.
    EXPECT_EQ(a * b, Fq2(a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0));
    EXPECT_EQ(a.squared(), Fq2(a.c0 * a.c0 - a.c1 * a.c1, (a.c0 * a.c1).doubled()));
    EXPECT_EQ(a * b.c0, Fq2(a.c0 * b.c0, a.c1 * b.c0));
    EXPECT_EQ(a.mul_by_nonresidue(), a * Fq2::nonresidue());
    EXPECT_EQ(a.halved().doubled(), a);
    EXPECT_EQ(a.conjugate(), Fq2(a.c0, -a.c1));
    EXPECT_EQ(a - b + b, a);
    EXPECT_EQ(-a + a, Fq2::zero());
  }
}

}  // namespace
}  // namespace zkfl::plonk
