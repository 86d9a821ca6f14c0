#include "training/registration_secret.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "plonk/base/byte_io.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/file_io.hpp"

namespace zkfl::training {

namespace {

constexpr size_t kFileBytes = 7 + 1 + 32 + 32 + plonk::kChecksumBytes;

std::string errno_text() { return std::strerror(errno); }

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

Status write_registration_secret(const std::filesystem::path& path, const RegistrationSecret& secret,
                                 const RegistrationRecord& record) {
  plonk::ByteWriter w;
  w.bytes(std::span(reinterpret_cast<const uint8_t*>(RegistrationSecret::kMagic.data()),
                    RegistrationSecret::kMagic.size()));
  w.u8(RegistrationSecret::kFormatVersion);
  w.bytes(record.digest());
  w.bytes(secret.seed);
  std::vector<uint8_t> bytes = w.take();
  plonk::append_checksum(bytes);

  // Never replace a secret (it may be the only copy); mode exactly 0600 whatever the umask.
  Status written = plonk::write_new_file(path, bytes, 0600, /*exact_mode=*/true);
  if (!written.is_ok()) return Status::error(written.message() + "; no secret file was written");
  return Status::ok();
}

Result<RegistrationSecret> read_registration_secret(const std::filesystem::path& path,
                                                    const RegistrationRecord& record) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) return Status::error(path.string() + ": is a symbolic link; give the secret file itself");
    return Status::error(path.string() + ": cannot open the secret file (" + errno_text() + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const std::string reason = errno_text();
    ::close(fd);
    return Status::error(path.string() + ": cannot inspect the secret file (" + reason + ")");
  }
  auto refuse = [&](const std::string& why) {
    ::close(fd);
    return Status::error(path.string() + ": " + why);
  };
  if (!S_ISREG(st.st_mode)) return refuse("not a regular file");
  if (st.st_uid != ::geteuid()) return refuse("owned by another user; a registration secret must be the reader's own");
  if ((st.st_mode & 077) != 0) {
    return refuse("mode " + octal_mode(st.st_mode) +
                  " lets group or others access the registration secret; run `chmod 600 " + path.string() +
                  "` (and treat the secret as exposed if others could read it)");
  }
  if (st.st_size != static_cast<off_t>(kFileBytes)) {
    return refuse("a registration secret file has " + std::to_string(kFileBytes) + " bytes, this one " +
                  std::to_string(st.st_size));
  }
  std::vector<uint8_t> bytes(kFileBytes);
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return refuse("read failed" + (n < 0 ? " (" + errno_text() + ")" : std::string(" (truncated)")));
    got += static_cast<size_t>(n);
  }
  ::close(fd);

  auto body = plonk::strip_checksum(bytes, "registration secret " + path.string());
  if (!body) return body.status();
  plonk::ByteReader r(*body, "registration secret " + path.string());
  auto magic = r.bytes(RegistrationSecret::kMagic.size(), "magic");
  if (!magic) return magic.status();
  if (!std::equal(magic->begin(), magic->end(), RegistrationSecret::kMagic.begin())) {
    return Status::error(path.string() + ": bad magic (not a zkfl registration secret)");
  }
  auto version = r.u8();
  if (!version) return version.status();
  if (*version != RegistrationSecret::kFormatVersion) {
    return Status::error(path.string() + ": unsupported registration secret version " + std::to_string(*version));
  }
  auto digest = r.bytes(32, "record digest");
  if (!digest) return digest.status();
  const plonk::Sha256::Digest expected = record.digest();
  if (!std::equal(digest->begin(), digest->end(), expected.begin())) {
    return Status::error(path.string() + ": this secret belongs to another dataset registration");
  }
  auto seed = r.bytes(32, "seed");
  if (!seed) return seed.status();  // the size check above leaves nothing after the seed
  RegistrationSecret secret;
  std::copy(seed->begin(), seed->end(), secret.seed.begin());
  return secret;
}

}  // namespace zkfl::training
