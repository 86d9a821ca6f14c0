// What a participant signs with its Ed25519 identity key, so that the audit
// log proves who sent each registration and update. The signed bytes are a
// canonical, domain-separated encoding of every field but the signature
// (docs/PROTOCOL.md, "Signatures"); the domain strings keep a signature on
// one kind of message from being valid on another.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "protocol/identity.hpp"
#include "protocol/messages.hpp"

namespace zkfl::protocol {

// "zkfl-submission-v1" ‖ u16 version ‖ run_id ‖ u64 round ‖ u64 participant ‖
// u64 sample_count ‖ u32 n ‖ n × i64 w_out ‖ u32 |proof| ‖ proof ‖ u32 |link| ‖ link
// (each string u32-length-prefixed, integers big-endian).
std::vector<uint8_t> submission_signing_bytes(const Submission& submission);

// "zkfl-register-v1" ‖ u16 version ‖ u64 participant ‖ name ‖ identity_key ‖
// curve_public_key ‖ u32 |record| ‖ record ‖ u64 sample_count (same conventions).
std::vector<uint8_t> registration_signing_bytes(const Register& registration);

// Sets submission.signature to `key`'s signature of its signing bytes.
void sign_submission(Submission& submission, const SigningKey& key);
// True when submission.signature verifies under `identity_key`.
bool verify_submission_signature(const Submission& submission, const Ed25519PublicKey& identity_key);

// Sets registration.signature with `key`; `key` must be registration.identity_key's secret.
void sign_registration(Register& registration, const SigningKey& key);
// True when registration.signature verifies under registration.identity_key
// (the coordinator separately checks that key against its config).
bool verify_registration_signature(const Register& registration);

}  // namespace zkfl::protocol
