// A PLONK proof: the commitments in the order the transcript absorbs them,
// the evaluations of the EvaluationPlan, and the multi-open witnesses. The
// encoding is canonical — compressed points, canonical scalars, no lengths
// (they follow from the verifying key) — so a proof has exactly one encoding.
#pragma once

#include <span>
#include <vector>

#include "plonk/curve/g1.hpp"
#include "plonk/proof/verifying_key.hpp"

namespace zkfl::plonk {

struct Proof {
  static constexpr uint8_t kFormatVersion = 1;

  std::vector<G1Affine> advice;                // phase 0 columns, then phase 1, each by index
  std::vector<G1Affine> lookup_multiplicities; // m, one per lookup
  std::vector<G1Affine> permutation_products;  // Z_j, one per chunk
  std::vector<G1Affine> lookup_sums;           // φ, one per lookup
  std::vector<G1Affine> quotient_pieces;       // h_i
  std::vector<Fr> evaluations;                 // in EvaluationPlan order
  std::vector<G1Affine> opening_witnesses;     // W_j, one per distinct point

  // version ‖ points (32 bytes each) ‖ scalars (32 bytes each), in the order above.
  std::vector<uint8_t> encode() const;
  // Strict decoding for `vk`: wrong version or length, a non-canonical
  // scalar, or a point not on the curve is an error naming the part.
  static Result<Proof> decode(std::span<const uint8_t> bytes, const VerifyingKey& vk);
  // The encoded size of a proof for `vk`.
  static size_t encoded_size(const VerifyingKey& vk);
};

}  // namespace zkfl::plonk
