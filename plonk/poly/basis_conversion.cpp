#include "plonk/poly/basis_conversion.hpp"

#include <cassert>

#include "plonk/poly/ntt.hpp"

namespace zkfl::plonk {

Polynomial<LagrangeEval> coeff_to_lagrange(const EvaluationDomain& domain, Polynomial<Coeff> f, ThreadPool& pool) {
  assert(f.size() <= domain.size());
  std::vector<Fr> values = std::move(f).take();
  values.resize(domain.size());
  ntt(domain, values, pool);
  return Polynomial<LagrangeEval>(std::move(values));
}

Polynomial<Coeff> lagrange_to_coeff(const EvaluationDomain& domain, Polynomial<LagrangeEval> f, ThreadPool& pool) {
  assert(f.size() == domain.size());
  std::vector<Fr> values = std::move(f).take();
  intt(domain, values, pool);
  return Polynomial<Coeff>(std::move(values));
}

Polynomial<ExtendedLagrangeEval> coeff_to_extended(const EvaluationDomain& extended, Polynomial<Coeff> f,
                                                   ThreadPool& pool) {
  assert(f.size() <= extended.size());
  std::vector<Fr> values = std::move(f).take();
  values.resize(extended.size());
  coset_ntt(extended, values, pool);
  return Polynomial<ExtendedLagrangeEval>(std::move(values));
}

Polynomial<Coeff> extended_to_coeff(const EvaluationDomain& extended, Polynomial<ExtendedLagrangeEval> f,
                                    ThreadPool& pool) {
  assert(f.size() == extended.size());
  std::vector<Fr> values = std::move(f).take();
  coset_intt(extended, values, pool);
  return Polynomial<Coeff>(std::move(values));
}

Polynomial<ExtendedLagrangeEval> lagrange_to_extended(const EvaluationDomain& domain,
                                                      const EvaluationDomain& extended,
                                                      Polynomial<LagrangeEval> f, ThreadPool& pool) {
  assert(extended.log_size() >= domain.log_size());
  return coeff_to_extended(extended, lagrange_to_coeff(domain, std::move(f), pool), pool);
}

}  // namespace zkfl::plonk
