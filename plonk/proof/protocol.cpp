#include "plonk/proof/protocol.hpp"

#include <string>

namespace zkfl::plonk {

Status check_instance_shape(const VerifyingKey& vk, const Instance& instance) {
  const size_t columns = vk.constraint_system().num_instance_columns();
  if (instance.size() != columns) {
    return Status::error("expected " + std::to_string(columns) + " instance column(s), got " +
                         std::to_string(instance.size()));
  }
  for (size_t i = 0; i < instance.size(); ++i) {
    if (instance[i].size() > vk.layout().usable_rows) {
      return Status::error("instance column " + std::to_string(i) + " has " + std::to_string(instance[i].size()) +
                           " values; at most " + std::to_string(vk.layout().usable_rows) + " fit");
    }
  }
  return Status::ok();
}

Transcript begin_transcript(const VerifyingKey& vk, const Instance& instance) {
  Transcript t(kPlonkTranscriptDomain);
  t.absorb_bytes("vk", vk.digest());
  for (const std::vector<Fr>& column : instance) {
    std::vector<uint8_t> bytes;
    bytes.reserve(32 * column.size());
    for (const Fr& v : column) {
      auto b = v.to_bytes_be();
      bytes.insert(bytes.end(), b.begin(), b.end());
    }
    t.absorb_bytes("instance", bytes);
  }
  return t;
}

Fr rotate_point(const EvaluationDomain& domain, const Fr& x, int64_t rotation) {
  const int64_t n = static_cast<int64_t>(domain.size());
  const int64_t r = ((rotation % n) + n) % n;
  return x * domain.element(static_cast<size_t>(r));
}

}  // namespace zkfl::plonk
