// The vanishing polynomial Z_H(X) = X^n - 1 of H (|H| = n = 2^k) on the coset
// g·E of an extended domain E (|E| = 2^(k+e)), where a PLONK prover divides
// its constraint numerator by Z_H to get the quotient.
//
// Since ω_E^n = ω_(2^e) (a primitive 2^e-th root of unity),
//   Z_H(g·ω_E^i) = g^n·ω_(2^e)^(i mod 2^e) - 1,
// so the |E| evaluations take only 2^e distinct values, none of them zero
// because g·E is disjoint from H (g lies in no 2-power subgroup).
#pragma once

#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/polynomial.hpp"

namespace zkfl::plonk {

// Z_H(g·ω_E^i) for i < 2^e. Asserts extended.log_size() >= domain.log_size().
std::vector<Fr> vanishing_on_extended_coset(const EvaluationDomain& domain, const EvaluationDomain& extended);

// Replaces every evaluation f(g·ω_E^i) by f(g·ω_E^i) / Z_H(g·ω_E^i), with one
// inversion per distinct value. Asserts f.size() == extended.size() and E ⊇ H.
void divide_by_vanishing(Polynomial<ExtendedLagrangeEval>& f, const EvaluationDomain& domain,
                         const EvaluationDomain& extended, ThreadPool& pool);

}  // namespace zkfl::plonk
