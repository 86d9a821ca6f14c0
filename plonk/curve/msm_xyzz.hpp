// G1 points in extended Jacobian ("XYZZ") coordinates, x = X/ZZ, y = Y/ZZZ
// with ZZ³ = ZZZ², for the parts of the MSM that are not batched: small
// inputs' buckets, overflow sums and the bucket reductions. Formulas from the
// Explicit-Formulas Database, "g1p/auto/shortw/xyzz" (a = 0): madd-2008-s
// (8M + 2S), add-2008-s (12M + 2S), mdbl-2008-s-1 and dbl-2008-s-1; they
// beat Jacobian coordinates by 1 to 2 multiplications per addition.
#pragma once

#include "plonk/curve/g1.hpp"

namespace zkfl::plonk {

class MsmXyzz {
 public:
  // The identity (ZZ = ZZZ = 0).
  MsmXyzz() = default;

  bool is_identity() const { return zz_.is_zero(); }

  // this += (x, y), a finite affine point.
  void add_affine(const Fq& x, const Fq& y) {
    if (is_identity()) {
      x_ = x;
      y_ = y;
      zz_ = zzz_ = Fq::one();
      return;
    }
    const Fq u2 = x * zz_;
    const Fq s2 = y * zzz_;
    const Fq p = u2 - x_;
    const Fq r = s2 - y_;
    if (p.is_zero()) {
      if (r.is_zero()) {
        double_affine(x, y);
      } else {
        *this = MsmXyzz();
      }
      return;
    }
    const Fq pp = p.squared();
    const Fq ppp = p * pp;
    const Fq q = x_ * pp;
    const Fq x3 = r.squared() - ppp - q.doubled();
    y_ = r * (q - x3) - y_ * ppp;
    x_ = x3;
    zz_ *= pp;
    zzz_ *= ppp;
  }

  void add_affine(const G1Affine& p) {
    if (!p.infinity) add_affine(p.x, p.y);
  }

  // this += o.
  void add(const MsmXyzz& o) {
    if (o.is_identity()) return;
    if (is_identity()) {
      *this = o;
      return;
    }
    const Fq u1 = x_ * o.zz_;
    const Fq u2 = o.x_ * zz_;
    const Fq s1 = y_ * o.zzz_;
    const Fq s2 = o.y_ * zzz_;
    const Fq p = u2 - u1;
    const Fq r = s2 - s1;
    if (p.is_zero()) {
      if (r.is_zero()) {
        double_in_place();
      } else {
        *this = MsmXyzz();
      }
      return;
    }
    const Fq pp = p.squared();
    const Fq ppp = p * pp;
    const Fq q = u1 * pp;
    const Fq x3 = r.squared() - ppp - q.doubled();
    y_ = r * (q - x3) - s1 * ppp;
    x_ = x3;
    zz_ = zz_ * o.zz_ * pp;
    zzz_ = zzz_ * o.zzz_ * ppp;
  }

  // this = 2·this (dbl-2008-s-1).
  void double_in_place() {
    if (is_identity()) return;
    const Fq u = y_.doubled();
    const Fq v = u.squared();
    const Fq w = u * v;
    const Fq s = x_ * v;
    const Fq xx = x_.squared();
    const Fq m = xx.doubled() + xx;
    const Fq x3 = m.squared() - s.doubled();
    y_ = m * (s - x3) - w * y_;
    x_ = x3;
    zz_ *= v;
    zzz_ *= w;
  }

  // The same point in Jacobian coordinates: with ZZ = z², ZZZ = z³, take
  // Z' = ZZ·ZZZ = z⁵, so X' = X·ZZ·ZZZ² and Y' = Y·ZZZ⁴.
  G1 to_jacobian() const {
    if (is_identity()) return G1::identity();
    const Fq zzz2 = zzz_.squared();
    return G1(x_ * zz_ * zzz2, y_ * zzz2.squared(), zz_ * zzz_);
  }

 private:
  // this = 2·(x, y) for an affine point (mdbl-2008-s-1).
  void double_affine(const Fq& x, const Fq& y) {
    const Fq u = y.doubled();
    const Fq v = u.squared();
    const Fq w = u * v;
    const Fq s = x * v;
    const Fq xx = x.squared();
    const Fq m = xx.doubled() + xx;
    x_ = m.squared() - s.doubled();
    y_ = m * (s - x_) - w * y;
    zz_ = v;
    zzz_ = w;
  }

  Fq x_{}, y_{}, zz_{}, zzz_{};
};

}  // namespace zkfl::plonk
