// The bytes of a dataset link (dataset_link.hpp, docs/DATASET_LINK.md):
//   u8    version (1)
//   32    [s], the committed quotient s = δ / Z_T   (compressed G1, point_encoding.hpp)
//   32    s(z)                                      (canonical big-endian scalar)
//   32    W, the KZG opening witness of δ and s at z (compressed G1)
// 97 bytes exactly. δ(z) is not sent: the verifier sets it to Z_T(z)·s(z) and
// the opening must confirm it. Decoding is strict (wrong version or length, a
// non-canonical scalar, a point not on the curve are errors), so a link has
// exactly one encoding.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::training {

using plonk::Result;

struct LinkProof {
  static constexpr uint8_t kFormatVersion = 1;
  static constexpr size_t kEncodedSize = 1 + 32 + 32 + 32;

  plonk::G1Affine quotient;   // [s]
  plonk::Fr quotient_eval;    // s(z)
  plonk::G1Affine opening;    // W

  // The encoding above.
  std::vector<uint8_t> encode() const;
  // Strict decoding; an error names the part that is wrong.
  static Result<LinkProof> decode(std::span<const uint8_t> bytes);

  bool operator==(const LinkProof&) const = default;
};

}  // namespace zkfl::training
