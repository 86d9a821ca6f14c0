#include "plonk/kzg/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace zkfl::plonk {

Result<std::vector<uint8_t>> read_file_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::error(path.string() + ": is a directory, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(path.string() + ": cannot open for reading (" + std::strerror(errno) + ")");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::error(path.string() + ": cannot determine the file size");
  in.seekg(0, std::ios::beg);
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    return Status::error(path.string() + ": read failed");
  }
  return bytes;
}

Status write_file_atomically(const std::filesystem::path& path, std::span<const uint8_t> bytes) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string name = path.filename().string();
  name.insert(name.begin(), '.');
  name.append(".tmp-").append(6, 'X');  // mkstemp replaces the six X with a unique suffix
  std::string tmpl = (dir / name).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return Status::error(path.string() + ": cannot create a temporary file in " + dir.string() + " (" +
                         std::strerror(errno) + ")");
  }
  auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return Status::error(path.string() + ": " + what + " (" + reason + "); the file was not changed");
  };
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    written += static_cast<size_t>(n);
  }
  // mkstemp creates the file 0600; give it the usual permissions (subject to the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("cannot set permissions");
  if (::fsync(fd) != 0) return fail("flush to disk failed");
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return Status::error(path.string() + ": close failed (" + reason + "); the file was not changed");
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return Status::error(path.string() + ": cannot replace the file (" + reason + "); it was not changed");
  }
  return Status::ok();
}

Status write_new_file(const std::filesystem::path& path, std::span<const uint8_t> bytes, unsigned mode,
                      bool exact_mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode));
  if (fd < 0) {
    if (errno == EEXIST) return Status::error(path.string() + ": already exists; refusing to overwrite it");
    return Status::error(path.string() + ": cannot create (" + std::strerror(errno) + ")");
  }
  auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(path.c_str());
    return Status::error(path.string() + ": " + what + " (" + reason + ")");
  };
  if (exact_mode && ::fchmod(fd, static_cast<mode_t>(mode)) != 0) return fail("cannot set permissions");
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("flush to disk failed");
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(path.c_str());
    return Status::error(path.string() + ": close failed (" + reason + ")");
  }
  return Status::ok();
}

}  // namespace zkfl::plonk
