// G1 and G2: group laws (typed over both groups), every scalar multiplication
// method against double-and-add, the endomorphisms and scalar decompositions,
// the G2 subgroup test against [r]P = O, the complete formulas, wNAF
// recoding and encoding round trips. Known answers live in curve_kat_test.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <type_traits>
#include <vector>

#include "plonk/curve/complete_projective.hpp"
#include "plonk/curve/endomorphism.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/curve/scalar_decomposition.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/curve/subgroup.hpp"
#include "plonk/curve/wnaf.hpp"

namespace zkfl::plonk {
namespace {

U256 u256_add_small(const U256& a, uint64_t b) {
  U256 out{};
  u256_add(out, a, U256{b, 0, 0, 0});
  return out;
}
U256 u256_sub_small(const U256& a, uint64_t b) {
  U256 out{};
  u256_sub(out, a, U256{b, 0, 0, 0});
  return out;
}
U256 u256_pow2(unsigned e) {
  U256 v{};
  v[e / 64] = uint64_t{1} << (e % 64);
  return v;
}

const U256 kR = Fr::kModulus;

// Scalars that stress the edges of the decompositions and recodings (all < r).
std::vector<U256> edge_scalars() {
  std::vector<U256> out = {
      U256{0, 0, 0, 0}, U256{1, 0, 0, 0}, U256{2, 0, 0, 0}, U256{3, 0, 0, 0}, U256{15, 0, 0, 0},
      U256{16, 0, 0, 0}, U256{17, 0, 0, 0}, U256{31, 0, 0, 0}, U256{33, 0, 0, 0},
      u256_sub_small(kR, 1), u256_sub_small(kR, 2), u256_shr1(kR), u256_add_small(u256_shr1(kR), 1),
      kG1EndomorphismLambda, u256_add_small(kG1EndomorphismLambda, 1), u256_sub_small(kG1EndomorphismLambda, 1),
      kG2PsiEigenvalue, u256_add_small(kG2PsiEigenvalue, 1), u256_pow2(64), u256_pow2(127), u256_pow2(128),
      u256_sub_small(u256_pow2(128), 1), u256_pow2(200), u256_pow2(252), u256_sub_small(u256_pow2(253), 1),
      U256{~uint64_t{0}, ~uint64_t{0}, 0, 0}, U256{0x5555555555555555, 0x5555555555555555, 0x5555555555555555, 0x0555555555555555},
  };
  const Fr l = Fr::from_canonical_unchecked(kG1EndomorphismLambda);
  const Fr mu = Fr::from_canonical_unchecked(kG2PsiEigenvalue);
  out.push_back((l * l).to_canonical());
  out.push_back((mu * mu).to_canonical());
  out.push_back((mu * mu * mu).to_canonical());
  out.push_back((-l).to_canonical());
  out.push_back((-mu).to_canonical());
  return out;
}

// ---------------------------------------------------------------- group laws, typed over G1 and G2

template <class P>
struct GroupTraits;
template <>
struct GroupTraits<G1> {
  using Affine = G1Affine;
  static Result<G1Affine> decode(std::span<const uint8_t> b) { return decode_g1(b); }
};
template <>
struct GroupTraits<G2> {
  using Affine = G2Affine;
  static Result<G2Affine> decode(std::span<const uint8_t> b) { return decode_g2(b); }
};

template <class P>
class GroupLaws : public ::testing::Test {
 protected:
  using Base = typename P::Base;
  using Affine = typename GroupTraits<P>::Affine;
  // A random group element, returned with a random Jacobian representation.
  P random_point() { return rescale(P::generator().mul_double_and_add(Fr::random(rng_).to_canonical()), random_base()); }
  Fr random_scalar() { return Fr::random(rng_); }
  Base random_base() {
    if constexpr (std::is_same_v<Base, Fq>) {
      return Fq::random(rng_);
    } else {
      return Fq2::random(rng_);
    }
  }
  // The same point with Jacobian coordinates scaled by s ≠ 0: (s^2 X, s^3 Y, s Z).
  static P rescale(const P& p, const Base& s) {
    const Base s2 = s.squared();
    return P(p.X * s2, p.Y * s2 * s, p.Z * s);
  }
  DeterministicRng rng_{42};
};
using Groups = ::testing::Types<G1, G2>;
TYPED_TEST_SUITE(GroupLaws, Groups);

TYPED_TEST(GroupLaws, GeneratorIsOnCurveAndInSubgroup) {
  using P = TypeParam;
  EXPECT_TRUE(P::generator().is_on_curve());
  EXPECT_TRUE(is_in_subgroup(P::generator()));
  EXPECT_TRUE(P::generator().mul_double_and_add(kR).is_identity());
  EXPECT_FALSE(P::generator().mul_double_and_add(u256_sub_small(kR, 1)).is_identity());
}

TYPED_TEST(GroupLaws, AbelianGroupAxioms) {
  using P = TypeParam;
  for (int i = 0; i < 20; ++i) {
    const P a = this->random_point(), b = this->random_point(), c = this->random_point();
    ASSERT_TRUE(a.is_on_curve());
    EXPECT_EQ((a + b) + c, a + (b + c));
    EXPECT_EQ(a + b, b + a);
    EXPECT_EQ(a + P::identity(), a);
    EXPECT_EQ(P::identity() + a, a);
    EXPECT_TRUE((a + (-a)).is_identity());
    EXPECT_TRUE((a - a).is_identity());
    EXPECT_EQ((a + b) - b, a);
    EXPECT_NE(a + b, a);  // b ≠ O with overwhelming probability
  }
  EXPECT_TRUE((P::identity() + P::identity()).is_identity());
  EXPECT_TRUE(P::identity().doubled().is_identity());
}

TYPED_TEST(GroupLaws, AddingEqualPointsEqualsDoubling) {
  using P = TypeParam;
  for (int i = 0; i < 20; ++i) {
    const P a = this->random_point();
    // Different representations of one point force the addition formulas to detect equality.
    const P a2 = this->rescale(a, this->random_base());
    ASSERT_EQ(a, a2);
    EXPECT_EQ(a + a2, a.doubled());
    EXPECT_EQ(a + a2.to_affine(), a.doubled());
    EXPECT_TRUE((a + (-a2)).is_identity());
    EXPECT_TRUE((a + (-a2.to_affine())).is_identity());
    EXPECT_EQ(a.doubled(), a.mul_double_and_add(U256{2, 0, 0, 0}));
  }
}

TYPED_TEST(GroupLaws, MixedAdditionEqualsFullAddition) {
  using P = TypeParam;
  for (int i = 0; i < 20; ++i) {
    const P a = this->random_point(), b = this->random_point();
    EXPECT_EQ(a + b.to_affine(), a + b);
    EXPECT_EQ(P::identity() + b.to_affine(), b);
    EXPECT_EQ(a + TestFixture::Affine::identity(), a);
  }
}

TYPED_TEST(GroupLaws, ToAffineAndBatchToAffineWithIdentities) {
  using P = TypeParam;
  std::vector<P> points;
  for (int i = 0; i < 12; ++i) {
    points.push_back(i % 4 == 1 ? P::identity() : this->random_point());
  }
  points.push_back(P::identity());
  const auto affine = P::batch_to_affine(points);
  ASSERT_EQ(affine.size(), points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(affine[i], points[i].to_affine());
    EXPECT_EQ(affine[i].is_identity(), points[i].is_identity());
    EXPECT_TRUE(affine[i].is_on_curve());
    EXPECT_EQ(P(affine[i]), points[i]);
  }
  EXPECT_TRUE(P::batch_to_affine(std::span<const P>()).empty());
}

TYPED_TEST(GroupLaws, ScalarMultiplicationIsAHomomorphism) {
  using P = TypeParam;
  for (int i = 0; i < 8; ++i) {
    const P p = this->random_point();
    const Fr a = this->random_scalar(), b = this->random_scalar();
    EXPECT_EQ(p * (a + b), p * a + p * b);
    EXPECT_EQ(p * (a * b), (p * b) * a);
    EXPECT_EQ((p + p.doubled()) * a, p * (a * Fr::from_u64(3)));
    EXPECT_EQ(p * (-a), -(p * a));
  }
}

TYPED_TEST(GroupLaws, EdgeScalarsOfTheGroupOrder) {
  using P = TypeParam;
  const P p = this->random_point();
  EXPECT_TRUE((p * Fr::zero()).is_identity());
  EXPECT_EQ(p * Fr::one(), p);
  EXPECT_EQ(p * Fr::from_u64(2), p.doubled());
  EXPECT_EQ(p * (-Fr::one()), -p);  // r − 1
  EXPECT_TRUE((P::identity() * this->random_scalar()).is_identity());
  // Full 256-bit scalars, not reduced.
  EXPECT_TRUE(mul_wnaf(p, kR).is_identity());
  EXPECT_TRUE(p.mul_double_and_add(kR).is_identity());
  EXPECT_EQ(mul_wnaf(p, u256_add_small(kR, 1)), p);
  EXPECT_EQ(mul_wnaf(p, u256_sub_small(kR, 1)), -p);
  U256 two_r{};
  u256_add(two_r, kR, kR);
  EXPECT_TRUE(mul_wnaf(p, two_r).is_identity());
  const U256 all_ones{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}};
  EXPECT_EQ(mul_wnaf(p, all_ones), p.mul_double_and_add(all_ones));
  EXPECT_EQ(p * reduce_scalar(all_ones), p.mul_double_and_add(all_ones));
  EXPECT_TRUE(mul_secret(p, reduce_scalar(kR)).is_identity());
}

TYPED_TEST(GroupLaws, AllMultiplicationMethodsAgree) {
  using P = TypeParam;
  std::vector<U256> scalars = edge_scalars();
  for (int i = 0; i < 24; ++i) scalars.push_back(this->random_scalar().to_canonical());
  const P p = this->random_point();
  const typename TestFixture::Affine p_affine = p.to_affine();
  for (const U256& k : scalars) {
    const Fr kf = Fr::from_canonical_unchecked(k);
    SCOPED_TRACE("k = " + kf.to_string());
    const P expected = p.mul_double_and_add(k);
    EXPECT_EQ(p * kf, expected);
    EXPECT_EQ(kf * p, expected);
    EXPECT_EQ(p_affine * kf, expected);
    EXPECT_EQ(mul_wnaf(p, k), expected);
    const P secret = mul_secret(p, kf);
    EXPECT_EQ(secret, expected);
    EXPECT_TRUE(secret.is_on_curve());
    P q = p;
    q *= kf;
    EXPECT_EQ(q, expected);
  }
  // The identity and the generator (Z = 1) as bases.
  for (const U256& k : scalars) {
    const Fr kf = Fr::from_canonical_unchecked(k);
    EXPECT_TRUE(mul_secret(P::identity(), kf).is_identity());
    EXPECT_TRUE(mul_wnaf(P::identity(), k).is_identity());
    EXPECT_EQ(P::generator() * kf, P::generator().mul_double_and_add(k));
  }
}

// ---------------------------------------------------------------- encodings

TYPED_TEST(GroupLaws, EncodingsRoundTrip) {
  using P = TypeParam;
  using Traits = GroupTraits<P>;
  for (int i = 0; i < 10; ++i) {
    const auto a = (i == 0 ? P::identity() : this->random_point()).to_affine();
    for (const auto& point : {a, -a}) {
      const auto u = encode_uncompressed(point);
      const auto c = encode_compressed(point);
      auto du = Traits::decode(u);
      ASSERT_TRUE(du.is_ok()) << du.error();
      EXPECT_EQ(*du, point);
      auto dc = Traits::decode(c);
      ASSERT_TRUE(dc.is_ok()) << dc.error();
      EXPECT_EQ(*dc, point);
      if (!point.is_identity()) {
        EXPECT_EQ(u[0] >> 6, 0);
        EXPECT_EQ(c[0] >> 6, point.y.is_lexicographically_largest() ? 0b11 : 0b10);
      }
    }
    if (!a.is_identity()) {
      EXPECT_NE(encode_compressed(a), encode_compressed(-a));  // the flag tells ±y apart
    }
  }
}

TYPED_TEST(GroupLaws, DecodingRejectsWrongLengthsAndFlags) {
  using P = TypeParam;
  using Traits = GroupTraits<P>;
  const auto a = this->random_point().to_affine();
  const auto u = encode_uncompressed(a);
  const auto c = encode_compressed(a);
  for (size_t len : {size_t{0}, size_t{1}, c.size() - 1, c.size() + 1, u.size() - 1, u.size() + 1}) {
    std::vector<uint8_t> bytes(len, 0);
    auto d = Traits::decode(bytes);
    ASSERT_FALSE(d.is_ok());
    EXPECT_NE(d.error().find("got " + std::to_string(len)), std::string::npos) << d.error();
  }
  // Every wrong flag on an otherwise valid encoding.
  for (uint8_t flag : {uint8_t{0b10}, uint8_t{0b11}}) {
    auto bad = u;
    bad[0] = static_cast<uint8_t>((bad[0] & 0x3f) | flag << 6);
    auto d = Traits::decode(bad);
    ASSERT_FALSE(d.is_ok());
    EXPECT_NE(d.error().find("bad flag"), std::string::npos) << d.error();
  }
  {
    auto bad = c;
    bad[0] &= 0x3f;  // 0b00 on a compressed-length encoding
    auto d = Traits::decode(bad);
    ASSERT_FALSE(d.is_ok());
    EXPECT_NE(d.error().find("bad flag"), std::string::npos) << d.error();
  }
  // Infinity with a stray bit anywhere.
  for (size_t byte : {size_t{0}, size_t{17}, u.size() - 1}) {
    std::vector<uint8_t> bad(u.size(), 0);
    bad[0] = 0x40;
    bad[byte] |= 0x01;
    auto d = Traits::decode(bad);
    ASSERT_FALSE(d.is_ok());
    EXPECT_NE(d.error().find("infinity"), std::string::npos) << d.error();
  }
}

// ---------------------------------------------------------------- complete formulas

template <class Config>
void check_complete_formulas(const JacobianPoint<Config>& a, const JacobianPoint<Config>& b) {
  using Proj = ProjectivePoint<Config>;
  const Proj pa = Proj::from_jacobian(a), pb = Proj::from_jacobian(b);
  EXPECT_EQ((pa + pb).to_jacobian(), a + b);
  EXPECT_EQ(pa.doubled().to_jacobian(), a.doubled());
  EXPECT_EQ((pa + pa).to_jacobian(), a.doubled());
  EXPECT_TRUE((pa + (-pa)).to_jacobian().is_identity());
  EXPECT_EQ((pa + Proj::identity()).to_jacobian(), a);
  EXPECT_EQ((Proj::identity() + pb).to_jacobian(), b);
  EXPECT_TRUE(Proj::identity().doubled().to_jacobian().is_identity());
  EXPECT_TRUE((Proj::identity() + Proj::identity()).to_jacobian().is_identity());
  EXPECT_EQ(pa.to_jacobian(), a);
}

TEST(CompleteFormulas, AgreeWithJacobianFormulasIncludingExceptionalCases) {
  DeterministicRng rng(7);
  for (int i = 0; i < 20; ++i) {
    const G1 a = G1::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    const G1 b = G1::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    check_complete_formulas(a, b);
    check_complete_formulas(a, G1::identity());
    const G2 c = G2::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    const G2 d = G2::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    check_complete_formulas(c, d);
    check_complete_formulas(c, G2::identity());
  }
}

// ---------------------------------------------------------------- endomorphisms

TEST(Endomorphisms, PhiActsAsLambdaOnG1) {
  DeterministicRng rng(8);
  const U256 other_root = (Fr::from_canonical_unchecked(kG1EndomorphismLambda).squared()).to_canonical();
  for (int i = 0; i < 10; ++i) {
    const G1 p = G1::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    EXPECT_EQ(phi(p), p.mul_double_and_add(kG1EndomorphismLambda));
    EXPECT_EQ(G1(phi(p.to_affine())), phi(p));
    // The other cube root λ^2 goes with β^2, not β: the pairing matters.
    EXPECT_NE(phi(p), p.mul_double_and_add(other_root));
    EXPECT_TRUE(phi(p).is_on_curve());
  }
  EXPECT_TRUE(phi(G1::identity()).is_identity());
}

TEST(Endomorphisms, PsiActsAsSixXSquaredOnG2) {
  DeterministicRng rng(9);
  for (int i = 0; i < 6; ++i) {
    const G2 q = G2::generator().mul_double_and_add(Fr::random(rng).to_canonical());
    const G2 psi_q = psi(q);
    EXPECT_TRUE(psi_q.is_on_curve());
    EXPECT_EQ(psi_q, q.mul_double_and_add(kG2PsiEigenvalue));
    EXPECT_EQ(G2(psi(q.to_affine())), psi_q);
    EXPECT_EQ(G2(psi2(q.to_affine())), psi(psi_q));
    // μ is a primitive 12th root of unity mod r: ψ^4 − ψ^2 + 1 = 0 on G2.
    const G2 psi2_q = psi(psi_q);
    EXPECT_EQ(psi(psi(psi2_q)) + q, psi2_q);
  }
}

// ---------------------------------------------------------------- decompositions

Fr signed_to_fr(const SignedScalar& s) {
  const Fr m = Fr::from_canonical_unchecked(
      U256{static_cast<uint64_t>(s.magnitude), static_cast<uint64_t>(s.magnitude >> 64), 0, 0});
  return s.negative ? -m : m;
}

unsigned bit_length(u128 v) {
  unsigned n = 0;
  while (v != 0) {
    v >>= 1;
    ++n;
  }
  return n;
}

TEST(ScalarDecomposition, GlvRecombinesAndIsShort) {
  DeterministicRng rng(10);
  std::vector<U256> scalars = edge_scalars();
  for (int i = 0; i < 20000; ++i) scalars.push_back(Fr::random(rng).to_canonical());
  const Fr lambda = Fr::from_canonical_unchecked(kG1EndomorphismLambda);
  unsigned max_bits = 0;
  for (const U256& k : scalars) {
    const GlvScalars s = decompose_glv(k);
    EXPECT_EQ(signed_to_fr(s.k1) + signed_to_fr(s.k2) * lambda, Fr::from_canonical_unchecked(k));
    max_bits = std::max({max_bits, bit_length(s.k1.magnitude), bit_length(s.k2.magnitude)});
  }
  EXPECT_LE(max_bits, 127u);
  EXPECT_GE(max_bits, 120u);  // random k really do spread over ~126 bits
  EXPECT_EQ(decompose_glv(U256{}).k1, SignedScalar{});
  EXPECT_EQ(decompose_glv(U256{}).k2, SignedScalar{});
}

TEST(ScalarDecomposition, GlsRecombinesAndIsShort) {
  DeterministicRng rng(11);
  std::vector<U256> scalars = edge_scalars();
  for (int i = 0; i < 20000; ++i) scalars.push_back(Fr::random(rng).to_canonical());
  const Fr mu = Fr::from_canonical_unchecked(kG2PsiEigenvalue);
  unsigned max_bits = 0;
  for (const U256& k : scalars) {
    const GlsScalars s = decompose_gls(k);
    Fr acc = Fr::zero(), power = Fr::one();
    for (const SignedScalar& ki : s.k) {
      acc += signed_to_fr(ki) * power;
      power *= mu;
      max_bits = std::max(max_bits, bit_length(ki.magnitude));
    }
    EXPECT_EQ(acc, Fr::from_canonical_unchecked(k));
  }
  EXPECT_LE(max_bits, 65u);
  EXPECT_GE(max_bits, 60u);
}

// ---------------------------------------------------------------- G2 subgroup membership

// A point of the twist E'(Fq2) with the given x, if x^3 + b' is a square.
bool twist_point_from_x(const Fq2& x, G2Affine& out) {
  Fq2 y;
  if (!(x.squared() * x + G2Config::kB).sqrt(y)) return false;
  out = G2Affine(x, y);
  return true;
}

bool in_subgroup_naive(const G2& p) { return p.mul_double_and_add(kR).is_identity(); }

TEST(Subgroup, G2TestAgreesWithMultiplicationByR) {
  DeterministicRng rng(12);
  // The cofactor of the twist: #E'(Fq2) = r·(2p − r).
  U256 cofactor{};
  u256_add(cofactor, Fq::kModulus, Fq::kModulus);
  u256_sub(cofactor, cofactor, kR);
  int outside = 0, inside = 0, cofactor_part = 0;
  while (outside < 6) {
    G2Affine a;
    if (!twist_point_from_x(Fq2::random(rng), a)) continue;
    ASSERT_TRUE(a.is_on_curve());
    const G2 p(a);
    const bool naive = in_subgroup_naive(p);
    EXPECT_EQ(is_in_subgroup(a), naive);
    EXPECT_EQ(is_in_subgroup(p), naive);
    if (naive) continue;  // probability ~1/h
    ++outside;
    auto decoded = decode_g2(encode_uncompressed(a));
    ASSERT_FALSE(decoded.is_ok());
    EXPECT_NE(decoded.error().find("subgroup"), std::string::npos) << decoded.error();
    // Clearing the cofactor lands in G2.
    const G2 cleared = p.mul_double_and_add(cofactor);
    EXPECT_TRUE(in_subgroup_naive(cleared));
    EXPECT_TRUE(is_in_subgroup(cleared));
    EXPECT_TRUE(is_in_subgroup(cleared.to_affine()));
    ++inside;
    // [r]P lies in the order-(2p − r) part: on the curve, not in G2.
    const G2 torsion_free_part = p.mul_double_and_add(kR);
    if (!torsion_free_part.is_identity()) {
      EXPECT_TRUE(torsion_free_part.is_on_curve());
      EXPECT_FALSE(is_in_subgroup(torsion_free_part));
      EXPECT_FALSE(in_subgroup_naive(torsion_free_part));
      ++cofactor_part;
    }
    // Plain wNAF does not assume membership: it must match double-and-add off G2.
    const U256 k = Fr::random(rng).to_canonical();
    EXPECT_EQ(mul_wnaf(p, k), p.mul_double_and_add(k));
  }
  EXPECT_EQ(inside, 6);
  EXPECT_EQ(cofactor_part, 6);
  EXPECT_TRUE(is_in_subgroup(G2Affine::identity()));
  EXPECT_TRUE(is_in_subgroup(G2::identity()));
}

TEST(Subgroup, OffCurvePointsAreNotMembers) {
  const G1Affine g1 = G1Affine::generator();
  EXPECT_TRUE(is_in_subgroup(g1));
  EXPECT_FALSE(is_in_subgroup(G1Affine(g1.x, g1.y + Fq::one())));
  EXPECT_FALSE(is_in_subgroup(G1(Fq::one(), Fq::one(), Fq::one())));
  const G2Affine g2 = G2Affine::generator();
  EXPECT_TRUE(is_in_subgroup(g2));
  EXPECT_FALSE(is_in_subgroup(G2Affine(g2.x, g2.y + Fq2::one())));
}

// ---------------------------------------------------------------- wNAF and reduction

TEST(Wnaf, RecodingIsExactSparseAndOdd) {
  DeterministicRng rng(13);
  std::vector<U256> scalars = edge_scalars();
  scalars.push_back(U256{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}});
  scalars.push_back(U256{0, 0, 0, uint64_t{1} << 63});
  for (int i = 0; i < 200; ++i) {
    U256 k{};
    for (auto& limb : k) limb = rng.next_u64();
    scalars.push_back(k);
  }
  for (unsigned width = 2; width <= 8; ++width) {
    for (const U256& k : scalars) {
      std::array<int8_t, kMaxWnafDigits> digits{};
      const size_t n = wnaf_recode(k, width, digits);
      // Σ d_i·2^i mod 2^256, positive and negative digits summed apart.
      U256 pos{}, neg{};
      for (size_t i = 0; i < n; ++i) {
        const int d = digits[i];
        if (d == 0) continue;
        EXPECT_EQ(d & 1, 1) << "digits are odd";
        EXPECT_LT(d < 0 ? -d : d, 1 << (width - 1));
        for (size_t j = i + 1; j < std::min(n, i + width); ++j) EXPECT_EQ(digits[j], 0) << "non-adjacency";
        U256 term{};
        if (i < 256) term[i / 64] = static_cast<uint64_t>(d < 0 ? -d : d) << (i % 64);
        if (i % 64 != 0 && i / 64 + 1 < 4) term[i / 64 + 1] = static_cast<uint64_t>(d < 0 ? -d : d) >> (64 - i % 64);
        u256_add(d < 0 ? neg : pos, d < 0 ? neg : pos, term);
      }
      for (size_t i = n; i < digits.size(); ++i) EXPECT_EQ(digits[i], 0);
      U256 value{};
      u256_sub(value, pos, neg);
      EXPECT_EQ(value, k);
      EXPECT_LE(n, u256_bit_length(k) + 1);
    }
  }
}

TEST(Wnaf, ReduceScalar) {
  EXPECT_EQ(reduce_scalar(kR), Fr::zero());
  EXPECT_EQ(reduce_scalar(u256_add_small(kR, 5)), Fr::from_u64(5));
  const U256 all_ones{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}};
  // 2^256 − 1 mod r, via 2^256 = (2^128)^2 in Fr.
  const Fr two128 = Fr::from_canonical_unchecked(u256_pow2(128));
  EXPECT_EQ(reduce_scalar(all_ones), two128 * two128 - Fr::one());
}

}  // namespace
}  // namespace zkfl::plonk
