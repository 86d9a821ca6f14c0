// Points of a short Weierstrass curve y^2 = x^3 + b (a = 0) over a field
// Config::Base, in affine and Jacobian coordinates (x = X/Z^2, y = Y/Z^3).
// Formulas: the Explicit-Formulas Database, "g1p/auto/shortw/jacobian-0",
// picked for the fewest field additions because here a squaring costs as
// much as a product and an addition about a quarter of one:
// doubling 3M + 4S (dbl-2009-l with 4XY^2 and 8Y^4 as products instead of
// squares of sums), add-1998-cmo-2 (12M + 4S), madd-2004-hmv (8M + 3S).
// They do not use b, so they also run on any isomorphic curve y^2 = x^3 + b'
// (odd_multiples_table.hpp relies on that). Variable time: secret scalars
// use mul_secret (scalar_mul.hpp) and its complete formulas.
#pragma once

#include <span>
#include <vector>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

template <class Config>
struct AffinePoint {
  using Base = typename Config::Base;
  Base x{}, y{};
  bool infinity = true;

  constexpr AffinePoint() = default;
  constexpr AffinePoint(const Base& x_, const Base& y_) : x(x_), y(y_), infinity(false) {}
  static constexpr AffinePoint identity() { return AffinePoint(); }
  static constexpr AffinePoint generator() { return AffinePoint(Config::kGeneratorX, Config::kGeneratorY); }

  // True for the point at infinity or when y^2 = x^3 + b.
  constexpr bool is_on_curve() const { return infinity || y.squared() == x.squared() * x + Config::kB; }
  constexpr bool is_identity() const { return infinity; }
  constexpr AffinePoint operator-() const { return infinity ? *this : AffinePoint(x, -y); }
  constexpr bool operator==(const AffinePoint& o) const {
    return infinity == o.infinity && (infinity || (x == o.x && y == o.y));
  }
};

template <class Config>
class JacobianPoint {
 public:
  using Base = typename Config::Base;
  using Affine = AffinePoint<Config>;
  Base X{}, Y{}, Z{};  // Z = 0 is the point at infinity

  constexpr JacobianPoint() : X(Base::one()), Y(Base::one()), Z(Base::zero()) {}
  constexpr JacobianPoint(const Base& x, const Base& y, const Base& z) : X(x), Y(y), Z(z) {}
  constexpr JacobianPoint(const Affine& p)  // NOLINT: affine embeds losslessly
      : X(p.infinity ? Base::one() : p.x), Y(p.infinity ? Base::one() : p.y),
        Z(p.infinity ? Base::zero() : Base::one()) {}

  static constexpr JacobianPoint identity() { return JacobianPoint(); }
  static constexpr JacobianPoint generator() { return JacobianPoint(Affine::generator()); }

  constexpr bool is_identity() const { return Z.is_zero(); }

  // Y^2 = X^3 + b·Z^6, or the point at infinity.
  constexpr bool is_on_curve() const {
    if (is_identity()) return true;
    Base z2 = Z.squared();
    Base z6 = z2.squared() * z2;
    return Y.squared() == X.squared() * X + Config::kB * z6;
  }

  // Projective equality: X1·Z2^2 = X2·Z1^2 and Y1·Z2^3 = Y2·Z1^3.
  constexpr bool operator==(const JacobianPoint& o) const {
    if (is_identity() || o.is_identity()) return is_identity() == o.is_identity();
    Base z1z1 = Z.squared(), z2z2 = o.Z.squared();
    if (X * z2z2 != o.X * z1z1) return false;
    return Y * z2z2 * o.Z == o.Y * z1z1 * Z;
  }

  constexpr JacobianPoint operator-() const { return JacobianPoint(X, -Y, Z); }

  // Doubling: A = X^2, B2 = 2Y^2, D = 2X·B2 (= 4XY^2), C8 = 2·B2^2 (= 8Y^4),
  // E = 3A; X3 = E^2 − 2D, Y3 = E(D − X3) − C8, Z3 = 2YZ.
  constexpr JacobianPoint doubled() const {
    if (is_identity()) return *this;
    const Base a = X.squared();
    const Base b2 = Y.squared().doubled();
    const Base d = (X * b2).doubled();
    const Base c8 = b2.squared().doubled();
    const Base e = a.doubled() + a;
    const Base x3 = e.squared() - d.doubled();
    const Base y3 = e * (d - x3) - c8;
    const Base z3 = (Y * Z).doubled();
    return JacobianPoint(x3, y3, z3);
  }

  // add-1998-cmo-2, falling back to doubling when both inputs are equal.
  constexpr JacobianPoint operator+(const JacobianPoint& o) const {
    if (is_identity()) return o;
    if (o.is_identity()) return *this;
    const Base z1z1 = Z.squared(), z2z2 = o.Z.squared();
    const Base u1 = X * z2z2, u2 = o.X * z1z1;
    const Base s1 = Y * o.Z * z2z2, s2 = o.Y * Z * z1z1;
    const Base h = u2 - u1;
    const Base r = s2 - s1;
    if (h.is_zero()) return r.is_zero() ? doubled() : identity();
    const Base hh = h.squared();
    const Base hhh = h * hh;
    const Base v = u1 * hh;
    const Base x3 = r.squared() - hhh - v.doubled();
    const Base y3 = r * (v - x3) - s1 * hhh;
    const Base z3 = Z * o.Z * h;
    return JacobianPoint(x3, y3, z3);
  }

  // madd-2004-hmv: this + an affine point (Z2 = 1).
  constexpr JacobianPoint operator+(const Affine& o) const {
    if (o.infinity) return *this;
    if (is_identity()) return JacobianPoint(o);
    const Base z1z1 = Z.squared();
    const Base h = o.x * z1z1 - X;
    const Base r = o.y * (z1z1 * Z) - Y;
    if (h.is_zero()) return r.is_zero() ? doubled() : identity();
    const Base hh = h.squared();
    const Base hhh = hh * h;
    const Base v = X * hh;
    const Base x3 = r.squared() - v.doubled() - hhh;
    const Base y3 = (v - x3) * r - Y * hhh;
    const Base z3 = Z * h;
    return JacobianPoint(x3, y3, z3);
  }

  constexpr JacobianPoint operator-(const JacobianPoint& o) const { return *this + (-o); }
  constexpr JacobianPoint& operator+=(const JacobianPoint& o) { return *this = *this + o; }
  constexpr JacobianPoint& operator+=(const Affine& o) { return *this = *this + o; }
  constexpr JacobianPoint& operator-=(const JacobianPoint& o) { return *this = *this - o; }

  // Affine form (one field inversion).
  constexpr Affine to_affine() const {
    if (is_identity()) return Affine::identity();
    Base zinv = Z.inverse();
    Base zinv2 = zinv.squared();
    return Affine(X * zinv2, Y * zinv2 * zinv);
  }

  // Affine forms of many points with one inversion (Montgomery's trick).
  static std::vector<Affine> batch_to_affine(std::span<const JacobianPoint> points) {
    std::vector<Base> z_inverses(points.size());
    Base acc = Base::one();
    for (size_t i = 0; i < points.size(); ++i) {
      z_inverses[i] = acc;
      if (!points[i].is_identity()) acc *= points[i].Z;
    }
    acc = acc.inverse();
    std::vector<Affine> out(points.size());
    for (size_t i = points.size(); i-- > 0;) {
      if (points[i].is_identity()) continue;
      Base zinv = acc * z_inverses[i];
      acc *= points[i].Z;
      Base zinv2 = zinv.squared();
      out[i] = Affine(points[i].X * zinv2, points[i].Y * zinv2 * zinv);
    }
    return out;
  }

  // k·P by left-to-right double-and-add over the bits of a 256-bit integer
  // (variable time; the reference the faster methods are tested against).
  constexpr JacobianPoint mul_double_and_add(const U256& k) const {
    JacobianPoint acc = identity();
    for (int i = static_cast<int>(u256_bit_length(k)) - 1; i >= 0; --i) {
      acc = acc.doubled();
      if (u256_bit(k, static_cast<unsigned>(i))) acc += *this;
    }
    return acc;
  }
};

}  // namespace zkfl::plonk
