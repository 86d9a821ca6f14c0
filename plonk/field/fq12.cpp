#include "plonk/field/fq12.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdlib>

namespace zkfl::plonk {

namespace {

// At k = 2 every γ(2, j) lies in Fq, so the p²-map needs Fq scalars only.
constexpr bool gammas_of_p2_are_in_fq() {
  for (const Fq2& g : kFrobeniusGamma[2]) {
    if (!g.c1.is_zero()) return false;
  }
  return true;
}
static_assert(gammas_of_p2_are_in_fq(), "ξ^(j(p²−1)/6) must lie in Fq");

// (z0 + z1·s)² in Fq4 = Fq2[s]/(s² − ξ): returns (z0² + ξz1², 2z0z1) with 3 squarings.
inline void fq4_square(const Fq2& z0, const Fq2& z1, Fq2& t0, Fq2& t1) {
  const Fq2 a = z0.squared();
  const Fq2 b = z1.squared();
  t0 = a + b.mul_by_nonresidue();
  t1 = (z0 + z1).squared() - a - b;
}

// 3t − 2z and 3t + 2z.
inline Fq2 three_minus_two(const Fq2& t, const Fq2& z) { return (t - z).doubled() + t; }
inline Fq2 three_plus_two(const Fq2& t, const Fq2& z) { return (t + z).doubled() + t; }

}  // namespace

Fq12 Fq12::operator*(const Fq12& o) const {
  const Fq6 v0 = c0 * o.c0;
  const Fq6 v1 = c1 * o.c1;
  const Fq6 s = (c0 + c1) * (o.c0 + o.c1);
  return Fq12(v0 + v1.mul_by_nonresidue(), s - v0 - v1);
}

Fq12 Fq12::squared() const {
  // (a0 + a1 w)² = (a0 + a1)(a0 + v a1) − a0a1 − v a0a1 + 2 a0a1 w.
  const Fq6 ab = c0 * c1;
  const Fq6 t = (c0 + c1) * (c0 + c1.mul_by_nonresidue());
  return Fq12(t - ab - ab.mul_by_nonresidue(), ab.doubled());
}

Fq12 Fq12::inverse() const {
  const Fq6 norm = c0.squared() - c1.squared().mul_by_nonresidue();
  const Fq6 norm_inv = norm.inverse();
  return Fq12(c0 * norm_inv, -(c1 * norm_inv));
}

Fq12 Fq12::frobenius_map(unsigned k) const {
  k %= 12;
  if (k > 3) return frobenius_map(3).frobenius_map(k - 3);
  if (k == 0) return *this;
  // (a0 + a1 w)^(p^k) = a0^(p^k) + a1^(p^k)·γ(k,1)·w, and a1^(p^k) carries
  // γ(k,2), γ(k,4) on its v, v² coefficients: w, vw, v²w pick up γ(k,1), γ(k,3), γ(k,5).
  const auto& g = kFrobeniusGamma[k];
  if (k == 2) {
    const Fq6 a0(c0.c0, c0.c1 * g[2].c0, c0.c2 * g[4].c0);
    const Fq6 a1(c1.c0 * g[1].c0, c1.c1 * g[3].c0, c1.c2 * g[5].c0);
    return Fq12(a0, a1);
  }
  // k = 1 or 3: the Fq2 coefficients are conjugated.
  const Fq6 a0(c0.c0.conjugate(), c0.c1.conjugate() * g[2], c0.c2.conjugate() * g[4]);
  const Fq6 a1(c1.c0.conjugate() * g[1], c1.c1.conjugate() * g[3], c1.c2.conjugate() * g[5]);
  return Fq12(a0, a1);
}

Fq12 Fq12::cyclotomic_squared() const {
  // View the element as (g0, g3), (g1, g4), (g2, g5) in Fq4 with
  // g_i the coefficient of w^i: g0 = c0.c0, g2 = c0.c1, g4 = c0.c2,
  // g1 = c1.c0, g3 = c1.c1, g5 = c1.c2 (w² = v). Granger–Scott §3.2.
  Fq2 t0, t1, t2, t3, t4, t5;
  fq4_square(c0.c0, c1.c1, t0, t1);
  fq4_square(c1.c0, c0.c2, t2, t3);
  fq4_square(c0.c1, c1.c2, t4, t5);
  const Fq2 z0 = three_minus_two(t0, c0.c0);
  const Fq2 z1 = three_plus_two(t1, c1.c1);
  const Fq2 z2 = three_plus_two(t5.mul_by_nonresidue(), c1.c0);
  const Fq2 z3 = three_minus_two(t4, c0.c2);
  const Fq2 z4 = three_minus_two(t2, c0.c1);
  const Fq2 z5 = three_plus_two(t3, c1.c2);
  return Fq12(Fq6(z0, z4, z3), Fq6(z2, z1, z5));
}

Fq12 Fq12::cyclotomic_pow(uint64_t e) const {
  // Width-4 non-adjacent form of e, least significant digit first: every
  // non-zero digit is odd, |d| ≤ 7, and any two are at least 4 positions
  // apart, so about one product per 5 squarings (Hankerson, Menezes,
  // Vanstone, "Guide to Elliptic Curve Cryptography", Alg. 3.35). The BN254
  // parameter x then costs 62 squarings and 17 products instead of 23 with
  // the plain NAF.
  constexpr int kWidth = 4;
  std::array<int8_t, 66> digits{};
  size_t len = 0;
  u128 k = e;
  while (k != 0) {
    int digit = 0;
    if (k & 1) {
      digit = static_cast<int>(k & ((1u << kWidth) - 1));
      if (digit >= (1 << (kWidth - 1))) digit -= 1 << kWidth;
      k = digit > 0 ? k - static_cast<u128>(digit) : k + static_cast<u128>(-digit);
    }
    digits[len++] = static_cast<int8_t>(digit);
    k >>= 1;
  }
  if (len == 0) return one();
  // Odd powers this^1, this^3, …, this^7, only as far as the digits need.
  int max_digit = 1;
  for (size_t i = 0; i < len; ++i) max_digit = std::max(max_digit, std::abs(static_cast<int>(digits[i])));
  std::array<Fq12, 4> odd_powers;
  odd_powers[0] = *this;
  if (max_digit > 1) {
    const Fq12 square = cyclotomic_squared();
    for (int i = 1; 2 * i + 1 <= max_digit; ++i) odd_powers[i] = odd_powers[i - 1] * square;
  }
  // A negative digit multiplies by the conjugate, the inverse in the cyclotomic subgroup.
  auto multiply_by_digit = [&odd_powers](const Fq12& acc, int digit) {
    return digit > 0 ? acc * odd_powers[(digit - 1) / 2] : acc * odd_powers[(-digit - 1) / 2].conjugate();
  };
  Fq12 acc = odd_powers[(digits[len - 1] - 1) / 2];  // the leading digit is positive
  for (size_t i = len - 1; i-- > 0;) {
    acc = acc.cyclotomic_squared();
    if (digits[i] != 0) acc = multiply_by_digit(acc, digits[i]);
  }
  return acc;
}

Fq12 Fq12::mul_by_034(const Fq2& d0, const Fq2& d3, const Fq2& d4) const {
  // this = a + b w, line = A + B w with A = d0 (in Fq6: (d0, 0, 0)) and B = d3 + d4 v.
  // Karatsuba: a·A + v·(b·B) + ((a + b)(A + B) − a·A − b·B) w.
  const Fq6 aa(c0.c0 * d0, c0.c1 * d0, c0.c2 * d0);
  const Fq6 bb = c1.mul_by_01(d3, d4);
  const Fq6 e = (c0 + c1).mul_by_01(d0 + d3, d4);
  return Fq12(aa + bb.mul_by_nonresidue(), e - aa - bb);
}

Fq12 Fq12::mul_034_by_034(const Fq2& d0, const Fq2& d3, const Fq2& d4, const Fq2& e0, const Fq2& e3,
                          const Fq2& e4) {
  // With L = A + B w, A = d0, B = d3 + d4 v (and likewise for the e's):
  // L·L' = A A' + v B B' + (A B' + A' B) w, each product by Karatsuba.
  const Fq2 x0 = d0 * e0;
  const Fq2 x3 = d3 * e3;
  const Fq2 x4 = d4 * e4;
  const Fq2 x34 = (d3 + d4) * (e3 + e4) - x3 - x4;  // d3e4 + d4e3
  const Fq2 x03 = (d0 + d3) * (e0 + e3) - x0 - x3;  // d0e3 + d3e0
  const Fq2 x04 = (d0 + d4) * (e0 + e4) - x0 - x4;  // d0e4 + d4e0
  // v·B B' = ξ d4e4 + d3e3 v + (d3e4 + d4e3) v².
  return Fq12(Fq6(x0 + x4.mul_by_nonresidue(), x3, x34), Fq6(x03, x04, Fq2::zero()));
}

Fq12 Fq12::mul_by_01234(const Fq12& s) const {
  assert(s.c1.c2.is_zero());
  const Fq6 aa = c0 * s.c0;
  const Fq6 bb = c1.mul_by_01(s.c1.c0, s.c1.c1);
  const Fq6 e = (c0 + c1) * (s.c0 + s.c1);
  return Fq12(aa + bb.mul_by_nonresidue(), e - aa - bb);
}

Fq12 Fq12::pow(std::span<const uint64_t> e) const {
  Fq12 acc = one();
  for (size_t i = e.size() * 64; i-- > 0;) {
    acc = acc.squared();
    if ((e[i / 64] >> (i % 64)) & 1) acc *= *this;
  }
  return acc;
}

}  // namespace zkfl::plonk
