// Number-theoretic transforms over an EvaluationDomain H = <ω> of size n:
// coefficients <-> evaluations, on H itself or on the coset g·H. All work in
// place on natural-order data and spread over the caller's ThreadPool.
//
//   ntt:        a_0..a_(n-1)  ->  f(ω^i)      where f(X) = Σ a_j X^j
//   intt:       f(ω^i)        ->  a_j         (the inverse, with the 1/n)
//   coset_ntt:  a_j           ->  f(g·ω^i)
//   coset_intt: f(g·ω^i)      ->  a_j
//
// Algorithm: radix-2 decimation in frequency, cache-blocked (radix2_dif.hpp),
// then a blocked bit-reversal (bit_reverse.hpp). The inverse reuses the
// forward roots: NTT_ω(y)[i] = NTT_ω^-1(y)[(n - i) mod n], so
// INTT(y)[i] = n^-1 · NTT(y)[(n - i) mod n] (the index reversal and the 1/n
// are one final pass). A coset transform scales a_j by g^j before (forward)
// or by g^-j after (inverse), fused into the first or last pass.
#pragma once

#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/poly/domain.hpp"

namespace zkfl::plonk {

// Coefficients -> evaluations at ω^0..ω^(n-1). Asserts values.size() == domain.size().
void ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool);
// Evaluations at ω^0..ω^(n-1) -> coefficients. Asserts values.size() == domain.size().
void intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool);
// Coefficients -> evaluations at g·ω^0..g·ω^(n-1). Asserts values.size() == domain.size().
void coset_ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool);
// Evaluations at g·ω^0..g·ω^(n-1) -> coefficients. Asserts values.size() == domain.size().
void coset_intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool);

}  // namespace zkfl::plonk
