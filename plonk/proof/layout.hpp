// The shape of a proof for a constraint system over a domain of 2^k rows:
// row usage, degrees, the extended domain, how the permutation columns are
// chunked and how many quotient pieces there are. Prover and verifier derive
// it from the same inputs, so they always agree.
#pragma once

#include <cstddef>
#include <cstdint>

#include "plonk/circuit/constraint_system.hpp"

namespace zkfl::plonk {

struct ProofLayout {
  uint32_t k = 0;
  size_t n = 0;               // 2^k
  size_t usable_rows = 0;     // rows 0 … u−1 hold the circuit
  size_t last_row = 0;        // u: where accumulators are checked
  size_t blinding_rows = 0;   // rows u+1 … n−1
  int degree = 0;             // of the constraint system, at least 3
  uint32_t extended_k = 0;    // the quotient is evaluated on a coset of 2^extended_k points
  size_t quotient_pieces = 0; // h is committed as this many polynomials of n coefficients
  size_t permutation_chunk_size = 0;
  size_t permutation_chunks = 0;

  // The layout for `cs` at 2^k rows; k must leave at least one usable row.
  static ProofLayout of(const ConstraintSystem& cs, uint32_t k);
  // 2^(extended_k − k): how many extended points one row step spans.
  size_t extension_factor() const { return size_t{1} << (extended_k - k); }
};

// δ = 5^(2^28): a generator of the odd-order part of Fr^*, so the cosets
// δ^i·H of every 2-power domain H are pairwise disjoint; the permutation
// argument labels the cells of equality column i with δ^i·ω^row.
Fr permutation_delta();

}  // namespace zkfl::plonk
