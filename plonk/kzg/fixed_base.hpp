// Fixed-base scalar multiplication on G1 with a precomputed table of the
// base's multiples (the windowed method of Brickell, Gordon, McCurley, Wilson,
// Eurocrypt 1992, with 8-bit windows): k·B = Σ_w T[w][k_w] where k_w is the
// w-th byte of k and T[w][d] = d·2^{8w}·B. About 32 mixed additions per
// product instead of ~250 doublings, for computing very many multiples of one
// point (the development SRS). Variable time: only for public or deliberately
// insecure scalars; secrets use mul_secret (scalar_mul.hpp).
#pragma once

#include <vector>

#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

class G1FixedBaseTable {
 public:
  // 32 windows × 255 affine multiples of `base` (about 0.5 MiB).
  explicit G1FixedBaseTable(const G1Affine& base);
  // k·base; variable time in k.
  G1 mul(const Fr& k) const;

 private:
  static constexpr unsigned kWindowBits = 8;
  static constexpr unsigned kWindows = 256 / kWindowBits;
  static constexpr unsigned kDigits = (1u << kWindowBits) - 1;  // non-zero digits per window
  std::vector<G1Affine> table_;  // table_[w·kDigits + d − 1] = d·2^{8w}·base
};

}  // namespace zkfl::plonk
