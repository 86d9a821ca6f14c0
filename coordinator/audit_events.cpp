#include "coordinator/audit_events.hpp"

#include <bit>
#include <cstring>

#include "coordinator/model_blob.hpp"
#include "plonk/base/byte_io.hpp"

namespace zkfl::coordinator {
namespace {

using plonk::ByteReader;
using plonk::ByteWriter;
using plonk::Status;

void write_bytes(ByteWriter& out, std::span<const uint8_t> bytes) {
  out.u32(static_cast<uint32_t>(bytes.size()));
  out.bytes(bytes);
}

void write_text(ByteWriter& out, std::string_view text) {
  write_bytes(out, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

void write_weights(ByteWriter& out, std::span<const int64_t> weights) { write_bytes(out, encode_weights(weights)); }

void write_i64(ByteWriter& out, int64_t v) { out.u64(static_cast<uint64_t>(v)); }

// Reading helpers that stop at the first error, in the style of ByteReader.
class PayloadReader {
 public:
  PayloadReader(std::span<const uint8_t> payload, const char* what) : in_(payload, what), what_(what) {}

  bool ok() const { return status_.is_ok(); }
  const Status& status() const { return status_; }

  uint64_t u64() { return take(in_.u64(), uint64_t{0}); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  uint32_t u32() { return take(in_.u32(), uint32_t{0}); }
  uint8_t u8() { return take(in_.u8(), uint8_t{0}); }
  std::vector<uint8_t> bytes() {
    const uint32_t n = u32();
    if (!ok()) return {};
    auto s = in_.bytes(n, "byte string");
    if (!s) {
      fail(s.status());
      return {};
    }
    return std::vector<uint8_t>(s->begin(), s->end());
  }
  std::string text() {
    auto b = bytes();
    return std::string(b.begin(), b.end());
  }
  template <size_t N>
  std::array<uint8_t, N> fixed() {
    std::array<uint8_t, N> out{};
    if (!ok()) return out;
    auto s = in_.bytes(N, "fixed-size field");
    if (!s) {
      fail(s.status());
      return out;
    }
    std::memcpy(out.data(), s->data(), N);
    return out;
  }
  std::vector<int64_t> weights() {
    auto blob = bytes();
    if (!ok()) return {};
    auto w = decode_weights(blob, what_);
    if (!w) {
      fail(w.status());
      return {};
    }
    return std::move(*w);
  }
  void fail(Status s) {
    if (status_.is_ok()) status_ = std::move(s);
  }
  void fail(const std::string& message) { fail(in_.error(message)); }
  // The final status: the first error, or trailing bytes.
  Status finish() {
    if (ok()) fail(in_.finish());
    return status_;
  }

 private:
  template <class T>
  T take(Result<T> r, T fallback) {
    if (!ok()) return fallback;
    if (!r) {
      fail(r.status());
      return fallback;
    }
    return *r;
  }
  ByteReader in_;
  const char* what_;
  Status status_;
};

}  // namespace

std::string_view audit_kind_name(AuditKind kind) {
  switch (kind) {
    case AuditKind::kRunCreated: return "run created";
    case AuditKind::kParticipantEnrolled: return "participant enrolled";
    case AuditKind::kRoundAnnounced: return "round announced";
    case AuditKind::kRoundState: return "round state";
    case AuditKind::kSubmissionReceived: return "submission received";
    case AuditKind::kVerdict: return "verdict";
    case AuditKind::kRoundAggregated: return "round aggregated";
  }
  return "unknown";
}

std::optional<AuditKind> audit_kind_from_code(int64_t code) {
  if (code < static_cast<int64_t>(AuditKind::kRunCreated) || code > static_cast<int64_t>(AuditKind::kRoundAggregated)) {
    return std::nullopt;
  }
  return static_cast<AuditKind>(code);
}

std::vector<uint8_t> encode_run_created(const RunRecord& run) {
  ByteWriter out;
  write_text(out, run.config);
  out.bytes(run.spec_digest);
  write_text(out, run.aggregation);
  out.bytes(run.coordinator_key);
  write_i64(out, run.created_ms);
  return out.take();
}

std::vector<uint8_t> encode_participant_enrolled(const ParticipantRecord& p) {
  ByteWriter out;
  out.u64(p.id);
  write_text(out, p.name);
  out.bytes(p.identity_key);
  out.bytes(p.curve_key);
  write_bytes(out, p.registration);
  write_i64(out, p.samples);
  write_i64(out, p.enrolled_ms);
  return out.take();
}

std::vector<uint8_t> encode_round_announced(const RoundAnnounced& round) {
  ByteWriter out;
  out.u64(round.number);
  out.bytes(round.seed);
  write_weights(out, round.model);
  write_i64(out, round.deadline_ms);
  return out.take();
}

std::vector<uint8_t> encode_round_state(const RoundStateChanged& change) {
  ByteWriter out;
  out.u64(change.number);
  out.u8(static_cast<uint8_t>(change.state));
  return out.take();
}

std::vector<uint8_t> encode_submission_received(const SubmissionRecord& s) {
  ByteWriter out;
  out.u64(s.round);
  out.u64(s.participant);
  write_weights(out, s.w_out);
  write_bytes(out, s.proof);
  write_bytes(out, s.link);
  out.bytes(s.signature);
  write_i64(out, s.received_ms);
  return out.take();
}

std::vector<uint8_t> encode_verdict(const VerdictRecorded& v) {
  ByteWriter out;
  out.u64(v.round);
  out.u64(v.participant);
  out.u8(v.accepted ? 1 : 0);
  write_text(out, v.reason);
  return out.take();
}

std::vector<uint8_t> encode_round_aggregated(const RoundAggregated& a) {
  ByteWriter out;
  out.u64(a.number);
  write_weights(out, a.model);
  out.u32(static_cast<uint32_t>(a.accepted.size()));
  for (uint64_t p : a.accepted) out.u64(p);
  out.u8(a.accuracy ? 1 : 0);
  if (a.accuracy) out.u64(std::bit_cast<uint64_t>(*a.accuracy));
  return out.take();
}

Result<RunRecord> decode_run_created(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "run-created payload");
  RunRecord run;
  run.config = in.text();
  run.spec_digest = in.fixed<32>();
  run.aggregation = in.text();
  run.coordinator_key = in.fixed<32>();
  run.created_ms = in.i64();
  if (auto s = in.finish(); !s) return s;
  return run;
}

Result<ParticipantRecord> decode_participant_enrolled(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "participant-enrolled payload");
  ParticipantRecord p;
  p.id = in.u64();
  p.name = in.text();
  p.identity_key = in.fixed<32>();
  p.curve_key = in.fixed<32>();
  p.registration = in.bytes();
  p.samples = in.i64();
  p.enrolled_ms = in.i64();
  if (auto s = in.finish(); !s) return s;
  return p;
}

Result<RoundAnnounced> decode_round_announced(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "round-announced payload");
  RoundAnnounced r;
  r.number = in.u64();
  r.seed = in.fixed<32>();
  r.model = in.weights();
  r.deadline_ms = in.i64();
  if (auto s = in.finish(); !s) return s;
  return r;
}

Result<RoundStateChanged> decode_round_state(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "round-state payload");
  RoundStateChanged c;
  c.number = in.u64();
  const uint8_t state = in.u8();
  if (in.ok() && (state < static_cast<uint8_t>(RoundState::kAnnounced) ||
                  state > static_cast<uint8_t>(RoundState::kAggregated))) {
    in.fail("unknown round state code " + std::to_string(state));
  }
  c.state = static_cast<RoundState>(state);
  if (auto s = in.finish(); !s) return s;
  return c;
}

Result<SubmissionRecord> decode_submission_received(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "submission-received payload");
  SubmissionRecord s;
  s.round = in.u64();
  s.participant = in.u64();
  s.w_out = in.weights();
  s.proof = in.bytes();
  s.link = in.bytes();
  s.signature = in.fixed<64>();
  s.received_ms = in.i64();
  if (auto st = in.finish(); !st) return st;
  return s;
}

Result<VerdictRecorded> decode_verdict(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "verdict payload");
  VerdictRecorded v;
  v.round = in.u64();
  v.participant = in.u64();
  const uint8_t accepted = in.u8();
  if (in.ok() && accepted > 1) in.fail("accepted flag " + std::to_string(accepted) + " is neither 0 nor 1");
  v.accepted = accepted == 1;
  v.reason = in.text();
  if (auto s = in.finish(); !s) return s;
  return v;
}

Result<RoundAggregated> decode_round_aggregated(std::span<const uint8_t> payload) {
  PayloadReader in(payload, "round-aggregated payload");
  RoundAggregated a;
  a.number = in.u64();
  a.model = in.weights();
  const uint32_t n = in.u32();
  // Each id takes 8 bytes: a count beyond the payload is rejected before allocating.
  if (in.ok() && n > payload.size() / 8) in.fail("accepted count " + std::to_string(n) + " exceeds the payload");
  for (uint32_t i = 0; i < n && in.ok(); ++i) a.accepted.push_back(in.u64());
  const uint8_t has_accuracy = in.u8();
  if (in.ok() && has_accuracy > 1) in.fail("accuracy flag " + std::to_string(has_accuracy) + " is neither 0 nor 1");
  if (has_accuracy == 1) a.accuracy = std::bit_cast<double>(in.u64());
  if (auto s = in.finish(); !s) return s;
  return a;
}

}  // namespace zkfl::coordinator
