// Algebraic laws of the tower Fq6 and Fq12, the Frobenius maps and their
// constants, cyclotomic squaring and exponentiation, the sparse products,
// and the assembly kernels against the portable field operators.
// Known-answer vectors live in tower_kat_test.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "plonk/field/fq12.hpp"
#include "plonk/field/fq6.hpp"

namespace zkfl::plonk {
namespace {

// p as an exponent.
std::vector<uint64_t> modulus_limbs() { return {Fq::kModulus.begin(), Fq::kModulus.end()}; }

// An element of the cyclotomic subgroup: f^((p⁶ − 1)(p² + 1)), computed with
// generic exponentiation so that it does not rely on the code under test.
Fq12 random_cyclotomic(Rng& rng) {
  const Fq12 f = Fq12::random(rng);
  Fq12 t = f;
  const std::vector<uint64_t> p = modulus_limbs();
  for (int i = 0; i < 6; ++i) t = t.pow(p);  // f^(p⁶)
  t = t * f.inverse();                       // f^(p⁶ − 1)
  Fq12 t_p2 = t.pow(p).pow(p);               // ·^(p²)
  return t_p2 * t;
}

// s ∈ Fq as an element of Fq6 or Fq12.
Fq6 embed_fq(const Fq& s, Fq6*) { return Fq6(Fq2(s, Fq::zero()), Fq2::zero(), Fq2::zero()); }
Fq12 embed_fq(const Fq& s, Fq12*) { return Fq12(embed_fq(s, static_cast<Fq6*>(nullptr)), Fq6::zero()); }

// ---- Field laws, shared by Fq6 and Fq12 ----

template <class F>
class TowerFieldLaws : public ::testing::Test {};
using TowerFields = ::testing::Types<Fq6, Fq12>;
TYPED_TEST_SUITE(TowerFieldLaws, TowerFields);

TYPED_TEST(TowerFieldLaws, RingAxioms) {
  using F = TypeParam;
  DeterministicRng rng(1);
  for (int i = 0; i < 50; ++i) {
    const F a = F::random(rng), b = F::random(rng), c = F::random(rng);
    EXPECT_EQ(a + b, b + a);
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a + b) + c, a + (b + c));
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a - a, F::zero());
    EXPECT_EQ(a + (-a), F::zero());
    EXPECT_EQ(a - b, -(b - a));
    EXPECT_EQ(a * F::one(), a);
    EXPECT_EQ(a * F::zero(), F::zero());
    EXPECT_EQ(a.squared(), a * a);
  }
}

TYPED_TEST(TowerFieldLaws, Inverse) {
  using F = TypeParam;
  DeterministicRng rng(2);
  for (int i = 0; i < 20; ++i) {
    const F a = F::random(rng);
    ASSERT_FALSE(a.is_zero());
    EXPECT_EQ(a * a.inverse(), F::one());
    EXPECT_EQ(a.inverse().inverse(), a);
  }
  EXPECT_EQ(F::zero().inverse(), F::zero());
  EXPECT_EQ(F::one().inverse(), F::one());
}

TYPED_TEST(TowerFieldLaws, PowMatchesRepeatedProducts) {
  using F = TypeParam;
  DeterministicRng rng(3);
  const F a = F::random(rng);
  F acc = F::one();
  for (uint64_t e = 0; e < 20; ++e) {
    const std::array<uint64_t, 1> limbs{e};
    EXPECT_EQ(a.pow(limbs), acc) << "e = " << e;
    acc *= a;
  }
  // a^(e1 + e2) = a^e1 · a^e2 across limb boundaries.
  const std::array<uint64_t, 2> e1{~uint64_t{0}, 5}, e2{1, 0}, sum{0, 6};
  EXPECT_EQ(a.pow(e1) * a.pow(e2), a.pow(sum));
}

TYPED_TEST(TowerFieldLaws, FrobeniusIsThePPowerMap) {
  using F = TypeParam;
  DeterministicRng rng(4);
  const std::vector<uint64_t> p = modulus_limbs();
  for (int i = 0; i < 3; ++i) {
    const F a = F::random(rng);
    F a_pk = a;
    for (unsigned k = 1; k <= 3; ++k) {
      a_pk = a_pk.pow(p);
      EXPECT_EQ(a.frobenius_map(k), a_pk) << "k = " << k;
    }
  }
}

TYPED_TEST(TowerFieldLaws, FrobeniusIsARingHomomorphism) {
  using F = TypeParam;
  DeterministicRng rng(5);
  for (int i = 0; i < 10; ++i) {
    const F a = F::random(rng), b = F::random(rng);
    for (unsigned k = 1; k <= 3; ++k) {
      EXPECT_EQ((a * b).frobenius_map(k), a.frobenius_map(k) * b.frobenius_map(k));
      EXPECT_EQ((a + b).frobenius_map(k), a.frobenius_map(k) + b.frobenius_map(k));
      EXPECT_EQ(a.frobenius_map(k).frobenius_map(1), a.frobenius_map(k + 1));
    }
    EXPECT_EQ(a.frobenius_map(0), a);
  }
}

TYPED_TEST(TowerFieldLaws, FrobeniusFixesTheBaseField) {
  using F = TypeParam;
  DeterministicRng rng(6);
  const Fq s = Fq::random(rng);
  const F embedded = embed_fq(s, static_cast<F*>(nullptr));
  EXPECT_EQ(embedded.frobenius_map(1), embedded);
  EXPECT_NE(embedded * embedded, embedded);  // a non-trivial element
}

// ---- Fq6 specifics ----

TEST(Fq6, FrobeniusHasOrderSix) {
  DeterministicRng rng(10);
  const Fq6 a = Fq6::random(rng);
  Fq6 t = a;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) {
      EXPECT_NE(t, a) << "frob^" << i;
    }
    t = t.frobenius_map(1);
  }
  EXPECT_EQ(t, a);
  EXPECT_EQ(a.frobenius_map(6), a);
  EXPECT_EQ(a.frobenius_map(5), a.frobenius_map(2).frobenius_map(3));
}

TEST(Fq6, SparseProductsMatchFullProducts) {
  DeterministicRng rng(11);
  for (int i = 0; i < 20; ++i) {
    const Fq6 a = Fq6::random(rng);
    const Fq2 b0 = Fq2::random(rng), b1 = Fq2::random(rng);
    EXPECT_EQ(a.mul_by_01(b0, b1), a * Fq6(b0, b1, Fq2::zero()));
    EXPECT_EQ(a.mul_by_1(b1), a * Fq6(Fq2::zero(), b1, Fq2::zero()));
    EXPECT_EQ(a * b0, a * Fq6(b0, Fq2::zero(), Fq2::zero()));
  }
}

TEST(Fq6, NonresidueIsV) {
  DeterministicRng rng(12);
  const Fq6 v(Fq2::zero(), Fq2::one(), Fq2::zero());
  for (int i = 0; i < 10; ++i) {
    const Fq6 a = Fq6::random(rng);
    EXPECT_EQ(a.mul_by_nonresidue(), a * v);
  }
  // v³ = ξ.
  EXPECT_EQ(v * v * v, Fq6(Fq2::nonresidue(), Fq2::zero(), Fq2::zero()));
}

// ---- Fq12 specifics ----

TEST(Fq12, WSquaredIsV) {
  const Fq12 w(Fq6::zero(), Fq6::one());
  EXPECT_EQ(w * w, Fq12(Fq6(Fq2::zero(), Fq2::one(), Fq2::zero()), Fq6::zero()));
  // w⁶ = ξ.
  Fq12 w6 = Fq12::one();
  for (int i = 0; i < 6; ++i) w6 *= w;
  EXPECT_EQ(w6, Fq12(Fq6(Fq2::nonresidue(), Fq2::zero(), Fq2::zero()), Fq6::zero()));
}

TEST(Fq12, FrobeniusHasOrderTwelveAndItsSixthPowerIsTheConjugate) {
  DeterministicRng rng(20);
  const Fq12 a = Fq12::random(rng);
  Fq12 t = a;
  for (int i = 1; i <= 12; ++i) {
    t = t.frobenius_map(1);
    if (i == 6) {
      EXPECT_EQ(t, a.conjugate());
    }
    if (i < 12) {
      EXPECT_NE(t, a) << "frob^" << i;
    }
  }
  EXPECT_EQ(t, a);
  EXPECT_EQ(a.frobenius_map(12), a);
  EXPECT_EQ(a.frobenius_map(6), a.conjugate());
  EXPECT_EQ(a.frobenius_map(7), a.frobenius_map(1).conjugate());
  // On the cyclotomic subgroup the conjugate is also the inverse.
  const Fq12 c = random_cyclotomic(rng);
  EXPECT_EQ(c.frobenius_map(6), c.inverse());
  EXPECT_EQ(c * c.conjugate(), Fq12::one());
}

TEST(Fq12, FrobeniusConstantsSatisfyTheirDefinition) {
  // γ(k, 1)⁶ = ξ^(p^k − 1) = ξ^(p^k)/ξ, and ξ^(p^k) is ξ conjugated k times.
  const Fq2 xi = Fq2::nonresidue();
  for (unsigned k = 0; k < 4; ++k) {
    const Fq2 g = kFrobeniusGamma[k][1];
    Fq2 g6 = Fq2::one();
    for (int i = 0; i < 6; ++i) g6 = g6 * g;
    const Fq2 xi_pk = k % 2 == 0 ? xi : xi.conjugate();
    EXPECT_EQ(g6 * xi, xi_pk) << "k = " << k;
    for (unsigned j = 1; j < 6; ++j) {
      EXPECT_EQ(kFrobeniusGamma[k][j], kFrobeniusGamma[k][j - 1] * g) << "k = " << k << ", j = " << j;
    }
  }
  // ξ is neither a square nor a cube in Fq2 (what makes v³ − ξ and w² − v
  // irreducible): γ(2, 3) = ξ^((p² − 1)/2) = −1 and γ(2, 2) = ξ^((p² − 1)/3) ≠ 1.
  // (Which sixth root γ(1, 1) is gets pinned by FrobeniusIsThePPowerMap.)
  EXPECT_EQ(kFrobeniusGamma[2][3], -Fq2::one());
  EXPECT_NE(kFrobeniusGamma[2][2], Fq2::one());
}

TEST(Fq12, CyclotomicSquaringEqualsSquaringOnTheCyclotomicSubgroup) {
  DeterministicRng rng(21);
  for (int i = 0; i < 5; ++i) {
    const Fq12 c = random_cyclotomic(rng);
    EXPECT_EQ(c.cyclotomic_squared(), c.squared());
    EXPECT_EQ(c.cyclotomic_squared().cyclotomic_squared(), c.squared().squared());
  }
  // Outside the subgroup the shortcut is wrong, so this test can fail.
  const Fq12 a = Fq12::random(rng);
  EXPECT_NE(a.cyclotomic_squared(), a.squared());
}

TEST(Fq12, CyclotomicPowMatchesPow) {
  DeterministicRng rng(22);
  const Fq12 c = random_cyclotomic(rng);
  const std::vector<uint64_t> exponents{0,
                                        1,
                                        2,
                                        3,
                                        7,
                                        8,
                                        15,
                                        16,
                                        0x55,
                                        4965661367192848881ull,  // the BN parameter x
                                        0x8000000000000000ull,
                                        0xffffffffffffffffull,
                                        rng.next_u64()};
  for (uint64_t e : exponents) {
    const std::array<uint64_t, 1> limbs{e};
    EXPECT_EQ(c.cyclotomic_pow(e), c.pow(limbs)) << "e = " << e;
  }
}

TEST(Fq12, SparseLineProductMatchesFullProduct) {
  DeterministicRng rng(23);
  for (int i = 0; i < 20; ++i) {
    const Fq12 a = Fq12::random(rng);
    const Fq2 d0 = Fq2::random(rng), d3 = Fq2::random(rng), d4 = Fq2::random(rng);
    // d0 + d3·w + d4·v·w
    const Fq12 line(Fq6(d0, Fq2::zero(), Fq2::zero()), Fq6(d3, d4, Fq2::zero()));
    EXPECT_EQ(a.mul_by_034(d0, d3, d4), a * line);
  }
}

TEST(Fq12, ProductOfTwoLinesAndItsSparseProduct) {
  DeterministicRng rng(25);
  for (int i = 0; i < 20; ++i) {
    std::array<Fq2, 6> d;
    for (Fq2& x : d) x = Fq2::random(rng);
    const Fq12 line1(Fq6(d[0], Fq2::zero(), Fq2::zero()), Fq6(d[1], d[2], Fq2::zero()));
    const Fq12 line2(Fq6(d[3], Fq2::zero(), Fq2::zero()), Fq6(d[4], d[5], Fq2::zero()));
    const Fq12 product = Fq12::mul_034_by_034(d[0], d[1], d[2], d[3], d[4], d[5]);
    EXPECT_EQ(product, line1 * line2);
    EXPECT_TRUE(product.c1.c2.is_zero());
    const Fq12 a = Fq12::random(rng);
    EXPECT_EQ(a.mul_by_01234(product), a * product);
  }
}

TEST(Fq12, InverseViaNormAndConjugate) {
  DeterministicRng rng(24);
  const Fq12 a = Fq12::random(rng);
  // a·conj(a) lies in Fq6 (the norm), so its w-part vanishes.
  EXPECT_TRUE((a * a.conjugate()).c1.is_zero());
  EXPECT_EQ(a.conjugate().conjugate(), a);
}

}  // namespace
}  // namespace zkfl::plonk
