// The events of a run's audit log and their payload bytes (docs/AUDIT.md).
// Every payload is a canonical big-endian encoding (plonk/base/byte_io.hpp):
// integers as u64/u32/u8, text and byte strings as u32 length ‖ bytes,
// weight vectors as a u32-length-prefixed model blob (model_blob.hpp), fixed
// keys, seeds and signatures as raw bytes. Decoding is strict (no trailing
// bytes, no unknown codes), so a payload has exactly one encoding.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "coordinator/run_records.hpp"
#include "plonk/base/status.hpp"

namespace zkfl::coordinator {

using plonk::Result;

// The event kinds; the code is what the audit table stores and the chain hashes.
enum class AuditKind : uint8_t {
  kRunCreated = 1,           // RunRecord
  kParticipantEnrolled = 2,  // ParticipantRecord
  kRoundAnnounced = 3,       // RoundAnnounced
  kRoundState = 4,           // RoundStateChanged (collecting, verifying)
  kSubmissionReceived = 5,   // SubmissionRecord without its verdict
  kVerdict = 6,              // VerdictRecorded
  kRoundAggregated = 7,      // RoundAggregated
};

// "run created", "participant enrolled", …; "unknown" for other codes.
std::string_view audit_kind_name(AuditKind kind);
// The kind for a stored code; nullopt for a code no event has.
std::optional<AuditKind> audit_kind_from_code(int64_t code);

struct RoundAnnounced {
  uint64_t number = 0;
  Seed seed{};
  std::vector<int64_t> model;
  int64_t deadline_ms = 0;
  bool operator==(const RoundAnnounced&) const = default;
};

struct RoundStateChanged {
  uint64_t number = 0;
  RoundState state = RoundState::kCollecting;
  bool operator==(const RoundStateChanged&) const = default;
};

struct VerdictRecorded {
  uint64_t round = 0;
  uint64_t participant = 0;
  bool accepted = false;
  std::string reason;
  bool operator==(const VerdictRecorded&) const = default;
};

struct RoundAggregated {
  uint64_t number = 0;
  std::vector<int64_t> model;          // W_{r+1}
  std::vector<uint64_t> accepted;      // participant ids whose updates it averages, ascending
  std::optional<double> accuracy;
  bool operator==(const RoundAggregated&) const = default;
};

// Payload encodings (text and blobs are u32 length ‖ bytes; signed integers two's complement):
//   run created:          config ‖ spec digest[32] ‖ aggregation ‖ coordinator key[32] ‖ i64 created
//   participant enrolled: u64 id ‖ name ‖ identity key[32] ‖ curve key[32] ‖ registration ‖ i64 samples ‖ i64 enrolled
//   round announced:      u64 round ‖ seed[32] ‖ model ‖ i64 deadline
//   round state:          u64 round ‖ u8 state
//   submission received:  u64 round ‖ u64 participant ‖ W_out ‖ proof ‖ link ‖ signature[64] ‖ i64 received
//   verdict:              u64 round ‖ u64 participant ‖ u8 accepted (0/1) ‖ reason
//   round aggregated:     u64 round ‖ model ‖ u32 n ‖ n × u64 participant ‖ u8 has accuracy ‖ [u64 IEEE-754 bits]
std::vector<uint8_t> encode_run_created(const RunRecord& run);
std::vector<uint8_t> encode_participant_enrolled(const ParticipantRecord& participant);
std::vector<uint8_t> encode_round_announced(const RoundAnnounced& round);
std::vector<uint8_t> encode_round_state(const RoundStateChanged& change);
// Encodes every field but the verdict and reason (those come with the verdict event).
std::vector<uint8_t> encode_submission_received(const SubmissionRecord& submission);
std::vector<uint8_t> encode_verdict(const VerdictRecorded& verdict);
std::vector<uint8_t> encode_round_aggregated(const RoundAggregated& aggregated);

// Strict decoders of the encodings above; an error names the defect.
Result<RunRecord> decode_run_created(std::span<const uint8_t> payload);
Result<ParticipantRecord> decode_participant_enrolled(std::span<const uint8_t> payload);
Result<RoundAnnounced> decode_round_announced(std::span<const uint8_t> payload);
Result<RoundStateChanged> decode_round_state(std::span<const uint8_t> payload);
// The verdict of the result is pending and its reason empty.
Result<SubmissionRecord> decode_submission_received(std::span<const uint8_t> payload);
Result<VerdictRecorded> decode_verdict(std::span<const uint8_t> payload);
Result<RoundAggregated> decode_round_aggregated(std::span<const uint8_t> payload);

}  // namespace zkfl::coordinator
