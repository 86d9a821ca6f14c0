#include "protocol/identity_file.hpp"

#include "plonk/kzg/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <system_error>
#include <vector>

#include "plonk/base/hex.hpp"

namespace zkfl::protocol {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPublicFormat = "zkfl-identity-public-v1";
constexpr std::string_view kSecretFormat = "zkfl-identity-secret-v1";
constexpr size_t kMaxKeyFileBytes = 64 * 1024;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// key -> value of a `key = "value"` file; an error names the offending line.
Result<std::map<std::string, std::string>> parse_entries(std::string_view text, const std::string& source,
                                                         std::initializer_list<std::string_view> allowed) {
  std::map<std::string, std::string> entries;
  size_t line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = source + ":" + std::to_string(line_number) + ": ";
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return Status::error(where + "expected key = \"value\"");
    const std::string key(trim(line.substr(0, eq)));
    const std::string_view quoted = trim(line.substr(eq + 1));
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') {
      return Status::error(where + "the value of '" + key + "' must be in double quotes");
    }
    const std::string_view value = quoted.substr(1, quoted.size() - 2);
    if (value.find_first_of("\"\\") != std::string_view::npos) {
      return Status::error(where + "the value of '" + key + "' contains a quote or backslash");
    }
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return Status::error(where + "unknown key '" + key + "'");
    if (!entries.emplace(key, std::string(value)).second) {
      return Status::error(where + "'" + key + "' appears twice");
    }
  }
  for (std::string_view a : allowed) {
    if (!entries.contains(std::string(a))) return Status::error(source + ": missing '" + std::string(a) + "'");
  }
  return entries;
}

Result<std::array<uint8_t, 32>> parse_hex32(const std::string& text, const std::string& source,
                                            const char* key) {
  auto bytes = plonk::from_hex(text);
  if (!bytes) return Status::error(source + ": '" + key + "': " + bytes.error());
  if (bytes->size() != 32) {
    return Status::error(source + ": '" + key + "' must be 32 bytes (64 hex digits), got " +
                         std::to_string(bytes->size()));
  }
  std::array<uint8_t, 32> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  OPENSSL_cleanse(bytes->data(), bytes->size());
  return out;
}

Result<CurveKey> parse_z85(const std::string& text, const std::string& source, const char* key) {
  auto parsed = curve_key_from_z85(text);
  if (!parsed) return Status::error(source + ": '" + key + "': " + parsed.error());
  return *parsed;
}

Status check_format(const std::map<std::string, std::string>& entries, std::string_view expected,
                    const std::string& source) {
  const std::string& format = entries.at("format");
  if (format == expected) return Status::ok();
  if (format == kSecretFormat || format == kPublicFormat) {
    return Status::error(source + ": this is a '" + format + "' file, expected '" + std::string(expected) +
                         "' (NAME.secret vs NAME.public)");
  }
  return Status::error(source + ": unknown format '" + format + "' (expected '" + std::string(expected) + "')");
}

// `text` written to a new file (plonk::write_new_file: never overwrites).
Status write_new_file(const fs::path& path, std::string_view text, mode_t mode, bool exact) {
  return plonk::write_new_file(path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), mode, exact);
}

// The text of the regular file at `path`, at most kMaxKeyFileBytes long;
// `require_private` refuses a file with any group or other permission.
Result<std::string> read_key_file(const fs::path& path, bool require_private) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Status::error(path.string() + ": cannot stat (" + std::strerror(errno) + ")");
  if (!S_ISREG(st.st_mode)) return Status::error(path.string() + ": not a regular file");
  if (require_private && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::error(path.string() + ": secret key file has mode " + mode +
                         ", so group or others may read it; run `chmod 600 " + path.string() +
                         "` (and consider the keys exposed if others could read them)");
  }
  if (st.st_size > static_cast<off_t>(kMaxKeyFileBytes)) {
    return Status::error(path.string() + ": " + std::to_string(st.st_size) +
                         " bytes is too large for a key file (is this the right file?)");
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::error(path.string() + ": read failed (" + std::strerror(errno) + ")");
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  return text;
}

}  // namespace

PublicIdentity SecretIdentity::public_identity() const {
  return PublicIdentity{name, signing_key.public_key(), curve.public_key};
}

Status validate_identity_name(std::string_view name) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  };
  bool ok = !name.empty() && name.size() <= kMaxIdentityNameBytes && name.front() != '.';
  for (char c : name) ok = ok && allowed(c);
  if (ok) return Status::ok();
  return Status::error("invalid identity name '" + std::string(name) + "': use 1 to " +
                       std::to_string(kMaxIdentityNameBytes) +
                       " characters of A-Z a-z 0-9 . _ - (not starting with '.')");
}

Result<SecretIdentity> generate_identity(std::string name, plonk::Rng& rng) {
  if (auto s = validate_identity_name(name); !s) return s;
  auto curve = CurveKeyPair::generate();
  if (!curve) return curve.status();
  return SecretIdentity{std::move(name), SigningKey::generate(rng), *curve};
}

std::string public_identity_text(const PublicIdentity& identity) {
  return "# zkfl public identity of '" + identity.name +
         "'. Safe to share: give it to the coordinator,\n"
         "# which admits only the CURVE keys listed in its config.\n"
         "format = \"" + std::string(kPublicFormat) + "\"\n"
         "name = \"" + identity.name + "\"\n"
         "ed25519_public = \"" + plonk::to_hex(identity.identity_key) + "\"\n"
         "curve_public = \"" + to_z85(identity.curve_public_key) + "\"\n";
}

std::string secret_identity_text(const SecretIdentity& identity) {
  const PublicIdentity pub = identity.public_identity();
  return "# zkfl SECRET identity of '" + identity.name +
         "'. Keep it private (mode 0600): whoever has it can\n"
         "# sign updates and connect as this member. Never share or commit it.\n"
         "format = \"" + std::string(kSecretFormat) + "\"\n"
         "name = \"" + identity.name + "\"\n"
         "ed25519_seed = \"" + plonk::to_hex(identity.signing_key.seed()) + "\"\n"
         "ed25519_public = \"" + plonk::to_hex(pub.identity_key) + "\"\n"
         "curve_secret = \"" + to_z85(identity.curve.secret_key) + "\"\n"
         "curve_public = \"" + to_z85(pub.curve_public_key) + "\"\n";
}

Result<PublicIdentity> parse_public_identity(std::string_view text, const std::string& source) {
  auto entries = parse_entries(text, source, {"format", "name", "ed25519_public", "curve_public"});
  if (!entries) return entries.status();
  if (auto s = check_format(*entries, kPublicFormat, source); !s) return s;
  PublicIdentity identity;
  identity.name = entries->at("name");
  if (auto s = validate_identity_name(identity.name); !s) return Status::error(source + ": " + s.message());
  auto key = parse_hex32(entries->at("ed25519_public"), source, "ed25519_public");
  if (!key) return key.status();
  identity.identity_key = *key;
  auto curve = parse_z85(entries->at("curve_public"), source, "curve_public");
  if (!curve) return curve.status();
  identity.curve_public_key = *curve;
  return identity;
}

Result<SecretIdentity> parse_secret_identity(std::string_view text, const std::string& source) {
  auto entries = parse_entries(text, source,
                               {"format", "name", "ed25519_seed", "ed25519_public", "curve_secret", "curve_public"});
  if (!entries) return entries.status();
  struct Wipe {
    std::map<std::string, std::string>& entries;
    ~Wipe() {
      for (auto& [key, value] : entries) OPENSSL_cleanse(value.data(), value.size());
    }
  } wipe{*entries};
  if (auto s = check_format(*entries, kSecretFormat, source); !s) return s;
  std::string name = entries->at("name");
  if (auto s = validate_identity_name(name); !s) return Status::error(source + ": " + s.message());

  auto seed = parse_hex32(entries->at("ed25519_seed"), source, "ed25519_seed");
  if (!seed) return seed.status();
  auto signing_key = SigningKey::from_seed(*seed);
  OPENSSL_cleanse(seed->data(), seed->size());
  if (!signing_key) return Status::error(source + ": " + signing_key.error());
  auto stated_public = parse_hex32(entries->at("ed25519_public"), source, "ed25519_public");
  if (!stated_public) return stated_public.status();
  if (*stated_public != signing_key->public_key()) {
    return Status::error(source + ": ed25519_public does not match ed25519_seed; the file is corrupt or was edited");
  }

  auto curve_secret = parse_z85(entries->at("curve_secret"), source, "curve_secret");
  if (!curve_secret) return curve_secret.status();
  auto curve = CurveKeyPair::from_secret(*curve_secret);
  OPENSSL_cleanse(curve_secret->data(), curve_secret->size());
  if (!curve) return Status::error(source + ": " + curve.error());
  auto curve_public = parse_z85(entries->at("curve_public"), source, "curve_public");
  if (!curve_public) return curve_public.status();
  if (*curve_public != curve->public_key) {
    return Status::error(source + ": curve_public does not match curve_secret; the file is corrupt or was edited");
  }
  return SecretIdentity{std::move(name), std::move(signing_key).value(), *curve};
}

Status write_identity_files(const fs::path& dir, const SecretIdentity& identity) {
  if (auto s = validate_identity_name(identity.name); !s) return s;
  const fs::path secret_path = dir / (identity.name + ".secret");
  const fs::path public_path = dir / (identity.name + ".public");
  std::error_code ec;
  for (const fs::path& p : {secret_path, public_path}) {
    if (fs::exists(fs::symlink_status(p, ec))) {
      return Status::error(p.string() + ": already exists; refusing to overwrite a key file "
                           "(choose another --name or --out, or move the old files away)");
    }
  }
  if (!fs::exists(dir, ec)) {
    if (!fs::create_directories(dir, ec) && ec) {
      return Status::error(dir.string() + ": cannot create the directory (" + ec.message() + ")");
    }
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  } else if (!fs::is_directory(dir, ec)) {
    return Status::error(dir.string() + ": exists and is not a directory");
  }

  std::string secret_text = secret_identity_text(identity);
  Status written = write_new_file(secret_path, secret_text, 0600, /*exact=*/true);
  OPENSSL_cleanse(secret_text.data(), secret_text.size());
  if (!written) return written;

  if (Status s = write_new_file(public_path, public_identity_text(identity.public_identity()), 0644, /*exact=*/false);
      !s) {
    ::unlink(secret_path.c_str());
    return Status::error(s.message() + "; removed " + secret_path.string() + " again");
  }
  return Status::ok();
}

Result<PublicIdentity> read_public_identity(const fs::path& path) {
  auto text = read_key_file(path, /*require_private=*/false);
  if (!text) return text.status();
  return parse_public_identity(*text, path.string());
}

Result<SecretIdentity> read_secret_identity(const fs::path& path) {
  auto text = read_key_file(path, /*require_private=*/true);
  if (!text) return text.status();
  auto identity = parse_secret_identity(*text, path.string());
  OPENSSL_cleanse(text->data(), text->size());
  return identity;
}

}  // namespace zkfl::protocol
