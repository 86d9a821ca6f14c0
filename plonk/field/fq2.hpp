// Fq2 = Fq[u]/(u^2 + 1), the field of G2's coordinates and the bottom of the
// pairing tower Fq2 ⊂ Fq6 ⊂ Fq12 (the tower of EIP-197).
#pragma once

#include "plonk/field/fq.hpp"

namespace zkfl::plonk {

// Inlining: the additive operations (two Fq operations each) and the
// product by an Fq scalar are always inlined; the Fq2 product and square are
// left to the compiler, which keeps them out of line in the tower and in G2.
// Forcing those inline measured 25-35% slower for Fq6/Fq12 products, the
// pairing and G2 scalar multiplication: the larger code no longer fits the
// instruction cache.
class Fq2 {
 public:
  Fq c0, c1;  // c0 + c1·u

  constexpr Fq2() = default;
  constexpr Fq2(const Fq& a0, const Fq& a1) : c0(a0), c1(a1) {}

  static constexpr Fq2 zero() { return Fq2(); }
  static constexpr Fq2 one() { return Fq2(Fq::one(), Fq::zero()); }
  // ξ = 9 + u, the non-residue that defines Fq6 = Fq2[v]/(v^3 − ξ).
  static constexpr Fq2 nonresidue() { return Fq2(Fq::from_u64(9), Fq::one()); }
  static Fq2 random(Rng& rng) {
    Fq a = Fq::random(rng);
    return Fq2(a, Fq::random(rng));
  }

  constexpr bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  constexpr bool is_one() const { return c0.is_one() && c1.is_zero(); }
  [[gnu::always_inline]] constexpr bool operator==(const Fq2& o) const { return (c0 == o.c0) & (c1 == o.c1); }

  [[gnu::always_inline]] constexpr Fq2 operator+(const Fq2& o) const { return Fq2(c0 + o.c0, c1 + o.c1); }
  [[gnu::always_inline]] constexpr Fq2 operator-(const Fq2& o) const { return Fq2(c0 - o.c0, c1 - o.c1); }
  [[gnu::always_inline]] constexpr Fq2 operator-() const { return Fq2(-c0, -c1); }
  // Karatsuba: 3 Fq products; the sums feeding the third one stay
  // unreduced (Fq::sum_times_sum).
  constexpr Fq2 operator*(const Fq2& o) const {
    const Fq v0 = c0 * o.c0;
    const Fq v1 = c1 * o.c1;
    return Fq2(v0 - v1, Fq::sum_times_sum(c0, c1, o.c0, o.c1) - v0 - v1);
  }
  [[gnu::always_inline]] constexpr Fq2 operator*(const Fq& s) const { return Fq2(c0 * s, c1 * s); }
  [[gnu::always_inline]] constexpr Fq2& operator+=(const Fq2& o) { return *this = *this + o; }
  [[gnu::always_inline]] constexpr Fq2& operator-=(const Fq2& o) { return *this = *this - o; }
  constexpr Fq2& operator*=(const Fq2& o) { return *this = *this * o; }

  [[gnu::always_inline]] constexpr Fq2 doubled() const { return Fq2(c0.doubled(), c1.doubled()); }
  // this/2.
  [[gnu::always_inline]] constexpr Fq2 halved() const { return Fq2(c0.halved(), c1.halved()); }
  // Complex squaring: (a + bu)^2 = (a + b)(a − b) + 2ab·u, 2 Fq products
  // (a + b unreduced, Fq::sum_times).
  constexpr Fq2 squared() const {
    const Fq ab = c0 * c1;
    return Fq2(Fq::sum_times(c0, c1, c0 - c1), ab.doubled());
  }
  // Multiplication by ξ = 9 + u: (a + bu)(9 + u) = (9a − b) + (a + 9b)u.
  constexpr Fq2 mul_by_nonresidue() const {
    Fq a8 = c0.doubled().doubled().doubled();
    Fq b8 = c1.doubled().doubled().doubled();
    return Fq2(a8 + c0 - c1, b8 + c1 + c0);
  }
  [[gnu::always_inline]] constexpr Fq2 conjugate() const { return Fq2(c0, -c1); }
  // The p-power Frobenius map: conjugation, since u^p = −u.
  constexpr Fq2 frobenius() const { return conjugate(); }
  // Norm to Fq: a^2 + b^2.
  constexpr Fq norm() const { return c0.squared() + c1.squared(); }
  // Inverse: conj(x) / N(x); zero maps to zero.
  constexpr Fq2 inverse() const {
    Fq n_inv = norm().inverse();
    return Fq2(c0 * n_inv, -(c1 * n_inv));
  }
  constexpr Fq2 pow(const U256& e) const {
    Fq2 acc = one();
    for (int i = static_cast<int>(u256_bit_length(e)) - 1; i >= 0; --i) {
      acc = acc.squared();
      if (u256_bit(e, static_cast<unsigned>(i))) acc *= *this;
    }
    return acc;
  }

  // A square root when one exists. Algorithm 9 of Adj and Rodríguez-Henríquez,
  // "Square root computation over even extension fields" (IEEE TC 2014), valid
  // for p ≡ 3 mod 4.
  bool sqrt(Fq2& root) const;

  // The larger of ±y for compressed encodings: compare c1 against (p−1)/2, or
  // c0 when c1 = 0 (the convention of gnark-crypto's compressed G2 points).
  constexpr bool is_lexicographically_largest() const {
    return c1.is_zero() ? c0.is_lexicographically_largest() : c1.is_lexicographically_largest();
  }
};

}  // namespace zkfl::plonk
