// Width-w non-adjacent form (wNAF) of a non-negative integer: digits d_i in
// {0, ±1, ±3, …, ±(2^(w−1) − 1)} with k = Σ d_i·2^i and at most one non-zero
// digit in any w consecutive positions, so a scalar multiplication needs
// about bits/(w + 1) additions with a table of 2^(w−2) odd multiples
// (Solinas, "Efficient arithmetic on Koblitz curves", DCC 2000; Hankerson,
// Menezes, Vanstone, Guide to ECC, Alg. 3.35). Variable time.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>

#include "plonk/field/bigint.hpp"

namespace zkfl::plonk {

// Enough digits for any 256-bit k and width ≤ 8.
inline constexpr size_t kMaxWnafDigits = 264;

// Bits [pos, pos + count) of k (count ≤ 32); bits beyond 255 read as zero.
constexpr uint32_t u256_bits(const U256& k, unsigned pos, unsigned count) {
  if (pos >= 256) return 0;
  const unsigned limb = pos / 64, shift = pos % 64;
  uint64_t v = k[limb] >> shift;
  if (shift + count > 64 && limb + 1 < 4) v |= k[limb + 1] << (64 - shift);
  return static_cast<uint32_t>(v & ((uint64_t{1} << count) - 1));
}

// Writes the width-`width` NAF of k into digits (digit i weighs 2^i) and
// returns the number of digits used (0 for k = 0). Needs 2 ≤ width ≤ 8 and
// digits.size() ≥ bit_length(k) + width; all digits past the result are zero.
constexpr size_t wnaf_recode(const U256& k, unsigned width, std::span<int8_t> digits) {
  assert(width >= 2 && width <= 8);
  const size_t len = u256_bit_length(k) + width;
  assert(digits.size() >= len);
  for (int8_t& d : digits) d = 0;
  // Scan from the bottom with a carry; a window starts at each bit that
  // differs from the carry (libsecp256k1's secp256k1_ecmult_wnaf pattern).
  size_t used = 0;
  unsigned carry = 0;
  for (size_t bit = 0; bit < len;) {
    if (u256_bits(k, static_cast<unsigned>(bit), 1) == carry) {
      ++bit;
      continue;
    }
    int word = static_cast<int>(u256_bits(k, static_cast<unsigned>(bit), width) + carry);
    carry = static_cast<unsigned>(word >> (width - 1)) & 1;
    word -= static_cast<int>(carry << width);
    digits[bit] = static_cast<int8_t>(word);
    used = bit + 1;
    bit += width;
  }
  assert(carry == 0);  // the `width` zero bits above k absorb the last carry
  return used;
}

}  // namespace zkfl::plonk
