// The proving key: the verifying key plus the prover's precomputation — the
// fixed and permutation polynomials in every basis the prover reads them in,
// and the Lagrange selectors of the argument rows on the extended coset.
#pragma once

#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/circuit/layouter.hpp"
#include "plonk/kzg/srs.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/polynomial.hpp"
#include "plonk/proof/verifying_key.hpp"

namespace zkfl::plonk {

// A polynomial kept in the three forms the prover needs.
struct PreprocessedPolynomial {
  Polynomial<LagrangeEval> values;        // on H
  Polynomial<Coeff> coeffs;               // for openings
  Polynomial<ExtendedLagrangeEval> extended;  // on the extended coset, for the quotient
};

class ProvingKey {
 public:
  // Runs keygen: configures `circuit`, synthesises its fixed columns and copy
  // constraints, builds σ and commits to everything with `srs`. Errors:
  // k too small for the circuit or larger than the SRS, synthesis failures,
  // copy constraints on columns without equality.
  static Result<ProvingKey> generate(const Srs& srs, Circuit& circuit, uint32_t k, ThreadPool& pool);

  // Canonical bytes for caching a key on disk: "ZKFLPK", version, the
  // verifying key, the fixed and σ columns' values on H, and a SHA-256
  // trailer. Everything else is recomputed on decode.
  std::vector<uint8_t> encode() const;
  // Strict inverse of encode(): bad magic or version, truncation, trailing
  // bytes, a checksum mismatch or a non-canonical value is an error. A proving
  // key is the prover's own file: a deliberately altered one only makes
  // proofs that fail against the genuine verifying key.
  static Result<ProvingKey> decode(std::span<const uint8_t> bytes, ThreadPool& pool);

  const VerifyingKey& vk() const { return vk_; }
  const ProofLayout& layout() const { return vk_.layout(); }
  const EvaluationDomain& domain() const { return domain_; }
  const EvaluationDomain& extended_domain() const { return extended_; }
  const std::vector<PreprocessedPolynomial>& fixed() const { return fixed_; }
  const std::vector<PreprocessedPolynomial>& sigma() const { return sigma_; }
  // l_0, l_last and l_active = 1 − l_last − l_blind on the extended coset.
  const Polynomial<ExtendedLagrangeEval>& l0() const { return l0_; }
  const Polynomial<ExtendedLagrangeEval>& l_last() const { return l_last_; }
  const Polynomial<ExtendedLagrangeEval>& l_active() const { return l_active_; }
  // The extended coset's points g·ω_E^i (the X of the identity permutation).
  const std::vector<Fr>& extended_points() const { return extended_points_; }

 private:
  ProvingKey(VerifyingKey vk, EvaluationDomain domain, EvaluationDomain extended)
      : vk_(std::move(vk)), domain_(std::move(domain)), extended_(std::move(extended)) {}
  // The key from its verifying key and preprocessed columns: adds the
  // argument selectors and the extended coset's points.
  static ProvingKey assemble(VerifyingKey vk, EvaluationDomain domain, EvaluationDomain extended,
                             std::vector<PreprocessedPolynomial> fixed, std::vector<PreprocessedPolynomial> sigma,
                             ThreadPool& pool);

  VerifyingKey vk_;
  EvaluationDomain domain_, extended_;
  std::vector<PreprocessedPolynomial> fixed_, sigma_;
  Polynomial<ExtendedLagrangeEval> l0_, l_last_, l_active_;
  std::vector<Fr> extended_points_;
};

// The n-row values of σ_i for every equality column: σ_i(ω^r) = δ^{c'}·ω^{r'}
// where (c', r') is the next cell in the copy cycle of (i, r).
std::vector<Polynomial<LagrangeEval>> permutation_sigma_values(const ConstraintSystem& cs,
                                                               const CircuitTable& table,
                                                               const EvaluationDomain& domain, Status& status);

}  // namespace zkfl::plonk
