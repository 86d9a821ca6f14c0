// Evaluates circuit expressions row by row over columns stored as
// evaluation vectors: the n Lagrange values on H (rotation r = r rows), or
// the values on the extended coset (rotation r = r·2^e points).
#pragma once

#include <vector>

#include "plonk/circuit/expression.hpp"

namespace zkfl::plonk {

class ColumnEvaluator {
 public:
  // Column i of each kind is the vector at index i (nullptr for a column
  // that the expressions never query); every vector has `size` entries.
  ColumnEvaluator(std::vector<const Fr*> advice, std::vector<const Fr*> fixed, std::vector<const Fr*> instance,
                  std::vector<Fr> challenges, size_t size, size_t rotation_scale)
      : advice_(std::move(advice)), fixed_(std::move(fixed)), instance_(std::move(instance)),
        challenges_(std::move(challenges)), size_(size), rotation_scale_(rotation_scale) {}

  // The value of a column query at `row` (rotations wrap around).
  Fr query(const Query& q, size_t row) const {
    const int64_t shift = static_cast<int64_t>(q.rotation) * static_cast<int64_t>(rotation_scale_);
    const size_t index = static_cast<size_t>((static_cast<int64_t>(row) + shift) & static_cast<int64_t>(size_ - 1));
    switch (q.column.kind) {
      case ColumnKind::kAdvice:
        return advice_[q.column.index][index];
      case ColumnKind::kFixed:
        return fixed_[q.column.index][index];
      case ColumnKind::kInstance:
        return instance_[q.column.index][index];
    }
    return Fr::zero();
  }

  // e evaluated at `row`.
  Fr evaluate(const Expression& e, size_t row) const {
    return e.evaluate<Fr>([](const Fr& c) { return c; }, [&](const Query& q) { return query(q, row); },
                          [&](const Challenge& c) { return challenges_[c.index]; });
  }

  // Σ θ^(m−1−j)·e_j at `row`: a tuple of expressions compressed with θ (Horner).
  Fr compress(const std::vector<Expression>& tuple, const Fr& theta, size_t row) const {
    Fr acc = Fr::zero();
    for (const Expression& e : tuple) acc = acc * theta + evaluate(e, row);
    return acc;
  }

  size_t size() const { return size_; }

 private:
  std::vector<const Fr*> advice_, fixed_, instance_;
  std::vector<Fr> challenges_;
  size_t size_;
  size_t rotation_scale_;
};

}  // namespace zkfl::plonk
