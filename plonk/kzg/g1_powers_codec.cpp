#include "plonk/kzg/g1_powers_codec.hpp"

#include <algorithm>
#include <cassert>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "plonk/curve/point_encoding.hpp"

namespace zkfl::plonk {

void append_g1_powers(std::vector<uint8_t>& out, std::span<const G1Affine> points) {
  const size_t offset = out.size();
  out.resize(offset + points.size() * kG1UncompressedBytes);
  for (size_t i = 0; i < points.size(); ++i) {
    const auto enc = encode_uncompressed(points[i]);
    std::copy(enc.begin(), enc.end(), out.begin() + static_cast<ptrdiff_t>(offset + i * kG1UncompressedBytes));
  }
}

Result<std::vector<G1Affine>> decode_g1_powers(std::span<const uint8_t> data, const char* what, ThreadPool& pool) {
  assert(data.size() % kG1UncompressedBytes == 0);
  const size_t n = data.size() / kG1UncompressedBytes;
  std::vector<G1Affine> points(n);
  std::mutex error_mutex;
  std::optional<std::pair<size_t, std::string>> first_error;
  pool.parallel_for(
      n,
      [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          auto p = decode_g1_uncompressed(data.subspan(i * kG1UncompressedBytes, kG1UncompressedBytes));
          std::string problem;
          if (!p) {
            problem = p.error();
          } else if (p->is_identity()) {
            problem = "point at infinity (no power of a non-zero tau is)";
          } else {
            points[i] = *p;
            continue;
          }
          std::lock_guard lock(error_mutex);
          if (!first_error || first_error->first > i) first_error.emplace(i, problem);
          return;
        }
      },
      1024);
  if (first_error) {
    return Status::error(std::string(what) + ": G1 power " + std::to_string(first_error->first) + ": " +
                         first_error->second);
  }
  return points;
}

}  // namespace zkfl::plonk
