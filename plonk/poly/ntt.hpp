// Number-theoretic transforms over an EvaluationDomain H = <ω> of size n:
// coefficients <-> evaluations, on H itself or on the coset g·H. All work in
// place on natural-order data and spread over the caller's ThreadPool.
//
//   ntt:        a_0..a_(n-1)  ->  f(ω^i)      where f(X) = Σ a_j X^j
//   intt:       f(ω^i)        ->  a_j         (the inverse, with the 1/n)
//   coset_ntt:  a_j           ->  f(g·ω^i)
//   coset_intt: f(g·ω^i)      ->  a_j
//
// Algorithm: radix-2 decimation in frequency in cache-sized passes of at most
// 11 layers (radix2_dif.hpp, ntt_passes.hpp), on AVX-512 IFMA when the CPU
// has it and on 4x64-bit Montgomery arithmetic otherwise (same results), then
// a buffered bit reversal (bit_reverse.hpp). The inverse reuses the forward
// roots: NTT_ω(y)[i] = NTT_ω^-1(y)[(n - i) mod n], so
// INTT(y)[i] = n^-1 · NTT(y)[(n - i) mod n] (the index reversal and the 1/n
// are one final pass). A coset transform scales a_j by g^j before (forward,
// fused into the first pass) or by g^-j after (inverse, in the final pass).
// Each domain computes its table of n/2 roots on first use (domain.hpp).
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
