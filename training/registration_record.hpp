// What a participant publishes when it registers its dataset (DESIGN §1): the
// KZG commitments C_reg_j to its P registered data polynomials, the table's
// shape, the circuit domain they live on, and a digest of the dataset's
// schema. The coordinator stores it; every round's dataset link
// (dataset_link.hpp) proves that the round's data columns agree with these
// commitments on the table rows.
//
// Byte format, version 1 (integers big-endian):
//   "ZKFLREG"     7 bytes magic
//   u8            version (1)
//   u64           N, dataset rows
//   u64           d + 1, values per row
//   u32           P, data columns
//   u8            k, the circuit domain has 2^k rows (1 ≤ k ≤ 28, T = N·⌈(d+1)/P⌉ < 2^k)
//   32            schema digest (schema_digest below)
//   P × 32        C_reg_0 … C_reg_{P−1}, compressed G1 (point_encoding.hpp)
//   32            SHA-256 of everything before it (plonk/kzg/codec_checksum.hpp)
// and nothing after. Decoding is strict: a wrong magic, version, checksum or
// shape, a point not on the curve, truncation and trailing bytes are errors.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plonk/base/sha256.hpp"
#include "plonk/curve/g1.hpp"
#include "training/data_table.hpp"

namespace zkfl::training {

// What the columns of a dataset mean: bound into the registration so that a
// dataset registered for one task cannot be passed off as another's.
struct DatasetSchema {
  static constexpr size_t kMaxNameBytes = 4096;
  std::vector<std::string> feature_names;  // d names, in column order
  int64_t num_classes = 0;                 // labels lie in [0, num_classes)
  int fraction_bits = 0;                   // of the quantized features (kFractionBits)
};

// SHA-256("zkfl-dataset-schema-v1" ‖ u32(d) ‖ (u32(|name|) ‖ name)… ‖ u64(classes) ‖ u32(bits)).
// An error unless num_classes ≥ 2, 0 ≤ fraction_bits ≤ 62 and every name has
// at most kMaxNameBytes bytes.
Result<plonk::Sha256::Digest> schema_digest(const DatasetSchema& schema);

struct RegistrationRecord {
  static constexpr std::string_view kMagic = "ZKFLREG";
  static constexpr uint8_t kFormatVersion = 1;

  DataTableLayout layout;                 // N, d + 1, P
  uint32_t k = 0;                         // domain of 2^k rows
  plonk::Sha256::Digest schema{};         // schema_digest of the dataset
  std::vector<plonk::G1Affine> commitments;  // C_reg_j, one per data column

  // Ok when the layout is valid, 1 ≤ k ≤ 28, T < 2^k and there are P commitments.
  Status validate() const;
  // The version-1 encoding above. Requires validate() to pass (asserts).
  std::vector<uint8_t> encode() const;
  // Strict decoding of that encoding.
  static Result<RegistrationRecord> decode(std::span<const uint8_t> bytes);
  // SHA-256("zkfl-dataset-registration-v1" ‖ encode()): the record's identity,
  // for the coordinator's books, the step circuit's public inputs and the link's transcript.
  plonk::Sha256::Digest digest() const;

  bool operator==(const RegistrationRecord& other) const;
};

}  // namespace zkfl::training
