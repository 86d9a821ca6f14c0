// Properties of the optimal ate pairing: bilinearity, non-degeneracy, values
// in the order-r subgroup, the final exponentiation against a generic
// exponentiation by (p¹² − 1)/r, multi-pairings, prepared G2 points and the
// point at infinity. Known-answer vectors live in pairing_kat_test.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "plonk/curve/pairing.hpp"

namespace zkfl::plonk {
namespace {

// ---- A little unsigned big-integer arithmetic for exponents ----

using Limbs = std::vector<uint64_t>;  // little-endian

Limbs to_limbs(const U256& v) { return Limbs(v.begin(), v.end()); }

Limbs multiply(const Limbs& a, const Limbs& b) {
  Limbs r(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      const u128 t = static_cast<u128>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    r[i + b.size()] = carry;
  }
  return r;
}

bool bit(const Limbs& a, size_t i) { return i / 64 < a.size() && ((a[i / 64] >> (i % 64)) & 1); }

// a − 1 for a > 0.
Limbs minus_one(Limbs a) {
  for (uint64_t& limb : a) {
    if (limb-- != 0) break;
  }
  return a;
}

// Quotient of a by d by binary long division; the remainder must be zero.
Limbs divide_exactly(const Limbs& a, const U256& d) {
  Limbs q(a.size(), 0);
  U256 rem{};
  for (size_t i = a.size() * 64; i-- > 0;) {
    // rem = 2·rem + bit; rem < d < 2^254, so 2·rem + 1 fits in 256 bits.
    const uint64_t top = rem[3] >> 63;
    rem = {rem[0] << 1 | static_cast<uint64_t>(bit(a, i)), rem[1] << 1 | rem[0] >> 63, rem[2] << 1 | rem[1] >> 63,
           rem[3] << 1 | rem[2] >> 63};
    EXPECT_EQ(top, 0u);
    if (u256_compare(rem, d) >= 0) {
      u256_sub(rem, rem, d);
      q[i / 64] |= uint64_t{1} << (i % 64);
    }
  }
  EXPECT_TRUE(u256_is_zero(rem)) << "division is not exact";
  return q;
}

// (p¹² − 1)/r.
Limbs final_exponent() {
  const Limbs p = to_limbs(Fq::kModulus);
  const Limbs p2 = multiply(p, p);
  const Limbs p4 = multiply(p2, p2);
  const Limbs p12 = multiply(multiply(p4, p4), p4);
  return divide_exactly(minus_one(p12), Fr::kModulus);
}

// [k]P for a scalar k.
G1Affine g1_mul(const G1Affine& p, const Fr& k) { return G1(p).mul_double_and_add(k.to_canonical()).to_affine(); }
G2Affine g2_mul(const G2Affine& q, const Fr& k) { return G2(q).mul_double_and_add(k.to_canonical()).to_affine(); }

G1Affine random_g1(Rng& rng) { return g1_mul(G1Affine::generator(), Fr::random(rng)); }
G2Affine random_g2(Rng& rng) { return g2_mul(G2Affine::generator(), Fr::random(rng)); }

Limbs r_limbs() { return to_limbs(Fr::kModulus); }

// ---- The BN parameters and loop constants ----

TEST(PairingConstants, BnParametrisationGivesTheModuli) {
  // p = 36x⁴ + 36x³ + 24x² + 6x + 1 and r = 36x⁴ + 36x³ + 18x² + 6x + 1.
  const Limbs x{kBn254X};
  const Limbs x2 = multiply(x, x);
  const Limbs x3 = multiply(x2, x);
  const Limbs x4 = multiply(x3, x);
  auto combine = [&](uint64_t c2) {
    Limbs acc(8, 0);
    auto add_scaled = [&acc](const Limbs& v, uint64_t c) {
      const Limbs t = multiply(v, Limbs{c});
      uint64_t carry = 0;
      for (size_t i = 0; i < acc.size(); ++i) {
        const u128 s = static_cast<u128>(acc[i]) + (i < t.size() ? t[i] : 0) + carry;
        acc[i] = static_cast<uint64_t>(s);
        carry = static_cast<uint64_t>(s >> 64);
      }
    };
    add_scaled(x4, 36);
    add_scaled(x3, 36);
    add_scaled(x2, c2);
    add_scaled(x, 6);
    add_scaled(Limbs{1}, 1);
    return U256{acc[0], acc[1], acc[2], acc[3]};
  };
  EXPECT_EQ(combine(24), Fq::kModulus);
  EXPECT_EQ(combine(18), Fr::kModulus);
}

TEST(PairingConstants, AteLoopNafEncodes6xPlus2) {
  const auto& naf = pairing_detail::kAteLoopNaf;
  ASSERT_GT(naf.size, 0u);
  EXPECT_EQ(naf.digits[naf.size - 1], 1);
  u128 value = 0;
  for (size_t i = naf.size; i-- > 0;) {
    value = 2 * value + static_cast<u128>(static_cast<__int128>(naf.digits[i]));
    if (i + 1 < naf.size) {
      EXPECT_FALSE(naf.digits[i] != 0 && naf.digits[i + 1] != 0) << "adjacent non-zero digits at " << i;
    }
  }
  EXPECT_TRUE(value == 6 * static_cast<u128>(kBn254X) + 2);
}

TEST(PairingConstants, TwistFrobeniusActsAsMultiplicationByP) {
  // On G2 the Frobenius endomorphism (through the twist) is [p mod r] = [p − r].
  U256 p_mod_r{};
  u256_sub(p_mod_r, Fq::kModulus, Fr::kModulus);
  DeterministicRng rng(1);
  for (int i = 0; i < 3; ++i) {
    const G2Affine q = random_g2(rng);
    EXPECT_EQ(pairing_detail::twist_frobenius(q), G2(q).mul_double_and_add(p_mod_r).to_affine());
  }
  EXPECT_TRUE(pairing_detail::twist_frobenius(G2Affine::identity()).is_identity());
}

// ---- The final exponentiation ----

TEST(FinalExponentiation, EqualsGenericExponentiationByTheExactExponent) {
  const Limbs exponent = final_exponent();
  DeterministicRng rng(2);
  for (int i = 0; i < 2; ++i) {
    const Fq12 f = Fq12::random(rng);
    EXPECT_EQ(final_exponentiation(f), f.pow(exponent));
  }
}

TEST(FinalExponentiation, LandsInTheOrderRSubgroup) {
  DeterministicRng rng(3);
  const Fq12 e = final_exponentiation(Fq12::random(rng));
  EXPECT_FALSE(e.is_one());
  EXPECT_TRUE(e.pow(r_limbs()).is_one());
  EXPECT_EQ(final_exponentiation(Fq12::one()), Fq12::one());
}

// ---- The pairing ----

TEST(Pairing, NonDegenerate) {
  const Fq12 e = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_FALSE(e.is_one());
  EXPECT_FALSE(e.is_zero());
}

TEST(Pairing, ValuesHaveOrderR) {
  DeterministicRng rng(4);
  const Fq12 e = pairing(random_g1(rng), random_g2(rng));
  EXPECT_TRUE(e.pow(r_limbs()).is_one());
  EXPECT_FALSE(e.is_one());
}

TEST(Pairing, Bilinear) {
  DeterministicRng rng(5);
  const G1Affine p = random_g1(rng);
  const G2Affine q = random_g2(rng);
  const Fq12 e = pairing(p, q);
  for (int i = 0; i < 3; ++i) {
    const Fr a = Fr::random(rng), b = Fr::random(rng);
    const U256 ab = (a * b).to_canonical();
    const Fq12 expected = e.pow(to_limbs(ab));
    EXPECT_EQ(pairing(g1_mul(p, a), g2_mul(q, b)), expected);
    EXPECT_EQ(pairing(g1_mul(p, a * b), q), expected);
    EXPECT_EQ(pairing(p, g2_mul(q, a * b)), expected);
  }
}

TEST(Pairing, LinearInEachArgument) {
  DeterministicRng rng(6);
  const G1Affine p1 = random_g1(rng), p2 = random_g1(rng);
  const G2Affine q1 = random_g2(rng), q2 = random_g2(rng);
  EXPECT_EQ(pairing((G1(p1) + p2).to_affine(), q1), pairing(p1, q1) * pairing(p2, q1));
  EXPECT_EQ(pairing(p1, (G2(q1) + q2).to_affine()), pairing(p1, q1) * pairing(p1, q2));
}

TEST(Pairing, NegationGivesTheInverse) {
  DeterministicRng rng(7);
  const G1Affine p = random_g1(rng);
  const G2Affine q = random_g2(rng);
  EXPECT_EQ(pairing(p, q) * pairing(-p, q), Fq12::one());
  EXPECT_EQ(pairing(p, q) * pairing(p, -q), Fq12::one());
  EXPECT_EQ(pairing(-p, -q), pairing(p, q));
}

TEST(Pairing, IdentityContributesOne) {
  DeterministicRng rng(8);
  const G1Affine p = random_g1(rng);
  const G2Affine q = random_g2(rng);
  EXPECT_EQ(pairing(G1Affine::identity(), q), Fq12::one());
  EXPECT_EQ(pairing(p, G2Affine::identity()), Fq12::one());
  EXPECT_EQ(pairing(G1Affine::identity(), G2Affine::identity()), Fq12::one());
  EXPECT_TRUE(G2Prepared().is_identity());
  EXPECT_TRUE(G2Prepared(G2Affine::identity()).is_identity());
  EXPECT_TRUE(G2Prepared(G2Affine::identity()).lines().empty());
  // In products the identity terms drop out.
  const std::vector<std::pair<G1Affine, G2Affine>> terms{
      {G1Affine::identity(), q}, {p, q}, {p, G2Affine::identity()}};
  EXPECT_EQ(multi_pairing(terms), pairing(p, q));
  EXPECT_EQ(multi_pairing(std::span<const std::pair<G1Affine, G2Affine>>()), Fq12::one());
  EXPECT_EQ(miller_loop(std::span<const std::pair<G1Affine, G2Prepared>>()), Fq12::one());
}

TEST(MultiPairing, EqualsTheProductOfPairings) {
  DeterministicRng rng(9);
  std::vector<std::pair<G1Affine, G2Affine>> terms;
  Fq12 expected = Fq12::one();
  for (int i = 0; i < 4; ++i) {
    terms.emplace_back(random_g1(rng), random_g2(rng));
    expected *= pairing(terms.back().first, terms.back().second);
    EXPECT_EQ(multi_pairing(terms), expected) << terms.size() << " pairs";
  }
  EXPECT_FALSE(pairing_product_is_one(terms));
}

TEST(MultiPairing, PreparedPointsGiveIdenticalResultsWhenReused) {
  DeterministicRng rng(10);
  const G2Affine q = random_g2(rng);
  const G2Prepared prepared(q);
  const G2Prepared copy = prepared;  // shares the coefficients
  EXPECT_EQ(copy.lines().data(), prepared.lines().data());
  for (int i = 0; i < 3; ++i) {
    const G1Affine p = random_g1(rng);
    const std::vector<std::pair<G1Affine, G2Prepared>> one_term{{p, prepared}};
    EXPECT_EQ(multi_pairing(one_term), pairing(p, q));
    EXPECT_EQ(final_exponentiation(miller_loop(one_term)), pairing(p, q));
  }
  const G1Affine p1 = random_g1(rng), p2 = random_g1(rng);
  const std::vector<std::pair<G1Affine, G2Prepared>> prepared_terms{{p1, prepared}, {p2, copy}};
  const std::vector<std::pair<G1Affine, G2Affine>> affine_terms{{p1, q}, {p2, q}};
  EXPECT_EQ(multi_pairing(prepared_terms), multi_pairing(affine_terms));
  EXPECT_EQ(multi_pairing(prepared_terms), pairing((G1(p1) + p2).to_affine(), q));
}

TEST(MultiPairing, ProductIsOneDetectsBalancedAndUnbalancedEquations) {
  // e([a]P, Q)·e(−P, [a]Q) = 1, the shape of a KZG opening check.
  DeterministicRng rng(11);
  const G1Affine p = random_g1(rng);
  const G2Affine q = random_g2(rng);
  const Fr a = Fr::random(rng);
  const std::vector<std::pair<G1Affine, G2Affine>> balanced{{g1_mul(p, a), q}, {-p, g2_mul(q, a)}};
  EXPECT_TRUE(pairing_product_is_one(balanced));
  const std::vector<std::pair<G1Affine, G2Prepared>> balanced_prepared{{g1_mul(p, a), G2Prepared(q)},
                                                                       {-p, G2Prepared(g2_mul(q, a))}};
  EXPECT_TRUE(pairing_product_is_one(balanced_prepared));
  // Off by one in the scalar: not one.
  const std::vector<std::pair<G1Affine, G2Affine>> unbalanced{{g1_mul(p, a + Fr::one()), q}, {-p, g2_mul(q, a)}};
  EXPECT_FALSE(pairing_product_is_one(unbalanced));
}

}  // namespace
}  // namespace zkfl::plonk
