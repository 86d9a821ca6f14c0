#include "plonk/kzg/pairing_accumulator.hpp"

#include <array>
#include <utility>
#include <vector>

#include "plonk/curve/msm.hpp"
#include "plonk/curve/pairing.hpp"

namespace zkfl::plonk {

bool check(const PairingAccumulator& acc, const G2Prepared& g2, const G2Prepared& tau_g2) {
  const std::array<G1, 2> sides = {acc.lhs, -acc.rhs};
  const std::vector<G1Affine> affine = G1::batch_to_affine(sides);
  const std::array<std::pair<G1Affine, G2Prepared>, 2> terms = {
      std::pair{affine[0], tau_g2},
      std::pair{affine[1], g2},
  };
  return pairing_product_is_one(terms);
}

bool check(const PairingAccumulator& acc, const Srs& srs) {
  return check(acc, srs.g2_prepared(), srs.tau_g2_prepared());
}

bool check_batch(std::span<const PairingAccumulator> accs, const G2Prepared& g2, const G2Prepared& tau_g2, Rng& rng,
                 ThreadPool& pool) {
  if (accs.empty()) return true;
  std::vector<G1> lhs(accs.size()), rhs(accs.size());
  for (size_t i = 0; i < accs.size(); ++i) {
    lhs[i] = accs[i].lhs;
    rhs[i] = accs[i].rhs;
  }
  std::vector<Fr> weights(accs.size());
  for (Fr& w : weights) {
    do {
      w = Fr::random(rng);
    } while (w.is_zero());
  }
  const PairingAccumulator combined{msm(G1::batch_to_affine(lhs), weights, pool),
                                    msm(G1::batch_to_affine(rhs), weights, pool)};
  return check(combined, g2, tau_g2);
}

bool check_batch(std::span<const PairingAccumulator> accs, const Srs& srs, Rng& rng, ThreadPool& pool) {
  return check_batch(accs, srs.g2_prepared(), srs.tau_g2_prepared(), rng, pool);
}

bool check_batch(std::span<const PairingAccumulator> accs, const Srs& srs, Rng& rng) {
  ThreadPool caller_only(1);
  return check_batch(accs, srs, rng, caller_only);
}

}  // namespace zkfl::plonk
