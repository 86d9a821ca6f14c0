// The canonical bytes of a flat int64 weight vector, as stored in the run
// database and hashed into the audit log:
//   u64 count ‖ count × i64 (two's complement), all big-endian
// Decoding is strict: the length must be exactly 8 + 8·count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::coordinator {

using plonk::Result;

// The encoding above; never fails.
std::vector<uint8_t> encode_weights(std::span<const int64_t> weights);
// Strict decoding; an error names `what` ("round 3 model") and the defect.
Result<std::vector<int64_t>> decode_weights(std::span<const uint8_t> bytes, const char* what);

}  // namespace zkfl::coordinator
