// Ed25519 (RFC 8032) through OpenSSL 3's EVP interface: the coordinator's
// audit-signing key and the matching verification.
#pragma once

#include <memory>
#include <span>

#include "coordinator/audit_signer.hpp"
#include "plonk/base/random.hpp"
#include "plonk/base/status.hpp"

namespace zkfl::coordinator {

using plonk::Result;

class Ed25519Key final : public AuditSigner {
 public:
  // The key whose 32-byte private seed is `seed` (RFC 8032 §5.1.5). An error
  // only if OpenSSL refuses the key (e.g. a build without Ed25519).
  static Result<Ed25519Key> from_seed(std::span<const uint8_t, 32> seed);
  // A fresh key with a seed drawn from `rng` (use plonk::SecureRng for real keys).
  static Result<Ed25519Key> generate(plonk::Rng& rng);

  Ed25519Key(Ed25519Key&&) noexcept = default;
  Ed25519Key& operator=(Ed25519Key&&) noexcept = default;

  // Signs `message`; aborts if OpenSSL fails to sign with a key it accepted
  // (a broken library, not an input error).
  Signature sign(std::span<const uint8_t> message) const override;
  PublicKey public_key() const override { return public_key_; }
  // The private seed, for storing the key; keep it secret.
  std::array<uint8_t, 32> seed() const { return seed_; }

 private:
  struct Deleter {
    void operator()(void* pkey) const;
  };
  Ed25519Key() = default;
  std::unique_ptr<void, Deleter> pkey_;  // EVP_PKEY*
  std::array<uint8_t, 32> seed_{};
  PublicKey public_key_{};
};

// True when `signature` is a valid Ed25519 signature of `message` under
// `key`; false otherwise, including for a key that is not a curve point.
// Matches SignatureVerifier.
bool ed25519_verify(const PublicKey& key, std::span<const uint8_t> message, const Signature& signature);

}  // namespace zkfl::coordinator
