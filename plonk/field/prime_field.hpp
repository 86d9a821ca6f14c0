// PrimeField<Config>: integers modulo a prime p < 2^254, kept in Montgomery
// form (a·2^256 mod p) in four 64-bit limbs. Config supplies the modulus
// (and, for fields with large 2-adic subgroups, the 2-adicity and a
// multiplicative generator); every other constant is derived at compile time.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "plonk/base/random.hpp"
#include "plonk/base/status.hpp"
#include "plonk/field/bigint.hpp"
#include "plonk/field/modular_inverse.hpp"
#include "plonk/field/montgomery_add.hpp"
#include "plonk/field/montgomery_modulus.hpp"
#include "plonk/field/montgomery_mul.hpp"
#include "plonk/field/montgomery_square.hpp"

namespace zkfl::plonk {

namespace field_detail {

// 2·a mod p for a < p.
constexpr U256 double_mod(const U256& a, const U256& p) {
  U256 t{};
  u256_add(t, a, a);  // p < 2^254, so no carry out
  U256 r{};
  return u256_sub(r, t, p) ? t : r;
}

// 2^e mod p.
constexpr U256 pow2_mod(unsigned e, const U256& p) {
  U256 v{1, 0, 0, 0};
  for (unsigned i = 0; i < e; ++i) v = double_mod(v, p);
  return v;
}

}  // namespace field_detail

template <class Config>
class PrimeField {
 public:
  static constexpr U256 kModulus = Config::kModulus;
  static constexpr unsigned kBits = u256_bit_length(kModulus);
  static constexpr size_t kBytes = 32;
  static_assert(kModulus[3] < (uint64_t{1} << 62), "the no-carry Montgomery product needs p < 2^254");
  static constexpr MontgomeryModulus kMontgomery = make_montgomery_modulus(kModulus);
  static constexpr U256 kR = field_detail::pow2_mod(256, kModulus);   // Montgomery form of 1
  static constexpr U256 kR2 = field_detail::pow2_mod(512, kModulus);  // converts into Montgomery form

  constexpr PrimeField() = default;  // zero

  static constexpr PrimeField zero() { return PrimeField(); }
  static constexpr PrimeField one() { return from_montgomery(kR); }
  static constexpr PrimeField from_u64(uint64_t v) { return from_canonical_unchecked({v, 0, 0, 0}); }
  static constexpr PrimeField from_i64(int64_t v) {
    return v >= 0 ? from_u64(static_cast<uint64_t>(v)) : -from_u64(~static_cast<uint64_t>(v) + 1);
  }
  // The element with canonical value `v`; v must be < p.
  static constexpr PrimeField from_canonical_unchecked(const U256& v) {
    return from_montgomery(mul_raw(v, kR2));
  }
  // The element with Montgomery representation `m` (m < p), e.g. for deserialising tables.
  static constexpr PrimeField from_montgomery(const U256& m) {
    PrimeField f;
    f.v_ = m;
    return f;
  }
  // The element with canonical value `v`, or an error when v >= p.
  static Result<PrimeField> from_canonical(const U256& v) {
    if (u256_compare(v, kModulus) >= 0) {
      return Status::error(std::string(Config::kName) + " element is not canonical (value >= modulus)");
    }
    return from_canonical_unchecked(v);
  }
  // Decodes 32 big-endian bytes; rejects values >= p (no silent reduction).
  static Result<PrimeField> from_bytes_be(std::span<const uint8_t> bytes) {
    if (bytes.size() != kBytes) {
      return Status::error(std::string(Config::kName) + " element must be 32 bytes, got " +
                           std::to_string(bytes.size()));
    }
    return from_canonical(u256_from_bytes_be(bytes.data()));
  }
  // Interprets 64 big-endian bytes (e.g. a hash) as an integer and reduces it mod p.
  // The bias of the result is below 2^-250, so it is uniform for all purposes here.
  static PrimeField from_wide_bytes_be(std::span<const uint8_t, 64> bytes) {
    U256 hi = reduce_once_to_canonical(u256_from_bytes_be(bytes.data()));
    U256 lo = reduce_once_to_canonical(u256_from_bytes_be(bytes.data() + 32));
    // hi·2^256 + lo: from_montgomery(hi) is hi·R^-1; times R^2·R^-1... use R2 twice.
    PrimeField high = from_canonical_unchecked(hi) * from_montgomery(kR2);
    return high + from_canonical_unchecked(lo);
  }
  // A uniformly random element from `rng`.
  static PrimeField random(Rng& rng) {
    std::array<uint8_t, 64> bytes{};
    rng.fill(bytes);
    return from_wide_bytes_be(bytes);
  }

  // The canonical integer value (not the Montgomery form).
  constexpr U256 to_canonical() const { return mul_raw(v_, U256{1, 0, 0, 0}); }
  constexpr const U256& montgomery() const { return v_; }
  std::array<uint8_t, 32> to_bytes_be() const {
    std::array<uint8_t, 32> out{};
    u256_to_bytes_be(to_canonical(), out.data());
    return out;
  }

  constexpr bool is_zero() const { return u256_is_zero(v_); }
  constexpr bool is_one() const { return *this == one(); }
  // Limb-wise, without a branch (std::array's == becomes a memcmp call).
  [[gnu::always_inline]] constexpr bool operator==(const PrimeField& o) const {
    return ((v_[0] ^ o.v_[0]) | (v_[1] ^ o.v_[1]) | (v_[2] ^ o.v_[2]) | (v_[3] ^ o.v_[3])) == 0;
  }

  // The arithmetic below is branch-free (constant time in the values) and
  // always inlined: called out of line, the 32-byte results would go through
  // memory and the calls would cost more than the arithmetic. Assembly at
  // run time on x86-64 (montgomery_add.hpp, montgomery_mul.hpp,
  // montgomery_square.hpp), portable code in constant evaluation.

  // this + o, this − o, −this, this·o.
  [[gnu::always_inline]] constexpr PrimeField operator+(const PrimeField& o) const {
    return from_montgomery(mod_add<kMontgomery>(v_, o.v_));
  }
  [[gnu::always_inline]] constexpr PrimeField operator-(const PrimeField& o) const {
    return from_montgomery(mod_sub<kMontgomery>(v_, o.v_));
  }
  [[gnu::always_inline]] constexpr PrimeField operator-() const { return from_montgomery(mod_neg<kMontgomery>(v_)); }
  [[gnu::always_inline]] constexpr PrimeField operator*(const PrimeField& o) const {
    return from_montgomery(mul_raw(v_, o.v_));
  }
  [[gnu::always_inline]] constexpr PrimeField& operator+=(const PrimeField& o) { return *this = *this + o; }
  [[gnu::always_inline]] constexpr PrimeField& operator-=(const PrimeField& o) { return *this = *this - o; }
  [[gnu::always_inline]] constexpr PrimeField& operator*=(const PrimeField& o) { return *this = *this * o; }

  // 2·this.
  [[gnu::always_inline]] constexpr PrimeField doubled() const {
    return from_montgomery(mod_add<kMontgomery>(v_, v_));
  }
  // this/2 (p is odd).
  [[gnu::always_inline]] constexpr PrimeField halved() const { return from_montgomery(mod_halve<kMontgomery>(v_)); }
  // this², by the dedicated Montgomery squaring (10 limb products instead of 16).
  [[gnu::always_inline]] constexpr PrimeField squared() const { return from_montgomery(mont_sqr<kMontgomery>(v_)); }

  // (a + b)·c, and (a + b)·(c + d) below: the same values as the operators
  // give, with the sums fed to the product unreduced (lazy_add: below 2p,
  // which the Montgomery product accepts), one conditional subtraction per
  // sum cheaper. For Karatsuba-style formulas such as Fq2's product.
  [[gnu::always_inline]] static constexpr PrimeField sum_times(const PrimeField& a, const PrimeField& b,
                                                               const PrimeField& c) {
    return from_montgomery(mul_raw(lazy_add(a.v_, b.v_), c.v_));
  }
  [[gnu::always_inline]] static constexpr PrimeField sum_times_sum(const PrimeField& a, const PrimeField& b,
                                                                   const PrimeField& c, const PrimeField& d) {
    return from_montgomery(mul_raw(lazy_add(a.v_, b.v_), lazy_add(c.v_, d.v_)));
  }

  // this^e for an exponent given as a 256-bit integer (variable time in e).
  constexpr PrimeField pow(const U256& e) const {
    PrimeField acc = one();
    for (int i = static_cast<int>(u256_bit_length(e)) - 1; i >= 0; --i) {
      acc = acc.squared();
      if (u256_bit(e, static_cast<unsigned>(i))) acc *= *this;
    }
    return acc;
  }
  constexpr PrimeField pow(uint64_t e) const { return pow(U256{e, 0, 0, 0}); }

  // Multiplicative inverse; the inverse of zero is zero, which callers that
  // care must rule out first. Constant time in the value: Bernstein–Yang
  // safegcd at run time (modular_inverse.hpp), Fermat's a^(p-2) in constant
  // evaluation.
  constexpr PrimeField inverse() const {
    if (std::is_constant_evaluated()) return pow(kModulusMinus2);
    return from_montgomery(safegcd_inverse(v_, kR2, kSafegcd));
  }

  // Replaces every non-zero element by its inverse with one inversion and
  // 3(n-1) multiplications (Montgomery's trick); zeros stay zero.
  static void batch_inverse(std::span<PrimeField> values) {
    std::vector<PrimeField> prefix(values.size());
    PrimeField acc = one();
    for (size_t i = 0; i < values.size(); ++i) {
      prefix[i] = acc;
      if (!values[i].is_zero()) acc *= values[i];
    }
    acc = acc.inverse();
    for (size_t i = values.size(); i-- > 0;) {
      if (values[i].is_zero()) continue;
      PrimeField inv = acc * prefix[i];
      acc *= values[i];
      values[i] = inv;
    }
  }

  // Legendre symbol (a/p): 1 for a non-zero square, -1 for a non-square, 0 for zero.
  constexpr int legendre() const {
    if (is_zero()) return 0;
    return pow(kModulusMinus1Over2).is_one() ? 1 : -1;
  }

  // A square root when one exists (which of the two is unspecified).
  // p ≡ 3 mod 4 takes a^((p+1)/4); otherwise Tonelli–Shanks (Cohen, A Course
  // in Computational Algebraic Number Theory, Alg. 1.5.1).
  constexpr bool sqrt(PrimeField& root) const {
    if (is_zero()) {
      root = zero();
      return true;
    }
    if constexpr ((kModulus[0] & 3) == 3) {
      PrimeField candidate = pow(kModulusPlus1Over4);
      if (candidate.squared() != *this) return false;
      root = candidate;
      return true;
    } else {
      if (legendre() != 1) return false;
      // p - 1 = 2^s·q with q odd; c generates the 2-Sylow subgroup.
      constexpr PrimeField kC = find_quadratic_non_residue().pow(kOddPartOfPMinus1);
      unsigned m = kTwoAdicityOfPMinus1;
      PrimeField c = kC;
      PrimeField t = pow(kOddPartOfPMinus1);
      PrimeField r = pow(u256_shr1(kOddPartOfPMinus1)) * *this;  // a^((q+1)/2)
      while (!t.is_one()) {
        unsigned i = 0;
        PrimeField t2 = t;
        while (!t2.is_one()) {
          t2 = t2.squared();
          ++i;
        }
        PrimeField b = c;
        for (unsigned j = 0; j + 1 < m - i; ++j) b = b.squared();
        m = i;
        c = b.squared();
        t *= c;
        r *= b;
      }
      root = r;
      return true;
    }
  }

  // True when the canonical value exceeds (p-1)/2: the "larger" of ±a, used
  // by compressed point encodings to say which root y is.
  constexpr bool is_lexicographically_largest() const {
    return u256_compare(to_canonical(), kModulusMinus1Over2) > 0;
  }

  // Decimal text of the canonical value, for diagnostics.
  std::string to_string() const {
    U256 v = to_canonical();
    std::string digits;
    do {
      u128 rem = 0;
      for (int i = 3; i >= 0; --i) {
        u128 cur = rem << 64 | v[i];
        v[i] = static_cast<uint64_t>(cur / 10);
        rem = cur % 10;
      }
      digits.insert(digits.begin(), static_cast<char>('0' + rem));
    } while (!u256_is_zero(v));
    return digits;
  }

  // For fields whose Config declares kTwoAdicity and kGenerator (a
  // multiplicative generator): a primitive 2^kTwoAdicity-th root of unity,
  // g^((p-1)/2^s), derived at compile time.
  static constexpr PrimeField two_adic_root_of_unity()
    requires requires { Config::kTwoAdicity; Config::kGenerator; }
  {
    static_assert(Config::kTwoAdicity == kTwoAdicityOfPMinus1, "Config::kTwoAdicity disagrees with p - 1");
    constexpr PrimeField kRoot = from_u64(Config::kGenerator).pow(kOddPartOfPMinus1);
    return kRoot;
  }

 private:
  static constexpr SafegcdModulus kSafegcd = make_safegcd_modulus(kModulus);

  [[gnu::always_inline]] static constexpr U256 mul_raw(const U256& a, const U256& b) {
    return mont_mul<kMontgomery>(a, b);
  }
  static constexpr U256 reduce_once_to_canonical(U256 v) {
    while (u256_compare(v, kModulus) >= 0) u256_sub(v, v, kModulus);
    return v;
  }
  static constexpr U256 minus_small(uint64_t s) {
    U256 r{};
    u256_sub(r, kModulus, U256{s, 0, 0, 0});
    return r;
  }
  static constexpr U256 kModulusMinus1 = minus_small(1);
  static constexpr U256 kModulusMinus2 = minus_small(2);
  static constexpr U256 kModulusMinus1Over2 = u256_shr1(kModulusMinus1);
  // (p+1)/4 = ((p-1) >> 2) + 1 when p ≡ 3 mod 4.
  static constexpr U256 kModulusPlus1Over4 = [] {
    U256 e = u256_shr1(u256_shr1(kModulusMinus1));
    u256_add(e, e, U256{1, 0, 0, 0});
    return e;
  }();

  static constexpr unsigned two_adicity_of_p_minus_1() {
    unsigned s = 0;
    while (!u256_bit(kModulusMinus1, s)) ++s;
    return s;
  }
  static constexpr unsigned kTwoAdicityOfPMinus1 = two_adicity_of_p_minus_1();
  static constexpr U256 odd_part_of_p_minus_1() {
    U256 q = kModulusMinus1;
    for (unsigned i = 0; i < kTwoAdicityOfPMinus1; ++i) q = u256_shr1(q);
    return q;
  }
  static constexpr U256 kOddPartOfPMinus1 = odd_part_of_p_minus_1();
  static constexpr PrimeField find_quadratic_non_residue() {
    for (uint64_t g = 2;; ++g) {
      if (from_u64(g).legendre() == -1) return from_u64(g);
    }
  }

  U256 v_{};
};

}  // namespace zkfl::plonk
