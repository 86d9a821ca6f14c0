#include "plonk/poly/vanishing.hpp"

#include <cassert>

#include "plonk/poly/ntt_tables.hpp"

namespace zkfl::plonk {

std::vector<Fr> vanishing_on_extended_coset(const EvaluationDomain& domain, const EvaluationDomain& extended) {
  assert(extended.log_size() >= domain.log_size());
  const size_t period = size_t{1} << (extended.log_size() - domain.log_size());
  // ω_E^n generates the 2^e-th roots of unity.
  Fr root = extended.generator();
  for (unsigned i = 0; i < domain.log_size(); ++i) root = root.squared();
  Fr shift_n = extended.coset_shift();
  for (unsigned i = 0; i < domain.log_size(); ++i) shift_n = shift_n.squared();
  std::vector<Fr> values(period);
  fill_powers(values, root, 0);
  for (Fr& v : values) v = shift_n * v - Fr::one();
  return values;
}

void divide_by_vanishing(Polynomial<ExtendedLagrangeEval>& f, const EvaluationDomain& domain,
                         const EvaluationDomain& extended, ThreadPool& pool) {
  assert(f.size() == extended.size());
  std::vector<Fr> inverses = vanishing_on_extended_coset(domain, extended);
  Fr::batch_inverse(inverses);
  const size_t mask = inverses.size() - 1;
  pool.parallel_for(
      f.size(),
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) f[i] *= inverses[i & mask];
      },
      4096);
}

}  // namespace zkfl::plonk
