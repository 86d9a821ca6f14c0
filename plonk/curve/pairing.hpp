// The optimal ate pairing on BN254 (Vercauteren, "Optimal pairings", IEEE
// TIT 2010): e(P, Q) = (f_{6x+2,Q}(P) · l_{[6x+2]Q, π(Q)}(P) ·
// l_{[6x+2]Q + π(Q), −π²(Q)}(P))^((p¹² − 1)/r), x = 4965661367192848881,
// for P in G1 and Q in G2 (on the D-type twist, see g2.hpp), valued in the
// order-r subgroup of Fq12^*. The final exponent is exactly (p¹² − 1)/r, so
// values agree with any other implementation of the same exact map (those
// that use the Fuentes-Castañeda et al. hard part compute a fixed power of it).
//
// The Miller loop runs over the non-adjacent form of 6x + 2 with line
// functions in homogeneous projective coordinates (Costello, Lange, Naehrig,
// PKC 2010; the D-type formulas of Aranha, Karabina, Longa, Gebotys, López,
// Eurocrypt 2011, §4), shares one Fq12 squaring per step across all pairs,
// and multiplies the step's lines in as sparse elements, two lines at a time
// (their product is sparse too). The final exponentiation
// is the easy part (p⁶ − 1)(p² + 1) followed by the hard part
// (p⁴ − p² + 1)/r with the vectorial addition chain of Scott, Benger,
// Charlemagne, Dominguez Perez, Kachisa, "On the final exponentiation for
// calculating pairings on ordinary elliptic curves", Pairing 2009, §5, with
// Granger–Scott cyclotomic squarings.
//
// Inputs must be points of G1 and G2 (the decoders check subgroup
// membership); the point at infinity is allowed and contributes 1. All
// functions are variable time: pairings here only touch public data.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/field/fq12.hpp"

namespace zkfl::plonk {

// The BN parameter x of BN254: p = 36x⁴ + 36x³ + 24x² + 6x + 1, r = 36x⁴ + 36x³ + 18x² + 6x + 1.
inline constexpr uint64_t kBn254X = 4965661367192848881;

// One line function of the Miller loop, evaluated at P = (xP, yP) as
// c0·yP + c3·xP·w + c4·v·w (the D-type sparse layout of Fq12::mul_by_034).
struct LineCoeffs {
  Fq2 c0, c3, c4;
};

// A G2 point with the coefficients of all its Miller-loop lines computed
// once: pairing the same Q with many P (a KZG verifier's [1]₂ and [τ]₂) then
// costs only the Fq12 work. Immutable and cheap to copy (the coefficients are
// shared); safe to use from many threads at once.
class G2Prepared {
 public:
  // The point at infinity (it contributes 1 to any pairing product).
  G2Prepared() = default;
  // Precomputes Q's lines (about 90 steps of the Miller loop). Q must be in G2.
  explicit G2Prepared(const G2Affine& q);

  bool is_identity() const { return lines_ == nullptr; }
  // The line coefficients in the order the Miller loop consumes them; empty for the identity.
  std::span<const LineCoeffs> lines() const {
    return lines_ ? std::span<const LineCoeffs>(*lines_) : std::span<const LineCoeffs>();
  }

 private:
  std::shared_ptr<const std::vector<LineCoeffs>> lines_;
};

// ∏ f_i, the product of the Miller-loop values of all pairs (no final
// exponentiation): one Fq12 squaring per loop step however many pairs there
// are. Pairs with an identity point are skipped; no pairs give 1.
Fq12 miller_loop(std::span<const std::pair<G1Affine, G2Prepared>> terms);

// f^((p¹² − 1)/r) exactly. For f ≠ 0 the result lies in the order-r subgroup
// of Fq12^*; f = 0 (never a Miller-loop output) maps to 0.
Fq12 final_exponentiation(const Fq12& f);

// e(P, Q); 1 when P or Q is the point at infinity.
Fq12 pairing(const G1Affine& p, const G2Affine& q);

// ∏ e(P_i, Q_i) with one shared Miller loop and one final exponentiation.
Fq12 multi_pairing(std::span<const std::pair<G1Affine, G2Affine>> terms);
Fq12 multi_pairing(std::span<const std::pair<G1Affine, G2Prepared>> terms);

// Whether ∏ e(P_i, Q_i) = 1: the check a KZG or PLONK verifier makes.
bool pairing_product_is_one(std::span<const std::pair<G1Affine, G2Affine>> terms);
bool pairing_product_is_one(std::span<const std::pair<G1Affine, G2Prepared>> terms);

namespace pairing_detail {

// Signed binary digits of a positive integer, least significant first.
struct NonAdjacentForm {
  std::array<int8_t, 72> digits{};
  size_t size = 0;
};

// The non-adjacent form of k (no two adjacent non-zero digits; the top digit is 1).
constexpr NonAdjacentForm non_adjacent_form(u128 k) {
  NonAdjacentForm naf;
  while (k != 0) {
    int8_t digit = 0;
    if (k & 1) {
      digit = (k & 3) == 1 ? 1 : -1;
      k = digit > 0 ? k - 1 : k + 1;
    }
    naf.digits[naf.size++] = digit;
    k >>= 1;
  }
  return naf;
}

// The optimal ate loop scalar 6x + 2 (65 bits) in non-adjacent form.
inline constexpr NonAdjacentForm kAteLoopNaf = non_adjacent_form(6 * static_cast<u128>(kBn254X) + 2);

// The Frobenius endomorphism of E' carried through the twist:
// π(x, y) = (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)) with x̄ the Fq2 conjugate.
G2Affine twist_frobenius(const G2Affine& q);

}  // namespace pairing_detail

}  // namespace zkfl::plonk
