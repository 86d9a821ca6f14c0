// The prover's side of the logUp lookup argument (Haböck, ePrint 2022/1530):
// the multiplicity column m and the running sum φ (docs/PROOF_SYSTEM.md).
#pragma once

#include "plonk/base/random.hpp"
#include "plonk/circuit/constraint_system.hpp"
#include "plonk/poly/polynomial.hpp"
#include "plonk/proof/column_evaluator.hpp"
#include "plonk/proof/layout.hpp"

namespace zkfl::plonk {

// m on H: m_i = how many usable input rows equal table row i (the first
// occurrence of a repeated table value takes all its hits); rows from u on
// are random. Error when some input row is not in the table, unless
// `skip_missing` (adversarial provers in tests: the inputs that are not in
// the table are left out of m, so the running sum cannot close and the
// verifier rejects).
Result<Polynomial<LagrangeEval>> lookup_multiplicities(const LookupArgument& lookup, const ColumnEvaluator& rows,
                                                       const Fr& theta, const ProofLayout& layout, Rng& rng,
                                                       bool skip_missing = false);

// φ on H: φ_0 = 0, φ_{i+1} = φ_i + m_i/(β + t_i) − 1/(β + f_i) for i < u (so
// φ_u = 0 exactly when the lookup holds); rows after u are random. φ_u ≠ 0
// is a broken invariant unless `unbalanced_allowed` (the adversarial provers
// of lookup_multiplicities' skip_missing).
Polynomial<LagrangeEval> lookup_running_sum(const LookupArgument& lookup, const ColumnEvaluator& rows,
                                            const Polynomial<LagrangeEval>& multiplicities, const Fr& theta,
                                            const Fr& beta, const ProofLayout& layout, Rng& rng,
                                            bool unbalanced_allowed = false);

}  // namespace zkfl::plonk
