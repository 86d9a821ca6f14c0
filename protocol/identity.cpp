#include "protocol/identity.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <zmq.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace zkfl::protocol {

namespace {

// OpenSSL failing to sign with a key it accepted means the library is broken;
// carrying on would send unsigned or mis-signed messages.
[[noreturn]] void fatal(const char* what) {
  std::fprintf(stderr, "zkfl: OpenSSL Ed25519 failure (%s); refusing to continue\n", what);
  std::abort();
}

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

}  // namespace

void SigningKey::KeyDeleter::operator()(void* key) const { EVP_PKEY_free(static_cast<EVP_PKEY*>(key)); }

SigningKey SigningKey::generate(plonk::Rng& rng) {
  std::array<uint8_t, 32> seed{};
  rng.fill(seed);
  auto key = from_seed(seed);
  OPENSSL_cleanse(seed.data(), seed.size());
  if (!key) fatal("key from a random seed");
  return std::move(key).value();
}

Result<SigningKey> SigningKey::from_seed(std::span<const uint8_t, 32> seed) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  if (pkey == nullptr) return Status::error("OpenSSL rejected the Ed25519 secret key");
  SigningKey key;
  key.key_.reset(pkey);
  std::copy(seed.begin(), seed.end(), key.seed_.begin());
  size_t length = key.public_key_.size();
  if (EVP_PKEY_get_raw_public_key(pkey, key.public_key_.data(), &length) != 1 || length != 32) {
    return Status::error("OpenSSL could not derive the Ed25519 public key");
  }
  return key;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : key_(std::move(other.key_)), seed_(other.seed_), public_key_(other.public_key_) {
  OPENSSL_cleanse(other.seed_.data(), other.seed_.size());
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    key_ = std::move(other.key_);
    seed_ = other.seed_;
    public_key_ = other.public_key_;
    OPENSSL_cleanse(other.seed_.data(), other.seed_.size());
  }
  return *this;
}

SigningKey::~SigningKey() { OPENSSL_cleanse(seed_.data(), seed_.size()); }

Ed25519Signature SigningKey::sign(std::span<const uint8_t> message) const {
  assert(key_ && "sign on a moved-from SigningKey");
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx) fatal("EVP_MD_CTX_new");
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(key_.get())) != 1) {
    fatal("EVP_DigestSignInit");
  }
  Ed25519Signature signature{};
  size_t length = signature.size();
  if (EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()) != 1 || length != 64) {
    fatal("EVP_DigestSign");
  }
  return signature;
}

bool verify_signature(const Ed25519PublicKey& public_key, std::span<const uint8_t> message,
                      const Ed25519Signature& signature) {
  std::unique_ptr<EVP_PKEY, PkeyDeleter> pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  if (!pkey) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx) return false;
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
}

bool curve_supported() { return zmq_has("curve") != 0; }

Result<CurveKeyPair> CurveKeyPair::generate() {
  if (!curve_supported()) {
    return Status::error("this libzmq was built without CURVE support; install a libzmq built with libsodium");
  }
  std::array<char, kZ85KeyChars + 1> public_text{};
  std::array<char, kZ85KeyChars + 1> secret_text{};
  if (zmq_curve_keypair(public_text.data(), secret_text.data()) != 0) {
    return Status::error(std::string("zmq_curve_keypair failed: ") + zmq_strerror(zmq_errno()));
  }
  CurveKeyPair pair;
  const bool ok = zmq_z85_decode(pair.public_key.data(), public_text.data()) != nullptr &&
                  zmq_z85_decode(pair.secret_key.data(), secret_text.data()) != nullptr;
  OPENSSL_cleanse(secret_text.data(), secret_text.size());
  if (!ok) return Status::error("libzmq produced a CURVE key that is not valid Z85");
  return pair;
}

Result<CurveKeyPair> CurveKeyPair::from_secret(const CurveKey& secret_key) {
  if (!curve_supported()) {
    return Status::error("this libzmq was built without CURVE support; install a libzmq built with libsodium");
  }
  std::array<char, kZ85KeyChars + 1> secret_text{};
  std::array<char, kZ85KeyChars + 1> public_text{};
  zmq_z85_encode(secret_text.data(), secret_key.data(), secret_key.size());
  const int rc = zmq_curve_public(public_text.data(), secret_text.data());
  OPENSSL_cleanse(secret_text.data(), secret_text.size());
  if (rc != 0) return Status::error(std::string("zmq_curve_public failed: ") + zmq_strerror(zmq_errno()));
  CurveKeyPair pair;
  pair.secret_key = secret_key;
  if (zmq_z85_decode(pair.public_key.data(), public_text.data()) == nullptr) {
    return Status::error("libzmq produced a CURVE public key that is not valid Z85");
  }
  return pair;
}

CurveKeyPair::~CurveKeyPair() { OPENSSL_cleanse(secret_key.data(), secret_key.size()); }

std::string to_z85(const CurveKey& key) {
  std::array<char, kZ85KeyChars + 1> text{};
  zmq_z85_encode(text.data(), key.data(), key.size());
  return std::string(text.data(), kZ85KeyChars);
}

Result<CurveKey> curve_key_from_z85(std::string_view text) {
  if (text.size() != kZ85KeyChars) {
    return Status::error("a CURVE key in Z85 has " + std::to_string(kZ85KeyChars) + " characters, got " +
                         std::to_string(text.size()));
  }
  for (char c : text) {
    if (kZ85Alphabet.find(c) == std::string_view::npos) {
      return Status::error(std::string("'") + c + "' is not a Z85 character");
    }
  }
  const std::string terminated(text);
  CurveKey key{};
  if (zmq_z85_decode(key.data(), terminated.c_str()) == nullptr) return Status::error("invalid Z85 text");
  // Five Z85 characters can spell values above 2^32; accept only the text
  // to_z85 would write, so each key has one spelling.
  if (to_z85(key) != text) return Status::error("Z85 text out of range (not the encoding of any key)");
  return key;
}

}  // namespace zkfl::protocol
