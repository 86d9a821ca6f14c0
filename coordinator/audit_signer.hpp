// Who signs the audit log, and how its signatures are checked. The run
// database only needs these two abstractions; coordinator/ed25519.hpp gives
// the OpenSSL implementation (a protocol identity can take its place).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>

namespace zkfl::coordinator {

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

// The coordinator's signing key, as seen by the audit log.
struct AuditSigner {
  virtual ~AuditSigner() = default;
  // An Ed25519 signature of `message` (RFC 8032, the message itself, no pre-hash).
  virtual Signature sign(std::span<const uint8_t> message) const = 0;
  // The 32-byte Ed25519 public key that verifies sign()'s signatures.
  virtual PublicKey public_key() const = 0;
};

// True when `signature` is a valid Ed25519 signature of `message` under `key`;
// false for anything else (including a malformed key), never an exception.
using SignatureVerifier =
    std::function<bool(const PublicKey& key, std::span<const uint8_t> message, const Signature& signature)>;

}  // namespace zkfl::coordinator
