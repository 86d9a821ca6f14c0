// The long run of uncompressed G1 points that ends SRS and ceremony files:
// encoded back to back, decoded in parallel with the full checks of
// point_encoding.hpp plus "not the point at infinity" (no power of a non-zero
// τ is). Shared by srs_codec.cpp and ceremony_codec.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plonk/base/status.hpp"
#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"

namespace zkfl::plonk {

// Appends 64 bytes per point to `out`.
void append_g1_powers(std::vector<uint8_t>& out, std::span<const G1Affine> points);

// Decodes data.size() / 64 points; data.size() must be a multiple of 64 (asserted).
// An error names the lowest failing index, prefixed with `what`.
Result<std::vector<G1Affine>> decode_g1_powers(std::span<const uint8_t> data, const char* what, ThreadPool& pool);

}  // namespace zkfl::plonk
