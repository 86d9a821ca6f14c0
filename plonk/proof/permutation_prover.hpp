// The prover's side of the permutation argument: the grand products Z_j, one
// per chunk of equality columns (docs/PROOF_SYSTEM.md §Arguments).
#pragma once

#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/polynomial.hpp"
#include "plonk/proof/layout.hpp"

namespace zkfl::plonk {

// Z_j on H for every chunk: Z_0(ω^0) = 1, Z_j(ω^0) = Z_{j−1}(ω^u), and
// Z_j(ω^{i+1}) = Z_j(ω^i)·Π(a + β·δ^c·ω^i + γ)/Π(a + β·σ_c(ω^i) + γ) over the
// chunk's columns for i < u; rows after u are random. `columns[c]` and
// `sigma[c]` are the values of equality column c and of σ_c on H.
std::vector<Polynomial<LagrangeEval>> permutation_products(const std::vector<const Fr*>& columns,
                                                           const std::vector<const Fr*>& sigma,
                                                           const EvaluationDomain& domain, const ProofLayout& layout,
                                                           const Fr& beta, const Fr& gamma, Rng& rng);

}  // namespace zkfl::plonk
