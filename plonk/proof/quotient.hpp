// The vanishing argument's quotient h = C / Z_H, where C folds every
// constraint with powers of y: evaluated point by point on the extended
// coset, divided by Z_H there, interpolated, and cut into pieces of n
// coefficients (h = Σ X^{in}·h_i).
#pragma once

#include <vector>

#include "plonk/proof/constraints.hpp"
#include "plonk/proof/proving_key.hpp"

namespace zkfl::plonk {

// The prover's polynomials on the extended coset (each of extended size).
struct ExtendedWitness {
  std::vector<const Fr*> advice;          // by advice column index
  std::vector<const Fr*> instance;        // by instance column index
  std::vector<const Fr*> products;        // Z_j
  std::vector<const Fr*> multiplicities;  // m_l
  std::vector<const Fr*> sums;            // φ_l
};

// h_0 … h_{d−2}, each with n coefficients.
std::vector<Polynomial<Coeff>> quotient_pieces(const ProvingKey& pk, const ExtendedWitness& witness,
                                               const ArgumentChallenges& challenges, ThreadPool& pool);

}  // namespace zkfl::plonk
