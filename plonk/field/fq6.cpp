#include "plonk/field/fq6.hpp"

namespace zkfl::plonk {

Fq6 Fq6::operator*(const Fq6& o) const {
  const Fq2 v0 = c0 * o.c0;
  const Fq2 v1 = c1 * o.c1;
  const Fq2 v2 = c2 * o.c2;
  // c0 = v0 + ξ((a1 + a2)(b1 + b2) − v1 − v2)
  // c1 = (a0 + a1)(b0 + b1) − v0 − v1 + ξ v2
  // c2 = (a0 + a2)(b0 + b2) − v0 + v1 − v2
  const Fq2 t12 = (c1 + c2) * (o.c1 + o.c2) - v1 - v2;
  const Fq2 t01 = (c0 + c1) * (o.c0 + o.c1) - v0 - v1;
  const Fq2 t02 = (c0 + c2) * (o.c0 + o.c2) - v0;
  return Fq6(v0 + t12.mul_by_nonresidue(), t01 + v2.mul_by_nonresidue(), t02 + v1 - v2);
}

Fq6 Fq6::squared() const {
  // s0 = a0², s1 = 2a0a1, s2 = (a0 − a1 + a2)², s3 = 2a1a2, s4 = a2²;
  // c0 = s0 + ξs3, c1 = s1 + ξs4, c2 = s1 + s2 + s3 − s0 − s4.
  const Fq2 s0 = c0.squared();
  const Fq2 s1 = (c0 * c1).doubled();
  const Fq2 s2 = (c0 - c1 + c2).squared();
  const Fq2 s3 = (c1 * c2).doubled();
  const Fq2 s4 = c2.squared();
  return Fq6(s0 + s3.mul_by_nonresidue(), s1 + s4.mul_by_nonresidue(), s1 + s2 + s3 - s0 - s4);
}

Fq6 Fq6::mul_by_01(const Fq2& b0, const Fq2& b1) const {
  // The Karatsuba formulas above with b2 = 0 collapse to
  // c0 = v0 + ξ a2 b1, c1 = (a0 + a1)(b0 + b1) − v0 − v1, c2 = a2 b0 + v1.
  const Fq2 v0 = c0 * b0;
  const Fq2 v1 = c1 * b1;
  return Fq6(v0 + (c2 * b1).mul_by_nonresidue(), (c0 + c1) * (b0 + b1) - v0 - v1, c2 * b0 + v1);
}

Fq6 Fq6::inverse() const {
  // t0 = a0² − ξa1a2, t1 = ξa2² − a0a1, t2 = a1² − a0a2;
  // N = a0t0 + ξ(a2t1 + a1t2) ∈ Fq2; inverse = (t0, t1, t2)/N.
  const Fq2 t0 = c0.squared() - (c1 * c2).mul_by_nonresidue();
  const Fq2 t1 = c2.squared().mul_by_nonresidue() - c0 * c1;
  const Fq2 t2 = c1.squared() - c0 * c2;
  const Fq2 norm = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_nonresidue();
  const Fq2 norm_inv = norm.inverse();
  return Fq6(t0 * norm_inv, t1 * norm_inv, t2 * norm_inv);
}

Fq6 Fq6::frobenius_map(unsigned k) const {
  k %= 6;
  if (k > 3) return frobenius_map(3).frobenius_map(k - 3);
  // (a0 + a1 v + a2 v²)^(p^k) = a0^(p^k) + a1^(p^k) γ(k,2) v + a2^(p^k) γ(k,4) v².
  const auto& g = kFrobeniusGamma[k];
  return Fq6(tower_detail::fq2_frobenius_power(c0, k), tower_detail::fq2_frobenius_power(c1, k) * g[2],
             tower_detail::fq2_frobenius_power(c2, k) * g[4]);
}

Fq6 Fq6::pow(std::span<const uint64_t> e) const {
  Fq6 acc = one();
  for (size_t i = e.size() * 64; i-- > 0;) {
    acc = acc.squared();
    if ((e[i / 64] >> (i % 64)) & 1) acc *= *this;
  }
  return acc;
}

}  // namespace zkfl::plonk
