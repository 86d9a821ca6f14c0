#include "plonk/proof/layout.hpp"

#include <cassert>

namespace zkfl::plonk {

ProofLayout ProofLayout::of(const ConstraintSystem& cs, uint32_t k) {
  ProofLayout l;
  l.k = k;
  l.n = size_t{1} << k;
  l.blinding_rows = cs.blinding_rows();
  l.usable_rows = cs.usable_rows(k);
  l.last_row = l.usable_rows;
  l.degree = cs.degree();
  // h = C / Z_H has degree < (d − 1)·n: (d − 1) pieces, evaluated on at
  // least (d − 1)·n points.
  l.quotient_pieces = static_cast<size_t>(l.degree - 1);
  uint32_t e = 0;
  while ((size_t{1} << e) < l.quotient_pieces) ++e;
  l.extended_k = k + e;
  l.permutation_chunk_size = static_cast<size_t>(l.degree - 2);
  const size_t columns = cs.equality_columns().size();
  l.permutation_chunks = (columns + l.permutation_chunk_size - 1) / l.permutation_chunk_size;
  return l;
}

Fr permutation_delta() {
  constexpr Fr kDelta = Fr::from_u64(5).pow(U256{uint64_t{1} << 28, 0, 0, 0});
  return kDelta;
}

}  // namespace zkfl::plonk
