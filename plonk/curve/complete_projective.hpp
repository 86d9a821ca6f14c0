// Points of y^2 = x^3 + b in homogeneous projective coordinates (x = X/Z,
// y = Y/Z, identity (0 : 1 : 0)) with the complete formulas of Renes,
// Costello, Batina, "Complete addition formulas for prime order elliptic
// curves", EUROCRYPT 2016: Algorithm 7 (addition, a = 0, 12M + 2m_3b) and
// Algorithm 9 (doubling, a = 0, 6M + 2S + 1m_3b). They are correct for every
// pair of inputs, the identity and P + P included, on any curve with no
// point of order 2 (ibid. §3, after Bosma–Lenstra): G1 has odd prime order and
// the twist E'(Fq2) has odd order r·(2p − r). No branches: with constant-time
// field arithmetic they run in time independent of the points.
#pragma once

#include <type_traits>

#include "plonk/curve/constant_time.hpp"
#include "plonk/curve/short_weierstrass.hpp"
#include "plonk/field/fq.hpp"

namespace zkfl::plonk {

template <class Config>
class ProjectivePoint {
 public:
  using Base = typename Config::Base;
  Base X{}, Y = Base::one(), Z{};

  constexpr ProjectivePoint() = default;  // the identity (0 : 1 : 0)
  constexpr ProjectivePoint(const Base& x, const Base& y, const Base& z) : X(x), Y(y), Z(z) {}

  // The point at infinity, (0 : 1 : 0).
  static constexpr ProjectivePoint identity() { return ProjectivePoint(); }

  // From Jacobian (X, Y, Z) ~ (X/Z^2, Y/Z^3): (X·Z, Y, Z^3). Branches only on
  // whether p is the identity, so p is treated as public.
  static constexpr ProjectivePoint from_jacobian(const JacobianPoint<Config>& p) {
    if (p.is_identity()) return identity();
    return ProjectivePoint(p.X * p.Z, p.Y, p.Z.squared() * p.Z);
  }

  // To Jacobian: (X·Z, Y·Z^2, Z) ~ (X/Z, Y/Z); the identity keeps Z = 0. Branch-free.
  constexpr JacobianPoint<Config> to_jacobian() const {
    const Base z2 = Z.squared();
    return JacobianPoint<Config>(X * Z, Y * z2, Z);
  }

  // Renes–Costello–Batina Algorithm 7: complete addition for a = 0.
  constexpr ProjectivePoint operator+(const ProjectivePoint& q) const {
    Base t0 = X * q.X;
    Base t1 = Y * q.Y;
    Base t2 = Z * q.Z;
    Base t3 = X + Y;
    Base t4 = q.X + q.Y;
    t3 = t3 * t4;
    t4 = t0 + t1;
    t3 = t3 - t4;
    t4 = Y + Z;
    Base x3 = q.Y + q.Z;
    t4 = t4 * x3;
    x3 = t1 + t2;
    t4 = t4 - x3;
    x3 = X + Z;
    Base y3 = q.X + q.Z;
    x3 = x3 * y3;
    y3 = t0 + t2;
    y3 = x3 - y3;
    x3 = t0 + t0;
    t0 = x3 + t0;
    t2 = mul_by_3b(t2);
    Base z3 = t1 + t2;
    t1 = t1 - t2;
    y3 = mul_by_3b(y3);
    x3 = t4 * y3;
    t2 = t3 * t1;
    x3 = t2 - x3;
    y3 = y3 * t0;
    t1 = t1 * z3;
    y3 = t1 + y3;
    t0 = t0 * t3;
    z3 = z3 * t4;
    z3 = z3 + t0;
    return ProjectivePoint(x3, y3, z3);
  }

  // Renes–Costello–Batina Algorithm 9: complete doubling for a = 0.
  constexpr ProjectivePoint doubled() const {
    Base t0 = Y.squared();
    Base z3 = t0 + t0;
    z3 = z3 + z3;
    z3 = z3 + z3;
    Base t1 = Y * Z;
    Base t2 = Z.squared();
    t2 = mul_by_3b(t2);
    Base x3 = t2 * z3;
    Base y3 = t0 + t2;
    z3 = t1 * z3;
    t1 = t2 + t2;
    t2 = t1 + t2;
    t0 = t0 - t2;
    y3 = t0 * y3;
    y3 = x3 + y3;
    t1 = X * Y;
    x3 = t0 * t1;
    x3 = x3 + x3;
    return ProjectivePoint(x3, y3, z3);
  }

  // −(X : Y : Z) = (X : −Y : Z); branch-free.
  constexpr ProjectivePoint operator-() const { return ProjectivePoint(X, -Y, Z); }

  // this = mask ? src : this, branch-free.
  void ct_assign_from(const ProjectivePoint& src, uint64_t mask) {
    ct_assign(X, src.X, mask);
    ct_assign(Y, src.Y, mask);
    ct_assign(Z, src.Z, mask);
  }

 private:
  static constexpr Base kB3 = Config::kB + Config::kB + Config::kB;

  // 3b·t; for b = 3 over Fq (G1) as 8t + t, three doublings and an addition.
  static constexpr Base mul_by_3b(const Base& t) {
    if constexpr (std::is_same_v<Base, Fq>) {
      if constexpr (Config::kB == Fq::from_u64(3)) return t.doubled().doubled().doubled() + t;
    }
    return t * kB3;
  }
};

}  // namespace zkfl::plonk
