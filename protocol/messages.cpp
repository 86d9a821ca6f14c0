#include "protocol/messages.hpp"

#include <cereal/archives/binary.hpp>

#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>

#include "protocol/wire_codec.hpp"

namespace zkfl::protocol {

namespace {

using cereal::BinaryInputArchive;
using cereal::BinaryOutputArchive;
using wire::ArrayIn;
using wire::ArrayOut;
using wire::BoolIn;
using wire::BytesIn;
using wire::BytesOut;
using wire::EnumIn;
using wire::Int64sIn;
using wire::Int64sOut;
using wire::IntIn;
using wire::IntOut;
using wire::SpanSource;
using wire::WireError;

std::span<const uint8_t> text_bytes(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// ---- message bodies (the envelope's payload), in field order.

void save_body(BinaryOutputArchive& ar, const Register& m) {
  ar(IntOut<uint64_t>{m.participant}, BytesOut{text_bytes(m.name)}, ArrayOut<32>{m.identity_key},
     ArrayOut<32>{m.curve_public_key}, BytesOut{m.registration_record}, IntOut<uint64_t>{m.sample_count},
     ArrayOut<64>{m.signature});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, Register& m) {
  ar(IntIn<uint64_t>{m.participant, in, "participant"},
     BytesIn<std::string>{m.name, kMaxParticipantNameBytes, in, "name"},
     ArrayIn<32>{m.identity_key, in, "identity_key"}, ArrayIn<32>{m.curve_public_key, in, "curve_public_key"},
     BytesIn<std::vector<uint8_t>>{m.registration_record, kMaxRegistrationRecordBytes, in, "registration_record"},
     IntIn<uint64_t>{m.sample_count, in, "sample_count"}, ArrayIn<64>{m.signature, in, "signature"});
}

void save_body(BinaryOutputArchive& ar, const RoundAnnouncement& m) {
  ar(ArrayOut<16>{m.run_id}, IntOut<uint64_t>{m.round}, ArrayOut<32>{m.seed}, Int64sOut{m.global_model},
     ArrayOut<32>{m.step_spec_digest}, IntOut<uint64_t>{m.deadline_ms});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, RoundAnnouncement& m) {
  ar(ArrayIn<16>{m.run_id, in, "run_id"}, IntIn<uint64_t>{m.round, in, "round"}, ArrayIn<32>{m.seed, in, "seed"},
     Int64sIn{m.global_model, kMaxWeights, in, "global_model"},
     ArrayIn<32>{m.step_spec_digest, in, "step_spec_digest"}, IntIn<uint64_t>{m.deadline_ms, in, "deadline_ms"});
}

void save_body(BinaryOutputArchive& ar, const Submission& m) {
  ar(ArrayOut<16>{m.run_id}, IntOut<uint64_t>{m.round}, IntOut<uint64_t>{m.participant}, Int64sOut{m.w_out},
     BytesOut{m.proof}, BytesOut{m.link}, IntOut<uint64_t>{m.sample_count}, ArrayOut<64>{m.signature});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, Submission& m) {
  ar(ArrayIn<16>{m.run_id, in, "run_id"}, IntIn<uint64_t>{m.round, in, "round"},
     IntIn<uint64_t>{m.participant, in, "participant"}, Int64sIn{m.w_out, kMaxWeights, in, "w_out"},
     BytesIn<std::vector<uint8_t>>{m.proof, kMaxProofBytes, in, "proof"},
     BytesIn<std::vector<uint8_t>>{m.link, kMaxLinkBytes, in, "link"},
     IntIn<uint64_t>{m.sample_count, in, "sample_count"}, ArrayIn<64>{m.signature, in, "signature"});
}

void save_body(BinaryOutputArchive& ar, const Verdict& m) {
  ar(IntOut<uint64_t>{m.round}, IntOut<uint64_t>{m.participant}, IntOut<uint8_t>{m.accepted ? uint8_t{1} : uint8_t{0}},
     IntOut<uint16_t>{static_cast<uint16_t>(m.reason)}, BytesOut{text_bytes(m.text)});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, Verdict& m) {
  ar(IntIn<uint64_t>{m.round, in, "round"}, IntIn<uint64_t>{m.participant, in, "participant"},
     BoolIn{m.accepted, in, "accepted"}, EnumIn<VerdictReason>{m.reason, in, "reason"},
     BytesIn<std::string>{m.text, kMaxTextBytes, in, "text"});
}

void save_body(BinaryOutputArchive& ar, const Heartbeat& m) {
  ar(IntOut<uint64_t>{m.participant}, IntOut<uint64_t>{m.round},
     IntOut<uint64_t>{std::bit_cast<uint64_t>(m.progress)});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, Heartbeat& m) {
  uint64_t progress_bits = 0;
  ar(IntIn<uint64_t>{m.participant, in, "participant"}, IntIn<uint64_t>{m.round, in, "round"},
     IntIn<uint64_t>{progress_bits, in, "progress"});
  m.progress = std::bit_cast<double>(progress_bits);
}

void save_body(BinaryOutputArchive& ar, const Error& m) {
  ar(IntOut<uint16_t>{static_cast<uint16_t>(m.code)}, BytesOut{text_bytes(m.text)});
}
void load_body(BinaryInputArchive& ar, const SpanSource& in, Error& m) {
  ar(EnumIn<ErrorCode>{m.code, in, "code"}, BytesIn<std::string>{m.text, kMaxTextBytes, in, "text"});
}

// ---- validation shared by encode and decode.

Status limit(size_t size, size_t max, const char* field) {
  if (size <= max) return Status::ok();
  return Status::error(std::string(field) + " has " + std::to_string(size) + " entries, more than the limit of " +
                       std::to_string(max));
}

// Texts end up in terminals and logs: no control characters (but line
// breaks and tabs in free text).
Status printable(const std::string& text, bool allow_layout, const char* field) {
  for (unsigned char c : text) {
    const bool layout = allow_layout && (c == '\n' || c == '\t');
    if ((c < 0x20 || c == 0x7f) && !layout) {
      return Status::error(std::string(field) + " contains the control character " + std::to_string(c));
    }
  }
  return Status::ok();
}

Status check(const Register& m) {
  if (auto s = limit(m.name.size(), kMaxParticipantNameBytes, "name"); !s) return s;
  if (auto s = printable(m.name, false, "name"); !s) return s;
  return limit(m.registration_record.size(), kMaxRegistrationRecordBytes, "registration_record");
}
Status check(const RoundAnnouncement& m) { return limit(m.global_model.size(), kMaxWeights, "global_model"); }
Status check(const Submission& m) {
  if (auto s = limit(m.w_out.size(), kMaxWeights, "w_out"); !s) return s;
  if (auto s = limit(m.proof.size(), kMaxProofBytes, "proof"); !s) return s;
  return limit(m.link.size(), kMaxLinkBytes, "link");
}
Status check(const Verdict& m) {
  if (verdict_reason_name(m.reason) == "unknown") {
    return Status::error("reason " + std::to_string(static_cast<unsigned>(m.reason)) +
                         " is not a known verdict reason");
  }
  if (m.accepted != (m.reason == VerdictReason::kAccepted)) {
    return Status::error(std::string("accepted is ") + (m.accepted ? "true" : "false") + " but the reason is '" +
                         std::string(verdict_reason_name(m.reason)) + "'");
  }
  if (auto s = limit(m.text.size(), kMaxTextBytes, "text"); !s) return s;
  return printable(m.text, true, "text");
}
Status check(const Heartbeat& m) {
  if (!std::isfinite(m.progress) || m.progress < 0 || m.progress > 1 || std::signbit(m.progress)) {
    return Status::error("progress must be a number in [0, 1]");
  }
  return Status::ok();
}
Status check(const Error& m) {
  if (error_code_name(m.code) == "unknown") {
    return Status::error("code " + std::to_string(static_cast<unsigned>(m.code)) + " is not a known error code");
  }
  if (auto s = limit(m.text.size(), kMaxTextBytes, "text"); !s) return s;
  return printable(m.text, true, "text");
}

std::string type_prefix(MessageType type) { return std::string(message_type_name(type)) + ": "; }

// The header of an envelope, the payload as a view into the input.
struct EnvelopeView {
  uint16_t version = 0;
  uint8_t type = 0;
  std::span<const uint8_t> payload;
};

Result<EnvelopeView> parse_envelope(std::span<const uint8_t> bytes, const CodecLimits& limits) {
  if (bytes.size() > limits.max_message_bytes) {
    return Status::error("message of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                         std::to_string(limits.max_message_bytes) + " bytes");
  }
  SpanSource source(bytes);
  std::istream stream(&source);
  EnvelopeView view;
  try {
    BinaryInputArchive ar(stream);
    std::array<uint8_t, 4> magic{};
    ar(ArrayIn<4>{magic, source, "envelope magic"});
    if (magic != kEnvelopeMagic) return Status::error("not a zkfl message (bad magic)");
    uint32_t payload_bytes = 0;
    ar(IntIn<uint16_t>{view.version, source, "envelope version"}, IntIn<uint8_t>{view.type, source, "envelope type"},
       IntIn<uint32_t>{payload_bytes, source, "envelope payload length"});
    if (payload_bytes > source.remaining()) {
      return Status::error("truncated message: the envelope announces " + std::to_string(payload_bytes) +
                           " payload bytes but only " + std::to_string(source.remaining()) + " follow");
    }
    if (payload_bytes < source.remaining()) {
      return Status::error(std::to_string(source.remaining() - payload_bytes) +
                           " unexpected trailing bytes after the envelope's payload");
    }
    view.payload = bytes.subspan(source.consumed());
  } catch (const WireError& e) {
    return Status::error(e.message);
  } catch (const cereal::Exception& e) {
    return Status::error(std::string("malformed envelope: ") + e.what());
  }
  return view;
}

template <class T>
Result<Message> decode_body(std::span<const uint8_t> payload, MessageType type) {
  SpanSource source(payload);
  std::istream stream(&source);
  T message;
  try {
    BinaryInputArchive ar(stream);
    load_body(ar, source, message);
  } catch (const WireError& e) {
    return Status::error(type_prefix(type) + e.message);
  } catch (const cereal::Exception& e) {
    return Status::error(type_prefix(type) + "malformed: " + e.what());
  }
  if (source.remaining() != 0) {
    return Status::error(type_prefix(type) + std::to_string(source.remaining()) +
                         " unexpected trailing bytes after the last field");
  }
  if (Status s = check(message); !s) return Status::error(type_prefix(type) + s.message());
  return Message(std::move(message));
}

}  // namespace

MessageType message_type(const Message& message) {
  return std::visit(
      [](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Register>) return MessageType::kRegister;
        if constexpr (std::is_same_v<T, RoundAnnouncement>) return MessageType::kRoundAnnouncement;
        if constexpr (std::is_same_v<T, Submission>) return MessageType::kSubmission;
        if constexpr (std::is_same_v<T, Verdict>) return MessageType::kVerdict;
        if constexpr (std::is_same_v<T, Heartbeat>) return MessageType::kHeartbeat;
        if constexpr (std::is_same_v<T, Error>) return MessageType::kError;
      },
      message);
}

std::string_view message_type_name(MessageType type) {
  switch (type) {
    case MessageType::kRegister: return "register";
    case MessageType::kRoundAnnouncement: return "round-announcement";
    case MessageType::kSubmission: return "submission";
    case MessageType::kVerdict: return "verdict";
    case MessageType::kHeartbeat: return "heartbeat";
    case MessageType::kError: return "error";
  }
  return "unknown";
}

std::string_view verdict_reason_name(VerdictReason reason) {
  switch (reason) {
    case VerdictReason::kAccepted: return "accepted";
    case VerdictReason::kWrongRun: return "wrong-run";
    case VerdictReason::kWrongRound: return "wrong-round";
    case VerdictReason::kLate: return "late";
    case VerdictReason::kDuplicate: return "duplicate";
    case VerdictReason::kUnknownParticipant: return "unknown-participant";
    case VerdictReason::kBadSignature: return "bad-signature";
    case VerdictReason::kPublicInputMismatch: return "public-input-mismatch";
    case VerdictReason::kMalformedProof: return "malformed-proof";
    case VerdictReason::kProofRejected: return "proof-rejected";
    case VerdictReason::kSampleCountMismatch: return "sample-count-mismatch";
    case VerdictReason::kExcludedByAggregation: return "excluded-by-aggregation";
  }
  return "unknown";
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformedMessage: return "malformed-message";
    case ErrorCode::kUnsupportedVersion: return "unsupported-version";
    case ErrorCode::kMessageTooLarge: return "message-too-large";
    case ErrorCode::kUnknownParticipant: return "unknown-participant";
    case ErrorCode::kNotRegistered: return "not-registered";
    case ErrorCode::kRegistrationRefused: return "registration-refused";
    case ErrorCode::kUnexpectedMessage: return "unexpected-message";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

Status validate(const Message& message) {
  const Status s = std::visit([](const auto& m) { return check(m); }, message);
  if (s) return s;
  return Status::error(type_prefix(message_type(message)) + s.message());
}

std::vector<uint8_t> encode_envelope(const Envelope& envelope) {
  assert(envelope.payload.size() <= UINT32_MAX && "an envelope's payload length is a u32");
  std::vector<uint8_t> out;
  out.reserve(kEnvelopeHeaderBytes + envelope.payload.size());
  wire::VectorSink sink(out);
  std::ostream stream(&sink);
  {
    BinaryOutputArchive ar(stream);
    ar(ArrayOut<4>{kEnvelopeMagic}, IntOut<uint16_t>{envelope.version}, IntOut<uint8_t>{envelope.type},
       IntOut<uint32_t>{static_cast<uint32_t>(envelope.payload.size())});
    ar.saveBinary(envelope.payload.data(), static_cast<std::streamsize>(envelope.payload.size()));
  }
  return out;
}

Result<std::vector<uint8_t>> encode(const Message& message, const CodecLimits& limits) {
  if (Status s = validate(message); !s) return s;
  std::vector<uint8_t> out;
  wire::VectorSink sink(out);
  std::ostream stream(&sink);
  const MessageType type = message_type(message);
  try {
    BinaryOutputArchive ar(stream);
    ar(ArrayOut<4>{kEnvelopeMagic}, IntOut<uint16_t>{kProtocolVersion}, IntOut<uint8_t>{static_cast<uint8_t>(type)},
       IntOut<uint32_t>{0});  // payload length, patched below
    std::visit([&](const auto& m) { save_body(ar, m); }, message);
  } catch (const cereal::Exception& e) {
    return Status::error(type_prefix(type) + "encoding failed: " + e.what());
  }
  if (out.size() > limits.max_message_bytes || out.size() - kEnvelopeHeaderBytes > UINT32_MAX) {
    return Status::error(type_prefix(type) + "encodes to " + std::to_string(out.size()) +
                         " bytes, more than the limit of " + std::to_string(limits.max_message_bytes) + " bytes");
  }
  wire::store_le(static_cast<uint32_t>(out.size() - kEnvelopeHeaderBytes), out.data() + 7);
  return out;
}

Result<Envelope> decode_envelope(std::span<const uint8_t> bytes, const CodecLimits& limits) {
  auto view = parse_envelope(bytes, limits);
  if (!view) return view.status();
  return Envelope{view->version, view->type, std::vector<uint8_t>(view->payload.begin(), view->payload.end())};
}

Result<Message> decode(std::span<const uint8_t> bytes, const CodecLimits& limits) {
  auto view = parse_envelope(bytes, limits);
  if (!view) return view.status();
  if (view->version != kProtocolVersion) {
    return Status::error("unsupported protocol version " + std::to_string(view->version) + " (this build speaks " +
                         std::to_string(kProtocolVersion) + "); run the same zkfl release on both sides");
  }
  const auto type = static_cast<MessageType>(view->type);
  switch (type) {
    case MessageType::kRegister: return decode_body<Register>(view->payload, type);
    case MessageType::kRoundAnnouncement: return decode_body<RoundAnnouncement>(view->payload, type);
    case MessageType::kSubmission: return decode_body<Submission>(view->payload, type);
    case MessageType::kVerdict: return decode_body<Verdict>(view->payload, type);
    case MessageType::kHeartbeat: return decode_body<Heartbeat>(view->payload, type);
    case MessageType::kError: return decode_body<Error>(view->payload, type);
  }
  return Status::error("unknown message type " + std::to_string(view->type));
}

}  // namespace zkfl::protocol
