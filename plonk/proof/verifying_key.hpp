// The verifying key: everything a verifier needs and nothing else — the
// constraint system (its gates, lookups and columns, encoded in full), the
// domain size, the commitments to the fixed columns and to the permutation
// σ_i, and the two G2 points of the reference string it was made with. Its
// digest, the SHA-256 of its canonical encoding, is the first thing every
// transcript absorbs, so a proof is bound to exactly one key.
#pragma once

#include <span>
#include <vector>

#include "plonk/base/sha256.hpp"
#include "plonk/circuit/constraint_system.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/curve/pairing.hpp"
#include "plonk/proof/layout.hpp"

namespace zkfl::plonk {

class VerifyingKey {
 public:
  static constexpr uint8_t kFormatVersion = 2;

  // Assembles a key; asserts that the commitment counts match `cs`.
  VerifyingKey(uint32_t k, ConstraintSystem cs, std::vector<G1Affine> fixed_commitments,
               std::vector<G1Affine> permutation_commitments, const G2Affine& g2, const G2Affine& tau_g2);

  uint32_t k() const { return k_; }
  const ConstraintSystem& constraint_system() const { return cs_; }
  const ProofLayout& layout() const { return layout_; }
  std::span<const G1Affine> fixed_commitments() const { return fixed_commitments_; }
  std::span<const G1Affine> permutation_commitments() const { return permutation_commitments_; }
  const G2Affine& g2() const { return g2_; }
  const G2Affine& tau_g2() const { return tau_g2_; }
  const G2Prepared& g2_prepared() const { return g2_prepared_; }
  const G2Prepared& tau_g2_prepared() const { return tau_g2_prepared_; }
  const Sha256::Digest& digest() const { return digest_; }

  // Canonical bytes: "ZKFLVK", version, k, constraint system, commitments
  // (compressed), G2 points (compressed).
  std::vector<uint8_t> encode() const;
  // Strict inverse of encode(): wrong magic/version, truncation, trailing
  // bytes, invalid points or counts that disagree with the constraint system
  // are errors.
  static Result<VerifyingKey> decode(std::span<const uint8_t> bytes);

 private:
  uint32_t k_;
  ConstraintSystem cs_;
  ProofLayout layout_;
  std::vector<G1Affine> fixed_commitments_;
  std::vector<G1Affine> permutation_commitments_;
  G2Affine g2_, tau_g2_;
  G2Prepared g2_prepared_, tau_g2_prepared_;
  Sha256::Digest digest_{};
};

}  // namespace zkfl::plonk
