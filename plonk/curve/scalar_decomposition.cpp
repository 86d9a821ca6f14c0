#include "plonk/curve/scalar_decomposition.hpp"

#include <cassert>
#include <cstdint>

#include "plonk/curve/bn254_params.hpp"
#include "plonk/curve/endomorphism.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

namespace {

constexpr U256 kR = Fr::kModulus;
using i128 = __int128;
constexpr i128 kX = static_cast<i128>(kBn254SeedX);  // 2x + 1 > 2^63: 128-bit entries

// round(a·2^256 / r) for a < 2^200, by schoolbook binary long division of the
// 512-bit numerator a·2^256 + floor(r/2) (compile time only).
constexpr U256 round_shifted_quotient(const U256& a) {
  std::array<uint64_t, 8> numerator{};
  const U256 half_r = u256_shr1(kR);
  for (int i = 0; i < 4; ++i) numerator[i] = half_r[i];
  for (int i = 0; i < 4; ++i) numerator[4 + i] = a[i];
  U256 remainder{};
  U256 quotient{};
  for (int bit = 511; bit >= 0; --bit) {
    // remainder = 2·remainder + bit; remainder < r < 2^254 keeps this in range.
    remainder = {remainder[0] << 1 | (numerator[bit / 64] >> (bit % 64) & 1),
                 remainder[1] << 1 | remainder[0] >> 63, remainder[2] << 1 | remainder[1] >> 63,
                 remainder[3] << 1 | remainder[2] >> 63};
    const bool subtract = u256_compare(remainder, kR) >= 0;
    if (subtract) u256_sub(remainder, remainder, kR);
    if (bit < 256) {
      if (subtract) quotient[bit / 64] |= uint64_t{1} << (bit % 64);
    } else if (subtract) {
      throw "round_shifted_quotient: quotient exceeds 256 bits";
    }
  }
  return quotient;
}

// round(k·g / 2^256) mod 2^128, for k < 2^256 and g < 2^256.
inline u128 round_mul_shift(const U256& k, const U256& g) {
  std::array<uint64_t, 8> product{};
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < 4; ++j) {
      const u128 t = static_cast<u128>(k[i]) * g[j] + product[i + j] + carry;
      product[i + j] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    product[i + 4] = carry;
  }
  // + 2^255, then keep bits 256..383.
  uint64_t carry = 0;
  product[3] = add_with_carry(product[3], uint64_t{1} << 63, 0, carry);
  const uint64_t lo = add_with_carry(product[4], 0, carry, carry);
  const uint64_t hi = add_with_carry(product[5], 0, carry, carry);
  return static_cast<u128>(hi) << 64 | lo;
}

constexpr U256 to_u256(u128 v) { return {static_cast<uint64_t>(v), static_cast<uint64_t>(v >> 64), 0, 0}; }

// A value computed mod 2^128 whose true magnitude is below 2^127.
inline SignedScalar to_signed(u128 v) {
  const bool negative = (v >> 127) != 0;
  return SignedScalar{negative ? ~v + 1 : v, negative};
}

// ----- GLV (G1) --------------------------------------------------------------
constexpr u128 kX128 = static_cast<u128>(kBn254SeedX);
constexpr u128 kGlvA1 = 2 * kX128 + 1;                 // row 1: (2x + 1, −(6x^2 + 2x))
constexpr u128 kGlvB1Neg = 6 * kX128 * kX128 + 2 * kX128;
constexpr u128 kGlvA2 = 6 * kX128 * kX128 + 4 * kX128 + 1;  // row 2: (6x^2 + 4x + 1, 2x + 1)
constexpr u128 kGlvB2 = 2 * kX128 + 1;
// (k, 0)·B^-1 = (k·b2, −k·b1)/det with det = r.
constexpr U256 kGlvG1 = round_shifted_quotient(to_u256(kGlvB2));
constexpr U256 kGlvG2 = round_shifted_quotient(to_u256(kGlvB1Neg));

static_assert([] {
  // Both rows lie in L: a + b·λ ≡ 0 (mod r), checked in Fr.
  const Fr l = Fr::from_canonical_unchecked(kG1EndomorphismLambda);
  const Fr a1 = Fr::from_canonical_unchecked(to_u256(kGlvA1));
  const Fr b1 = -Fr::from_canonical_unchecked(to_u256(kGlvB1Neg));
  const Fr a2 = Fr::from_canonical_unchecked(to_u256(kGlvA2));
  const Fr b2 = Fr::from_canonical_unchecked(to_u256(kGlvB2));
  return (a1 + b1 * l).is_zero() && (a2 + b2 * l).is_zero();
}(), "GLV basis rows must lie in the lattice of λ");

// ----- GLS (G2) --------------------------------------------------------------
constexpr i128 kGlsBasis[4][4] = {
    {2 * kX + 1, 0, 2 * kX, 1},
    {2 * kX, kX + 1, -kX, kX},
    {kX + 1, kX, kX, -2 * kX},
    {2 * kX + 1, -kX, -kX - 1, -kX},
};
// The first row of B^-1, times r (all positive).
constexpr std::array<U256, 4> kGlsG = {
    round_shifted_quotient(bn254_seed_polynomial({0, 2, 6, 6})),
    round_shifted_quotient([] {
      U256 v = bn254_seed_polynomial({0, 0, 0, 6});
      u256_sub(v, v, U256{kBn254SeedX, 0, 0, 0});
      return v;
    }()),
    round_shifted_quotient(bn254_seed_polynomial({1, 2})),
    round_shifted_quotient(bn254_seed_polynomial({0, 1, 6, 6})),
};

static_assert([] {
  // Every row lies in L: Σ_i B_ji·μ^i ≡ 0 (mod r).
  const Fr mu = Fr::from_canonical_unchecked(kG2PsiEigenvalue);
  for (const auto& row : kGlsBasis) {
    Fr acc = Fr::zero();
    Fr power = Fr::one();
    for (i128 entry : row) {
      const u128 magnitude = entry < 0 ? static_cast<u128>(-entry) : static_cast<u128>(entry);
      const Fr e = Fr::from_canonical_unchecked(to_u256(magnitude));
      acc += (entry < 0 ? -e : e) * power;
      power *= mu;
    }
    if (!acc.is_zero()) return false;
  }
  return true;
}(), "GLS basis rows must lie in the lattice of μ");

}  // namespace

GlvScalars decompose_glv(const U256& k) {
  assert(u256_compare(k, kR) < 0);
  const u128 c1 = round_mul_shift(k, kGlvG1);
  const u128 c2 = round_mul_shift(k, kGlvG2);
  const u128 k_low = static_cast<u128>(k[1]) << 64 | k[0];
  // Arithmetic mod 2^128; the true values are below 2^126.2 in magnitude.
  const u128 k1 = k_low - c1 * kGlvA1 - c2 * kGlvA2;
  const u128 k2 = c1 * kGlvB1Neg - c2 * kGlvB2;
  return GlvScalars{to_signed(k1), to_signed(k2)};
}

GlsScalars decompose_gls(const U256& k) {
  assert(u256_compare(k, kR) < 0);
  std::array<u128, 4> c{};
  for (int j = 0; j < 4; ++j) c[j] = round_mul_shift(k, kGlsG[j]);
  GlsScalars out;
  for (int i = 0; i < 4; ++i) {
    u128 v = i == 0 ? (static_cast<u128>(k[1]) << 64 | k[0]) : 0;
    for (int j = 0; j < 4; ++j) v -= c[j] * static_cast<u128>(kGlsBasis[j][i]);
    out.k[i] = to_signed(v);
  }
  return out;
}

}  // namespace zkfl::plonk
