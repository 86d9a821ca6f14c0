// A member's identity and its key files, as written by `zkfl keygen`:
//   NAME.secret  both secret keys (Ed25519 seed, CURVE secret) and their public
//                halves; created with O_EXCL and mode 0600, never overwritten.
//   NAME.public  both public keys (hex / Z85); safe to share: the coordinator's
//                config lists the participants' public files or their keys.
// Both are small TOML-compatible text files (docs/PROTOCOL.md, "Key files"):
//   format = "zkfl-identity-secret-v1"      or "zkfl-identity-public-v1"
//   name = "NAME"
//   ed25519_seed = "<64 hex>"               (secret file only)
//   ed25519_public = "<64 hex>"
//   curve_secret = "<40 Z85>"               (secret file only)
//   curve_public = "<40 Z85>"
// Lines starting with '#' and blank lines are comments. Reading is strict:
// every key exactly once, no unknown keys, and in a secret file the public
// halves must match the secrets.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "protocol/identity.hpp"

namespace zkfl::protocol {

inline constexpr size_t kMaxIdentityNameBytes = 64;

// What others know of a member.
struct PublicIdentity {
  std::string name;
  Ed25519PublicKey identity_key{};
  CurveKey curve_public_key{};
  bool operator==(const PublicIdentity&) const = default;
};

// What a member keeps to itself.
struct SecretIdentity {
  std::string name;
  SigningKey signing_key;
  CurveKeyPair curve;
  PublicIdentity public_identity() const;
};

// Ok when `name` is 1..64 characters of [A-Za-z0-9._-] and does not start with
// '.' (names become file names); otherwise an error saying what is allowed.
Status validate_identity_name(std::string_view name);

// A fresh identity: the Ed25519 seed from `rng`, the CURVE pair from libzmq.
// Errors: an invalid name, a libzmq without CURVE.
Result<SecretIdentity> generate_identity(std::string name, plonk::Rng& rng);

// The text of NAME.public / NAME.secret (format above).
std::string public_identity_text(const PublicIdentity& identity);
std::string secret_identity_text(const SecretIdentity& identity);
// Strict parsing of that text; an error names the line and what is wrong.
// `source` (a path) prefixes the messages.
Result<PublicIdentity> parse_public_identity(std::string_view text, const std::string& source);
Result<SecretIdentity> parse_secret_identity(std::string_view text, const std::string& source);

// Writes DIR/NAME.secret (0600) and DIR/NAME.public (0644), creating DIR
// (0700) if needed. Refuses, changing nothing, when either file exists; if the
// public file cannot be written the secret file just created is removed.
Status write_identity_files(const std::filesystem::path& dir, const SecretIdentity& identity);

// Reads a NAME.public file.
Result<PublicIdentity> read_public_identity(const std::filesystem::path& path);
// Reads a NAME.secret file; refuses one that group or others can read or
// write (fix with chmod 600) and one that is not a regular file.
Result<SecretIdentity> read_secret_identity(const std::filesystem::path& path);

}  // namespace zkfl::protocol
