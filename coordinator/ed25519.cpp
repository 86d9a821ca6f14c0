#include "coordinator/ed25519.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace zkfl::coordinator {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct PkeyFree {
  void operator()(EVP_PKEY* pkey) const { EVP_PKEY_free(pkey); }
};

}  // namespace

void Ed25519Key::Deleter::operator()(void* pkey) const { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey)); }

Result<Ed25519Key> Ed25519Key::from_seed(std::span<const uint8_t, 32> seed) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  if (pkey == nullptr) return plonk::Status::error("OpenSSL refused an Ed25519 private key (is Ed25519 available?)");
  Ed25519Key key;
  key.pkey_.reset(pkey);
  std::copy(seed.begin(), seed.end(), key.seed_.begin());
  size_t length = key.public_key_.size();
  if (EVP_PKEY_get_raw_public_key(pkey, key.public_key_.data(), &length) != 1 || length != key.public_key_.size()) {
    return plonk::Status::error("OpenSSL could not derive the Ed25519 public key");
  }
  return key;
}

Result<Ed25519Key> Ed25519Key::generate(plonk::Rng& rng) {
  std::array<uint8_t, 32> seed{};
  rng.fill(seed);
  return from_seed(seed);
}

Signature Ed25519Key::sign(std::span<const uint8_t> message) const {
  Signature signature{};
  MdCtx ctx(EVP_MD_CTX_new());
  size_t length = signature.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(pkey_.get())) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length, message.data(), message.size()) != 1 ||
      length != signature.size()) {
    // Signing with a key OpenSSL accepted cannot fail short of a broken
    // library; an unsigned audit entry must never be written.
    std::fputs("zkfl: OpenSSL failed to produce an Ed25519 signature\n", stderr);
    std::abort();
  }
  return signature;
}

bool ed25519_verify(const PublicKey& key, std::span<const uint8_t> message, const Signature& signature) {
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size()));
  if (!pkey) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
}

}  // namespace zkfl::coordinator
