// Srs::insecure_development: the single-party setup for development and tests.
#include <cassert>

#include "plonk/curve/scalar_mul.hpp"
#include "plonk/kzg/fixed_base.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

Srs Srs::insecure_development(uint32_t k, Rng& rng, ThreadPool& pool) {
  assert(k >= 1 && k <= kMaxLogSize);
  const size_t n = size_t{1} << k;
  Fr tau;
  do {
    tau = Fr::random(rng);
  } while (tau.is_zero());

  // τ^i by successive products, then τ^i·G1 from a fixed-base table: this τ
  // is not secret (it came from one party's rng), so variable time is fine.
  std::vector<Fr> exponents(n);
  Fr power = Fr::one();
  for (Fr& e : exponents) {
    e = power;
    power *= tau;
  }
  const G1FixedBaseTable table(G1Affine::generator());
  std::vector<G1Affine> powers(n);
  pool.parallel_for(
      n,
      [&](size_t begin, size_t end) {
        std::vector<G1> chunk(end - begin);
        for (size_t i = begin; i < end; ++i) chunk[i - begin] = table.mul(exponents[i]);
        const std::vector<G1Affine> affine = G1::batch_to_affine(chunk);
        std::copy(affine.begin(), affine.end(), powers.begin() + static_cast<ptrdiff_t>(begin));
      },
      256);
  const G2Affine tau_g2 = (G2::generator() * tau).to_affine();
  return Srs(k, std::move(powers), tau_g2, Origin::kInsecureDevelopment,
             "insecure-development: single-party setup; tau came from one rng, so whoever ran it can forge "
             "proofs. For development and tests only.");
}

}  // namespace zkfl::plonk
