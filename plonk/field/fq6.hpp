// Fq6 = Fq2[v]/(v³ − ξ), ξ = 9 + u: the middle of the pairing tower
// Fq2 ⊂ Fq6 ⊂ Fq12 (EIP-197). Elements are c0 + c1·v + c2·v².
//
// Also home of the tower's Frobenius constants γ(k, j) = ξ^(j·(p^k − 1)/6),
// derived at compile time from ξ and p: with Fq12 = Fq6[w]/(w² − v) we have
// w⁶ = ξ, so w^(p^k) = w·(w⁶)^((p^k − 1)/6) = γ(k, 1)·w and, since v = w²,
// v^(p^k) = γ(k, 2)·v (Beuchat et al., "High-speed software implementation of
// the optimal ate pairing over Barreto–Naehrig curves", Pairing 2010, §3).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "plonk/base/random.hpp"
#include "plonk/field/fq2.hpp"

namespace zkfl::plonk {

namespace tower_detail {

// Conjugation k times: the p^k-power Frobenius of Fq2.
constexpr Fq2 fq2_frobenius_power(const Fq2& a, unsigned k) { return k % 2 == 0 ? a : a.conjugate(); }

// γ[k][j] = ξ^(j·(p^k − 1)/6) for k = 0..3, j = 0..5. Since
// (p^k − 1)/6 = ((p − 1)/6)·(1 + p + … + p^(k−1)), γ[k][1] is the product of
// the Fq2-Frobenius images γ[1][1]^(p^i), i < k; γ[1][1] itself is a
// 254-bit power of ξ. p ≡ 1 mod 6 makes every exponent an integer.
constexpr std::array<std::array<Fq2, 6>, 4> compute_frobenius_gammas() {
  U256 e{};
  u256_sub(e, Fq::kModulus, U256{1, 0, 0, 0});
  // (p − 1)/6: halve, then divide by 3 limb by limb; both must be exact.
  if (e[0] & 1) throw "the tower needs p ≡ 1 mod 6";
  e = u256_shr1(e);
  u128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const u128 cur = rem << 64 | e[i];
    e[i] = static_cast<uint64_t>(cur / 3);
    rem = cur % 3;
  }
  if (rem != 0) throw "the tower needs p ≡ 1 mod 6";
  const Fq2 gamma11 = Fq2::nonresidue().pow(e);
  std::array<std::array<Fq2, 6>, 4> g{};
  Fq2 base = Fq2::one();
  for (unsigned k = 0; k < 4; ++k) {
    if (k > 0) base = base * fq2_frobenius_power(gamma11, k - 1);
    g[k][0] = Fq2::one();
    for (unsigned j = 1; j < 6; ++j) g[k][j] = g[k][j - 1] * base;
  }
  return g;
}

}  // namespace tower_detail

// The tower's Frobenius constants; see the file comment. Row k serves the
// p^k-power map, k = 1, 2, 3 (row 0 is all ones).
inline constexpr std::array<std::array<Fq2, 6>, 4> kFrobeniusGamma = tower_detail::compute_frobenius_gammas();

class Fq6 {
 public:
  Fq2 c0, c1, c2;  // c0 + c1·v + c2·v²

  constexpr Fq6() = default;
  constexpr Fq6(const Fq2& a0, const Fq2& a1, const Fq2& a2) : c0(a0), c1(a1), c2(a2) {}

  static constexpr Fq6 zero() { return Fq6(); }
  static constexpr Fq6 one() { return Fq6(Fq2::one(), Fq2::zero(), Fq2::zero()); }
  // A uniformly random element from `rng`.
  static Fq6 random(Rng& rng) {
    Fq2 a0 = Fq2::random(rng);
    Fq2 a1 = Fq2::random(rng);
    return Fq6(a0, a1, Fq2::random(rng));
  }

  constexpr bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  constexpr bool is_one() const { return c0.is_one() && c1.is_zero() && c2.is_zero(); }
  constexpr bool operator==(const Fq6& o) const { return c0 == o.c0 && c1 == o.c1 && c2 == o.c2; }

  Fq6 operator+(const Fq6& o) const { return Fq6(c0 + o.c0, c1 + o.c1, c2 + o.c2); }
  Fq6 operator-(const Fq6& o) const { return Fq6(c0 - o.c0, c1 - o.c1, c2 - o.c2); }
  Fq6 operator-() const { return Fq6(-c0, -c1, -c2); }
  // Karatsuba over three coefficients: 6 Fq2 products (Devegili, Ó hÉigeartaigh,
  // Scott, Dahab, "Multiplication and squaring on pairing-friendly fields", 2006, §4).
  Fq6 operator*(const Fq6& o) const;
  // Every coefficient times an Fq2 scalar: 3 Fq2 products.
  Fq6 operator*(const Fq2& s) const { return Fq6(c0 * s, c1 * s, c2 * s); }
  Fq6& operator+=(const Fq6& o) { return *this = *this + o; }
  Fq6& operator-=(const Fq6& o) { return *this = *this - o; }
  Fq6& operator*=(const Fq6& o) { return *this = *this * o; }

  Fq6 doubled() const { return Fq6(c0.doubled(), c1.doubled(), c2.doubled()); }
  // Chung–Hasan SQR2 ("Asymmetric squaring formulae", ARITH 2007): 2 Fq2
  // products and 3 Fq2 squarings.
  Fq6 squared() const;
  // Multiplication by v: (c0 + c1 v + c2 v²)·v = ξ c2 + c0 v + c1 v² (v³ = ξ).
  Fq6 mul_by_nonresidue() const { return Fq6(c2.mul_by_nonresidue(), c0, c1); }
  // this·(b0 + b1·v): the sparse product the line functions need, 5 Fq2 products.
  Fq6 mul_by_01(const Fq2& b0, const Fq2& b1) const;
  // this·(b1·v): 3 Fq2 products.
  Fq6 mul_by_1(const Fq2& b1) const {
    return Fq6((c2 * b1).mul_by_nonresidue(), c0 * b1, c1 * b1);
  }
  // Multiplicative inverse (one Fq inversion); zero maps to zero.
  Fq6 inverse() const;
  // The p^k-power Frobenius map for any k ≥ 0 (a field automorphism of order 6).
  Fq6 frobenius_map(unsigned k) const;
  // this^e by square-and-multiply over the limbs of e (little-endian; variable time).
  Fq6 pow(std::span<const uint64_t> e) const;
};

}  // namespace zkfl::plonk
