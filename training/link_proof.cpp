#include "training/link_proof.hpp"

#include <string>

#include "plonk/base/byte_io.hpp"
#include "plonk/curve/point_encoding.hpp"

namespace zkfl::training {

using plonk::Status;

std::vector<uint8_t> LinkProof::encode() const {
  plonk::ByteWriter w;
  w.u8(kFormatVersion);
  w.bytes(plonk::encode_compressed(quotient));
  w.bytes(quotient_eval.to_bytes_be());
  w.bytes(plonk::encode_compressed(opening));
  return w.take();
}

Result<LinkProof> LinkProof::decode(std::span<const uint8_t> bytes) {
  if (bytes.size() != kEncodedSize) {
    return Status::error("dataset link: expected " + std::to_string(kEncodedSize) + " bytes, got " +
                         std::to_string(bytes.size()));
  }
  if (bytes[0] != kFormatVersion) {
    return Status::error("dataset link: unsupported version " + std::to_string(bytes[0]) + " (expected " +
                         std::to_string(kFormatVersion) + ")");
  }
  LinkProof link;
  auto quotient = plonk::decode_g1_compressed(bytes.subspan(1, 32));
  if (!quotient) return Status::error("dataset link: quotient commitment: " + quotient.error());
  auto eval = plonk::Fr::from_bytes_be(bytes.subspan(33, 32));
  if (!eval) return Status::error("dataset link: quotient evaluation: " + eval.error());
  auto opening = plonk::decode_g1_compressed(bytes.subspan(65, 32));
  if (!opening) return Status::error("dataset link: opening witness: " + opening.error());
  link.quotient = *quotient;
  link.quotient_eval = *eval;
  link.opening = *opening;
  return link;
}

}  // namespace zkfl::training
