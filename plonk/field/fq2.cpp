#include "plonk/field/fq2.hpp"

namespace zkfl::plonk {

namespace {
// (p − 3)/4 and (p − 1)/2 as exponents.
constexpr U256 exponent_p_minus_3_over_4() {
  U256 e{};
  u256_sub(e, Fq::kModulus, U256{3, 0, 0, 0});
  return u256_shr1(u256_shr1(e));
}
constexpr U256 exponent_p_minus_1_over_2() {
  U256 e{};
  u256_sub(e, Fq::kModulus, U256{1, 0, 0, 0});
  return u256_shr1(e);
}
}  // namespace

bool Fq2::sqrt(Fq2& root) const {
  if (is_zero()) {
    root = zero();
    return true;
  }
  const Fq2 a1 = pow(exponent_p_minus_3_over_4());
  const Fq2 alpha = a1.squared() * *this;
  const Fq2 a0 = alpha.frobenius() * alpha;  // α^(p+1) = N(α) ∈ Fq
  const Fq2 minus_one = -one();
  if (a0 == minus_one) return false;
  const Fq2 x0 = a1 * *this;
  Fq2 candidate;
  if (alpha == minus_one) {
    candidate = Fq2(-x0.c1, x0.c0);  // u·x0
  } else {
    const Fq2 b = (one() + alpha).pow(exponent_p_minus_1_over_2());
    candidate = b * x0;
  }
  if (candidate.squared() != *this) return false;
  root = candidate;
  return true;
}

}  // namespace zkfl::plonk
