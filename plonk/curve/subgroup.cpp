#include "plonk/curve/subgroup.hpp"

#include "plonk/curve/endomorphism.hpp"
#include "plonk/curve/scalar_mul.hpp"

namespace zkfl::plonk {

bool is_in_subgroup(const G1Affine& p) { return p.is_on_curve(); }
bool is_in_subgroup(const G1& p) { return p.is_on_curve(); }

bool is_in_subgroup(const G2& p) {
  if (!p.is_on_curve()) return false;
  if (p.is_identity()) return true;
  // mul_wnaf does not assume membership (it uses no endomorphism).
  return psi(p) == mul_wnaf(p, kG2PsiEigenvalue);
}

bool is_in_subgroup(const G2Affine& p) { return is_in_subgroup(G2(p)); }

}  // namespace zkfl::plonk
