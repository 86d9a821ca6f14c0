#include "plonk/proof/permutation_prover.hpp"

#include <algorithm>

#include "plonk/proof/constraints.hpp"

namespace zkfl::plonk {

std::vector<Polynomial<LagrangeEval>> permutation_products(const std::vector<const Fr*>& columns,
                                                           const std::vector<const Fr*>& sigma,
                                                           const EvaluationDomain& domain, const ProofLayout& layout,
                                                           const Fr& beta, const Fr& gamma, Rng& rng) {
  const size_t u = layout.usable_rows;
  const std::vector<Fr> omega = domain.elements();
  const std::vector<Fr> deltas = delta_powers(columns.size());
  std::vector<Polynomial<LagrangeEval>> products;
  Fr start = Fr::one();
  for (size_t j = 0; j < layout.permutation_chunks; ++j) {
    const size_t begin = j * layout.permutation_chunk_size;
    const size_t end = std::min(columns.size(), begin + layout.permutation_chunk_size);
    std::vector<Fr> numerators(u, Fr::one()), denominators(u, Fr::one());
    for (size_t c = begin; c < end; ++c) {
      const Fr beta_delta = beta * deltas[c];
      for (size_t i = 0; i < u; ++i) {
        const Fr a = columns[c][i] + gamma;
        numerators[i] *= a + beta_delta * omega[i];
        denominators[i] *= a + beta * sigma[c][i];
      }
    }
    Fr::batch_inverse(denominators);
    Polynomial<LagrangeEval> z = Polynomial<LagrangeEval>::zero(layout.n);
    z[0] = start;
    for (size_t i = 0; i < u; ++i) z[i + 1] = z[i] * numerators[i] * denominators[i];
    start = z[u];
    for (size_t i = u + 1; i < layout.n; ++i) z[i] = Fr::random(rng);
    products.push_back(std::move(z));
  }
  return products;
}

}  // namespace zkfl::plonk
