#include "coordinator/model_blob.hpp"

#include "plonk/base/byte_io.hpp"

namespace zkfl::coordinator {

std::vector<uint8_t> encode_weights(std::span<const int64_t> weights) {
  plonk::ByteWriter out;
  out.u64(weights.size());
  for (int64_t w : weights) out.u64(static_cast<uint64_t>(w));
  return out.take();
}

Result<std::vector<int64_t>> decode_weights(std::span<const uint8_t> bytes, const char* what) {
  plonk::ByteReader in(bytes, what);
  auto count = in.u64();
  if (!count) return count.status();
  // Checked before allocating: a forged count must not exhaust memory.
  if (*count != (bytes.size() - 8) / 8 || (bytes.size() - 8) % 8 != 0) {
    return in.error("count " + std::to_string(*count) + " does not match the " + std::to_string(bytes.size()) +
                    "-byte encoding");
  }
  std::vector<int64_t> weights;
  weights.reserve(*count);
  for (uint64_t i = 0; i < *count; ++i) weights.push_back(static_cast<int64_t>(*in.u64()));
  if (auto s = in.finish(); !s) return s;
  return weights;
}

}  // namespace zkfl::coordinator
