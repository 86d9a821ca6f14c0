// The wire encoding of protocol messages: round trips, the exact byte layout,
// and every kind of malformed input (truncation at every length, wrong type or
// version, lying length prefixes, trailing bytes, over-limit sizes, illegal
// values, random corruption) → an error, never a crash or a large allocation.
#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "plonk/base/random.hpp"
#include "protocol/messages.hpp"

// Records the largest single allocation while `g_tracking` is set, so the
// tests can show that no length prefix makes the decoder allocate more than
// its input. The replacement operators pair malloc with free; GCC, seeing
// them inlined into new/delete expressions, would warn of a mismatch.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest{0};
}  // namespace

void* operator new(size_t size) {
  if (g_tracking.load(std::memory_order_relaxed)) {
    size_t seen = g_largest.load(std::memory_order_relaxed);
    while (size > seen && !g_largest.compare_exchange_weak(seen, size)) {
    }
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace {

using namespace zkfl::protocol;

template <size_t N>
std::array<uint8_t, N> pattern(uint8_t start) {
  std::array<uint8_t, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = static_cast<uint8_t>(start + 3 * i);
  return out;
}

std::vector<uint8_t> bytes_pattern(size_t n, uint8_t start) {
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(start + 7 * i);
  return out;
}

Register sample_register() {
  Register m;
  m.participant = 7;
  m.name = "hospital-a";
  m.identity_key = pattern<32>(1);
  m.curve_public_key = pattern<32>(2);
  m.registration_record = bytes_pattern(205, 3);
  m.sample_count = 569;
  m.signature = pattern<64>(4);
  return m;
}

RoundAnnouncement sample_announcement() {
  RoundAnnouncement m;
  m.run_id = pattern<16>(5);
  m.round = 3;
  m.seed = pattern<32>(6);
  m.global_model = {-5, 0, 1, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 12345};
  m.step_spec_digest = pattern<32>(7);
  m.deadline_ms = 1700000000123;
  return m;
}

Submission sample_submission() {
  Submission m;
  m.run_id = pattern<16>(5);
  m.round = 3;
  m.participant = 7;
  m.w_out = {-32768, 32767, 0, 42, -1};
  m.proof = bytes_pattern(300, 8);
  m.link = bytes_pattern(97, 9);
  m.sample_count = 190;
  m.signature = pattern<64>(10);
  return m;
}

Verdict sample_verdict() { return Verdict{3, 7, false, VerdictReason::kProofRejected, "the proof does not verify"}; }
Heartbeat sample_heartbeat() { return Heartbeat{7, 3, 0.5}; }
Error sample_error() { return Error{ErrorCode::kUnsupportedVersion, "this coordinator speaks version 1"}; }

std::vector<Message> samples() {
  return {sample_register(), sample_announcement(), sample_submission(), sample_verdict(), sample_heartbeat(),
          sample_error()};
}

// Messages with every variable-length field empty and every number zero.
std::vector<Message> minimal_samples() {
  return {Register{}, RoundAnnouncement{}, Submission{}, Verdict{0, 0, true, VerdictReason::kAccepted, ""},
          Heartbeat{}, Error{}};
}

std::vector<uint8_t> encoded(const Message& m) {
  auto bytes = encode(m);
  EXPECT_TRUE(bytes) << bytes.error();
  return bytes ? *bytes : std::vector<uint8_t>{};
}

void set_u32_le(std::vector<uint8_t>& bytes, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// The envelope's payload length set to match the bytes actually present.
std::vector<uint8_t> fix_length(std::vector<uint8_t> bytes) {
  set_u32_le(bytes, 7, static_cast<uint32_t>(bytes.size() - kEnvelopeHeaderBytes));
  return bytes;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// decode(bytes) under allocation tracking: an error, and no allocation beyond
// the input's size plus a little bookkeeping.
std::string expect_rejected(const std::vector<uint8_t>& bytes, const CodecLimits& limits = {}) {
  g_largest = 0;
  g_tracking = true;
  auto r = decode(bytes, limits);
  g_tracking = false;
  EXPECT_FALSE(r) << "accepted malformed bytes";
  EXPECT_LE(g_largest.load(), bytes.size() + 64 * 1024) << "decode allocated " << g_largest.load() << " bytes";
  return r ? std::string() : r.error();
}

TEST(Messages, RoundTripEveryType) {
  for (const auto& list : {samples(), minimal_samples()}) {
    for (const Message& m : list) {
      SCOPED_TRACE(std::string(message_type_name(message_type(m))));
      const std::vector<uint8_t> bytes = encoded(m);
      auto back = decode(bytes);
      ASSERT_TRUE(back) << back.error();
      EXPECT_EQ(*back, m);
      EXPECT_EQ(encoded(*back), bytes);  // one encoding per message
    }
  }
}

TEST(Messages, EnvelopeAndIntegersHaveTheDocumentedLayout) {
  const std::vector<uint8_t> bytes = encoded(Heartbeat{0x0102030405060708, 9, 1.0});
  const std::vector<uint8_t> expected = {
      'Z', 'K', 'F', 'L', 0x01, 0x00,                  // magic, version 1 (u16 LE)
      0x05,                                            // type: heartbeat
      24,  0,   0,   0,                                // payload length (u32 LE)
      0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  // participant (u64 LE)
      9,    0,    0,    0,    0,    0,    0,    0,     // round
      0,    0,    0,    0,    0,    0,    0xf0, 0x3f,  // progress 1.0 (IEEE 754 binary64, LE)
  };
  EXPECT_EQ(bytes, expected);

  // A vector is a u32 count then fixed-width little-endian items.
  RoundAnnouncement a;
  a.global_model = {-2};
  const std::vector<uint8_t> ab = encoded(a);
  const size_t count_at = kEnvelopeHeaderBytes + 16 + 8 + 32;
  ASSERT_GT(ab.size(), count_at + 12);
  EXPECT_EQ(std::vector<uint8_t>(ab.begin() + count_at, ab.begin() + count_at + 12),
            (std::vector<uint8_t>{1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));

  auto envelope = decode_envelope(bytes);
  ASSERT_TRUE(envelope) << envelope.error();
  EXPECT_EQ(envelope->version, kProtocolVersion);
  EXPECT_EQ(envelope->type, static_cast<uint8_t>(MessageType::kHeartbeat));
  EXPECT_EQ(envelope->payload.size(), 24u);
  EXPECT_EQ(encode_envelope(*envelope), bytes);
}

TEST(Messages, TruncationAtEveryLengthIsAnError) {
  for (const Message& m : samples()) {
    SCOPED_TRACE(std::string(message_type_name(message_type(m))));
    const std::vector<uint8_t> bytes = encoded(m);
    for (size_t n = 0; n < bytes.size(); ++n) {
      const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
      expect_rejected(prefix);
      // The same cut with an envelope that agrees: the body runs out instead.
      if (n >= kEnvelopeHeaderBytes) {
        const std::string error = expect_rejected(fix_length(prefix));
        EXPECT_TRUE(has(error, "truncated") || has(error, "remain")) << n << ": " << error;
      }
    }
  }
}

TEST(Messages, WrongTypeIsAnError) {
  for (const Message& m : samples()) {
    const std::vector<uint8_t> bytes = encoded(m);
    for (int type = 0; type < 256; ++type) {
      if (type == bytes[6]) continue;
      std::vector<uint8_t> changed = bytes;
      changed[6] = static_cast<uint8_t>(type);
      const std::string error = expect_rejected(changed);
      if (type == 0 || type > 6) {
        EXPECT_TRUE(has(error, "unknown message type")) << error;
      }
    }
  }
}

TEST(Messages, WrongVersionOrMagicIsAnError) {
  const std::vector<uint8_t> bytes = encoded(sample_submission());
  for (uint16_t version : {0, 2, 0x0100, 0xffff}) {
    std::vector<uint8_t> changed = bytes;
    changed[4] = static_cast<uint8_t>(version);
    changed[5] = static_cast<uint8_t>(version >> 8);
    const std::string error = expect_rejected(changed);
    EXPECT_TRUE(has(error, "unsupported protocol version " + std::to_string(version))) << error;
    // The envelope itself still reads, so a receiver can say which version it got.
    auto envelope = decode_envelope(changed);
    ASSERT_TRUE(envelope) << envelope.error();
    EXPECT_EQ(envelope->version, version);
  }
  for (size_t i = 0; i < 4; ++i) {
    std::vector<uint8_t> changed = bytes;
    changed[i] ^= 0x20;
    EXPECT_TRUE(has(expect_rejected(changed), "bad magic"));
  }
}

TEST(Messages, OversizedLengthPrefixesAreRejectedBeforeAllocating) {
  const std::vector<uint8_t> bytes = encoded(sample_submission());
  const size_t w_out_count = kEnvelopeHeaderBytes + 16 + 8 + 8;
  for (uint32_t count : {uint32_t{0xffffffff}, uint32_t{kMaxWeights + 1}}) {
    std::vector<uint8_t> changed = bytes;
    set_u32_le(changed, w_out_count, count);
    EXPECT_TRUE(has(expect_rejected(changed), "w_out: length prefix " + std::to_string(count) + " exceeds the limit"));
  }
  // Within the field's limit but longer than the input.
  for (uint32_t count : {uint32_t{kMaxWeights}, uint32_t{1000}}) {
    std::vector<uint8_t> changed = bytes;
    set_u32_le(changed, w_out_count, count);
    EXPECT_TRUE(has(expect_rejected(changed), "only")) << count;
  }
  // Every other counted field of every sample, set to 2^32 − 1.
  const Register r = sample_register();
  const std::vector<uint8_t> rb = encoded(r);
  const size_t name_count = kEnvelopeHeaderBytes + 8;
  std::vector<uint8_t> changed = rb;
  set_u32_le(changed, name_count, 0xffffffff);
  EXPECT_TRUE(has(expect_rejected(changed), "name: length prefix"));
  changed = rb;
  set_u32_le(changed, name_count + 4 + r.name.size() + 64, 0xffffffff);
  EXPECT_TRUE(has(expect_rejected(changed), "registration_record: length prefix"));
  const std::vector<uint8_t> eb = encoded(sample_error());
  changed = eb;
  set_u32_le(changed, kEnvelopeHeaderBytes + 2, 0xffffffff);
  EXPECT_TRUE(has(expect_rejected(changed), "text: length prefix"));

  // A proof one byte over its limit is refused even when all its bytes are there.
  Submission big = sample_submission();
  big.proof.assign(kMaxProofBytes, 0xab);
  std::vector<uint8_t> at_limit = encoded(big);
  ASSERT_TRUE(decode(at_limit));
  const size_t proof_count = w_out_count + 4 + 8 * big.w_out.size();
  set_u32_le(at_limit, proof_count, static_cast<uint32_t>(kMaxProofBytes + 1));
  at_limit.insert(at_limit.begin() + static_cast<std::ptrdiff_t>(proof_count + 4), uint8_t{0xab});
  EXPECT_TRUE(has(expect_rejected(fix_length(at_limit)), "proof: length prefix 1048577 exceeds the limit"));
}

TEST(Messages, TrailingBytesAreAnError) {
  for (const Message& m : samples()) {
    std::vector<uint8_t> bytes = encoded(m);
    bytes.push_back(0);
    EXPECT_TRUE(has(expect_rejected(bytes), "trailing bytes after the envelope"));
    EXPECT_TRUE(has(expect_rejected(fix_length(bytes)), "trailing bytes after the last field"));
  }
}

TEST(Messages, TotalSizeLimitIsCheckedFirst) {
  const std::vector<uint8_t> bytes = encoded(sample_submission());
  EXPECT_TRUE(decode(bytes, CodecLimits{bytes.size()}));
  EXPECT_TRUE(has(expect_rejected(bytes, CodecLimits{bytes.size() - 1}), "exceeds the limit"));
  auto too_big = encode(sample_submission(), CodecLimits{bytes.size() - 1});
  ASSERT_FALSE(too_big);
  EXPECT_TRUE(has(too_big.error(), "more than the limit")) << too_big.error();
  // Garbage of any size over the limit is refused without being read.
  const std::vector<uint8_t> garbage(1 << 20, 0xff);
  EXPECT_TRUE(has(expect_rejected(garbage, CodecLimits{1000}), "exceeds the limit"));
}

TEST(Messages, IllegalValuesAreRejectedBothWays) {
  // accepted must agree with the reason.
  EXPECT_FALSE(encode(Verdict{1, 1, true, VerdictReason::kProofRejected, ""}));
  EXPECT_FALSE(encode(Verdict{1, 1, false, VerdictReason::kAccepted, ""}));
  const std::vector<uint8_t> verdict = encoded(sample_verdict());
  const size_t accepted_at = kEnvelopeHeaderBytes + 16;
  std::vector<uint8_t> changed = verdict;
  changed[accepted_at] = 1;
  EXPECT_TRUE(has(expect_rejected(changed), "accepted is true"));
  changed[accepted_at] = 2;
  EXPECT_TRUE(has(expect_rejected(changed), "not a boolean"));
  changed = verdict;
  changed[accepted_at + 1] = 0xe7;  // reason 999
  changed[accepted_at + 2] = 0x03;
  EXPECT_TRUE(has(expect_rejected(changed), "not a known verdict reason"));
  EXPECT_FALSE(encode(Verdict{1, 1, false, static_cast<VerdictReason>(999), ""}));

  EXPECT_FALSE(encode(Error{static_cast<ErrorCode>(0), ""}));
  changed = encoded(sample_error());
  changed[kEnvelopeHeaderBytes] = 99;
  EXPECT_TRUE(has(expect_rejected(changed), "not a known error code"));

  for (double bad : {1.5, -0.25, -0.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    EXPECT_FALSE(encode(Heartbeat{1, 1, bad})) << bad;
    std::vector<uint8_t> hb = encoded(Heartbeat{1, 1, 0.25});
    const uint64_t bits = std::bit_cast<uint64_t>(bad);
    for (int i = 0; i < 8; ++i) hb[kEnvelopeHeaderBytes + 16 + i] = static_cast<uint8_t>(bits >> (8 * i));
    EXPECT_TRUE(has(expect_rejected(hb), "progress")) << bad;
  }
  EXPECT_TRUE(encode(Heartbeat{1, 1, 0.0}));
  EXPECT_TRUE(encode(Heartbeat{1, 1, 1.0}));

  // Names and texts reach terminals: no control characters (line breaks and tabs in texts only).
  Register r = sample_register();
  r.name = "bad\x1b[2Jname";
  EXPECT_FALSE(encode(r));
  r.name = "tab\tname";
  EXPECT_FALSE(encode(r));
  EXPECT_TRUE(encode(Error{ErrorCode::kInternal, "line one\n\tline two"}));
  EXPECT_FALSE(encode(Error{ErrorCode::kInternal, "bell\a"}));
  EXPECT_FALSE(encode(Verdict{1, 1, true, VerdictReason::kAccepted, std::string("nul\0", 4)}));
  changed = encoded(Error{ErrorCode::kInternal, "abc"});
  changed.back() = 0x7f;
  EXPECT_TRUE(has(expect_rejected(changed), "control character 127"));
}

TEST(Messages, FieldLimitsAreEnforcedOnEncode) {
  Submission s = sample_submission();
  s.link.assign(kMaxLinkBytes + 1, 0);
  auto r = encode(s);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "link")) << r.error();
  s.link.assign(kMaxLinkBytes, 0);
  EXPECT_TRUE(encode(s));

  Register reg = sample_register();
  reg.name.assign(kMaxParticipantNameBytes + 1, 'x');
  EXPECT_FALSE(encode(reg));
  reg.name.assign(kMaxParticipantNameBytes, 'x');
  EXPECT_TRUE(encode(reg));
  reg.registration_record.assign(kMaxRegistrationRecordBytes + 1, 0);
  EXPECT_FALSE(encode(reg));

  EXPECT_FALSE(encode(Error{ErrorCode::kInternal, std::string(kMaxTextBytes + 1, 'e')}));
  EXPECT_FALSE(encode(Verdict{1, 1, true, VerdictReason::kAccepted, std::string(kMaxTextBytes + 1, 'e')}));
}

TEST(Messages, RandomCorruptionIsRejectedOrCanonical) {
  zkfl::plonk::DeterministicRng rng(2024);
  size_t rejected = 0;
  size_t accepted = 0;
  for (const Message& m : samples()) {
    const std::vector<uint8_t> bytes = encoded(m);
    for (int trial = 0; trial < 400; ++trial) {
      std::vector<uint8_t> changed = bytes;
      const uint64_t kind = rng.next_u64() % 4;
      if (kind == 0) {
        changed.resize(rng.next_u64() % changed.size());
      } else if (kind == 1) {
        changed.push_back(static_cast<uint8_t>(rng.next_u64()));
      } else {
        const int flips = 1 + static_cast<int>(rng.next_u64() % 3);
        for (int f = 0; f < flips; ++f) {
          changed[rng.next_u64() % changed.size()] ^= static_cast<uint8_t>(1 + rng.next_u64() % 255);
        }
      }
      g_largest = 0;
      g_tracking = true;
      auto r = decode(changed);
      g_tracking = false;
      EXPECT_LE(g_largest.load(), changed.size() + 64 * 1024);
      if (!r) {
        ++rejected;
        continue;
      }
      // Whatever decodes is a legal message whose only encoding is these bytes.
      ++accepted;
      EXPECT_TRUE(validate(*r));
      EXPECT_EQ(encoded(*r), changed);
    }
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_GT(accepted, 0u);  // flips inside fixed-size fields still decode
}

}  // namespace
