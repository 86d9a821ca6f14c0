// Hexadecimal text <-> bytes, for keys, vectors and diagnostics.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::plonk {

// Lower-case hex of `bytes`, without prefix.
std::string to_hex(std::span<const uint8_t> bytes);

// Parses hex (an optional "0x" prefix, even length, [0-9a-fA-F]); error otherwise.
Result<std::vector<uint8_t>> from_hex(std::string_view text);

}  // namespace zkfl::plonk
