#include "plonk/kzg/kzg.hpp"

#include <cstdio>
#include <cstdlib>

#include "plonk/curve/msm.hpp"
#include "plonk/curve/scalar_mul.hpp"

namespace zkfl::plonk {

G1 commit(const Srs& srs, std::span<const Fr> coeffs, ThreadPool& pool) {
  if (coeffs.size() > srs.size()) {
    std::fprintf(stderr, "zkfl: KZG commit of %zu coefficients with an SRS of %zu powers (k = %u)\n",
                 coeffs.size(), srs.size(), srs.k());
    std::abort();
  }
  return msm(srs.g1_powers().first(coeffs.size()), coeffs, pool);
}

Fr evaluate_polynomial(std::span<const Fr> coeffs, const Fr& z) {
  Fr acc = Fr::zero();
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * z + coeffs[i];
  return acc;
}

std::vector<Fr> divide_by_linear(std::span<const Fr> coeffs, const Fr& z) {
  if (coeffs.size() <= 1) return {};
  std::vector<Fr> q(coeffs.size() - 1);
  q.back() = coeffs.back();
  for (size_t i = q.size() - 1; i > 0; --i) q[i - 1] = coeffs[i] + z * q[i];
  return q;
}

KzgOpening open(const Srs& srs, std::span<const Fr> coeffs, const Fr& z, ThreadPool& pool) {
  const std::vector<Fr> quotient = divide_by_linear(coeffs, z);
  return KzgOpening{evaluate_polynomial(coeffs, z), commit(srs, quotient, pool).to_affine()};
}

bool verify_opening(const Srs& srs, const G1Affine& commitment, const Fr& z, const Fr& value,
                    const G1Affine& witness) {
  // τ·W = C − y·G1 + z·W  ⇔  e(W, [τ]₂) = e(C − y·G1 + z·W, [1]₂).
  const G1 rhs = G1(commitment) - G1::generator() * value + witness * z;
  return check(PairingAccumulator{G1(witness), rhs}, srs);
}

}  // namespace zkfl::plonk
