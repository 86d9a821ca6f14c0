// Srs: the version-1 byte format (srs.hpp) and the file wrappers.
#include <algorithm>

#include "plonk/base/byte_io.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/file_io.hpp"
#include "plonk/kzg/g1_powers_codec.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {

std::vector<uint8_t> Srs::to_bytes() const {
  ByteWriter header;
  header.bytes(std::span(reinterpret_cast<const uint8_t*>(kMagic.data()), kMagic.size()));
  header.u8(kFormatVersion);
  header.u8(static_cast<uint8_t>(origin_));
  header.string(provenance_);
  header.u8(static_cast<uint8_t>(k_));
  header.bytes(encode_uncompressed(tau_g2_));
  std::vector<uint8_t> out = header.take();
  append_g1_powers(out, g1_powers_);
  append_checksum(out);
  return out;
}

Result<Srs> Srs::from_bytes(std::span<const uint8_t> bytes, ThreadPool& pool) {
  if (bytes.size() < kMagic.size() || !std::equal(kMagic.begin(), kMagic.end(), bytes.begin())) {
    return Status::error("not a zkfl SRS file (the magic \"ZKFLSRS\" is missing)");
  }
  if (bytes.size() > kMagic.size() && bytes[kMagic.size()] != kFormatVersion) {
    return Status::error("SRS: unsupported format version " + std::to_string(bytes[kMagic.size()]) +
                         " (this build reads " + std::to_string(kFormatVersion) + ")");
  }
  auto body = strip_checksum(bytes, "SRS");
  if (!body) return body.status();
  ByteReader reader(*body, "SRS");
  if (auto head = reader.bytes(kMagic.size() + 1, "magic and version"); !head) return head.status();
  auto origin = reader.u8();
  if (!origin) return origin.status();
  if (*origin < 1 || *origin > 3) return reader.error("unknown SRS origin " + std::to_string(*origin));
  auto provenance = reader.string(kMaxProvenanceBytes);
  if (!provenance) return provenance.status();
  auto k = reader.u8();
  if (!k) return k.status();
  if (*k < 1 || *k > kMaxLogSize) {
    return reader.error("k = " + std::to_string(*k) + " is out of range (1 to " + std::to_string(kMaxLogSize) + ")");
  }
  auto tau_g2_bytes = reader.bytes(kG2UncompressedBytes, "[tau]G2");
  if (!tau_g2_bytes) return tau_g2_bytes.status();
  auto tau_g2 = decode_g2_uncompressed(*tau_g2_bytes);
  if (!tau_g2) return Status::error("SRS: [tau]G2: " + tau_g2.error());
  if (tau_g2->is_identity()) return Status::error("SRS: [tau]G2 is the point at infinity");

  const size_t n = size_t{1} << *k;
  const size_t expected = n * kG1UncompressedBytes;
  if (reader.remaining() != expected) {
    return reader.error(std::string(reader.remaining() < expected ? "truncated" : "trailing bytes") + ": k = " +
                        std::to_string(*k) + " needs " + std::to_string(n) + " G1 points (" +
                        std::to_string(expected) + " bytes), found " + std::to_string(reader.remaining()) +
                        " bytes");
  }
  auto points_bytes = reader.bytes(expected, "G1 powers");
  if (!points_bytes) return points_bytes.status();

  auto powers = decode_g1_powers(*points_bytes, "SRS", pool);
  if (!powers) return powers.status();
  return Srs(*k, std::move(*powers), *tau_g2, static_cast<Origin>(*origin), std::move(*provenance));
}

Result<Srs> Srs::read_file(const std::filesystem::path& path, Rng& rng, ThreadPool& pool) {
  auto bytes = read_file_bytes(path);
  if (!bytes) return bytes.status();
  auto srs = from_bytes(*bytes, pool);
  if (!srs) return Status::error(path.string() + ": " + srs.error());
  if (Status s = srs->verify(rng, pool); !s) return Status::error(path.string() + ": " + s.message());
  return srs;
}

Status Srs::write_file(const std::filesystem::path& path) const {
  return write_file_atomically(path, to_bytes());
}

}  // namespace zkfl::plonk
