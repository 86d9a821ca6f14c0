// The ceremony state's version-1 byte format (ceremony.hpp) and file wrappers.
#include <algorithm>

#include "plonk/base/byte_io.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/kzg/ceremony.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/file_io.hpp"
#include "plonk/kzg/g1_powers_codec.hpp"

namespace zkfl::plonk {

namespace {

Result<G1Affine> read_g1(ByteReader& reader, const std::string& what) {
  auto bytes = reader.bytes(kG1UncompressedBytes, what.c_str());
  if (!bytes) return bytes.status();
  auto p = decode_g1_uncompressed(*bytes);
  if (!p) return Status::error("ceremony state: " + what + ": " + p.error());
  if (p->is_identity()) return Status::error("ceremony state: " + what + " is the point at infinity");
  return *p;
}

Result<G2Affine> read_g2(ByteReader& reader, const std::string& what) {
  auto bytes = reader.bytes(kG2UncompressedBytes, what.c_str());
  if (!bytes) return bytes.status();
  auto p = decode_g2_uncompressed(*bytes);
  if (!p) return Status::error("ceremony state: " + what + ": " + p.error());
  if (p->is_identity()) return Status::error("ceremony state: " + what + " is the point at infinity");
  return *p;
}

}  // namespace

std::vector<uint8_t> encode_ceremony(const CeremonyState& state) {
  const auto start_g1 = encode_uncompressed(state.start_tau_g1);
  const auto start_g2 = encode_uncompressed(state.start_tau_g2);
  ByteWriter w;
  w.bytes(std::span(reinterpret_cast<const uint8_t*>(kCeremonyMagic.data()), kCeremonyMagic.size()));
  w.u8(kCeremonyFormatVersion);
  w.u8(static_cast<uint8_t>(state.current.k()));
  w.string(state.start_provenance);
  w.bytes(start_g1);
  w.bytes(start_g2);
  w.u32(static_cast<uint32_t>(state.contributions.size()));
  for (const Contribution& c : state.contributions) {
    w.string(c.name);
    w.bytes(encode_uncompressed(c.tau_prime_g1));
    w.bytes(encode_uncompressed(c.proof_g2));
    w.bytes(encode_uncompressed(c.tau_g1));
    w.bytes(encode_uncompressed(c.tau_g2));
  }
  std::vector<uint8_t> out = w.take();
  append_g1_powers(out, state.current.g1_powers());
  append_checksum(out);
  return out;
}

Result<CeremonyState> decode_ceremony(std::span<const uint8_t> bytes, ThreadPool& pool) {
  if (bytes.size() < kCeremonyMagic.size() ||
      !std::equal(kCeremonyMagic.begin(), kCeremonyMagic.end(), bytes.begin())) {
    return Status::error("not a zkfl ceremony state file (the magic \"ZKFLCER\" is missing)");
  }
  if (bytes.size() > kCeremonyMagic.size() && bytes[kCeremonyMagic.size()] != kCeremonyFormatVersion) {
    return Status::error("ceremony state: unsupported format version " + std::to_string(bytes[kCeremonyMagic.size()]) +
                         " (this build reads " + std::to_string(kCeremonyFormatVersion) + ")");
  }
  auto body = strip_checksum(bytes, "ceremony state");
  if (!body) return body.status();
  ByteReader reader(*body, "ceremony state");
  if (auto head = reader.bytes(kCeremonyMagic.size() + 1, "magic and version"); !head) return head.status();
  auto k = reader.u8();
  if (!k) return k.status();
  if (*k < 1 || *k > Srs::kMaxLogSize) {
    return reader.error("k = " + std::to_string(*k) + " is out of range (1 to " +
                        std::to_string(Srs::kMaxLogSize) + ")");
  }
  auto provenance = reader.string(Srs::kMaxProvenanceBytes);
  if (!provenance) return provenance.status();
  auto start_g1 = read_g1(reader, "start [tau]G1");
  if (!start_g1) return start_g1.status();
  auto start_g2 = read_g2(reader, "start [tau]G2");
  if (!start_g2) return start_g2.status();
  auto count = reader.u32();
  if (!count) return count.status();
  if (*count > kMaxContributions) {
    return reader.error(std::to_string(*count) + " contributions exceed the limit of " +
                        std::to_string(kMaxContributions));
  }
  std::vector<Contribution> contributions;
  for (uint32_t j = 0; j < *count; ++j) {
    const std::string which = "contribution " + std::to_string(j + 1) + " ";
    Contribution c;
    auto name = reader.string(kMaxContributorName);
    if (!name) return name.status();
    c.name = std::move(*name);
    auto tau_prime = read_g1(reader, which + "[tau']G1");
    if (!tau_prime) return tau_prime.status();
    auto proof = read_g2(reader, which + "proof of knowledge");
    if (!proof) return proof.status();
    auto tau_g1 = read_g1(reader, which + "[tau]G1");
    if (!tau_g1) return tau_g1.status();
    auto tau_g2 = read_g2(reader, which + "[tau]G2");
    if (!tau_g2) return tau_g2.status();
    c.tau_prime_g1 = *tau_prime;
    c.proof_g2 = *proof;
    c.tau_g1 = *tau_g1;
    c.tau_g2 = *tau_g2;
    contributions.push_back(std::move(c));
  }

  const size_t n = size_t{1} << *k;
  const size_t expected = n * kG1UncompressedBytes;
  if (reader.remaining() != expected) {
    return reader.error(std::string(reader.remaining() < expected ? "truncated" : "trailing bytes") + ": k = " +
                        std::to_string(*k) + " needs " + std::to_string(n) + " G1 powers (" +
                        std::to_string(expected) + " bytes), found " + std::to_string(reader.remaining()) +
                        " bytes");
  }
  auto data = reader.bytes(expected, "G1 powers");
  if (!data) return data.status();
  auto powers = decode_g1_powers(*data, "ceremony state", pool);
  if (!powers) return powers.status();
  const G2Affine current_tau_g2 = contributions.empty() ? *start_g2 : contributions.back().tau_g2;
  return CeremonyState{*start_g1, *start_g2, std::move(*provenance), std::move(contributions),
                       Srs(*k, std::move(*powers), current_tau_g2, Srs::Origin::kCeremony, "ceremony in progress")};
}

Result<CeremonyState> read_ceremony_file(const std::filesystem::path& path, Rng& rng, ThreadPool& pool) {
  auto bytes = read_file_bytes(path);
  if (!bytes) return bytes.status();
  auto state = decode_ceremony(*bytes, pool);
  if (!state) return Status::error(path.string() + ": " + state.error());
  if (Status s = verify_ceremony(*state, rng, pool); !s) return Status::error(path.string() + ": " + s.message());
  return state;
}

Status write_ceremony_file(const std::filesystem::path& path, const CeremonyState& state) {
  return write_file_atomically(path, encode_ceremony(state));
}

}  // namespace zkfl::plonk
