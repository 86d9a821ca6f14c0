// Eight Fr elements at once on AVX-512 IFMA (VPMADD52LUQ/VPMADD52HUQ), for the
// NTT passes in ntt_passes_ifma.cpp. Only that file includes this header, and
// only calls into it after ntt_detail::kernel_available(kAvx512Ifma).
//
// Representation: a Vec holds 8 lanes; lane value = Σ_j limb[j]·2^(52j) with
// five limbs (260 bits), "normalised" when every limb is below 2^52.
// Multiplication is Montgomery's with R' = 2^260, one 52-bit word per step
// (P. L. Montgomery, "Modular multiplication without trial division", Math.
// Comp. 44, 1985; the 52-bit IFMA layout follows S. Gueron, V. Krasnov,
// "Accelerating big integer arithmetic using Intel IFMA extensions", ARITH
// 2016). Data keep Fr's own Montgomery form a·2^256 mod p; constants they are
// multiplied by are stored as c·2^260 mod p ("R'-form"), so that
//   mont_mul(a·2^256, c·2^260) = a·c·2^256: the Fr representation of a·c.
//
// Value bounds (p < 2^254; checked in the comments where they are used):
//   - NTT values in flight lie in [0, 2p); their limbs may be unnormalised
//     (|limb| < 2^57, the top one possibly -1) and are normalised wherever
//     IFMA reads them or their sign is needed (normalise() handles both signs);
//   - mont_mul_lazy(a, b) with normalised a, b and a·b < 2^260·p returns a
//     value < 2p, since it is (a·b + m·p)/2^260 < a·b/2^260 + p (mont_mul
//     also normalises it).
#pragma once

#if defined(__x86_64__)

// GCC 12's AVX-512 intrinsics pass _mm512_undefined_epi32() as the unused
// merge operand, which its -Wmaybe-uninitialized then reports at every use
// (GCC bug 105593, fixed in GCC 13); the warning is silenced for those headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop

#include <cstdint>

#include "plonk/field/fr.hpp"

#define ZKFL_IFMA_TARGET __attribute__((target("avx512f,avx512ifma"), always_inline)) inline
#define ZKFL_IFMA_FUNCTION __attribute__((target("avx512f,avx512ifma")))

namespace zkfl::plonk::ifma {

inline constexpr uint64_t kLimbMask = (uint64_t{1} << 52) - 1;

// One field element (or constant) as five 52-bit limbs.
struct Limbs {
  uint64_t v[5];
};

// The limbs of a 256-bit integer.
constexpr Limbs to_limbs(const U256& x) {
  return Limbs{{x[0] & kLimbMask, ((x[0] >> 52) | (x[1] << 12)) & kLimbMask,
                ((x[1] >> 40) | (x[2] << 24)) & kLimbMask, ((x[2] >> 28) | (x[3] << 36)) & kLimbMask, x[3] >> 16}};
}

// c·2^260 mod p, the R'-form of c: Fr's representation of 16·c is 16·c·2^256.
inline Limbs r_prime_form(const Fr& c) { return to_limbs((c * Fr::from_u64(16)).montgomery()); }

// Eight lanes of R'-form constants, limb-major (limb j of lane t at v[j][t]).
struct LaneLimbs {
  alignas(64) uint64_t v[5][8];
  void set(unsigned lane, const Limbs& limbs) {
    for (int j = 0; j < 5; ++j) v[j][lane] = limbs.v[j];
  }
};

namespace detail {
constexpr U256 times(const U256& x, unsigned k) {
  U256 acc{};
  for (unsigned i = 0; i < k; ++i) u256_add(acc, acc, x);
  return acc;
}
// -p^-1 mod 2^52 by Newton's iteration.
constexpr uint64_t neg_inverse_mod_2_52(uint64_t p0) {
  uint64_t inv = 1;
  for (int i = 0; i < 6; ++i) inv *= 2 - p0 * inv;
  return (~inv + 1) & kLimbMask;
}
}  // namespace detail

inline constexpr Limbs kP = to_limbs(Fr::kModulus);
inline constexpr Limbs kTwoP = to_limbs(detail::times(Fr::kModulus, 2));
inline constexpr uint64_t kPInv52 = detail::neg_inverse_mod_2_52(Fr::kModulus[0]);

// alignas: a translation unit compiled without AVX-512 would otherwise give
// __m512i (and so Vec) only 16-byte alignment, while code compiled for
// AVX-512 stores Vecs with aligned 64-byte moves.
struct alignas(64) Vec {
  __m512i limb[5];
};

ZKFL_IFMA_TARGET Vec broadcast(const Limbs& c) {
  Vec r;
  for (int j = 0; j < 5; ++j) r.limb[j] = _mm512_set1_epi64(static_cast<long long>(c.v[j]));
  return r;
}

ZKFL_IFMA_TARGET Vec load_lanes(const LaneLimbs& c) {
  Vec r;
  for (int j = 0; j < 5; ++j) r.limb[j] = _mm512_load_si512(c.v[j]);
  return r;
}

// Carry propagation from limb 0 upwards. The arithmetic shift makes it exact
// for limbs of either sign: limbs 0..3 end in [0, 2^52) and limb 4 takes the
// rest, so it is negative exactly when the total value is.
ZKFL_IFMA_TARGET void normalise(Vec& a) {
  const __m512i mask = _mm512_set1_epi64(kLimbMask);
  for (int j = 0; j < 4; ++j) {
    const __m512i carry = _mm512_srai_epi64(a.limb[j], 52);
    a.limb[j] = _mm512_and_si512(a.limb[j], mask);
    a.limb[j + 1] = _mm512_add_epi64(a.limb[j + 1], carry);
  }
}

// a - c for a normalised a and a constant c (limb-wise, then normalised);
// returns the per-lane mask of lanes where a < c (where the result is negative).
ZKFL_IFMA_TARGET __mmask8 subtract_constant(Vec& out, const Vec& a, const Limbs& c) {
  for (int j = 0; j < 5; ++j) {
    out.limb[j] = _mm512_sub_epi64(a.limb[j], _mm512_set1_epi64(static_cast<long long>(c.v[j])));
  }
  // The limb-wise difference may be negative in total; normalising still
  // yields the right low limbs and a negative top limb exactly then.
  normalise(out);
  return _mm512_cmplt_epi64_mask(out.limb[4], _mm512_setzero_si512());
}

// a mod c-reduction step: a - c where that is non-negative, else a.
ZKFL_IFMA_TARGET Vec reduce_once(const Vec& a, const Limbs& c) {
  Vec diff;
  const __mmask8 negative = subtract_constant(diff, a, c);
  for (int j = 0; j < 5; ++j) diff.limb[j] = _mm512_mask_blend_epi64(negative, diff.limb[j], a.limb[j]);
  return diff;
}

// t + 2p in the lanes of `negative`, t elsewhere, limb-wise (no carries: for
// a normalised t >= -2p the result has limbs 0..3 below 2^53 and limb 4 >= -1).
ZKFL_IFMA_TARGET Vec add_2p_where(const Vec& t, __mmask8 negative) {
  Vec r;
  for (int j = 0; j < 5; ++j) {
    r.limb[j] = _mm512_mask_add_epi64(t.limb[j], negative, t.limb[j],
                                      _mm512_set1_epi64(static_cast<long long>(kTwoP.v[j])));
  }
  return r;
}

// (x + y) mod 2p for x, y in [0, 2p) (|limbs| < 2^57): t = x + y - 2p lies
// in [-2p, 2p); where it is negative, 2p is added back. Unnormalised result.
ZKFL_IFMA_TARGET Vec add_mod_2p(const Vec& x, const Vec& y) {
  Vec t;
  for (int j = 0; j < 5; ++j) {
    t.limb[j] = _mm512_sub_epi64(_mm512_add_epi64(x.limb[j], y.limb[j]),
                                 _mm512_set1_epi64(static_cast<long long>(kTwoP.v[j])));
  }
  normalise(t);
  return add_2p_where(t, _mm512_cmplt_epi64_mask(t.limb[4], _mm512_setzero_si512()));
}

// x - y + 2p for x, y in [0, 2p) (|limbs| < 2^57): normalised, in (0, 4p).
ZKFL_IFMA_TARGET Vec sub_plus_2p(const Vec& x, const Vec& y) {
  Vec d;
  for (int j = 0; j < 5; ++j) {
    d.limb[j] = _mm512_add_epi64(_mm512_sub_epi64(x.limb[j], y.limb[j]),
                                 _mm512_set1_epi64(static_cast<long long>(kTwoP.v[j])));
  }
  normalise(d);
  return d;
}

// (x - y) mod 2p for x, y in [0, 2p) (|limbs| < 2^57): t = x - y lies in
// (-2p, 2p); where it is negative, 2p is added back. Unnormalised result.
ZKFL_IFMA_TARGET Vec sub_mod_2p(const Vec& x, const Vec& y) {
  Vec t;
  for (int j = 0; j < 5; ++j) t.limb[j] = _mm512_sub_epi64(x.limb[j], y.limb[j]);
  normalise(t);
  return add_2p_where(t, _mm512_cmplt_epi64_mask(t.limb[4], _mm512_setzero_si512()));
}

// out[i] = a[i]·b[i]·2^-260 mod p for i < N, each below 2p but with limbs
// left unnormalised (each below 2^57), for normalised a[i], b[i] with
// a[i]·b[i] < 2^260·p. Word-serial Montgomery: for each limb b_k, t += a·b_k,
// then t += m·p with m = t_0·(-p^-1) mod 2^52 so that t_0 ≡ 0, and
// t /= 2^52. Limbs accumulate unnormalised (at most 4 products below 2^52
// each per step, 5 steps), so no carries are propagated inside the loop.
// Each step is a chain of dependent multiply-adds; computing N independent
// products step by step interleaves their chains (N = 2 is ~15% faster per
// product than N = 1 on Zen 5).
template <int N>
ZKFL_IFMA_TARGET void mont_mul_lazy_n(const Vec* a, const Vec* b, Vec* out) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i p_inv = _mm512_set1_epi64(static_cast<long long>(kPInv52));
  __m512i p[5];
  for (int j = 0; j < 5; ++j) p[j] = _mm512_set1_epi64(static_cast<long long>(kP.v[j]));
  __m512i t[N][6];
  for (int n = 0; n < N; ++n) {
    for (int j = 0; j < 5; ++j) t[n][j] = zero;
  }
  for (int k = 0; k < 5; ++k) {
    for (int n = 0; n < N; ++n) {
      const __m512i bk = b[n].limb[k];
      for (int j = 0; j < 5; ++j) t[n][j] = _mm512_madd52lo_epu64(t[n][j], a[n].limb[j], bk);
      t[n][5] = _mm512_madd52hi_epu64(zero, a[n].limb[4], bk);
      for (int j = 0; j < 4; ++j) t[n][j + 1] = _mm512_madd52hi_epu64(t[n][j + 1], a[n].limb[j], bk);
    }
    __m512i m[N];
    // IFMA reads the low 52 bits of t0, which is all m depends on.
    for (int n = 0; n < N; ++n) m[n] = _mm512_madd52lo_epu64(zero, t[n][0], p_inv);
    for (int n = 0; n < N; ++n) {
      for (int j = 0; j < 5; ++j) t[n][j] = _mm512_madd52lo_epu64(t[n][j], m[n], p[j]);
      for (int j = 0; j < 5; ++j) t[n][j + 1] = _mm512_madd52hi_epu64(t[n][j + 1], m[n], p[j]);
    }
    // t0 is now a multiple of 2^52: shift the accumulator down one limb.
    for (int n = 0; n < N; ++n) {
      t[n][0] = _mm512_add_epi64(t[n][1], _mm512_srli_epi64(t[n][0], 52));
      for (int j = 1; j < 5; ++j) t[n][j] = t[n][j + 1];
    }
  }
  for (int n = 0; n < N; ++n) {
    for (int j = 0; j < 5; ++j) out[n].limb[j] = t[n][j];
  }
}

// One product of mont_mul_lazy_n.
ZKFL_IFMA_TARGET Vec mont_mul_lazy(const Vec& a, const Vec& b) {
  Vec r;
  mont_mul_lazy_n<1>(&a, &b, &r);
  return r;
}

// mont_mul_lazy, normalised: for products that are multiplied again.
ZKFL_IFMA_TARGET Vec mont_mul(const Vec& a, const Vec& b) {
  Vec r = mont_mul_lazy(a, b);
  normalise(r);
  return r;
}

// The Gentleman–Sande butterfly (x, y) <- (x + y, (x - y)·w) on values in
// [0, 2p) with w a normalised R'-form constant below 2p: x - y + 2p < 4p,
// and 4p·2p < 2^260·p, so the product is again below 2p. x and y may have
// unnormalised limbs (below 2^57), and leave unnormalised.
ZKFL_IFMA_TARGET void dif_butterfly(Vec& x, Vec& y, const Vec& w) {
  const Vec d = sub_plus_2p(x, y);
  x = add_mod_2p(x, y);
  y = mont_mul_lazy(d, w);
}

// Two independent butterflies, their products interleaved (see mont_mul_lazy_n).
ZKFL_IFMA_TARGET void dif_butterfly_pair(Vec& x0, Vec& y0, const Vec& w0, Vec& x1, Vec& y1, const Vec& w1) {
  const Vec d[2] = {sub_plus_2p(x0, y0), sub_plus_2p(x1, y1)};
  const Vec w[2] = {w0, w1};
  x0 = add_mod_2p(x0, y0);
  x1 = add_mod_2p(x1, y1);
  Vec products[2];
  mont_mul_lazy_n<2>(d, w, products);
  y0 = products[0];
  y1 = products[1];
}

// (x, y) <- (x + y, x - y), all in [0, 2p).
ZKFL_IFMA_TARGET void dif_butterfly_unit(Vec& x, Vec& y) {
  const Vec d = sub_mod_2p(x, y);
  x = add_mod_2p(x, y);
  y = d;
}

// [0, 2p), limbs possibly unnormalised -> [0, p), normalised.
ZKFL_IFMA_TARGET Vec canonical(Vec a) {
  normalise(a);
  return reduce_once(a, kP);
}

// ---- Conversion between 8 Fr in memory (4 words each) and a Vec.

// Four vectors z0..z3 holding elements (e0,e1), (e2,e3), (e4,e5), (e6,e7),
// each element's four words in order, become w0..w3 with w_j = word j of e0..e7.
ZKFL_IFMA_TARGET void words_from_elements(const __m512i z[4], __m512i w[4]) {
  const __m512i even_words = _mm512_setr_epi64(0, 4, 8, 12, 1, 5, 9, 13);  // words 0, 1 of 4 elements
  const __m512i odd_words = _mm512_setr_epi64(2, 6, 10, 14, 3, 7, 11, 15);  // words 2, 3
  const __m512i a01 = _mm512_permutex2var_epi64(z[0], even_words, z[1]);
  const __m512i a23 = _mm512_permutex2var_epi64(z[0], odd_words, z[1]);
  const __m512i b01 = _mm512_permutex2var_epi64(z[2], even_words, z[3]);
  const __m512i b23 = _mm512_permutex2var_epi64(z[2], odd_words, z[3]);
  w[0] = _mm512_shuffle_i64x2(a01, b01, _MM_SHUFFLE(1, 0, 1, 0));
  w[1] = _mm512_shuffle_i64x2(a01, b01, _MM_SHUFFLE(3, 2, 3, 2));
  w[2] = _mm512_shuffle_i64x2(a23, b23, _MM_SHUFFLE(1, 0, 1, 0));
  w[3] = _mm512_shuffle_i64x2(a23, b23, _MM_SHUFFLE(3, 2, 3, 2));
}

// The inverse of words_from_elements.
ZKFL_IFMA_TARGET void elements_from_words(const __m512i w[4], __m512i z[4]) {
  const __m512i a01 = _mm512_shuffle_i64x2(w[0], w[1], _MM_SHUFFLE(1, 0, 1, 0));  // e0..3: w0, w1
  const __m512i b01 = _mm512_shuffle_i64x2(w[0], w[1], _MM_SHUFFLE(3, 2, 3, 2));  // e4..7: w0, w1
  const __m512i a23 = _mm512_shuffle_i64x2(w[2], w[3], _MM_SHUFFLE(1, 0, 1, 0));
  const __m512i b23 = _mm512_shuffle_i64x2(w[2], w[3], _MM_SHUFFLE(3, 2, 3, 2));
  const __m512i first = _mm512_setr_epi64(0, 4, 8, 12, 1, 5, 9, 13);   // (e0, e1) of a01:a23
  const __m512i second = _mm512_setr_epi64(2, 6, 10, 14, 3, 7, 11, 15);  // (e2, e3)
  z[0] = _mm512_permutex2var_epi64(a01, first, a23);
  z[1] = _mm512_permutex2var_epi64(a01, second, a23);
  z[2] = _mm512_permutex2var_epi64(b01, first, b23);
  z[3] = _mm512_permutex2var_epi64(b01, second, b23);
}

ZKFL_IFMA_TARGET Vec vec_from_words(const __m512i w[4]) {
  const __m512i mask = _mm512_set1_epi64(kLimbMask);
  Vec r;
  r.limb[0] = _mm512_and_si512(w[0], mask);
  r.limb[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[0], 52), _mm512_slli_epi64(w[1], 12)), mask);
  r.limb[2] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[1], 40), _mm512_slli_epi64(w[2], 24)), mask);
  r.limb[3] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[2], 28), _mm512_slli_epi64(w[3], 36)), mask);
  r.limb[4] = _mm512_srli_epi64(w[3], 16);
  return r;
}

// For a normalised value below 2^256.
ZKFL_IFMA_TARGET void words_from_vec(const Vec& a, __m512i w[4]) {
  w[0] = _mm512_or_si512(a.limb[0], _mm512_slli_epi64(a.limb[1], 52));
  w[1] = _mm512_or_si512(_mm512_srli_epi64(a.limb[1], 12), _mm512_slli_epi64(a.limb[2], 40));
  w[2] = _mm512_or_si512(_mm512_srli_epi64(a.limb[2], 24), _mm512_slli_epi64(a.limb[3], 28));
  w[3] = _mm512_or_si512(_mm512_srli_epi64(a.limb[3], 36), _mm512_slli_epi64(a.limb[4], 16));
}

// Eight consecutive elements src[0..8) (Fr values below p, or any value below 2^256).
ZKFL_IFMA_TARGET Vec load_contiguous(const Fr* src) {
  const auto* bytes = reinterpret_cast<const char*>(src);
  __m512i z[4], w[4];
  for (int i = 0; i < 4; ++i) z[i] = _mm512_loadu_si512(bytes + 64 * i);
  words_from_elements(z, w);
  return vec_from_words(w);
}

// Stores a normalised value below 2^256 (canonical when it is below p) to dst[0..8).
ZKFL_IFMA_TARGET void store_contiguous(Fr* dst, const Vec& a) {
  auto* bytes = reinterpret_cast<char*>(dst);
  __m512i w[4], z[4];
  words_from_vec(a, w);
  elements_from_words(w, z);
  for (int i = 0; i < 4; ++i) _mm512_storeu_si512(bytes + 64 * i, z[i]);
}

// src[t·stride] for t < 8.
ZKFL_IFMA_TARGET Vec load_strided(const Fr* src, size_t stride) {
  __m512i z[4], w[4];
  for (int i = 0; i < 4; ++i) {
    const auto* lo = reinterpret_cast<const __m256i*>(src + (2 * i) * stride);
    const auto* hi = reinterpret_cast<const __m256i*>(src + (2 * i + 1) * stride);
    z[i] = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256(lo)), _mm256_loadu_si256(hi), 1);
  }
  words_from_elements(z, w);
  return vec_from_words(w);
}

// dst[t·stride] = lane t for t < 8.
ZKFL_IFMA_TARGET void store_strided(Fr* dst, size_t stride, const Vec& a) {
  __m512i w[4], z[4];
  words_from_vec(a, w);
  elements_from_words(w, z);
  for (int i = 0; i < 4; ++i) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + (2 * i) * stride), _mm512_castsi512_si256(z[i]));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + (2 * i + 1) * stride), _mm512_extracti64x4_epi64(z[i], 1));
  }
}

// Lane t <- lane 7 - t.
ZKFL_IFMA_TARGET Vec reverse_lanes(const Vec& a) {
  const __m512i order = _mm512_setr_epi64(7, 6, 5, 4, 3, 2, 1, 0);
  Vec r;
  for (int j = 0; j < 5; ++j) r.limb[j] = _mm512_permutexvar_epi64(order, a.limb[j]);
  return r;
}

}  // namespace zkfl::plonk::ifma

#endif  // __x86_64__
