// Polynomial<Basis>: a vector of field elements whose meaning is part of its
// type, so coefficients cannot be passed where evaluations are expected:
//
//   Coeff                 a_0, ..., a_(m-1) of f(X) = Σ a_j X^j
//   LagrangeEval          f(ω^i) on H = <ω>, |H| = n (coefficients in the Lagrange basis of H)
//   ExtendedLagrangeEval  f(g·ω_E^i) on the coset g·E of the extended domain E ⊃ H,
//                         where a prover evaluates constraints of degree > 1
//
// Conversions between bases go through an EvaluationDomain (basis_conversion.hpp).
// Operations common to all bases are here; those that only make sense for one
// basis are non-member functions restricted to it.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

struct Coeff {};
struct LagrangeEval {};
struct ExtendedLagrangeEval {};

template <class Basis>
concept EvaluationBasis = std::is_same_v<Basis, LagrangeEval> || std::is_same_v<Basis, ExtendedLagrangeEval>;

template <class Basis>
class Polynomial {
  static_assert(std::is_same_v<Basis, Coeff> || EvaluationBasis<Basis>, "unknown polynomial basis");

 public:
  Polynomial() = default;
  // Takes the coefficients (Coeff) or the evaluations (other bases) in order.
  explicit Polynomial(std::vector<Fr> values) : values_(std::move(values)) {}
  // `size` zeros.
  static Polynomial zero(size_t size) { return Polynomial(std::vector<Fr>(size)); }

  size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  std::span<const Fr> values() const { return values_; }
  std::span<Fr> values() { return values_; }
  const Fr& operator[](size_t i) const { return values_[i]; }
  Fr& operator[](size_t i) { return values_[i]; }
  // Gives up the storage (e.g. to reinterpret it in another basis after a transform).
  std::vector<Fr> take() && { return std::move(values_); }
  bool operator==(const Polynomial& other) const { return values_ == other.values_; }

  // this += other. Coefficient vectors of different lengths are added as
  // polynomials (the result has the longer length); evaluation vectors must
  // have equal sizes (asserts).
  Polynomial& operator+=(const Polynomial& other) {
    match_size(other);
    for (size_t i = 0; i < other.size(); ++i) values_[i] += other.values_[i];
    return *this;
  }
  // this -= other, with the same size rules as +=.
  Polynomial& operator-=(const Polynomial& other) {
    match_size(other);
    for (size_t i = 0; i < other.size(); ++i) values_[i] -= other.values_[i];
    return *this;
  }
  // this += scalar·other, with the same size rules as +=.
  Polynomial& add_scaled(const Polynomial& other, const Fr& scalar) {
    match_size(other);
    for (size_t i = 0; i < other.size(); ++i) values_[i] += scalar * other.values_[i];
    return *this;
  }
  // Multiplies every coefficient (or evaluation) by `scalar`.
  Polynomial& operator*=(const Fr& scalar) {
    for (Fr& v : values_) v *= scalar;
    return *this;
  }
  // Pointwise product of evaluations over the same points: the evaluations of
  // the product polynomial (valid while its degree stays below the size).
  // Evaluation bases only; sizes must be equal (asserts).
  Polynomial& operator*=(const Polynomial& other)
    requires EvaluationBasis<Basis>
  {
    assert(size() == other.size());
    for (size_t i = 0; i < size(); ++i) values_[i] *= other.values_[i];
    return *this;
  }

  friend Polynomial operator+(Polynomial a, const Polynomial& b) { return a += b; }
  friend Polynomial operator-(Polynomial a, const Polynomial& b) { return a -= b; }
  friend Polynomial operator*(Polynomial a, const Fr& scalar) { return a *= scalar; }
  friend Polynomial operator*(const Fr& scalar, Polynomial a) { return a *= scalar; }
  friend Polynomial operator-(Polynomial a) { return a *= -Fr::one(); }
  friend Polynomial operator*(Polynomial a, const Polynomial& b)
    requires EvaluationBasis<Basis>
  {
    return a *= b;
  }

 private:
  void match_size(const Polynomial& other) {
    if constexpr (std::is_same_v<Basis, Coeff>) {
      if (other.size() > size()) values_.resize(other.size());
    } else {
      assert(size() == other.size());
    }
  }

  std::vector<Fr> values_;
};

// Σ scalars[i]·polys[i] (asserts equal counts and at least one term), computed
// on `pool` in chunks; sizes follow the rules of Polynomial::operator+=.
template <class Basis>
Polynomial<Basis> linear_combination(std::span<const Polynomial<Basis>* const> polys, std::span<const Fr> scalars,
                                     ThreadPool& pool) {
  assert(polys.size() == scalars.size() && !polys.empty());
  size_t size = 0;
  for (const Polynomial<Basis>* p : polys) {
    if constexpr (!std::is_same_v<Basis, Coeff>) assert(size == 0 || p->size() == size);
    size = std::max(size, p->size());
  }
  Polynomial<Basis> out = Polynomial<Basis>::zero(size);
  pool.parallel_for(
      size,
      [&](size_t begin, size_t end) {
        for (size_t t = 0; t < polys.size(); ++t) {
          const std::span<const Fr> src = polys[t]->values();
          const size_t stop = std::min(end, src.size());
          for (size_t i = begin; i < stop; ++i) out[i] += scalars[t] * src[i];
        }
      },
      4096);
  return out;
}

// f(z) by Horner's rule; for 2^14 or more coefficients the vector is cut into
// chunks evaluated in parallel and recombined as Σ_c z^(start_c)·f_c(z).
Fr evaluate(const Polynomial<Coeff>& f, const Fr& z, ThreadPool& pool);
// f(z) by Horner's rule on the calling thread.
Fr evaluate(const Polynomial<Coeff>& f, const Fr& z);

// The degree: the index of the last non-zero coefficient, 0 for constants and
// also for the zero polynomial (tell them apart with is_zero).
size_t degree(const Polynomial<Coeff>& f);
// True when every coefficient is zero (including the empty vector).
bool is_zero(const Polynomial<Coeff>& f);
// Drops the coefficients of X^length and above (no-op when already shorter).
void truncate(Polynomial<Coeff>& f, size_t length);
// Drops trailing zero coefficients, leaving degree(f) + 1 of them (none for zero).
void trim(Polynomial<Coeff>& f);

// The quotient q of f(X) = q(X)·(X - z) + f(z) (synthetic division, Ruffini's
// rule), of size f.size() - 1 (empty for constants). When `remainder` is
// non-null it receives f(z). This is how KZG opening witnesses are formed.
Polynomial<Coeff> divide_by_linear(const Polynomial<Coeff>& f, const Fr& z, Fr* remainder = nullptr);

// The product a·b of size a.size() + b.size() - 1 (empty if either is empty):
// schoolbook for short operands, else NTT on the smallest domain that holds
// the product (pointwise product of evaluations, then inverse NTT). Asserts
// that the product has at most 2^28 coefficients.
Polynomial<Coeff> multiply(const Polynomial<Coeff>& a, const Polynomial<Coeff>& b, ThreadPool& pool);

// Cuts f into pieces of `piece_size` coefficients (the last one zero-padded),
// f(X) = Σ_i X^(i·piece_size)·piece_i(X): how a PLONK quotient of degree < m·n
// is committed as m polynomials of degree < n. Asserts piece_size > 0.
std::vector<Polynomial<Coeff>> split(const Polynomial<Coeff>& f, size_t piece_size);

}  // namespace zkfl::plonk
