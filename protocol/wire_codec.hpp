// Internal to protocol/: the field codecs that messages.cpp feeds to Cereal's
// binary archives. Cereal's own loaders for std::vector/std::string allocate
// whatever length prefix they read; these never do. Every loader first checks
// the bytes it needs against what is left of a bounded input (SpanSource) and
// every count against its field's maximum, and throws WireError otherwise.
// WireError never leaves messages.cpp: decode() turns it into a Status.
#pragma once

#include <cereal/archives/binary.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <streambuf>
#include <string>
#include <type_traits>
#include <vector>

namespace zkfl::protocol::wire {

// A field that cannot be decoded; `message` says which and why.
struct WireError {
  std::string message;
};

// A read-only stream over bytes it does not own; knows how many remain.
class SpanSource final : public std::streambuf {
 public:
  explicit SpanSource(std::span<const uint8_t> bytes) {
    // std::streambuf wants char*, but nothing here ever writes through it.
    char* begin = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
    setg(begin, begin, begin + bytes.size());
  }
  size_t remaining() const { return static_cast<size_t>(egptr() - gptr()); }
  size_t consumed() const { return static_cast<size_t>(gptr() - eback()); }
  // Throws WireError unless `n` more bytes are available for `field`.
  void require(size_t n, const char* field) const {
    if (n > remaining()) {
      throw WireError{std::string(field) + ": truncated (needs " + std::to_string(n) + " bytes at byte " +
                      std::to_string(consumed()) + ", " + std::to_string(remaining()) + " left)"};
    }
  }
};

// A stream that appends to a byte vector.
class VectorSink final : public std::streambuf {
 public:
  explicit VectorSink(std::vector<uint8_t>& out) : out_(out) {}

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) out_.push_back(static_cast<uint8_t>(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.insert(out_.end(), reinterpret_cast<const uint8_t*>(s), reinterpret_cast<const uint8_t*>(s) + n);
    return n;
  }

 private:
  std::vector<uint8_t>& out_;
};

template <class T>
void store_le(T value, uint8_t* out) {
  using U = std::make_unsigned_t<T>;
  const U u = static_cast<U>(value);
  for (size_t i = 0; i < sizeof(T); ++i) out[i] = static_cast<uint8_t>(u >> (8 * i));
}

template <class T>
T load_le(const uint8_t* in) {
  using U = std::make_unsigned_t<T>;
  U u = 0;
  for (size_t i = 0; i < sizeof(T); ++i) u |= static_cast<U>(static_cast<U>(in[i]) << (8 * i));
  return static_cast<T>(u);
}

// ---- writers: each serializes one field with a save() Cereal dispatches to.

template <class T>
struct IntOut {  // fixed-width little-endian integer
  T value;
  void save(cereal::BinaryOutputArchive& ar) const {
    std::array<uint8_t, sizeof(T)> b{};
    store_le(value, b.data());
    ar.saveBinary(b.data(), sizeof(T));
  }
};

template <size_t N>
struct ArrayOut {  // N raw bytes
  const std::array<uint8_t, N>& value;
  void save(cereal::BinaryOutputArchive& ar) const { ar.saveBinary(value.data(), N); }
};

struct BytesOut {  // u32 count ‖ bytes
  std::span<const uint8_t> value;
  void save(cereal::BinaryOutputArchive& ar) const {
    ar(IntOut<uint32_t>{static_cast<uint32_t>(value.size())});
    if (!value.empty()) ar.saveBinary(value.data(), static_cast<std::streamsize>(value.size()));
  }
};

struct Int64sOut {  // u32 count ‖ count × i64
  std::span<const int64_t> value;
  void save(cereal::BinaryOutputArchive& ar) const {
    ar(IntOut<uint32_t>{static_cast<uint32_t>(value.size())});
    std::array<uint8_t, 8 * 1024> chunk{};
    for (size_t at = 0; at < value.size();) {
      const size_t n = std::min(value.size() - at, chunk.size() / 8);
      for (size_t i = 0; i < n; ++i) store_le(value[at + i], chunk.data() + 8 * i);
      ar.saveBinary(chunk.data(), static_cast<std::streamsize>(8 * n));
      at += n;
    }
  }
};

// ---- loaders: each checks before it reads or allocates.

template <class T>
struct IntIn {
  T& value;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    source.require(sizeof(T), field);
    std::array<uint8_t, sizeof(T)> b{};
    ar.loadBinary(b.data(), sizeof(T));
    value = load_le<T>(b.data());
  }
};

template <class E>
struct EnumIn {  // the enum's underlying integer; legality is validate()'s job
  E& value;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    std::underlying_type_t<E> raw{};
    ar(IntIn<std::underlying_type_t<E>>{raw, source, field});
    value = static_cast<E>(raw);
  }
};

struct BoolIn {  // one byte, 0 or 1
  bool& value;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    uint8_t raw = 0;
    ar(IntIn<uint8_t>{raw, source, field});
    if (raw > 1) throw WireError{std::string(field) + ": " + std::to_string(raw) + " is not a boolean (0 or 1)"};
    value = raw == 1;
  }
};

template <size_t N>
struct ArrayIn {
  std::array<uint8_t, N>& value;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    source.require(N, field);
    ar.loadBinary(value.data(), N);
  }
};

// A u32 count, checked against `max_items` and the remaining input before
// anything is allocated.
inline size_t load_count(cereal::BinaryInputArchive& ar, const SpanSource& source, const char* field,
                         size_t max_items, size_t item_bytes) {
  uint32_t count = 0;
  ar(IntIn<uint32_t>{count, source, field});
  if (count > max_items) {
    throw WireError{std::string(field) + ": length prefix " + std::to_string(count) + " exceeds the limit of " +
                    std::to_string(max_items)};
  }
  if (static_cast<uint64_t>(count) * item_bytes > source.remaining()) {
    throw WireError{std::string(field) + ": length prefix " + std::to_string(count) + " needs " +
                    std::to_string(static_cast<uint64_t>(count) * item_bytes) + " bytes but only " +
                    std::to_string(source.remaining()) + " remain"};
  }
  return count;
}

template <class Container>  // std::vector<uint8_t> or std::string
struct BytesIn {
  Container& value;
  size_t max_bytes;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    const size_t n = load_count(ar, source, field, max_bytes, 1);
    value.resize(n);
    if (n != 0) ar.loadBinary(value.data(), static_cast<std::streamsize>(n));
  }
};

struct Int64sIn {
  std::vector<int64_t>& value;
  size_t max_items;
  const SpanSource& source;
  const char* field;
  void load(cereal::BinaryInputArchive& ar) {
    const size_t n = load_count(ar, source, field, max_items, 8);
    value.resize(n);
    std::array<uint8_t, 8 * 1024> chunk{};
    for (size_t at = 0; at < n;) {
      const size_t m = std::min(n - at, chunk.size() / 8);
      ar.loadBinary(chunk.data(), static_cast<std::streamsize>(8 * m));
      for (size_t i = 0; i < m; ++i) value[at + i] = load_le<int64_t>(chunk.data() + 8 * i);
      at += m;
    }
  }
};

}  // namespace zkfl::protocol::wire
