// The NTT's scalar inner loop: the radix-2 Gentleman–Sande butterfly on Fr,
// built from the field's own (branch-free) addition, subtraction and product.
//
// Reference: W. M. Gentleman, G. Sande, "Fast Fourier transforms: for fun and
// profit", AFIPS 1966 (the decimation-in-frequency butterfly).
#pragma once

#include "plonk/field/fr.hpp"

namespace zkfl::plonk::ntt_detail {

// (a, b) <- (a + b, (a - b)·w).
inline void dif_butterfly(Fr& a, Fr& b, const Fr& w) {
  const Fr sum = a + b;
  const Fr diff = a - b;
  a = sum;
  b = diff * w;
}

// (a, b) <- (a + b, a - b): the butterfly with twiddle 1.
inline void dif_butterfly_unit(Fr& a, Fr& b) {
  const Fr sum = a + b;
  b = a - b;
  a = sum;
}

}  // namespace zkfl::plonk::ntt_detail
