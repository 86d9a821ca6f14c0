// 256-bit unsigned integers as four little-endian 64-bit limbs: the raw
// material of the prime fields. Everything here is constexpr so that field
// constants (R, R^2, roots of unity, Frobenius coefficients) are derived at
// compile time from the moduli instead of being pasted in.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace zkfl::plonk {

using U256 = std::array<uint64_t, 4>;
using u128 = unsigned __int128;

// a + b + carry_in; returns the low word and sets carry_out.
constexpr uint64_t add_with_carry(uint64_t a, uint64_t b, uint64_t carry_in, uint64_t& carry_out) {
  u128 t = static_cast<u128>(a) + b + carry_in;
  carry_out = static_cast<uint64_t>(t >> 64);
  return static_cast<uint64_t>(t);
}

// a - b - borrow_in; returns the low word and sets borrow_out (0 or 1).
constexpr uint64_t sub_with_borrow(uint64_t a, uint64_t b, uint64_t borrow_in, uint64_t& borrow_out) {
  u128 t = static_cast<u128>(a) - b - borrow_in;
  borrow_out = static_cast<uint64_t>(t >> 127);
  return static_cast<uint64_t>(t);
}

// Three-way comparison of 256-bit integers: -1, 0 or 1.
constexpr int u256_compare(const U256& a, const U256& b) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

constexpr bool u256_is_zero(const U256& a) { return (a[0] | a[1] | a[2] | a[3]) == 0; }

// a + b mod 2^256; returns the carry out.
constexpr uint64_t u256_add(U256& out, const U256& a, const U256& b) {
  uint64_t c = 0;
  for (int i = 0; i < 4; ++i) out[i] = add_with_carry(a[i], b[i], c, c);
  return c;
}

// a - b mod 2^256; returns the borrow out.
constexpr uint64_t u256_sub(U256& out, const U256& a, const U256& b) {
  uint64_t br = 0;
  for (int i = 0; i < 4; ++i) out[i] = sub_with_borrow(a[i], b[i], br, br);
  return br;
}

constexpr U256 u256_shr1(const U256& a) {
  return {a[0] >> 1 | a[1] << 63, a[1] >> 1 | a[2] << 63, a[2] >> 1 | a[3] << 63, a[3] >> 1};
}

constexpr bool u256_bit(const U256& a, unsigned i) { return (a[i / 64] >> (i % 64)) & 1; }

// Number of significant bits (0 for zero).
constexpr unsigned u256_bit_length(const U256& a) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != 0) return static_cast<unsigned>(64 * i + 64 - __builtin_clzll(a[i]));
  }
  return 0;
}

// Parses a decimal literal that fits in 256 bits (compile-time constants only).
constexpr U256 u256_from_decimal(std::string_view digits) {
  U256 v{};
  for (char ch : digits) {
    if (ch < '0' || ch > '9') throw "u256_from_decimal: not a decimal digit";
    uint64_t carry = static_cast<uint64_t>(ch - '0');
    for (int i = 0; i < 4; ++i) {
      u128 t = static_cast<u128>(v[i]) * 10 + carry;
      v[i] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    if (carry != 0) throw "u256_from_decimal: literal exceeds 256 bits";
  }
  return v;
}

// Big-endian 32 bytes <-> limbs.
constexpr U256 u256_from_bytes_be(const uint8_t* bytes) {
  U256 v{};
  for (int i = 0; i < 32; ++i) v[3 - i / 8] = v[3 - i / 8] << 8 | bytes[i];
  return v;
}

constexpr void u256_to_bytes_be(const U256& v, uint8_t* bytes) {
  for (int i = 0; i < 32; ++i) bytes[i] = static_cast<uint8_t>(v[3 - i / 8] >> (56 - 8 * (i % 8)));
}

}  // namespace zkfl::plonk
