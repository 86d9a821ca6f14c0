#include "plonk/kzg/fixed_base.hpp"

namespace zkfl::plonk {

G1FixedBaseTable::G1FixedBaseTable(const G1Affine& base) {
  std::vector<G1> jacobian(size_t{kWindows} * kDigits);
  G1 window_base(base);  // 2^{8w}·base
  for (unsigned w = 0; w < kWindows; ++w) {
    G1 acc = window_base;
    for (unsigned d = 1; d <= kDigits; ++d) {
      jacobian[size_t{w} * kDigits + d - 1] = acc;
      acc += window_base;
    }
    window_base = acc;  // (kDigits + 1)·2^{8w}·base = 2^{8(w+1)}·base
  }
  table_ = G1::batch_to_affine(jacobian);
}

G1 G1FixedBaseTable::mul(const Fr& k) const {
  const U256 scalar = k.to_canonical();
  G1 acc = G1::identity();
  for (unsigned w = 0; w < kWindows; ++w) {
    const unsigned digit = static_cast<unsigned>((scalar[w / 8] >> (kWindowBits * (w % 8))) & kDigits);
    if (digit != 0) acc += table_[size_t{w} * kDigits + digit - 1];
  }
  return acc;
}

}  // namespace zkfl::plonk
