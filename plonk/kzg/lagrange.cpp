#include "plonk/kzg/lagrange.hpp"

#include <cassert>
#include <cstdio>
#include <cstdlib>

#include "plonk/curve/msm.hpp"
#include "plonk/kzg/group_ntt.hpp"

namespace zkfl::plonk {

std::vector<G1Affine> compute_lagrange_basis(const Srs& srs, uint32_t k, ThreadPool& pool) {
  assert(k >= 1 && k <= srs.k());
  const size_t n = size_t{1} << k;
  std::vector<G1> points(srs.g1_powers().begin(), srs.g1_powers().begin() + static_cast<ptrdiff_t>(n));
  g1_inverse_ntt(points, pool);
  return G1::batch_to_affine(points);
}

std::shared_ptr<const std::vector<G1Affine>> LagrangeBases::get(uint32_t k, ThreadPool& pool) {
  std::lock_guard lock(mutex_);
  auto& slot = bases_[k];
  if (!slot) slot = std::make_shared<const std::vector<G1Affine>>(compute_lagrange_basis(srs_, k, pool));
  return slot;
}

G1 commit_lagrange(std::span<const G1Affine> basis, std::span<const Fr> values, ThreadPool& pool) {
  if (values.size() > basis.size()) {
    std::fprintf(stderr, "zkfl: commit_lagrange called with %zu values for a domain of %zu points\n",
                 values.size(), basis.size());
    std::abort();
  }
  return msm(basis.first(values.size()), values, pool);
}

}  // namespace zkfl::plonk
