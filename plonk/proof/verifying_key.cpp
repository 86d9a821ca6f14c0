#include "plonk/proof/verifying_key.hpp"

#include <cassert>

#include "plonk/base/byte_io.hpp"
#include "plonk/circuit/constraint_system_codec.hpp"
#include "plonk/curve/point_encoding.hpp"

namespace zkfl::plonk {

namespace {
constexpr std::string_view kMagic = "ZKFLVK";
constexpr uint32_t kMaxK = 28;

Result<std::vector<G1Affine>> read_g1_points(ByteReader& in, size_t count, const char* what) {
  std::vector<G1Affine> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto bytes = in.bytes(kG1CompressedBytes, what);
    if (!bytes) return bytes.status();
    auto p = decode_g1_compressed(*bytes);
    if (!p) return in.error(std::string(what) + ": " + p.error());
    out.push_back(*p);
  }
  return out;
}

Result<G2Affine> read_g2_point(ByteReader& in, const char* what) {
  auto bytes = in.bytes(kG2CompressedBytes, what);
  if (!bytes) return bytes.status();
  auto p = decode_g2_compressed(*bytes);
  if (!p) return in.error(std::string(what) + ": " + p.error());
  return *p;
}
}  // namespace

VerifyingKey::VerifyingKey(uint32_t k, ConstraintSystem cs, std::vector<G1Affine> fixed_commitments,
                           std::vector<G1Affine> permutation_commitments, const G2Affine& g2, const G2Affine& tau_g2)
    : k_(k), cs_(std::move(cs)), layout_(ProofLayout::of(cs_, k)), fixed_commitments_(std::move(fixed_commitments)),
      permutation_commitments_(std::move(permutation_commitments)), g2_(g2), tau_g2_(tau_g2),
      g2_prepared_(g2), tau_g2_prepared_(tau_g2) {
  assert(fixed_commitments_.size() == cs_.num_fixed_columns());
  assert(permutation_commitments_.size() == cs_.equality_columns().size());
  std::vector<uint8_t> bytes = encode();
  digest_ = Sha256::hash(bytes);
}

std::vector<uint8_t> VerifyingKey::encode() const {
  ByteWriter out;
  out.bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(kMagic.data()), kMagic.size()));
  out.u8(kFormatVersion);
  out.u32(k_);
  encode_constraint_system(cs_, out);
  for (const G1Affine& p : fixed_commitments_) out.bytes(encode_compressed(p));
  for (const G1Affine& p : permutation_commitments_) out.bytes(encode_compressed(p));
  out.bytes(encode_compressed(g2_));
  out.bytes(encode_compressed(tau_g2_));
  return out.take();
}

Result<VerifyingKey> VerifyingKey::decode(std::span<const uint8_t> bytes) {
  ByteReader in(bytes, "verifying key");
  auto magic = in.bytes(kMagic.size(), "magic");
  if (!magic || std::string_view(reinterpret_cast<const char*>(magic->data()), magic->size()) != kMagic) {
    return Status::error("verifying key: not a zkfl verifying key (bad magic)");
  }
  auto version = in.u8();
  if (!version) return version.status();
  if (*version != kFormatVersion) {
    return Status::error("verifying key: unsupported format version " + std::to_string(*version));
  }
  auto k = in.u32();
  if (!k) return k.status();
  if (*k == 0 || *k > kMaxK) return in.error("domain size 2^" + std::to_string(*k) + " out of range");
  auto cs = decode_constraint_system(in);
  if (!cs) return cs.status();
  if (cs->usable_rows(*k) == 0) return in.error("no usable rows at this k");
  auto fixed = read_g1_points(in, cs->num_fixed_columns(), "fixed commitment");
  if (!fixed) return fixed.status();
  auto sigma = read_g1_points(in, cs->equality_columns().size(), "permutation commitment");
  if (!sigma) return sigma.status();
  auto g2 = read_g2_point(in, "G2 generator");
  if (!g2) return g2.status();
  auto tau_g2 = read_g2_point(in, "[tau]G2");
  if (!tau_g2) return tau_g2.status();
  if (g2->is_identity() || tau_g2->is_identity()) return in.error("G2 points of the key must not be the identity");
  Status done = in.finish();
  if (!done) return done;
  return VerifyingKey(*k, std::move(*cs), std::move(*fixed), std::move(*sigma), *g2, *tau_g2);
}

}  // namespace zkfl::plonk
