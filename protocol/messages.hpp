// The messages of the federation protocol (docs/PROTOCOL.md) and their wire
// encoding: each message travels inside an Envelope
//   "ZKFL" ‖ u16 protocol version ‖ u8 message type ‖ u32 payload length ‖ payload
// whose payload is the message's fields serialized with Cereal's binary
// archive, every integer little-endian and fixed width, every variable-length
// field a u32 count followed by its items. Decoding checks the total size
// before it reads anything and every count against the bytes that remain and
// against the field's maximum before it allocates; it rejects unknown
// versions, types and enum values, and trailing bytes, so each message has
// exactly one encoding.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "plonk/base/status.hpp"
#include "protocol/identity.hpp"

namespace zkfl::protocol {

inline constexpr uint16_t kProtocolVersion = 1;
inline constexpr std::array<uint8_t, 4> kEnvelopeMagic = {'Z', 'K', 'F', 'L'};
inline constexpr size_t kEnvelopeHeaderBytes = 4 + 2 + 1 + 4;

// Default bound on a whole encoded message (CodecLimits::max_message_bytes).
inline constexpr size_t kDefaultMaxMessageBytes = size_t{64} << 20;
// Per-field maxima, checked on encode and decode whatever the total limit.
inline constexpr size_t kMaxWeights = size_t{1} << 24;          // entries of a model
inline constexpr size_t kMaxProofBytes = size_t{1} << 20;       // a step proof
inline constexpr size_t kMaxLinkBytes = 4096;                   // a dataset link
inline constexpr size_t kMaxRegistrationRecordBytes = 64 << 10;  // a RegistrationRecord
inline constexpr size_t kMaxParticipantNameBytes = 128;
inline constexpr size_t kMaxTextBytes = 4096;                   // reasons and error texts

using RunId = std::array<uint8_t, 16>;
using Bytes32 = std::array<uint8_t, 32>;

enum class MessageType : uint8_t {
  kRegister = 1,
  kRoundAnnouncement = 2,
  kSubmission = 3,
  kVerdict = 4,
  kHeartbeat = 5,
  kError = 6,
};

// Participant → coordinator: enrolment with identity keys and the dataset
// registration (training::RegistrationRecord::encode()). Signed with the
// identity key (registration_signing_bytes) so the audit log can show that the
// participant, not the coordinator, registered this dataset.
struct Register {
  uint64_t participant = 0;
  std::string name;                          // display name, ≤ kMaxParticipantNameBytes, no control characters
  Ed25519PublicKey identity_key{};
  CurveKey curve_public_key{};
  std::vector<uint8_t> registration_record;  // ≤ kMaxRegistrationRecordBytes
  uint64_t sample_count = 0;                 // N, rows of the registered dataset
  Ed25519Signature signature{};
  bool operator==(const Register&) const = default;
};

// Coordinator → participants: round `round` of run `run_id` is open.
struct RoundAnnouncement {
  RunId run_id{};
  uint64_t round = 0;
  Bytes32 seed{};                      // s_r: the batch indices derive from it
  std::vector<int64_t> global_model;   // W_r flattened (QuantizedModel::flatten), ≤ kMaxWeights
  Bytes32 step_spec_digest{};          // training::step_spec_digest of the run's spec
  uint64_t deadline_ms = 0;            // Unix time in milliseconds
  bool operator==(const RoundAnnouncement&) const = default;
};

// Participant → coordinator: its update for a round, the proof that it is an
// honest step, the dataset link, and its Ed25519 signature over
// submission_signing_bytes (every other field).
struct Submission {
  RunId run_id{};
  uint64_t round = 0;
  uint64_t participant = 0;
  std::vector<int64_t> w_out;   // ≤ kMaxWeights
  std::vector<uint8_t> proof;   // ≤ kMaxProofBytes (plonk proof bytes)
  std::vector<uint8_t> link;    // ≤ kMaxLinkBytes (training::LinkProof bytes)
  uint64_t sample_count = 0;    // the FedAvg weight the participant claims
  Ed25519Signature signature{};
  bool operator==(const Submission&) const = default;
};

// Why a submission was accepted or not. Values are part of the protocol.
enum class VerdictReason : uint16_t {
  kAccepted = 0,
  kWrongRun = 1,              // run id is not the coordinator's run
  kWrongRound = 2,            // not the round that is open
  kLate = 3,                  // arrived after the round closed
  kDuplicate = 4,             // a second submission for the same round
  kUnknownParticipant = 5,    // not registered / not in the config
  kBadSignature = 6,          // signature does not verify under the identity key
  kPublicInputMismatch = 7,   // w_out has the wrong shape or out-of-range weights
  kMalformedProof = 8,        // proof or link bytes do not decode
  kProofRejected = 9,         // a well-formed proof of a false statement
  kSampleCountMismatch = 10,  // sample_count differs from the registered N
  kExcludedByAggregation = 11,  // valid, but left out by a robust aggregation rule
};

// Coordinator → participant: the outcome of its submission for `round`.
// accepted ⇔ reason == kAccepted.
struct Verdict {
  uint64_t round = 0;
  uint64_t participant = 0;
  bool accepted = false;
  VerdictReason reason = VerdictReason::kAccepted;
  std::string text;  // ≤ kMaxTextBytes, for people
  bool operator==(const Verdict&) const = default;
};

// Participant → coordinator while it trains and proves: it is alive.
struct Heartbeat {
  uint64_t participant = 0;
  uint64_t round = 0;
  double progress = 0;  // in [0, 1]; finite, not −0
  bool operator==(const Heartbeat&) const = default;
};

enum class ErrorCode : uint16_t {
  kMalformedMessage = 1,     // bytes that do not decode
  kUnsupportedVersion = 2,   // a protocol version this side does not speak
  kMessageTooLarge = 3,
  kUnknownParticipant = 4,   // identity or CURVE key not in the config
  kNotRegistered = 5,        // a message that needs registration first
  kRegistrationRefused = 6,  // registration record or keys rejected
  kUnexpectedMessage = 7,    // a message type this side never accepts
  kInternal = 8,             // the sender failed; retry later
};

// Either side: a request could not be handled.
struct Error {
  ErrorCode code = ErrorCode::kMalformedMessage;
  std::string text;  // ≤ kMaxTextBytes
  bool operator==(const Error&) const = default;
};

using Message = std::variant<Register, RoundAnnouncement, Submission, Verdict, Heartbeat, Error>;

// The outer frame of every message; any version's header has this layout.
struct Envelope {
  uint16_t version = kProtocolVersion;
  uint8_t type = 0;  // a MessageType value (unchecked here)
  std::vector<uint8_t> payload;
  bool operator==(const Envelope&) const = default;
};

struct CodecLimits {
  size_t max_message_bytes = kDefaultMaxMessageBytes;  // the whole envelope
};

MessageType message_type(const Message& message);
// "register", "round-announcement", …; "unknown" for other values.
std::string_view message_type_name(MessageType type);
std::string_view verdict_reason_name(VerdictReason reason);
std::string_view error_code_name(ErrorCode code);

// Ok when every field is within its limit and every value is legal (known
// enum values, accepted ⇔ kAccepted, progress in [0, 1], no control
// characters in the name or texts but \n and \t in texts); else the first problem.
Status validate(const Message& message);

// The envelope bytes of `message`. Errors: validate() fails, or the result
// would exceed limits.max_message_bytes.
Result<std::vector<uint8_t>> encode(const Message& message, const CodecLimits& limits = {});

// The message in `bytes`. Errors (with the reason) for anything but exactly
// one well-formed, in-limit message of kProtocolVersion; never allocates more
// than the input's size.
Result<Message> decode(std::span<const uint8_t> bytes, const CodecLimits& limits = {});

// The envelope of any version (payload not interpreted): lets a receiver
// tell an unsupported version from garbage. Errors: too large, bad magic,
// truncated, trailing bytes.
Result<Envelope> decode_envelope(std::span<const uint8_t> bytes, const CodecLimits& limits = {});
// The bytes of an envelope (no limit beyond the u32 payload length).
std::vector<uint8_t> encode_envelope(const Envelope& envelope);

}  // namespace zkfl::protocol
