#include "plonk/field/modular_inverse.hpp"

namespace zkfl::plonk {

namespace {

using i128 = __int128;

constexpr uint64_t kM62 = UINT64_MAX >> 2;

// A signed integer as Σ v[i]·2^(62i): v[0..3] in [0, 2^62) after each update,
// v[4] signed (it carries the sign and the top bits).
struct Signed62 {
  int64_t v[5];
};

// The 2×2 transition matrix of a batch of divsteps, scaled by 2^62:
// after the batch, 2^62·(f', g') = (u·f + v·g, q·f + r·g).
struct Transition {
  int64_t u, v, q, r;
};

// Returns x unchanged, opaque to the optimiser, so that masked selections
// are not turned back into branches.
inline uint64_t value_barrier(uint64_t x) {
#if defined(__GNUC__)
  __asm__("" : "+r"(x));
#endif
  return x;
}

// 59 "half-delta" divsteps on the low 64 bits of f (odd) and g, which
// determine them exactly (Bernstein–Yang §3; Wuille §5, with
// ζ = −(δ + 1/2)). Each step: if ζ < 0 and g is odd, (f, g) := (g, (g − f)/2)
// and ζ := −ζ − 2; else if g is odd, g := (g + f)/2 and ζ := ζ − 1; else
// g := g/2 and ζ := ζ − 1. The matrix starts as 8·I (2^3) so that it ends
// scaled by 2^62; its entries stay within [−2^62, 2^62], kept as unsigned
// words so that the shifts are defined. Returns the new ζ.
int64_t divsteps_59(int64_t zeta, uint64_t f, uint64_t g, Transition& t) {
  uint64_t u = 8, v = 0, q = 0, r = 8;
  for (int i = 3; i < 62; ++i) {
    const uint64_t neg = value_barrier(static_cast<uint64_t>(zeta >> 63));  // all ones when ζ < 0
    const uint64_t odd = value_barrier(~(g & 1) + 1);                        // all ones when g is odd
    // x, y, z: f, u, v negated when ζ < 0; added to g, q, r when g is odd.
    const uint64_t x = (f ^ neg) - neg;
    const uint64_t y = (u ^ neg) - neg;
    const uint64_t z = (v ^ neg) - neg;
    g += x & odd;
    q += y & odd;
    r += z & odd;
    // The swap case: ζ < 0 and g odd. Then f, u, v take the old g, q, r
    // (g − f + f = g) and ζ becomes −ζ − 2; otherwise ζ − 1.
    const uint64_t swap = neg & odd;
    zeta = (zeta ^ static_cast<int64_t>(swap)) - 1;
    f += g & swap;
    u += q & swap;
    v += r & swap;
    g >>= 1;
    u <<= 1;
    v <<= 1;
  }
  t = Transition{static_cast<int64_t>(u), static_cast<int64_t>(v), static_cast<int64_t>(q), static_cast<int64_t>(r)};
  return zeta;
}

// (d, e) := (t·(d, e) + p·(md, me))/2^62, with md, me chosen so that the
// division is exact (Wuille §7-8). Keeps d, e in (−2p, p) when they start
// there: md, me start at u or v (q or r) for each of d, e that is negative,
// which keeps the result above −2p.
void update_de(Signed62& d, Signed62& e, const Transition& t, const SafegcdModulus& m) {
  const int64_t u = t.u, v = t.v, q = t.q, r = t.r;
  const int64_t sd = static_cast<int64_t>(value_barrier(static_cast<uint64_t>(d.v[4] >> 63)));
  const int64_t se = static_cast<int64_t>(value_barrier(static_cast<uint64_t>(e.v[4] >> 63)));
  int64_t md = (u & sd) + (v & se);
  int64_t me = (q & sd) + (r & se);
  i128 cd = static_cast<i128>(u) * d.v[0] + static_cast<i128>(v) * e.v[0];
  i128 ce = static_cast<i128>(q) * d.v[0] + static_cast<i128>(r) * e.v[0];
  // Make the low 62 bits of t·(d, e) + p·(md, me) zero.
  md -= static_cast<int64_t>((m.p_inv62 * static_cast<uint64_t>(cd) + static_cast<uint64_t>(md)) & kM62);
  me -= static_cast<int64_t>((m.p_inv62 * static_cast<uint64_t>(ce) + static_cast<uint64_t>(me)) & kM62);
  cd += static_cast<i128>(m.p62[0]) * md;
  ce += static_cast<i128>(m.p62[0]) * me;
  cd >>= 62;
  ce >>= 62;
  for (int i = 1; i < 5; ++i) {
    cd += static_cast<i128>(u) * d.v[i] + static_cast<i128>(v) * e.v[i] + static_cast<i128>(m.p62[i]) * md;
    ce += static_cast<i128>(q) * d.v[i] + static_cast<i128>(r) * e.v[i] + static_cast<i128>(m.p62[i]) * me;
    d.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cd) & kM62);
    e.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(ce) & kM62);
    cd >>= 62;
    ce >>= 62;
  }
  d.v[4] = static_cast<int64_t>(cd);
  e.v[4] = static_cast<int64_t>(ce);
}

// (f, g) := t·(f, g)/2^62; the division is exact by construction of t.
void update_fg(Signed62& f, Signed62& g, const Transition& t) {
  const int64_t u = t.u, v = t.v, q = t.q, r = t.r;
  i128 cf = static_cast<i128>(u) * f.v[0] + static_cast<i128>(v) * g.v[0];
  i128 cg = static_cast<i128>(q) * f.v[0] + static_cast<i128>(r) * g.v[0];
  cf >>= 62;
  cg >>= 62;
  for (int i = 1; i < 5; ++i) {
    cf += static_cast<i128>(u) * f.v[i] + static_cast<i128>(v) * g.v[i];
    cg += static_cast<i128>(q) * f.v[i] + static_cast<i128>(r) * g.v[i];
    f.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cf) & kM62);
    g.v[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(cg) & kM62);
    cf >>= 62;
    cg >>= 62;
  }
  f.v[4] = static_cast<int64_t>(cf);
  g.v[4] = static_cast<int64_t>(cg);
}

// Carries so that limbs 0..3 are in [0, 2^62) again (limb 4 takes the rest).
void propagate(int64_t (&r)[5]) {
  for (int i = 0; i < 4; ++i) {
    r[i + 1] += r[i] >> 62;
    r[i] &= static_cast<int64_t>(kM62);
  }
}

// r in (−2p, p), negated when `sign` < 0, brought to [0, p) (Wuille §9).
void normalize(Signed62& d, int64_t sign, const SafegcdModulus& m) {
  int64_t (&r)[5] = d.v;
  // r < 0: add p, giving (−p, p).
  int64_t add = static_cast<int64_t>(value_barrier(static_cast<uint64_t>(r[4] >> 63)));
  for (int i = 0; i < 5; ++i) r[i] += m.p62[i] & add;
  // Negate when asked (limb-wise; the limbs are in (−2^62, 2^62), no overflow).
  const int64_t negate = static_cast<int64_t>(value_barrier(static_cast<uint64_t>(sign >> 63)));
  for (int i = 0; i < 5; ++i) r[i] = (r[i] ^ negate) - negate;
  propagate(r);
  // Still negative: add p once more, giving [0, p).
  add = static_cast<int64_t>(value_barrier(static_cast<uint64_t>(r[4] >> 63)));
  for (int i = 0; i < 5; ++i) r[i] += m.p62[i] & add;
  propagate(r);
}

Signed62 to_signed62(const U256& a) {
  return Signed62{{static_cast<int64_t>(a[0] & kM62), static_cast<int64_t>((a[0] >> 62 | a[1] << 2) & kM62),
                   static_cast<int64_t>((a[1] >> 60 | a[2] << 4) & kM62),
                   static_cast<int64_t>((a[2] >> 58 | a[3] << 6) & kM62), static_cast<int64_t>(a[3] >> 56)}};
}

// For a value in [0, 2^256) with limbs 0..3 in [0, 2^62).
U256 from_signed62(const Signed62& s) {
  const auto limb = [&s](int i) { return static_cast<uint64_t>(s.v[i]); };
  return U256{limb(0) | limb(1) << 62, limb(1) >> 2 | limb(2) << 60, limb(2) >> 4 | limb(3) << 58,
              limb(3) >> 6 | limb(4) << 56};
}

}  // namespace

U256 safegcd_inverse(const U256& x, const U256& scale, const SafegcdModulus& m) {
  // Invariants (mod p): f ≡ d·x/scale and g ≡ e·x/scale. They start with
  // f = p (d = 0) and g = x (e = scale); when g reaches 0, f = ±gcd(p, x)
  // = ±1 and d ≡ ±scale/x.
  Signed62 d{{0, 0, 0, 0, 0}};
  Signed62 e = to_signed62(scale);
  Signed62 f{{m.p62[0], m.p62[1], m.p62[2], m.p62[3], m.p62[4]}};
  Signed62 g = to_signed62(x);
  int64_t zeta = -1;  // δ = 1/2
  for (int i = 0; i < 10; ++i) {  // 10·59 = 590 divsteps
    Transition t;
    zeta = divsteps_59(zeta, static_cast<uint64_t>(f.v[0]), static_cast<uint64_t>(g.v[0]), t);
    update_de(d, e, t, m);
    update_fg(f, g, t);
  }
  normalize(d, f.v[4], m);
  return from_signed62(d);
}

}  // namespace zkfl::plonk
