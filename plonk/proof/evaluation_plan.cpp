#include "plonk/proof/evaluation_plan.hpp"

#include <algorithm>
#include <cassert>

namespace zkfl::plonk {

EvaluationPlan::EvaluationPlan(const ConstraintSystem& cs, const ProofLayout& layout) {
  using Source = PlannedEvaluation::Source;
  for (const Query& q : cs.queries()) {
    if (q.column.kind == ColumnKind::kAdvice) entries_.push_back({Source::kAdvice, q.column.index, q.rotation});
  }
  for (const Query& q : cs.queries()) {
    if (q.column.kind == ColumnKind::kFixed) entries_.push_back({Source::kFixed, q.column.index, q.rotation});
  }
  for (uint32_t i = 0; i < cs.equality_columns().size(); ++i) entries_.push_back({Source::kSigma, i, 0});
  for (uint32_t j = 0; j < layout.permutation_chunks; ++j) {
    entries_.push_back({Source::kPermutationProduct, j, 0});
    entries_.push_back({Source::kPermutationProduct, j, 1});
    if (j + 1 < layout.permutation_chunks) {
      entries_.push_back({Source::kPermutationProduct, j, static_cast<int64_t>(layout.last_row)});
    }
  }
  for (uint32_t l = 0; l < cs.lookups().size(); ++l) {
    entries_.push_back({Source::kLookupMultiplicity, l, 0});
    entries_.push_back({Source::kLookupSum, l, 0});
    entries_.push_back({Source::kLookupSum, l, 1});
  }
  for (const PlannedEvaluation& e : entries_) {
    if (std::find(rotations_.begin(), rotations_.end(), e.rotation) == rotations_.end()) {
      rotations_.push_back(e.rotation);
    }
  }
  if (std::find(rotations_.begin(), rotations_.end(), 0) == rotations_.end()) rotations_.push_back(0);
}

size_t EvaluationPlan::position(PlannedEvaluation::Source source, uint32_t index, int64_t rotation) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const PlannedEvaluation& e = entries_[i];
    if (e.source == source && e.index == index && e.rotation == rotation) return i;
  }
  assert(false && "evaluation not in the plan");
  return 0;
}

}  // namespace zkfl::plonk
