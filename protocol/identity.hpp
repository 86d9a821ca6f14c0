// The two keys that make a federation member: an Ed25519 identity key that
// signs what the member sends (so the audit log shows who sent what), and a
// ZeroMQ CURVE key pair that encrypts and authenticates its connections
// (the coordinator admits only the CURVE keys listed in its config).
// Ed25519 is OpenSSL's (RFC 8032, EVP_PKEY_ED25519); CURVE keys are libzmq's
// (Curve25519, written as Z85 text, ZeroMQ RFC 32).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "plonk/base/random.hpp"
#include "plonk/base/status.hpp"

namespace zkfl::protocol {

using plonk::Result;
using plonk::Status;

using Ed25519PublicKey = std::array<uint8_t, 32>;
using Ed25519Signature = std::array<uint8_t, 64>;
using CurveKey = std::array<uint8_t, 32>;  // a raw Curve25519 key (public or secret)

inline constexpr size_t kZ85KeyChars = 40;  // Z85 text of a 32-byte key

// An Ed25519 secret key (its 32-byte seed) with its public key. Move-only;
// the seed is wiped from memory when the key is destroyed.
class SigningKey {
 public:
  // A fresh key whose seed comes from `rng` (pass a SecureRng for real keys).
  static SigningKey generate(plonk::Rng& rng);
  // The key with this RFC 8032 seed; an error only if OpenSSL refuses it.
  static Result<SigningKey> from_seed(std::span<const uint8_t, 32> seed);

  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

  const Ed25519PublicKey& public_key() const { return public_key_; }
  // The secret seed, for writing the key file; never send it anywhere.
  const std::array<uint8_t, 32>& seed() const { return seed_; }
  // The Ed25519 signature of `message` (deterministic, RFC 8032).
  Ed25519Signature sign(std::span<const uint8_t> message) const;

 private:
  SigningKey() = default;
  struct KeyDeleter {
    void operator()(void* key) const;
  };
  std::unique_ptr<void, KeyDeleter> key_;  // EVP_PKEY*
  std::array<uint8_t, 32> seed_{};
  Ed25519PublicKey public_key_{};
};

// True when `signature` is a valid Ed25519 signature of `message` under
// `public_key`; false for a wrong signature or a key that is not a point.
bool verify_signature(const Ed25519PublicKey& public_key, std::span<const uint8_t> message,
                      const Ed25519Signature& signature);

// A ZeroMQ CURVE key pair. The secret half is wiped on destruction.
struct CurveKeyPair {
  CurveKey public_key{};
  CurveKey secret_key{};

  // A fresh pair from libzmq's generator (zmq_curve_keypair). An error when
  // this libzmq was built without CURVE support.
  static Result<CurveKeyPair> generate();
  // The pair with this secret key (public key derived with zmq_curve_public).
  static Result<CurveKeyPair> from_secret(const CurveKey& secret_key);

  CurveKeyPair() = default;
  CurveKeyPair(const CurveKeyPair&) = default;
  CurveKeyPair& operator=(const CurveKeyPair&) = default;
  ~CurveKeyPair();
};

// True when the linked libzmq can do CURVE (it was built with libsodium or tweetnacl).
bool curve_supported();

// The 40-character Z85 text of a 32-byte key.
std::string to_z85(const CurveKey& key);
// Parses 40 characters of Z85; an error names what is wrong with the text.
Result<CurveKey> curve_key_from_z85(std::string_view text);

}  // namespace zkfl::protocol
