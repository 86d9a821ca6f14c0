#include "training/registration_record.hpp"

#include <algorithm>
#include <cassert>

#include "plonk/base/byte_io.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::training {

using plonk::ByteReader;
using plonk::ByteWriter;
using plonk::Sha256;

namespace {

constexpr std::string_view kSchemaDomain = "zkfl-dataset-schema-v1";
constexpr std::string_view kRecordDomain = "zkfl-dataset-registration-v1";

}  // namespace

Result<Sha256::Digest> schema_digest(const DatasetSchema& schema) {
  if (schema.num_classes < 2) return Status::error("dataset schema: at least two classes are needed");
  if (schema.fraction_bits < 0 || schema.fraction_bits > 62) {
    return Status::error("dataset schema: fraction bits must be in [0, 62], got " +
                         std::to_string(schema.fraction_bits));
  }
  Sha256 h;
  h.update(kSchemaDomain).update_be(schema.feature_names.size(), 4);
  for (const std::string& name : schema.feature_names) {
    if (name.size() > DatasetSchema::kMaxNameBytes) {
      return Status::error("dataset schema: feature name longer than " +
                           std::to_string(DatasetSchema::kMaxNameBytes) + " bytes");
    }
    h.update_be(name.size(), 4).update(name);
  }
  h.update_be(static_cast<uint64_t>(schema.num_classes), 8).update_be(static_cast<uint64_t>(schema.fraction_bits), 4);
  return h.finish();
}

Status RegistrationRecord::validate() const {
  if (Status s = layout.validate(); !s) return Status::error("registration record: " + s.message());
  if (k < 1 || k > plonk::Srs::kMaxLogSize) {
    return Status::error("registration record: the domain size 2^k needs 1 ≤ k ≤ 28, got k = " + std::to_string(k));
  }
  if (static_cast<uint64_t>(layout.table_rows()) >= (uint64_t{1} << k)) {
    return Status::error("registration record: " + std::to_string(layout.table_rows()) +
                         " table rows leave no row of a 2^" + std::to_string(k) + " domain for randomness");
  }
  if (commitments.size() != static_cast<size_t>(layout.columns)) {
    return Status::error("registration record: " + std::to_string(commitments.size()) + " commitments for " +
                         std::to_string(layout.columns) + " data columns");
  }
  return Status::ok();
}

std::vector<uint8_t> RegistrationRecord::encode() const {
  assert(validate().is_ok());
  ByteWriter w;
  w.bytes(std::span(reinterpret_cast<const uint8_t*>(kMagic.data()), kMagic.size()));
  w.u8(kFormatVersion);
  w.u64(static_cast<uint64_t>(layout.rows));
  w.u64(static_cast<uint64_t>(layout.values_per_row));
  w.u32(static_cast<uint32_t>(layout.columns));
  w.u8(static_cast<uint8_t>(k));
  w.bytes(schema);
  for (const plonk::G1Affine& c : commitments) w.bytes(plonk::encode_compressed(c));
  std::vector<uint8_t> out = w.take();
  plonk::append_checksum(out);
  return out;
}

Result<RegistrationRecord> RegistrationRecord::decode(std::span<const uint8_t> bytes) {
  auto body = plonk::strip_checksum(bytes, "registration record");
  if (!body) return body.status();
  ByteReader r(*body, "registration record");
  auto magic = r.bytes(kMagic.size(), "magic");
  if (!magic) return magic.status();
  if (!std::equal(magic->begin(), magic->end(), kMagic.begin())) {
    return Status::error("registration record: bad magic (not a zkfl dataset registration)");
  }
  auto version = r.u8();
  if (!version) return version.status();
  if (*version != kFormatVersion) {
    return Status::error("registration record: unsupported version " + std::to_string(*version) + " (expected " +
                         std::to_string(kFormatVersion) + ")");
  }
  auto rows = r.u64();
  if (!rows) return rows.status();
  auto values = r.u64();
  if (!values) return values.status();
  auto columns = r.u32();
  if (!columns) return columns.status();
  auto k = r.u8();
  if (!k) return k.status();
  // Bound the integers before they become int64_t (validate() does the rest).
  if (*rows > static_cast<uint64_t>(DataTableLayout::kMaxTableRows) ||
      *values > static_cast<uint64_t>(DataTableLayout::kMaxValuesPerRow) ||
      *columns > static_cast<uint64_t>(DataTableLayout::kMaxColumns)) {
    return r.error("the table's shape is out of range");
  }
  RegistrationRecord record;
  record.layout = DataTableLayout{static_cast<int64_t>(*rows), static_cast<int64_t>(*values),
                                  static_cast<int64_t>(*columns)};
  record.k = *k;
  if (Status s = record.layout.validate(); !s) return Status::error("registration record: " + s.message());
  auto schema = r.bytes(record.schema.size(), "schema digest");
  if (!schema) return schema.status();
  std::copy(schema->begin(), schema->end(), record.schema.begin());
  for (int64_t j = 0; j < record.layout.columns; ++j) {
    auto point_bytes = r.bytes(plonk::kG1CompressedBytes, "commitment");
    if (!point_bytes) return point_bytes.status();
    auto point = plonk::decode_g1_compressed(*point_bytes);
    if (!point) return Status::error("registration record: commitment " + std::to_string(j) + ": " + point.error());
    record.commitments.push_back(*point);
  }
  if (Status s = r.finish(); !s) return s;
  if (Status s = record.validate(); !s) return s;
  return record;
}

Sha256::Digest RegistrationRecord::digest() const {
  Sha256 h;
  h.update(kRecordDomain).update(encode());
  return h.finish();
}

bool RegistrationRecord::operator==(const RegistrationRecord& other) const {
  return layout == other.layout && k == other.k && schema == other.schema && commitments == other.commitments;
}

}  // namespace zkfl::training
