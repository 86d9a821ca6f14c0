// A hash onto G2 for the ceremony's proofs of knowledge, by try-and-increment
// (Boneh, Lynn, Shacham, "Short signatures from the Weil pairing", J. Cryptology
// 2004, §3.2, "MapToGroup"): for counter c = 0, 1, …, derive x ∈ Fq2 and a sign
// bit from SHA-256(domain, message, c); if x³ + b' is a square in Fq2, take the
// point (x, ±y) of the twist E' and clear the cofactor h = 2p − r
// (#E'(Fq2) = r·h) by a plain scalar multiplication, retrying on the point at
// infinity. About two tries on average. Not the IETF hash_to_curve (RFC 9380)
// and not constant time: the inputs are public transcripts. Modelled as a
// random oracle into G2, as the proofs of knowledge of Bowe, Gabizon, Miers
// (ePrint 2017/1050, §3) require.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "plonk/curve/g2.hpp"

namespace zkfl::plonk {

// A point of G2 (never the identity), a deterministic function of both inputs;
// different domains give independent functions.
G2Affine hash_to_g2(std::string_view domain, std::span<const uint8_t> message);

}  // namespace zkfl::plonk
