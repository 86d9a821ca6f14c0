// The vanishing polynomial of the data table's rows, Z_T(X) = Π_{t<T} (X − ω^t)
// for the first T rows {ω^0, …, ω^(T−1)} of a domain H = ⟨ω⟩ of size n: the
// polynomial the dataset link divides by (docs/DATASET_LINK.md).
#pragma once

#include <cstddef>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/poly/domain.hpp"

namespace zkfl::training {

// Z_T(z), with T multiplications (the verifier's side). Requires T ≤ n.
plonk::Fr evaluate_table_vanishing(const plonk::EvaluationDomain& domain, size_t table_rows, const plonk::Fr& z);

// Z_T(g·ω^i) for i < n on the coset g·H (g = domain.coset_shift()), in O(n)
// multiplications and no inversion (the prover's side). Requires 1 ≤ T < n.
//
// Maths: Z_T(g·ω^i) = Π_{t<T} (g·ω^i − ω^t) = ω^(iT) · Π_{t<T} (g − ω^(t−i)), so
// with a_m = g − ω^(m mod n) each value is ω^(iT) times the product of a over
// the cyclic window of T consecutive indices starting at (n − i) mod n.
// Cutting the indices into blocks of T, every window is a suffix of one block
// times a prefix of the next (van Herk / Gil–Werman sliding-window trick),
// and the in-block prefix and suffix products cost 2 multiplications per index.
std::vector<plonk::Fr> table_vanishing_on_coset(const plonk::EvaluationDomain& domain, size_t table_rows,
                                                plonk::ThreadPool& pool);

}  // namespace zkfl::training
