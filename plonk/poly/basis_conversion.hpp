// Moving a polynomial between its bases through an EvaluationDomain: the NTTs
// wrapped so that the result's type records what the vector now means.
// `domain` is H (size n); `extended` is E (size n·2^e, e >= 0) whose coset g·E
// carries ExtendedLagrangeEval vectors. Sizes are invariants: they assert.
#pragma once

#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/polynomial.hpp"

namespace zkfl::plonk {

// f(ω^i) for i < n, from at most n coefficients (padded with zeros).
Polynomial<LagrangeEval> coeff_to_lagrange(const EvaluationDomain& domain, Polynomial<Coeff> f, ThreadPool& pool);
// The n coefficients of the polynomial of degree < n through the n evaluations.
Polynomial<Coeff> lagrange_to_coeff(const EvaluationDomain& domain, Polynomial<LagrangeEval> f, ThreadPool& pool);
// f(g·ω_E^i) for i < |E|, from at most |E| coefficients (padded with zeros).
Polynomial<ExtendedLagrangeEval> coeff_to_extended(const EvaluationDomain& extended, Polynomial<Coeff> f,
                                                   ThreadPool& pool);
// The |E| coefficients of the polynomial of degree < |E| with these evaluations on g·E.
Polynomial<Coeff> extended_to_coeff(const EvaluationDomain& extended, Polynomial<ExtendedLagrangeEval> f,
                                    ThreadPool& pool);
// Evaluations on H to evaluations on g·E (interpolate on H, then evaluate on
// g·E); asserts that extended is at least as large as domain.
Polynomial<ExtendedLagrangeEval> lagrange_to_extended(const EvaluationDomain& domain,
                                                      const EvaluationDomain& extended,
                                                      Polynomial<LagrangeEval> f, ThreadPool& pool);

}  // namespace zkfl::plonk
