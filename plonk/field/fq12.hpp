// Fq12 = Fq6[w]/(w² − v): the top of the pairing tower and the home of the
// pairing's values (the order-r subgroup GT of Fq12^*). Elements are c0 + c1·w.
#pragma once

#include <cstdint>
#include <span>

#include "plonk/base/random.hpp"
#include "plonk/field/fq6.hpp"

namespace zkfl::plonk {

class Fq12 {
 public:
  Fq6 c0, c1;  // c0 + c1·w

  constexpr Fq12() = default;
  constexpr Fq12(const Fq6& a0, const Fq6& a1) : c0(a0), c1(a1) {}

  static constexpr Fq12 zero() { return Fq12(); }
  static constexpr Fq12 one() { return Fq12(Fq6::one(), Fq6::zero()); }
  // A uniformly random element from `rng`.
  static Fq12 random(Rng& rng) {
    Fq6 a0 = Fq6::random(rng);
    return Fq12(a0, Fq6::random(rng));
  }

  constexpr bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  constexpr bool is_one() const { return c0.is_one() && c1.is_zero(); }
  constexpr bool operator==(const Fq12& o) const { return c0 == o.c0 && c1 == o.c1; }

  Fq12 operator+(const Fq12& o) const { return Fq12(c0 + o.c0, c1 + o.c1); }
  Fq12 operator-(const Fq12& o) const { return Fq12(c0 - o.c0, c1 - o.c1); }
  Fq12 operator-() const { return Fq12(-c0, -c1); }
  // Karatsuba over Fq6: 3 Fq6 products (18 Fq2 products).
  Fq12 operator*(const Fq12& o) const;
  Fq12& operator+=(const Fq12& o) { return *this = *this + o; }
  Fq12& operator-=(const Fq12& o) { return *this = *this - o; }
  Fq12& operator*=(const Fq12& o) { return *this = *this * o; }

  // Complex squaring: 2 Fq6 products (Devegili et al. 2006, §5).
  Fq12 squared() const;
  // The conjugate c0 − c1·w, which is this^(p⁶); for elements of the
  // cyclotomic subgroup (norm 1 to Fq6) it is also the inverse.
  Fq12 conjugate() const { return Fq12(c0, -c1); }
  // Multiplicative inverse: (c0 − c1 w)/(c0² − v c1²), one Fq inversion; zero maps to zero.
  Fq12 inverse() const;
  // The p^k-power Frobenius map for any k ≥ 0 (order 12): 5 Fq2 products
  // by constants for k = 1, 3 and 10 Fq products for k = 2; other k compose these.
  Fq12 frobenius_map(unsigned k) const;

  // Squaring for elements of the cyclotomic subgroup G_{Φ12}(p) (those with
  // a^(p⁴ − p² + 1) = 1, such as the output of the final exponentiation's easy
  // part): Granger–Scott, "Faster squaring in the cyclotomic subgroup of sixth
  // degree extensions", PKC 2010, §3.2, 9 Fq2 squarings. On other elements the
  // result is not the square.
  Fq12 cyclotomic_squared() const;
  // this^e for a cyclotomic-subgroup element, with cyclotomic squarings and
  // the width-4 non-adjacent form of e (negative digits multiply by the
  // conjugate, which is the inverse there). Variable time in e.
  Fq12 cyclotomic_pow(uint64_t e) const;

  // this·(d0 + d3·w + d4·v·w): the sparse product by a line value in the
  // D-type twist layout (Aranha et al., "Faster explicit formulas for
  // computing pairings over ordinary curves", Eurocrypt 2011, §4), 13 Fq2 products.
  Fq12 mul_by_034(const Fq2& d0, const Fq2& d3, const Fq2& d4) const;
  // The product of two line values (d0 + d3·w + d4·v·w)(e0 + e3·w + e4·v·w),
  // 6 Fq2 products; its w·v² coefficient (c1.c2) is zero.
  static Fq12 mul_034_by_034(const Fq2& d0, const Fq2& d3, const Fq2& d4, const Fq2& e0, const Fq2& e3,
                             const Fq2& e4);
  // this·s for an s whose c1.c2 is zero, such as a product of two line
  // values: 17 Fq2 products instead of 18, so that two lines cost 23 instead
  // of 2·13 (the pairing of lines as in gnark-crypto's Miller loop).
  Fq12 mul_by_01234(const Fq12& s) const;

  // this^e by square-and-multiply over the limbs of e (little-endian; variable time).
  Fq12 pow(std::span<const uint64_t> e) const;
};

}  // namespace zkfl::plonk
