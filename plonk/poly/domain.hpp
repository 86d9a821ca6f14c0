// EvaluationDomain: the multiplicative subgroup H = <ω> of Fr of order n = 2^k
// on which PLONK interpolates its columns, the coset g·H on which quotients are
// evaluated, and the closed forms a prover and a verifier need over them:
// the vanishing polynomial Z_H(X) = X^n - 1 and the Lagrange basis of H.
//
// Maths: H = {ω^i : 0 <= i < n} with ω a primitive n-th root of unity, so
// X^n - 1 = Π_{h ∈ H} (X - h), and the Lagrange basis is
//   L_i(X) = ω^i (X^n - 1) / (n (X - ω^i))
// (e.g. Gabizon, Williamson, Ciobotaru, "PLONK", ePrint 2019/953, §2.1).
// Z_H on the coset of an extended domain (the quotient step) is in vanishing.hpp.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

class NttTables;

class EvaluationDomain {
 public:
  // Fr^* has 2-adicity 28, so no larger power-of-two subgroup exists.
  static constexpr unsigned kMaxLogSize = FrConfig::kTwoAdicity;
  // The coset shift g = 5, a generator of Fr^*. It lies in no subgroup of order 2^k
  // (g^(2^28) != 1), so g·H is disjoint from H for every domain here.
  static constexpr uint64_t kCosetShift = FrConfig::kGenerator;

  // The domain of size 2^log_size; an error when log_size > kMaxLogSize.
  static Result<EvaluationDomain> create(unsigned log_size);

  // log2 of the size, and the size n itself.
  unsigned log_size() const { return log_size_; }
  size_t size() const { return size_t{1} << log_size_; }
  // ω, a primitive n-th root of unity (ω = 1 when n = 1), and ω^-1.
  const Fr& generator() const { return omega_; }
  const Fr& generator_inverse() const { return omega_inv_; }
  // n^-1 in Fr, the scale of the inverse NTT.
  const Fr& size_inverse() const { return size_inv_; }
  // The coset shift g and g^-1.
  const Fr& coset_shift() const { return shift_; }
  const Fr& coset_shift_inverse() const { return shift_inv_; }

  // ω^i; i may exceed n (the exponent is reduced mod n).
  Fr element(size_t i) const;
  // The n elements ω^0, ..., ω^(n-1) in order.
  std::vector<Fr> elements() const;

  // Z_H(z) = z^n - 1, zero exactly when z ∈ H.
  Fr evaluate_vanishing(const Fr& z) const;

  // L_i(z) for one i < n (asserts i < n). Exact for z ∈ H too (L_i(ω^j) = δ_ij).
  Fr evaluate_lagrange(size_t i, const Fr& z) const;
  // L_i(z) for every i in [begin, end) (asserts begin <= end <= n), with one
  // batched inversion; element j of the result is L_(begin+j)(z).
  std::vector<Fr> evaluate_lagrange_range(const Fr& z, size_t begin, size_t end) const;
  // L_0(z), ..., L_(n-1)(z).
  std::vector<Fr> evaluate_all_lagrange(const Fr& z) const { return evaluate_lagrange_range(z, 0, size()); }

  // The NTT's precomputed roots for this domain, built on first use (with
  // `pool`) and shared by every copy of the domain; safe to call concurrently.
  const NttTables& ntt_tables(ThreadPool& pool) const;

 private:
  struct LazyTwiddles;
  explicit EvaluationDomain(unsigned log_size);

  unsigned log_size_ = 0;
  Fr omega_;
  Fr omega_inv_;
  Fr size_inv_;
  Fr shift_;
  Fr shift_inv_;
  std::shared_ptr<LazyTwiddles> lazy_;
};

}  // namespace zkfl::plonk
