#include "protocol/message_signing.hpp"

#include <cassert>
#include <string>

#include "plonk/base/byte_io.hpp"

namespace zkfl::protocol {

namespace {

constexpr std::string_view kSubmissionDomain = "zkfl-submission-v1";
constexpr std::string_view kRegisterDomain = "zkfl-register-v1";

void length_prefixed(plonk::ByteWriter& w, std::span<const uint8_t> bytes) {
  w.u32(static_cast<uint32_t>(bytes.size()));
  w.bytes(bytes);
}

}  // namespace

std::vector<uint8_t> submission_signing_bytes(const Submission& s) {
  plonk::ByteWriter w;
  w.string(std::string(kSubmissionDomain));
  w.u8(static_cast<uint8_t>(kProtocolVersion >> 8));
  w.u8(static_cast<uint8_t>(kProtocolVersion));
  w.bytes(s.run_id);
  w.u64(s.round);
  w.u64(s.participant);
  w.u64(s.sample_count);
  w.u32(static_cast<uint32_t>(s.w_out.size()));
  for (int64_t v : s.w_out) w.u64(static_cast<uint64_t>(v));
  length_prefixed(w, s.proof);
  length_prefixed(w, s.link);
  return w.take();
}

std::vector<uint8_t> registration_signing_bytes(const Register& r) {
  plonk::ByteWriter w;
  w.string(std::string(kRegisterDomain));
  w.u8(static_cast<uint8_t>(kProtocolVersion >> 8));
  w.u8(static_cast<uint8_t>(kProtocolVersion));
  w.u64(r.participant);
  w.string(r.name);
  w.bytes(r.identity_key);
  w.bytes(r.curve_public_key);
  length_prefixed(w, r.registration_record);
  w.u64(r.sample_count);
  return w.take();
}

void sign_submission(Submission& submission, const SigningKey& key) {
  submission.signature = key.sign(submission_signing_bytes(submission));
}

bool verify_submission_signature(const Submission& submission, const Ed25519PublicKey& identity_key) {
  return verify_signature(identity_key, submission_signing_bytes(submission), submission.signature);
}

void sign_registration(Register& registration, const SigningKey& key) {
  assert(registration.identity_key == key.public_key() && "sign a registration with its own identity key");
  registration.signature = key.sign(registration_signing_bytes(registration));
}

bool verify_registration_signature(const Register& registration) {
  return verify_signature(registration.identity_key, registration_signing_bytes(registration),
                          registration.signature);
}

}  // namespace zkfl::protocol
