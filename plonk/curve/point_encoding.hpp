// Canonical byte encodings of G1 and G2 points: the ones proofs, keys and the
// SRS are written in (and tests/data/bn254_vectors.json uses).
//
// Coordinates are 32-byte big-endian canonical Fq values; an Fq2 element is
// c0 || c1. The two most significant bits of the first byte are flags:
//   0b00  uncompressed: G1 x || y (64 bytes), G2 x.c0 || x.c1 || y.c0 || y.c1 (128)
//   0b10  compressed, y is the smaller of ±y: G1 x (32 bytes), G2 x.c0 || x.c1 (64)
//   0b11  compressed, y is the larger of ±y
//   0b01  the point at infinity; every other bit zero (in either length)
// "Larger" is Fq's y > (p − 1)/2, and Fq2's comparison of c1, or of c0 when
// c1 = 0 (Fq2::is_lexicographically_largest). Since p < 2^254 the flag bits
// never overlap a coordinate bit.
//
// Decoding rejects, with a reason: a wrong length, bad flags, a coordinate
// ≥ p, a point off the curve, an x with no y, and for G2 a point outside the
// order-r subgroup. Accepted points are exactly the G1 / G2 elements, each
// with one encoding per form.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "plonk/base/status.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"

namespace zkfl::plonk {

inline constexpr size_t kG1CompressedBytes = 32;
inline constexpr size_t kG1UncompressedBytes = 64;
inline constexpr size_t kG2CompressedBytes = 64;
inline constexpr size_t kG2UncompressedBytes = 128;

// Encodings of a point on the curve (not checked: points come from the group
// operations or from decoding).
std::array<uint8_t, kG1UncompressedBytes> encode_uncompressed(const G1Affine& p);
std::array<uint8_t, kG1CompressedBytes> encode_compressed(const G1Affine& p);
std::array<uint8_t, kG2UncompressedBytes> encode_uncompressed(const G2Affine& p);
std::array<uint8_t, kG2CompressedBytes> encode_compressed(const G2Affine& p);

// Decodes a 64-byte uncompressed G1 point; an error names what is wrong.
Result<G1Affine> decode_g1_uncompressed(std::span<const uint8_t> bytes);
// Decodes a 32-byte compressed G1 point (one square root in Fq).
Result<G1Affine> decode_g1_compressed(std::span<const uint8_t> bytes);
// Decodes either form, told apart by the length (32 or 64 bytes).
Result<G1Affine> decode_g1(std::span<const uint8_t> bytes);

// Decodes a 128-byte uncompressed G2 point, including the subgroup check.
Result<G2Affine> decode_g2_uncompressed(std::span<const uint8_t> bytes);
// Decodes a 64-byte compressed G2 point (one square root in Fq2), including the subgroup check.
Result<G2Affine> decode_g2_compressed(std::span<const uint8_t> bytes);
// Decodes either form, told apart by the length (64 or 128 bytes).
Result<G2Affine> decode_g2(std::span<const uint8_t> bytes);

}  // namespace zkfl::plonk
