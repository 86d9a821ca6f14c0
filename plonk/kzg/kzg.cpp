#include "plonk/kzg/kzg.hpp"

#include <cstdio>
#include <cstdlib>

#include "plonk/curve/msm.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/poly/polynomial.hpp"

namespace zkfl::plonk {

G1 commit(const Srs& srs, std::span<const Fr> coeffs, ThreadPool& pool) {
  if (coeffs.size() > srs.size()) {
    std::fprintf(stderr, "zkfl: KZG commit of %zu coefficients with an SRS of %zu powers (k = %u)\n",
                 coeffs.size(), srs.size(), srs.k());
    std::abort();
  }
  return msm(srs.g1_powers().first(coeffs.size()), coeffs, pool);
}

KzgOpening open(const Srs& srs, std::span<const Fr> coeffs, const Fr& z, ThreadPool& pool) {
  Fr value;
  const Polynomial<Coeff> quotient =
      divide_by_linear(Polynomial<Coeff>(std::vector<Fr>(coeffs.begin(), coeffs.end())), z, &value);
  return KzgOpening{value, commit(srs, quotient.values(), pool).to_affine()};
}

bool verify_opening(const Srs& srs, const G1Affine& commitment, const Fr& z, const Fr& value,
                    const G1Affine& witness) {
  // τ·W = C − y·G1 + z·W  ⇔  e(W, [τ]₂) = e(C − y·G1 + z·W, [1]₂).
  const G1 rhs = G1(commitment) - G1::generator() * value + witness * z;
  return check(PairingAccumulator{G1(witness), rhs}, srs);
}

}  // namespace zkfl::plonk
