#include "plonk/proof/proof.hpp"

#include "plonk/base/byte_io.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/proof/evaluation_plan.hpp"

namespace zkfl::plonk {

namespace {

struct Counts {
  size_t advice, lookups, chunks, pieces, evaluations, witnesses;
  size_t points() const { return advice + 2 * lookups + chunks + pieces + witnesses; }
};

Counts counts_for(const VerifyingKey& vk) {
  const ConstraintSystem& cs = vk.constraint_system();
  EvaluationPlan plan(cs, vk.layout());
  return Counts{cs.num_advice_columns(), cs.lookups().size(), vk.layout().permutation_chunks,
                vk.layout().quotient_pieces, plan.entries().size(), plan.rotations().size()};
}

void write_points(ByteWriter& out, const std::vector<G1Affine>& points) {
  for (const G1Affine& p : points) out.bytes(encode_compressed(p));
}

Result<std::vector<G1Affine>> read_points(ByteReader& in, size_t count, const char* what) {
  std::vector<G1Affine> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto bytes = in.bytes(kG1CompressedBytes, what);
    if (!bytes) return bytes.status();
    auto p = decode_g1_compressed(*bytes);
    if (!p) return in.error(std::string(what) + " " + std::to_string(i) + ": " + p.error());
    out.push_back(*p);
  }
  return out;
}

}  // namespace

std::vector<uint8_t> Proof::encode() const {
  ByteWriter out;
  out.u8(kFormatVersion);
  write_points(out, advice);
  write_points(out, lookup_multiplicities);
  write_points(out, permutation_products);
  write_points(out, lookup_sums);
  write_points(out, quotient_pieces);
  for (const Fr& e : evaluations) out.bytes(e.to_bytes_be());
  write_points(out, opening_witnesses);
  return out.take();
}

size_t Proof::encoded_size(const VerifyingKey& vk) {
  Counts c = counts_for(vk);
  return 1 + kG1CompressedBytes * c.points() + 32 * c.evaluations;
}

Result<Proof> Proof::decode(std::span<const uint8_t> bytes, const VerifyingKey& vk) {
  const size_t expected = encoded_size(vk);
  if (bytes.size() != expected) {
    return Status::error("proof: expected " + std::to_string(expected) + " bytes for this verifying key, got " +
                         std::to_string(bytes.size()));
  }
  ByteReader in(bytes, "proof");
  auto version = in.u8();
  if (!version) return version.status();
  if (*version != kFormatVersion) return Status::error("proof: unsupported format version " + std::to_string(*version));
  const Counts c = counts_for(vk);
  Proof proof;
  auto read = [&](std::vector<G1Affine>& into, size_t count, const char* what) -> Status {
    auto points = read_points(in, count, what);
    if (!points) return points.status();
    into = std::move(*points);
    return Status::ok();
  };
  if (Status s = read(proof.advice, c.advice, "advice commitment"); !s) return s;
  if (Status s = read(proof.lookup_multiplicities, c.lookups, "lookup multiplicity commitment"); !s) return s;
  if (Status s = read(proof.permutation_products, c.chunks, "permutation product commitment"); !s) return s;
  if (Status s = read(proof.lookup_sums, c.lookups, "lookup sum commitment"); !s) return s;
  if (Status s = read(proof.quotient_pieces, c.pieces, "quotient commitment"); !s) return s;
  for (size_t i = 0; i < c.evaluations; ++i) {
    auto b = in.bytes(32, "evaluation");
    if (!b) return b.status();
    auto v = Fr::from_bytes_be(*b);
    if (!v) return in.error("evaluation " + std::to_string(i) + ": " + v.error());
    proof.evaluations.push_back(*v);
  }
  if (Status s = read(proof.opening_witnesses, c.witnesses, "opening witness"); !s) return s;
  if (Status s = in.finish(); !s) return s;
  return proof;
}

}  // namespace zkfl::plonk
