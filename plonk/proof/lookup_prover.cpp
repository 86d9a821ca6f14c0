#include "plonk/proof/lookup_prover.hpp"

#include <cassert>
#include <string>
#include <unordered_map>

namespace zkfl::plonk {

namespace {
struct LimbsHash {
  size_t operator()(const U256& v) const { return v[0] ^ (v[1] * 0x9e3779b97f4a7c15ull) ^ (v[2] << 1) ^ v[3]; }
};
}  // namespace

Result<Polynomial<LagrangeEval>> lookup_multiplicities(const LookupArgument& lookup, const ColumnEvaluator& rows,
                                                       const Fr& theta, const ProofLayout& layout, Rng& rng,
                                                       bool skip_missing) {
  const size_t u = layout.usable_rows;
  std::unordered_map<U256, size_t, LimbsHash> table_row;
  table_row.reserve(u);
  for (size_t i = 0; i < u; ++i) table_row.emplace(rows.compress(lookup.table, theta, i).montgomery(), i);

  std::vector<uint64_t> counts(u, 0);
  for (size_t i = 0; i < u; ++i) {
    auto it = table_row.find(rows.compress(lookup.inputs, theta, i).montgomery());
    if (it == table_row.end()) {
      if (skip_missing) continue;
      return Status::error("lookup '" + lookup.name + "': the input at row " + std::to_string(i) +
                           " is not in the table (the witness does not satisfy the circuit)");
    }
    ++counts[it->second];
  }
  Polynomial<LagrangeEval> m = Polynomial<LagrangeEval>::zero(layout.n);
  for (size_t i = 0; i < u; ++i) m[i] = Fr::from_u64(counts[i]);
  for (size_t i = u; i < layout.n; ++i) m[i] = Fr::random(rng);
  return m;
}

Polynomial<LagrangeEval> lookup_running_sum(const LookupArgument& lookup, const ColumnEvaluator& rows,
                                            const Polynomial<LagrangeEval>& multiplicities, const Fr& theta,
                                            const Fr& beta, const ProofLayout& layout, Rng& rng,
                                            bool unbalanced_allowed) {
  const size_t u = layout.usable_rows;
  // 1/(β + f_i) and 1/(β + t_i) for every usable row, with one inversion.
  std::vector<Fr> inverses(2 * u);
  for (size_t i = 0; i < u; ++i) {
    inverses[2 * i] = beta + rows.compress(lookup.inputs, theta, i);
    inverses[2 * i + 1] = beta + rows.compress(lookup.table, theta, i);
  }
  Fr::batch_inverse(inverses);
  Polynomial<LagrangeEval> phi = Polynomial<LagrangeEval>::zero(layout.n);
  for (size_t i = 0; i < u; ++i) {
    phi[i + 1] = phi[i] + multiplicities[i] * inverses[2 * i + 1] - inverses[2 * i];
  }
  assert((unbalanced_allowed || phi[u].is_zero()) && "the multiplicities balance the inputs");
  (void)unbalanced_allowed;
  for (size_t i = u + 1; i < layout.n; ++i) phi[i] = Fr::random(rng);
  return phi;
}

}  // namespace zkfl::plonk
