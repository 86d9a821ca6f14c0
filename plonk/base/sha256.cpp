#include "plonk/base/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace zkfl::plonk {

namespace {
EVP_MD_CTX* as_ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

void check(int ok) {
  if (ok != 1) {
    std::fputs("zkfl: OpenSSL SHA-256 failed\n", stderr);
    std::abort();  // hashing cannot fail on valid input; continuing would corrupt transcripts
  }
}
}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) check(0);
  check(EVP_DigestInit_ex(as_ctx(ctx_), EVP_sha256(), nullptr));
}

Sha256::~Sha256() { EVP_MD_CTX_free(as_ctx(ctx_)); }

Sha256& Sha256::update(std::span<const uint8_t> data) {
  check(EVP_DigestUpdate(as_ctx(ctx_), data.data(), data.size()));
  return *this;
}

Sha256& Sha256::update(std::string_view text) {
  check(EVP_DigestUpdate(as_ctx(ctx_), text.data(), text.size()));
  return *this;
}

Sha256& Sha256::update_be(uint64_t value, int bytes) {
  uint8_t buf[8];
  for (int i = 0; i < bytes; ++i) buf[i] = static_cast<uint8_t>(value >> (8 * (bytes - 1 - i)));
  return update(std::span<const uint8_t>(buf, static_cast<size_t>(bytes)));
}

Sha256::Digest Sha256::finish() {
  Digest out{};
  unsigned len = 0;
  check(EVP_DigestFinal_ex(as_ctx(ctx_), out.data(), &len));
  check(EVP_DigestInit_ex(as_ctx(ctx_), EVP_sha256(), nullptr));
  return out;
}

Sha256::Digest Sha256::hash(std::span<const uint8_t> data) {
  Sha256 h;
  h.update(data);
  return h.finish();
}

}  // namespace zkfl::plonk
