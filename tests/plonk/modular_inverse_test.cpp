// The safegcd inversion against Fermat's a^(p−2) (the constant-evaluation
// path): 10^4 random elements of each field and the edge values, batch
// inversion on top of it, and the generic routine on a full 256-bit modulus.
#include <gtest/gtest.h>

#include <vector>

#include "plonk/field/fq.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/field/modular_inverse.hpp"

namespace zkfl::plonk {
namespace {

template <class F>
class SafegcdInverse : public ::testing::Test {};
using PrimeFields = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(SafegcdInverse, PrimeFields);

template <class F>
F fermat_inverse(const F& a) {
  U256 e{};
  u256_sub(e, F::kModulus, U256{2, 0, 0, 0});
  return a.pow(e);
}

TYPED_TEST(SafegcdInverse, MatchesFermatOnRandomElements) {
  using F = TypeParam;
  DeterministicRng rng(41);
  for (int i = 0; i < 10000; ++i) {
    const F a = F::random(rng);
    ASSERT_EQ(a.inverse(), fermat_inverse(a)) << "a = " << a.to_string();
  }
}

TYPED_TEST(SafegcdInverse, MatchesFermatOnEdgeValues) {
  using F = TypeParam;
  const U256& p = F::kModulus;
  std::vector<F> edges{F::zero(), F::one(), -F::one(), F::from_u64(2), -F::from_u64(2), F::from_u64(3)};
  // Canonical values (p − 1)/2, (p + 1)/2 and powers of two up to 2^253.
  const U256 half = u256_shr1(p);
  edges.push_back(F::from_canonical_unchecked(half));
  U256 half_plus_1{};
  u256_add(half_plus_1, half, U256{1, 0, 0, 0});
  edges.push_back(F::from_canonical_unchecked(half_plus_1));
  for (unsigned k = 0; k < 254; k += 11) {
    U256 pow2{};
    pow2[k / 64] = uint64_t{1} << (k % 64);
    edges.push_back(F::from_canonical_unchecked(pow2));
  }
  // Montgomery representations at the extremes: 1, p − 1, and 2^64 − 1.
  edges.push_back(F::from_montgomery(U256{1, 0, 0, 0}));
  U256 p_minus_1{};
  u256_sub(p_minus_1, p, U256{1, 0, 0, 0});
  edges.push_back(F::from_montgomery(p_minus_1));
  edges.push_back(F::from_montgomery(U256{~uint64_t{0}, 0, 0, 0}));
  for (const F& a : edges) {
    EXPECT_EQ(a.inverse(), fermat_inverse(a)) << "a = " << a.to_string();
    if (!a.is_zero()) {
      EXPECT_EQ(a * a.inverse(), F::one());
    }
    EXPECT_LT(u256_compare(a.inverse().montgomery(), p), 0);
  }
  EXPECT_TRUE(F::zero().inverse().is_zero());
  EXPECT_EQ(F::one().inverse(), F::one());
  EXPECT_EQ((-F::one()).inverse(), -F::one());
}

TYPED_TEST(SafegcdInverse, ConstantEvaluationUsesFermatWithTheSameResult) {
  using F = TypeParam;
  static constexpr F kInverseOf7 = F::from_u64(7).inverse();
  EXPECT_EQ(kInverseOf7, F::from_u64(7).inverse());
  EXPECT_EQ(kInverseOf7 * F::from_u64(7), F::one());
}

TYPED_TEST(SafegcdInverse, BatchInversionUsesIt) {
  using F = TypeParam;
  DeterministicRng rng(42);
  std::vector<F> values;
  for (int i = 0; i < 100; ++i) values.push_back(i % 10 == 0 ? F::zero() : F::random(rng));
  std::vector<F> inverted = values;
  F::batch_inverse(inverted);
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(inverted[i], fermat_inverse(values[i]));
}

// ---- the generic routine on another modulus: secp256k1's p = 2^256 − 2^32 − 977 ----

constexpr U256 kSecpP{0xFFFFFFFEFFFFFC2Full, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}};

// a + b mod p for a, b < p < 2^256 (the sum may carry out of 256 bits).
U256 add_mod(const U256& a, const U256& b, const U256& p) {
  U256 sum{}, reduced{};
  const uint64_t carry = u256_add(sum, a, b);
  const uint64_t borrow = u256_sub(reduced, sum, p);
  return (carry || !borrow) ? reduced : sum;
}

// a·b mod p by double-and-add (slow, obviously correct).
U256 mul_mod(const U256& a, const U256& b, const U256& p) {
  U256 acc{};
  for (int i = 255; i >= 0; --i) {
    acc = add_mod(acc, acc, p);
    if (u256_bit(b, static_cast<unsigned>(i))) acc = add_mod(acc, a, p);
  }
  return acc;
}

TEST(SafegcdInverseGeneric, FullWidthModulus) {
  const SafegcdModulus m = make_safegcd_modulus(kSecpP);
  DeterministicRng rng(43);
  U256 p_minus_1{};
  u256_sub(p_minus_1, kSecpP, U256{1, 0, 0, 0});
  std::vector<U256> xs{U256{1, 0, 0, 0}, U256{2, 0, 0, 0}, p_minus_1, u256_shr1(kSecpP)};
  for (int i = 0; i < 300; ++i) {
    std::array<uint8_t, 32> bytes{};
    rng.fill(bytes);
    U256 x = u256_from_bytes_be(bytes.data());
    if (u256_compare(x, kSecpP) >= 0) u256_sub(x, x, kSecpP);
    if (!u256_is_zero(x)) xs.push_back(x);
  }
  const U256 scale{12345, 0, 0, 0};
  for (const U256& x : xs) {
    const U256 inv = safegcd_inverse(x, U256{1, 0, 0, 0}, m);
    EXPECT_LT(u256_compare(inv, kSecpP), 0);
    EXPECT_EQ(mul_mod(x, inv, kSecpP), (U256{1, 0, 0, 0}));
    EXPECT_EQ(mul_mod(x, safegcd_inverse(x, scale, m), kSecpP), scale);
  }
  EXPECT_EQ(safegcd_inverse(U256{}, U256{1, 0, 0, 0}, m), U256{});
}

}  // namespace
}  // namespace zkfl::plonk
