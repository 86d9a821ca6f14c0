// Every constraint a proof enforces — the circuit's gates, the permutation
// argument and the logUp lookups (docs/PROOF_SYSTEM.md §Arguments) — folded
// into one value with powers of y. Written once as a template over where
// the values come from: the prover evaluates it on each point of the
// extended coset, the verifier once at x from the proof's evaluations, so
// the two cannot disagree on the order or the form of a constraint.
#pragma once

#include <vector>

#include "plonk/circuit/constraint_system.hpp"
#include "plonk/proof/layout.hpp"

namespace zkfl::plonk {

struct ArgumentChallenges {
  std::vector<Fr> circuit;  // the circuit's own challenges, by index
  Fr theta, beta, gamma, y;
};

// Values must provide, at the point being evaluated:
//   Fr query(const Query&)             a column at a rotation
//   Fr sigma(uint32_t i)               σ_i
//   Fr product(uint32_t j, int which)  Z_j at x (0), ωx (1), ω^u·x (2)
//   Fr multiplicity(uint32_t l)        m_l
//   Fr sum(uint32_t l, bool next)      φ_l at x or ωx
//   Fr l0(), l_last(), l_active(), x()
template <class Values>
Fr combine_constraints(const ConstraintSystem& cs, const ProofLayout& layout, const Values& v,
                       const ArgumentChallenges& ch, const std::vector<Fr>& delta_powers) {
  Fr acc = Fr::zero();
  auto add = [&](const Fr& c) { acc = acc * ch.y + c; };
  auto eval = [&](const Expression& e) {
    return e.evaluate<Fr>([](const Fr& c) { return c; }, [&](const Query& q) { return v.query(q); },
                          [&](const Challenge& c) { return ch.circuit[c.index]; });
  };

  for (const Gate& gate : cs.gates()) {
    for (const Expression& c : gate.constraints) add(eval(c));
  }

  const size_t chunks = layout.permutation_chunks;
  if (chunks > 0) {
    const Fr l0 = v.l0(), l_last = v.l_last(), l_active = v.l_active();
    add(l0 * (Fr::one() - v.product(0, 0)));
    const Fr z_last = v.product(static_cast<uint32_t>(chunks - 1), 0);
    add(l_last * (z_last.squared() - z_last));
    for (uint32_t j = 1; j < chunks; ++j) add(l0 * (v.product(j, 0) - v.product(j - 1, 2)));
    const auto& columns = cs.equality_columns();
    const Fr beta_x = ch.beta * v.x();
    for (uint32_t j = 0; j < chunks; ++j) {
      Fr left = v.product(j, 1), right = v.product(j, 0);
      const size_t begin = j * layout.permutation_chunk_size;
      const size_t end = std::min(columns.size(), begin + layout.permutation_chunk_size);
      for (size_t i = begin; i < end; ++i) {
        const Fr a = v.query(Query{columns[i], 0}) + ch.gamma;
        left *= a + ch.beta * v.sigma(static_cast<uint32_t>(i));
        right *= a + beta_x * delta_powers[i];
      }
      add(l_active * (left - right));
    }
  }

  for (uint32_t l = 0; l < cs.lookups().size(); ++l) {
    const LookupArgument& lookup = cs.lookups()[l];
    Fr f = Fr::zero(), t = Fr::zero();
    for (const Expression& e : lookup.inputs) f = f * ch.theta + eval(e);
    for (const Expression& e : lookup.table) t = t * ch.theta + eval(e);
    const Fr bf = ch.beta + f, bt = ch.beta + t;
    const Fr phi = v.sum(l, false);
    add(v.l0() * phi);
    add(v.l_last() * phi);
    add(v.l_active() * ((v.sum(l, true) - phi) * bf * bt - v.multiplicity(l) * bf + bt));
  }
  return acc;
}

// δ^0, δ^1, …: the labels of the equality columns' cosets.
inline std::vector<Fr> delta_powers(size_t count) {
  std::vector<Fr> out(count);
  Fr d = Fr::one();
  for (Fr& p : out) {
    p = d;
    d *= permutation_delta();
  }
  return out;
}

}  // namespace zkfl::plonk
