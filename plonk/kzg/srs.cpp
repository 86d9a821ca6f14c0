// Srs: construction, trimming and the batched consistency check.
#include "plonk/kzg/srs.hpp"

#include <array>
#include <cassert>
#include <utility>

#include "plonk/curve/msm.hpp"

namespace zkfl::plonk {

std::string_view Srs::origin_name(Origin origin) {
  switch (origin) {
    case Origin::kInsecureDevelopment:
      return "insecure-development";
    case Origin::kPtauImport:
      return "ptau-import";
    case Origin::kCeremony:
      return "ceremony";
  }
  return "unknown";
}

Srs::Srs(uint32_t k, std::vector<G1Affine> g1_powers, const G2Affine& tau_g2, Origin origin,
         std::string provenance)
    : k_(k),
      g1_powers_(std::move(g1_powers)),
      g2_(G2Affine::generator()),
      tau_g2_(tau_g2),
      g2_prepared_(g2_),
      tau_g2_prepared_(tau_g2),
      origin_(origin),
      provenance_(std::move(provenance)) {
  if (provenance_.size() > kMaxProvenanceBytes) provenance_.resize(kMaxProvenanceBytes);
  assert(k >= 1 && k <= kMaxLogSize && "SRS size must be 2^k with 1 <= k <= 28");
  assert(g1_powers_.size() == (size_t{1} << k) && "an SRS of size 2^k holds 2^k G1 powers");
}

Result<Srs> Srs::trim(uint32_t k) const {
  if (k == 0) return Status::error("cannot trim an SRS to k = 0: KZG needs at least 2 powers");
  if (k > k_) {
    return Status::error("cannot trim an SRS of k = " + std::to_string(k_) + " to the larger k = " +
                         std::to_string(k) + "; use a larger SRS");
  }
  std::vector<G1Affine> powers(g1_powers_.begin(), g1_powers_.begin() + (ptrdiff_t{1} << k));
  return Srs(k, std::move(powers), tau_g2_, origin_, provenance_);
}

Status Srs::verify(Rng& rng, ThreadPool& pool) const {
  const size_t n = g1_powers_.size();
  if (n != (size_t{1} << k_)) {
    return Status::error("SRS holds " + std::to_string(n) + " G1 powers, but k = " + std::to_string(k_) +
                         " needs " + std::to_string(size_t{1} << k_));
  }
  if (!(g1_powers_[0] == G1Affine::generator())) {
    return Status::error("SRS is invalid: its first G1 power [tau^0]G1 is not the generator of G1");
  }
  if (!(g2_ == G2Affine::generator())) return Status::error("SRS is invalid: [1]G2 is not the generator of G2");
  if (tau_g2_.is_identity()) return Status::error("SRS is invalid: [tau]G2 is the point at infinity (tau = 0)");

  // ρ^i for i < n − 1, with ρ ≠ 0 (a zero ρ would only test the first power).
  Fr rho;
  do {
    rho = Fr::random(rng);
  } while (rho.is_zero());
  std::vector<Fr> scalars(n - 1);
  Fr power = Fr::one();
  for (Fr& s : scalars) {
    s = power;
    power *= rho;
  }
  const std::span<const G1Affine> powers(g1_powers_);
  const G1 shifted = msm(powers.subspan(1), scalars, pool);         // Σ ρ^i·[τ^{i+1}]₁
  const G1 unshifted = msm(powers.first(n - 1), scalars, pool);     // Σ ρ^i·[τ^i]₁
  const std::array<std::pair<G1Affine, G2Prepared>, 2> terms = {
      std::pair{shifted.to_affine(), g2_prepared_},
      std::pair{(-unshifted).to_affine(), tau_g2_prepared_},
  };
  if (!pairing_product_is_one(terms)) {
    return Status::error("SRS is invalid: its G1 points are not successive powers of the tau in [tau]G2 "
                         "(the batched pairing check failed)");
  }
  return Status::ok();
}

}  // namespace zkfl::plonk
