#include "plonk/curve/pairing.hpp"

#include <cassert>

namespace zkfl::plonk {

namespace {

using pairing_detail::kAteLoopNaf;

// 3b' for the twist E': y² = x³ + b', b' = 3/ξ.
constexpr Fq2 kThreeTwistB = G2Config::kB + G2Config::kB + G2Config::kB;

// A point of E'(Fq2) in homogeneous projective coordinates: (X/Z, Y/Z).
struct HomogeneousG2 {
  Fq2 x, y, z;
};

// T := 2T and the tangent line at T, for the D-type twist (Aranha et al.
// 2011, eq. (10), as in Costello–Lange–Naehrig 2010): 3M + 6S + 1 product by 3b'.
LineCoeffs doubling_step(HomogeneousG2& t) {
  const Fq2 a = (t.x * t.y).halved();             // XY/2
  const Fq2 b = t.y.squared();                    // Y²
  const Fq2 c = t.z.squared();                    // Z²
  const Fq2 e = c * kThreeTwistB;                 // 3b'Z²
  const Fq2 f = e.doubled() + e;                  // 3E
  const Fq2 g = (b + f).halved();                 // (B + F)/2
  const Fq2 h = (t.y + t.z).squared() - (b + c);  // 2YZ
  const Fq2 i = e - b;                            // 3b'Z² − Y²
  const Fq2 j = t.x.squared();                    // X²
  const Fq2 e2 = e.squared();
  t.x = a * (b - f);
  t.y = g.squared() - (e2.doubled() + e2);
  t.z = b * h;
  return LineCoeffs{-h, j.doubled() + j, i};
}

// T := T + Q (Q affine) and the line through T and Q (Aranha et al. 2011,
// eq. (11)): 11M + 2S.
LineCoeffs addition_step(HomogeneousG2& t, const G2Affine& q) {
  const Fq2 theta = t.y - q.y * t.z;
  const Fq2 lambda = t.x - q.x * t.z;
  const Fq2 c = theta.squared();
  const Fq2 d = lambda.squared();
  const Fq2 e = lambda * d;
  const Fq2 f = t.z * c;
  const Fq2 g = t.x * d;
  const Fq2 h = e + f - g.doubled();
  const Fq2 j = theta * q.x - lambda * q.y;
  t.x = lambda * h;
  t.y = theta * (g - h) - e * t.y;
  t.z = t.z * e;
  return LineCoeffs{lambda, -theta, j};
}

// A line with precomputed coefficients evaluated at P: (c0·yP, c3·xP, c4).
inline LineCoeffs evaluate_line(const LineCoeffs& l, const G1Affine& p) {
  return LineCoeffs{l.c0 * p.y, l.c3 * p.x, l.c4};
}

// f · ∏ lines, multiplying the lines together two at a time first (6 + 17
// Fq2 products per pair instead of 2·13). When f_is_one, f is replaced.
void multiply_by_lines(Fq12& f, bool& f_is_one, std::span<const LineCoeffs> lines) {
  size_t i = 0;
  for (; i + 1 < lines.size(); i += 2) {
    const LineCoeffs& a = lines[i];
    const LineCoeffs& b = lines[i + 1];
    const Fq12 ab = Fq12::mul_034_by_034(a.c0, a.c3, a.c4, b.c0, b.c3, b.c4);
    f = f_is_one ? ab : f.mul_by_01234(ab);
    f_is_one = false;
  }
  if (i < lines.size()) {
    const LineCoeffs& a = lines[i];
    f = f_is_one ? Fq12(Fq6(a.c0, Fq2::zero(), Fq2::zero()), Fq6(a.c3, a.c4, Fq2::zero()))
                 : f.mul_by_034(a.c0, a.c3, a.c4);
    f_is_one = false;
  }
}

size_t line_count() {
  size_t n = 2;  // the two Frobenius lines
  for (size_t i = 0; i + 1 < kAteLoopNaf.size; ++i) n += kAteLoopNaf.digits[i] != 0 ? 2 : 1;
  return n;
}

}  // namespace

namespace pairing_detail {

G2Affine twist_frobenius(const G2Affine& q) {
  if (q.is_identity()) return q;
  return G2Affine(q.x.conjugate() * kFrobeniusGamma[1][2], q.y.conjugate() * kFrobeniusGamma[1][3]);
}

}  // namespace pairing_detail

G2Prepared::G2Prepared(const G2Affine& q) {
  if (q.is_identity()) return;
  assert(q.is_on_curve());
  auto lines = std::make_shared<std::vector<LineCoeffs>>();
  lines->reserve(line_count());
  const G2Affine neg_q = -q;
  HomogeneousG2 t{q.x, q.y, Fq2::one()};
  for (size_t i = kAteLoopNaf.size - 1; i-- > 0;) {
    lines->push_back(doubling_step(t));
    const int8_t digit = kAteLoopNaf.digits[i];
    if (digit == 1) lines->push_back(addition_step(t, q));
    if (digit == -1) lines->push_back(addition_step(t, neg_q));
  }
  // T = [6x + 2]Q now; add Q1 = π(Q) and Q2 = −π²(Q) (Vercauteren 2010, §IV.B).
  const G2Affine q1 = pairing_detail::twist_frobenius(q);
  const G2Affine q2 = -pairing_detail::twist_frobenius(q1);
  lines->push_back(addition_step(t, q1));
  lines->push_back(addition_step(t, q2));
  lines_ = std::move(lines);
}

Fq12 miller_loop(std::span<const std::pair<G1Affine, G2Prepared>> terms) {
  // The pairs that contribute: an identity on either side gives 1.
  std::vector<std::pair<const G1Affine*, const LineCoeffs*>> active;
  active.reserve(terms.size());
  for (const auto& [p, q] : terms) {
    if (p.is_identity() || q.is_identity()) continue;
    assert(p.is_on_curve());
    active.emplace_back(&p, q.lines().data());
  }
  Fq12 f = Fq12::one();
  bool f_is_one = true;
  if (active.empty()) return f;
  // Each step evaluates the doubling line (and, for a non-zero digit, the
  // addition line) of every pair, then multiplies them all into f.
  std::vector<LineCoeffs> step_lines;
  step_lines.reserve(2 * active.size());
  size_t line = 0;
  auto take_lines = [&](size_t count) {
    for (const auto& [p, lines] : active) {
      for (size_t k = 0; k < count; ++k) step_lines.push_back(evaluate_line(lines[line + k], *p));
    }
    line += count;
  };
  for (size_t i = kAteLoopNaf.size - 1; i-- > 0;) {
    if (!f_is_one) f = f.squared();
    step_lines.clear();
    take_lines(kAteLoopNaf.digits[i] != 0 ? 2 : 1);
    multiply_by_lines(f, f_is_one, step_lines);
  }
  // The lines through π(Q) and −π²(Q).
  step_lines.clear();
  take_lines(2);
  multiply_by_lines(f, f_is_one, step_lines);
  return f;
}

Fq12 final_exponentiation(const Fq12& f) {
  // Easy part: f^((p⁶ − 1)(p² + 1)). Afterwards f lies in the cyclotomic
  // subgroup, where the conjugate is the inverse and squarings are cheaper.
  Fq12 t = f.conjugate() * f.inverse();
  t = t.frobenius_map(2) * t;

  // Hard part: t^((p⁴ − p² + 1)/r) = t^(λ0 + λ1 p + λ2 p² + λ3 p³) with
  // λ3 = 1, λ2 = 6x² + 1, λ1 = −36x³ − 18x² − 12x + 1, λ0 = −36x³ − 30x² − 18x − 2,
  // computed as y0·y1²·y2⁶·y3¹²·y4¹⁸·y5³⁰·y6³⁶ (Scott et al. 2009, §5).
  const Fq12 fu = t.cyclotomic_pow(kBn254X);
  const Fq12 fu2 = fu.cyclotomic_pow(kBn254X);
  const Fq12 fu3 = fu2.cyclotomic_pow(kBn254X);
  const Fq12 fp = t.frobenius_map(1);
  const Fq12 fp2 = t.frobenius_map(2);
  const Fq12 fp3 = fp2.frobenius_map(1);
  const Fq12 y0 = fp * fp2 * fp3;                                 // t^(p + p² + p³)
  const Fq12 y1 = t.conjugate();                                  // t^-1
  const Fq12 y2 = fu2.frobenius_map(2);                           // t^(x² p²)
  const Fq12 y3 = fu.frobenius_map(1).conjugate();                // t^(−x p)
  const Fq12 y4 = (fu * fu2.frobenius_map(1)).conjugate();        // t^(−x − x² p)
  const Fq12 y5 = fu2.conjugate();                                // t^(−x²)
  const Fq12 y6 = (fu3 * fu3.frobenius_map(1)).conjugate();       // t^(−x³ − x³ p)
  Fq12 t0 = y6.cyclotomic_squared() * y4 * y5;
  Fq12 t1 = y3 * y5 * t0;
  t0 = t0 * y2;
  t1 = (t1.cyclotomic_squared() * t0).cyclotomic_squared();
  t0 = t1 * y1;
  t1 = t1 * y0;
  return t0.cyclotomic_squared() * t1;
}

Fq12 pairing(const G1Affine& p, const G2Affine& q) {
  if (p.is_identity() || q.is_identity()) return Fq12::one();
  const std::pair<G1Affine, G2Prepared> term(p, G2Prepared(q));
  return final_exponentiation(miller_loop(std::span(&term, 1)));
}

namespace {
std::vector<std::pair<G1Affine, G2Prepared>> prepare_all(std::span<const std::pair<G1Affine, G2Affine>> terms) {
  std::vector<std::pair<G1Affine, G2Prepared>> prepared;
  prepared.reserve(terms.size());
  for (const auto& [p, q] : terms) {
    if (p.is_identity() || q.is_identity()) continue;
    prepared.emplace_back(p, G2Prepared(q));
  }
  return prepared;
}
}  // namespace

Fq12 multi_pairing(std::span<const std::pair<G1Affine, G2Affine>> terms) {
  return final_exponentiation(miller_loop(prepare_all(terms)));
}

Fq12 multi_pairing(std::span<const std::pair<G1Affine, G2Prepared>> terms) {
  return final_exponentiation(miller_loop(terms));
}

bool pairing_product_is_one(std::span<const std::pair<G1Affine, G2Affine>> terms) {
  return multi_pairing(terms).is_one();
}

bool pairing_product_is_one(std::span<const std::pair<G1Affine, G2Prepared>> terms) {
  return multi_pairing(terms).is_one();
}

}  // namespace zkfl::plonk
