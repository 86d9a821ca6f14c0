// Commitments to polynomials given by their values on a domain H = ⟨ω⟩ of
// size 2^k (a circuit's columns): with the Lagrange basis [L_i(τ)]₁ of H,
// [p(τ)]₁ = Σ p(ω^i)·[L_i(τ)]₁, one MSM and no inverse NTT of the values.
// The basis is the G1 inverse NTT of the first 2^k powers (group_ntt.hpp);
// it costs (n/2)·log n scalar multiplications (about 4 s for k = 14 on two
// cores), so LagrangeBases computes each size once and keeps it. For a
// one-off commitment at large k, an inverse NTT of the values in Fr followed
// by commit() (kzg.hpp) is cheaper.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

// [L_i(τ)]₁ for i < 2^k over the domain of size 2^k (ω as in EvaluationDomain);
// asserts 1 ≤ k ≤ srs.k().
std::vector<G1Affine> compute_lagrange_basis(const Srs& srs, uint32_t k, ThreadPool& pool);

// The Lagrange bases of one SRS, computed on first request per k and kept.
// Safe to use from many threads. The SRS must outlive this object.
class LagrangeBases {
 public:
  explicit LagrangeBases(const Srs& srs) : srs_(srs) {}
  // The basis for the domain of size 2^k; asserts 1 ≤ k ≤ srs.k(). The
  // returned pointer stays valid after this object is gone.
  std::shared_ptr<const std::vector<G1Affine>> get(uint32_t k, ThreadPool& pool);

 private:
  const Srs& srs_;
  std::mutex mutex_;
  std::map<uint32_t, std::shared_ptr<const std::vector<G1Affine>>> bases_;
};

// Σ values[i]·basis[i]: the commitment to the polynomial of degree < |basis|
// that takes values[i] at ω^i (missing values are zero). Asserts (aborts with a
// message, in every build) if there are more values than basis points.
G1 commit_lagrange(std::span<const G1Affine> basis, std::span<const Fr> values, ThreadPool& pool);

}  // namespace zkfl::plonk
