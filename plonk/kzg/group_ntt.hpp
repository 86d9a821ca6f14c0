// The inverse number-theoretic transform over G1: for points P_0 … P_{n−1}
// (n = 2^k) it computes Q_i = n^{-1}·Σ_j ω^{−ij}·P_j, with ω the primitive n-th
// root of unity of EvaluationDomain (Fr::two_adic_root_of_unity()^(2^(28−k))).
// Applied to the powers [τ^j]₁ it gives the Lagrange basis [L_i(τ)]₁ of the
// domain ⟨ω⟩, since L_i(X) = n^{-1}·Σ_j ω^{−ij}·X^j. Radix-2 decimation in time
// (Cooley–Tukey) on Jacobian points: (n/2)·log n variable-time scalar
// multiplications by the twiddles (those by 1 are skipped) and n by n^{-1}.
// Variable time: the inputs are public.
#pragma once

#include <cstdint>
#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// ω for the domain of size 2^log_size (log_size ≤ 28).
Fr domain_generator(uint32_t log_size);

// In place, natural order in and out; asserts that points.size() is a power of two ≤ 2^28.
void g1_inverse_ntt(std::span<G1> points, ThreadPool& pool);

}  // namespace zkfl::plonk
