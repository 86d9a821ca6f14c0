// EvaluationDomain (roots of unity, Z_H, Lagrange basis, the extended coset),
// Polynomial<Basis> arithmetic and basis conversions, each checked against an
// independent formulation (naive products, Horner, interpolation by definition).
#include <gtest/gtest.h>

#include <type_traits>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/basis_conversion.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt.hpp"
#include "plonk/poly/polynomial.hpp"
#include "plonk/poly/vanishing.hpp"

namespace zkfl::plonk {
namespace {

// The basis is part of the type: no implicit conversion between bases, no
// pointwise product of coefficient vectors, no interpolation of coefficients.
static_assert(!std::is_convertible_v<Polynomial<Coeff>, Polynomial<LagrangeEval>>);
static_assert(!std::is_convertible_v<Polynomial<LagrangeEval>, Polynomial<ExtendedLagrangeEval>>);
template <class A, class B>
concept Multipliable = requires(A a, B b) { a * b; };
static_assert(!Multipliable<Polynomial<Coeff>, Polynomial<Coeff>>);
static_assert(Multipliable<Polynomial<LagrangeEval>, Polynomial<LagrangeEval>>);
static_assert(!Multipliable<Polynomial<LagrangeEval>, Polynomial<ExtendedLagrangeEval>>);
static_assert(!std::is_invocable_v<decltype(&lagrange_to_coeff), const EvaluationDomain&, Polynomial<Coeff>,
                                   ThreadPool&>);
static_assert(!std::is_invocable_v<decltype(&divide_by_linear), const Polynomial<LagrangeEval>&, const Fr&, Fr*>);

std::vector<Fr> random_values(size_t n, uint64_t seed) {
  DeterministicRng rng(seed);
  std::vector<Fr> out(n);
  for (Fr& v : out) v = Fr::random(rng);
  return out;
}

Polynomial<Coeff> random_poly(size_t n, uint64_t seed) { return Polynomial<Coeff>(random_values(n, seed)); }

Fr random_point(uint64_t seed) {
  DeterministicRng rng(seed);
  return Fr::random(rng);
}

// Independent of the code under test: Horner written out again.
Fr naive_evaluate(std::span<const Fr> coeffs, const Fr& x) {
  Fr acc = Fr::zero();
  for (size_t j = coeffs.size(); j-- > 0;) acc = acc * x + coeffs[j];
  return acc;
}

EvaluationDomain domain_of(unsigned k) { return EvaluationDomain::create(k).value(); }

// ---------------------------------------------------------------- domain

TEST(EvaluationDomain, SizesAbove2To28AreErrors) {
  for (unsigned k : {29u, 30u, 64u, 1000u}) {
    auto domain = EvaluationDomain::create(k);
    ASSERT_FALSE(domain.is_ok()) << k;
    EXPECT_NE(domain.error().find("2^28"), std::string::npos) << domain.error();
  }
  auto largest = EvaluationDomain::create(28);
  ASSERT_TRUE(largest.is_ok());
  EXPECT_EQ(largest->size(), size_t{1} << 28);
}

TEST(EvaluationDomain, GeneratorHasOrderExactlyN) {
  for (unsigned k = 0; k <= EvaluationDomain::kMaxLogSize; ++k) {
    const EvaluationDomain domain = domain_of(k);
    EXPECT_EQ(domain.log_size(), k);
    EXPECT_EQ(domain.size(), size_t{1} << k);
    const Fr omega = domain.generator();
    // ω^(2^(k-1)) = -1 and ω^(2^k) = 1 together mean the order is exactly 2^k.
    Fr power = omega;
    for (unsigned i = 0; i + 1 < k; ++i) power = power.squared();
    if (k == 0) {
      EXPECT_EQ(omega, Fr::one());
    } else {
      EXPECT_EQ(power, -Fr::one()) << "k=" << k;
      EXPECT_EQ(power.squared(), Fr::one()) << "k=" << k;
    }
    EXPECT_EQ(omega * domain.generator_inverse(), Fr::one());
    EXPECT_EQ(Fr::from_u64(uint64_t{1} << k) * domain.size_inverse(), Fr::one());
    EXPECT_EQ(domain.coset_shift() * domain.coset_shift_inverse(), Fr::one());
  }
}

TEST(EvaluationDomain, CosetIsDisjointFromEverySubgroup) {
  // g ∉ the subgroup of order 2^28, which contains every H here, so g·H ∩ H = ∅.
  const Fr g = domain_of(0).coset_shift();
  EXPECT_EQ(g, Fr::from_u64(5));
  Fr power = g;
  for (int i = 0; i < 28; ++i) power = power.squared();
  EXPECT_NE(power, Fr::one());
  const EvaluationDomain domain = domain_of(6);
  for (size_t i = 0; i < domain.size(); ++i) {
    EXPECT_FALSE(domain.evaluate_vanishing(g * domain.element(i)).is_zero());
  }
}

TEST(EvaluationDomain, ElementsArePowersOfTheGenerator) {
  const EvaluationDomain domain = domain_of(5);
  const std::vector<Fr> elements = domain.elements();
  ASSERT_EQ(elements.size(), 32u);
  Fr power = Fr::one();
  for (size_t i = 0; i < 32; ++i) {
    EXPECT_EQ(elements[i], power);
    EXPECT_EQ(domain.element(i), power);
    EXPECT_EQ(domain.element(i + 32), power);  // exponents wrap mod n
    power *= domain.generator();
  }
  EXPECT_EQ(power, Fr::one());
  // All distinct.
  for (size_t i = 0; i < 32; ++i) {
    for (size_t j = i + 1; j < 32; ++j) EXPECT_NE(elements[i], elements[j]);
  }
}

TEST(EvaluationDomain, VanishingPolynomialVanishesExactlyOnH) {
  for (unsigned k : {0u, 1u, 2u, 5u, 8u}) {
    const EvaluationDomain domain = domain_of(k);
    for (const Fr& h : domain.elements()) EXPECT_TRUE(domain.evaluate_vanishing(h).is_zero()) << "k=" << k;
  }
  for (unsigned k : {0u, 3u, 12u, 20u, 28u}) {
    const EvaluationDomain domain = domain_of(k);
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      const Fr z = random_point(seed * 100 + k);
      const Fr zh = domain.evaluate_vanishing(z);
      EXPECT_FALSE(zh.is_zero());
      EXPECT_EQ(zh, z.pow(uint64_t{1} << k) - Fr::one());
    }
  }
}

// L_i(z) = Π_(j≠i) (z - ω^j) / (ω^i - ω^j), straight from the definition.
Fr lagrange_by_definition(const EvaluationDomain& domain, size_t i, const Fr& z) {
  Fr num = Fr::one(), den = Fr::one();
  for (size_t j = 0; j < domain.size(); ++j) {
    if (j == i) continue;
    num *= z - domain.element(j);
    den *= domain.element(i) - domain.element(j);
  }
  return num * den.inverse();
}

TEST(EvaluationDomain, LagrangeBasisMatchesDefinition) {
  for (unsigned k : {0u, 1u, 2u, 4u}) {
    const EvaluationDomain domain = domain_of(k);
    const Fr z = random_point(10 + k);
    const std::vector<Fr> all = domain.evaluate_all_lagrange(z);
    ASSERT_EQ(all.size(), domain.size());
    for (size_t i = 0; i < domain.size(); ++i) {
      EXPECT_EQ(all[i], lagrange_by_definition(domain, i, z)) << "k=" << k << " i=" << i;
      EXPECT_EQ(domain.evaluate_lagrange(i, z), all[i]);
    }
  }
}

TEST(EvaluationDomain, LagrangeBasisIsKroneckerDeltaOnH) {
  for (unsigned k : {0u, 1u, 3u, 5u}) {
    const EvaluationDomain domain = domain_of(k);
    for (size_t j = 0; j < domain.size(); ++j) {
      const Fr point = domain.element(j);
      const std::vector<Fr> all = domain.evaluate_all_lagrange(point);
      for (size_t i = 0; i < domain.size(); ++i) {
        const Fr expected = i == j ? Fr::one() : Fr::zero();
        EXPECT_EQ(all[i], expected) << "k=" << k << " i=" << i << " j=" << j;
        EXPECT_EQ(domain.evaluate_lagrange(i, point), expected);
      }
    }
  }
}

TEST(EvaluationDomain, LagrangeBasisSumsToOneAndRangesAgree) {
  const EvaluationDomain domain = domain_of(10);
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const Fr z = random_point(seed);
    const std::vector<Fr> all = domain.evaluate_all_lagrange(z);
    Fr sum = Fr::zero();
    for (const Fr& l : all) sum += l;
    EXPECT_EQ(sum, Fr::one());
    const std::vector<Fr> part = domain.evaluate_lagrange_range(z, 37, 101);
    ASSERT_EQ(part.size(), 64u);
    for (size_t j = 0; j < part.size(); ++j) EXPECT_EQ(part[j], all[37 + j]);
    EXPECT_EQ(domain.evaluate_lagrange(0, z), all[0]);
    EXPECT_EQ(domain.evaluate_lagrange(1023, z), all[1023]);
  }
  EXPECT_TRUE(domain.evaluate_lagrange_range(random_point(9), 5, 5).empty());
}

TEST(EvaluationDomain, LagrangeEvaluationEqualsInterpolation) {
  // Σ y_i L_i(z) = f(z) for the f of degree < n with f(ω^i) = y_i (found by iNTT).
  ThreadPool pool(2);
  for (unsigned k : {0u, 3u, 9u}) {
    const EvaluationDomain domain = domain_of(k);
    const std::vector<Fr> evals = random_values(domain.size(), 20 + k);
    std::vector<Fr> coeffs = evals;
    intt(domain, coeffs, pool);
    const Fr z = random_point(30 + k);
    const std::vector<Fr> lagrange = domain.evaluate_all_lagrange(z);
    Fr combined = Fr::zero();
    for (size_t i = 0; i < domain.size(); ++i) combined += evals[i] * lagrange[i];
    EXPECT_EQ(combined, naive_evaluate(coeffs, z)) << "k=" << k;
  }
}

// ------------------------------------------------------ extended coset, Z_H

TEST(Vanishing, ExtendedCosetValuesArePeriodicAndNonZero) {
  const EvaluationDomain domain = domain_of(3);
  for (unsigned e : {0u, 1u, 2u, 3u}) {
    const EvaluationDomain extended = domain_of(3 + e);
    const std::vector<Fr> values = vanishing_on_extended_coset(domain, extended);
    ASSERT_EQ(values.size(), size_t{1} << e);
    for (size_t i = 0; i < extended.size(); ++i) {
      const Fr point = extended.coset_shift() * extended.element(i);
      const Fr direct = domain.evaluate_vanishing(point);
      EXPECT_FALSE(direct.is_zero());
      EXPECT_EQ(values[i % values.size()], direct) << "e=" << e << " i=" << i;
    }
  }
}

TEST(Vanishing, DividingAMultipleOfZHRecoversTheQuotient) {
  // t = q·Z_H with Z_H = X^n - 1, so t_j = q_(j-n) - q_j.
  ThreadPool pool(2);
  const unsigned k = 6, e = 2;
  const EvaluationDomain domain = domain_of(k), extended = domain_of(k + e);
  const size_t n = domain.size();
  const Polynomial<Coeff> q = random_poly(3 * n, 40);  // deg t = 4n - 1 < |E|
  std::vector<Fr> t(4 * n);
  for (size_t j = 0; j < t.size(); ++j) {
    if (j >= n) t[j] += q[j - n];
    if (j < q.size()) t[j] -= q[j];
  }
  Polynomial<ExtendedLagrangeEval> evals = coeff_to_extended(extended, Polynomial<Coeff>(t), pool);
  divide_by_vanishing(evals, domain, extended, pool);
  Polynomial<Coeff> back = extended_to_coeff(extended, std::move(evals), pool);
  trim(back);
  EXPECT_EQ(back, q);
  // A numerator that is not a multiple of Z_H has no quotient of degree
  // < |E| - n: what the coset interpolation returns is too long (this is why a
  // prover's degree check catches unsatisfied constraints).
  t[0] += Fr::one();
  Polynomial<ExtendedLagrangeEval> bad = coeff_to_extended(extended, Polynomial<Coeff>(t), pool);
  divide_by_vanishing(bad, domain, extended, pool);
  EXPECT_GE(degree(extended_to_coeff(extended, std::move(bad), pool)), extended.size() - n);
}

// ------------------------------------------------------------ polynomials

TEST(Polynomial, EvaluateMatchesHornerSerialAndParallel) {
  ThreadPool pool(2);
  for (size_t size : {size_t{0}, size_t{1}, size_t{7}, size_t{1} << 14, (size_t{1} << 15) + 3}) {
    const Polynomial<Coeff> f = random_poly(size, 50 + size);
    const Fr z = random_point(60 + size);
    const Fr expected = naive_evaluate(f.values(), z);
    EXPECT_EQ(evaluate(f, z), expected) << size;
    EXPECT_EQ(evaluate(f, z, pool), expected) << size;
  }
  // f(X) = 3 + 2X + X^2 at 5: 38.
  const Polynomial<Coeff> f({Fr::from_u64(3), Fr::from_u64(2), Fr::from_u64(1)});
  EXPECT_EQ(evaluate(f, Fr::from_u64(5)), Fr::from_u64(38));
}

TEST(Polynomial, AdditionSubtractionScalingAgreeWithEvaluation) {
  ThreadPool pool(2);
  const Polynomial<Coeff> f = random_poly(10, 70), g = random_poly(25, 71), h = random_poly(3, 72);
  const Fr z = random_point(73), s = random_point(74), t = random_point(75);
  const Fr fz = evaluate(f, z), gz = evaluate(g, z), hz = evaluate(h, z);
  EXPECT_EQ(evaluate(f + g, z), fz + gz);
  EXPECT_EQ((f + g).size(), 25u);
  EXPECT_EQ(evaluate(g + f, z), fz + gz);
  EXPECT_EQ(evaluate(f - g, z), fz - gz);
  EXPECT_EQ(evaluate(-f, z), -fz);
  EXPECT_EQ(evaluate(f * s, z), fz * s);
  EXPECT_EQ(evaluate(s * f, z), fz * s);
  Polynomial<Coeff> acc = f;
  acc.add_scaled(g, s);
  EXPECT_EQ(evaluate(acc, z), fz + s * gz);
  const std::vector<const Polynomial<Coeff>*> polys{&f, &g, &h};
  const std::vector<Fr> scalars{s, t, Fr::from_u64(9)};
  const Polynomial<Coeff> combined = linear_combination<Coeff>(polys, scalars, pool);
  EXPECT_EQ(combined.size(), 25u);
  EXPECT_EQ(evaluate(combined, z), s * fz + t * gz + Fr::from_u64(9) * hz);
}

TEST(Polynomial, EvaluationBasisArithmeticIsPointwise) {
  ThreadPool pool(2);
  const size_t n = 1 << 13;  // large enough for parallel linear combination chunks
  const Polynomial<LagrangeEval> a(random_values(n, 80)), b(random_values(n, 81));
  const Fr s = random_point(82);
  const Polynomial<LagrangeEval> sum = a + b, diff = a - b, prod = a * b, scaled = a * s;
  const std::vector<const Polynomial<LagrangeEval>*> polys{&a, &b};
  const std::vector<Fr> scalars{s, Fr::from_u64(2)};
  const Polynomial<LagrangeEval> combined = linear_combination<LagrangeEval>(polys, scalars, pool);
  for (size_t i = 0; i < n; i += 97) {
    EXPECT_EQ(sum[i], a[i] + b[i]);
    EXPECT_EQ(diff[i], a[i] - b[i]);
    EXPECT_EQ(prod[i], a[i] * b[i]);
    EXPECT_EQ(scaled[i], a[i] * s);
    EXPECT_EQ(combined[i], s * a[i] + Fr::from_u64(2) * b[i]);
  }
}

TEST(Polynomial, DivisionByLinearFactor) {
  for (size_t size : {size_t{1}, size_t{2}, size_t{5}, size_t{300}}) {
    const Polynomial<Coeff> f = random_poly(size, 90 + size);
    const Fr z = random_point(91 + size);
    Fr remainder;
    const Polynomial<Coeff> q = divide_by_linear(f, z, &remainder);
    EXPECT_EQ(q.size(), size - 1);
    EXPECT_EQ(remainder, evaluate(f, z));
    // q(x)(x - z) + f(z) = f(x) at random x.
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      const Fr x = random_point(1000 * seed + size);
      EXPECT_EQ(evaluate(q, x) * (x - z) + remainder, evaluate(f, x)) << size;
    }
  }
  // (X - 2)(X - 3) = X^2 - 5X + 6 divided by (X - 3) is X - 2, remainder 0.
  const Polynomial<Coeff> f({Fr::from_u64(6), -Fr::from_u64(5), Fr::one()});
  Fr remainder = Fr::one();
  const Polynomial<Coeff> q = divide_by_linear(f, Fr::from_u64(3), &remainder);
  EXPECT_TRUE(remainder.is_zero());
  EXPECT_EQ(q, Polynomial<Coeff>({-Fr::from_u64(2), Fr::one()}));
  EXPECT_TRUE(divide_by_linear(Polynomial<Coeff>(), Fr::one(), &remainder).empty());
  EXPECT_TRUE(remainder.is_zero());
}

std::vector<Fr> schoolbook(const Polynomial<Coeff>& a, const Polynomial<Coeff>& b) {
  std::vector<Fr> out(a.size() + b.size() - 1);
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

TEST(Polynomial, ProductViaNttEqualsSchoolbook) {
  ThreadPool pool(2);
  const std::pair<size_t, size_t> shapes[] = {{1, 1}, {3, 5}, {64, 64}, {65, 64}, {100, 200}, {1, 500}, {700, 1500}};
  for (auto [la, lb] : shapes) {
    const Polynomial<Coeff> a = random_poly(la, la * 7 + 1), b = random_poly(lb, lb * 11 + 2);
    const Polynomial<Coeff> product = multiply(a, b, pool);
    EXPECT_EQ(product.values().size(), la + lb - 1);
    EXPECT_EQ(std::vector<Fr>(product.values().begin(), product.values().end()), schoolbook(a, b))
        << la << "x" << lb;
  }
  EXPECT_TRUE(multiply(Polynomial<Coeff>(), random_poly(4, 3), pool).empty());
}

TEST(Polynomial, DegreeTrimTruncate) {
  Polynomial<Coeff> f({Fr::from_u64(1), Fr::from_u64(2), Fr::zero(), Fr::zero()});
  EXPECT_EQ(degree(f), 1u);
  EXPECT_FALSE(is_zero(f));
  trim(f);
  EXPECT_EQ(f.size(), 2u);
  truncate(f, 1);
  EXPECT_EQ(f, Polynomial<Coeff>({Fr::from_u64(1)}));
  EXPECT_EQ(degree(f), 0u);
  truncate(f, 5);  // never grows
  EXPECT_EQ(f.size(), 1u);
  Polynomial<Coeff> zero = Polynomial<Coeff>::zero(4);
  EXPECT_TRUE(is_zero(zero));
  EXPECT_EQ(degree(zero), 0u);
  trim(zero);
  EXPECT_TRUE(zero.empty());
  Polynomial<Coeff> top(random_values(9, 5));
  EXPECT_EQ(degree(top), 8u);
}

TEST(Polynomial, SplitRecombinesToTheOriginal) {
  const Polynomial<Coeff> f = random_poly(10, 110);
  const std::vector<Polynomial<Coeff>> pieces = split(f, 4);
  ASSERT_EQ(pieces.size(), 3u);
  for (const auto& piece : pieces) EXPECT_EQ(piece.size(), 4u);
  const Fr z = random_point(111);
  Fr recombined = Fr::zero();
  for (size_t i = pieces.size(); i-- > 0;) recombined = recombined * z.pow(4) + evaluate(pieces[i], z);
  EXPECT_EQ(recombined, evaluate(f, z));
  EXPECT_TRUE(pieces[2][2].is_zero() && pieces[2][3].is_zero());
}

// ------------------------------------------------------ basis conversions

TEST(BasisConversion, LagrangeAndExtendedEvaluationsAreEvaluations) {
  ThreadPool pool(2);
  const EvaluationDomain domain = domain_of(5), extended = domain_of(7);
  const Polynomial<Coeff> f = random_poly(20, 120);  // shorter than n: padded
  const Polynomial<LagrangeEval> on_h = coeff_to_lagrange(domain, f, pool);
  ASSERT_EQ(on_h.size(), domain.size());
  for (size_t i = 0; i < domain.size(); ++i) EXPECT_EQ(on_h[i], evaluate(f, domain.element(i)));
  const Polynomial<ExtendedLagrangeEval> on_coset = coeff_to_extended(extended, f, pool);
  ASSERT_EQ(on_coset.size(), extended.size());
  for (size_t i = 0; i < extended.size(); ++i) {
    EXPECT_EQ(on_coset[i], evaluate(f, extended.coset_shift() * extended.element(i)));
  }
  EXPECT_EQ(lagrange_to_extended(domain, extended, on_h, pool), on_coset);
  Polynomial<Coeff> back = lagrange_to_coeff(domain, on_h, pool);
  Polynomial<Coeff> back_ext = extended_to_coeff(extended, on_coset, pool);
  trim(back);
  trim(back_ext);
  EXPECT_EQ(back, f);
  EXPECT_EQ(back_ext, f);
}

TEST(BasisConversion, PointwiseProductOnExtendedCosetIsPolynomialProduct) {
  // deg(a·b) = 2n - 2 < |E| = 4n: the product of the coset evaluations
  // interpolates to the product polynomial, which H alone could not hold.
  ThreadPool pool(2);
  const EvaluationDomain extended = domain_of(8);
  const Polynomial<Coeff> a = random_poly(64, 130), b = random_poly(64, 131);
  Polynomial<ExtendedLagrangeEval> pa = coeff_to_extended(extended, a, pool);
  const Polynomial<ExtendedLagrangeEval> pb = coeff_to_extended(extended, b, pool);
  pa *= pb;
  Polynomial<Coeff> product = extended_to_coeff(extended, std::move(pa), pool);
  trim(product);
  EXPECT_EQ(std::vector<Fr>(product.values().begin(), product.values().end()), schoolbook(a, b));
}

}  // namespace
}  // namespace zkfl::plonk
