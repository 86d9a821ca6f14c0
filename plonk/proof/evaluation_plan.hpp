// Which polynomial evaluations a proof carries, in which order, and at which
// rotation of the challenge point x: the one list that the prover writes,
// the verifier reads, and the multi-open groups by point. Instance columns
// are absent (the verifier evaluates them itself), and the quotient h is
// opened at x without a listed value (the verifier derives it).
#pragma once

#include <cstdint>
#include <vector>

#include "plonk/circuit/constraint_system.hpp"
#include "plonk/proof/layout.hpp"

namespace zkfl::plonk {

struct PlannedEvaluation {
  enum class Source : uint8_t { kAdvice, kFixed, kSigma, kPermutationProduct, kLookupMultiplicity, kLookupSum };
  Source source;
  uint32_t index;    // column, σ, chunk or lookup index
  int64_t rotation;  // the point is x·ω^rotation
};

class EvaluationPlan {
 public:
  EvaluationPlan(const ConstraintSystem& cs, const ProofLayout& layout);

  const std::vector<PlannedEvaluation>& entries() const { return entries_; }
  // Position of (source, index, rotation) in entries(); asserts it is planned.
  size_t position(PlannedEvaluation::Source source, uint32_t index, int64_t rotation) const;
  // Distinct rotations in first-seen order (the quotient's 0 is always among them).
  const std::vector<int64_t>& rotations() const { return rotations_; }

 private:
  std::vector<PlannedEvaluation> entries_;
  std::vector<int64_t> rotations_;
};

}  // namespace zkfl::plonk
