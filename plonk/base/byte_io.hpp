// Canonical big-endian byte encoding for keys, proofs and reference strings.
// ByteReader never reads past its input: every read reports truncation as
// an error, and finish() rejects trailing bytes, so a decoder built on it
// accepts exactly one encoding of each value.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "plonk/base/status.hpp"

namespace zkfl::plonk {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u32(uint32_t v) { be(v, 4); }
  void u64(uint64_t v) { be(v, 8); }
  void bytes(std::span<const uint8_t> data) {
    if (data.empty()) return;
    const size_t at = out_.size();
    out_.resize(at + data.size());
    std::memcpy(out_.data() + at, data.data(), data.size());
  }
  // A length-prefixed (u32) string.
  void string(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
  }
  const std::vector<uint8_t>& data() const { return out_; }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  void be(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> out_;
};

class ByteReader {
 public:
  // `what` names the object being decoded, for error messages ("proof", "verifying key").
  ByteReader(std::span<const uint8_t> data, std::string what) : data_(data), what_(std::move(what)) {}

  Result<uint8_t> u8() {
    auto s = take(1, "u8");
    if (!s) return s.status();
    return (*s)[0];
  }
  Result<uint32_t> u32() {
    auto s = take(4, "u32");
    if (!s) return s.status();
    return static_cast<uint32_t>(read_be(*s));
  }
  Result<uint64_t> u64() {
    auto s = take(8, "u64");
    if (!s) return s.status();
    return read_be(*s);
  }
  // The next `n` bytes (a view into the input).
  Result<std::span<const uint8_t>> bytes(size_t n, const char* field = "bytes") { return take(n, field); }
  // A u32-length-prefixed string of at most `max_length` bytes.
  Result<std::string> string(size_t max_length) {
    auto n = u32();
    if (!n) return n.status();
    if (*n > max_length) return error("string of " + std::to_string(*n) + " bytes exceeds the limit");
    auto s = take(*n, "string");
    if (!s) return s.status();
    return std::string(s->begin(), s->end());
  }
  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  // Ok when every byte was consumed; trailing bytes are an error.
  Status finish() const {
    if (remaining() == 0) return Status::ok();
    return Status::error(what_ + ": " + std::to_string(remaining()) + " unexpected trailing bytes");
  }
  Status error(const std::string& message) const {
    return Status::error(what_ + " at byte " + std::to_string(pos_) + ": " + message);
  }

 private:
  Result<std::span<const uint8_t>> take(size_t n, const char* field) {
    if (remaining() < n) {
      return error(std::string("truncated (") + field + " needs " + std::to_string(n) + " bytes, " +
                   std::to_string(remaining()) + " left)");
    }
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  static uint64_t read_be(std::span<const uint8_t> s) {
    uint64_t v = 0;
    for (uint8_t b : s) v = v << 8 | b;
    return v;
  }
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  std::string what_;
};

}  // namespace zkfl::plonk
