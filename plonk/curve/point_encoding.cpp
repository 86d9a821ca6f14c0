#include "plonk/curve/point_encoding.hpp"

#include <string>

#include "plonk/curve/subgroup.hpp"

namespace zkfl::plonk {

namespace {

enum class Flag : uint8_t {
  kUncompressed = 0b00,
  kInfinity = 0b01,
  kCompressedSmaller = 0b10,
  kCompressedLarger = 0b11,
};
constexpr uint8_t kFlagMask = 0xc0;

Flag flag_of(std::span<const uint8_t> bytes) { return static_cast<Flag>(bytes[0] >> 6); }

const char* flag_text(Flag f) {
  switch (f) {
    case Flag::kUncompressed: return "0b00 (uncompressed)";
    case Flag::kInfinity: return "0b01 (infinity)";
    case Flag::kCompressedSmaller: return "0b10 (compressed, smaller y)";
    case Flag::kCompressedLarger: return "0b11 (compressed, larger y)";
  }
  return "?";
}

Status error(const char* group, const std::string& what) {
  return Status::error(std::string(group) + " point encoding: " + what);
}

Status wrong_length(const char* group, const char* form, size_t expected, size_t got) {
  return error(group, std::string("a ") + form + " point is " + std::to_string(expected) + " bytes, got " +
                          std::to_string(got));
}

// The infinity encoding is the flag 0b01 and nothing else.
Status check_infinity_bits(const char* group, std::span<const uint8_t> bytes) {
  if ((bytes[0] & ~kFlagMask) != 0) {
    return error(group, "bad flag: the infinity flag 0b01 is set but the other bits are not all zero");
  }
  for (size_t i = 1; i < bytes.size(); ++i) {
    if (bytes[i] != 0) {
      return error(group, "bad flag: the infinity flag 0b01 is set but the other bits are not all zero");
    }
  }
  return Status::ok();
}

// Reads the 32-byte big-endian coordinate at `offset`, with the flag bits
// cleared when it is the first one; rejects values ≥ p.
Result<Fq> read_coordinate(const char* group, const char* name, std::span<const uint8_t> bytes, size_t offset) {
  std::array<uint8_t, 32> be{};
  for (size_t i = 0; i < 32; ++i) be[i] = bytes[offset + i];
  if (offset == 0) be[0] &= static_cast<uint8_t>(~kFlagMask);
  const U256 v = u256_from_bytes_be(be.data());
  if (u256_compare(v, Fq::kModulus) >= 0) {
    return error(group, std::string(name) + " is not canonical (" + name + " >= p)");
  }
  return Fq::from_canonical_unchecked(v);
}

void write_coordinate(const Fq& v, uint8_t* out) { u256_to_bytes_be(v.to_canonical(), out); }

uint8_t compressed_flag_bits(bool larger) {
  return static_cast<uint8_t>(static_cast<uint8_t>(larger ? Flag::kCompressedLarger : Flag::kCompressedSmaller)
                              << 6);
}

// Uncompressed bytes must carry 0b00 or 0b01; compressed ones 0b10, 0b11 or 0b01.
Status check_flag(const char* group, Flag f, bool compressed) {
  const bool ok = f == Flag::kInfinity ||
                  (compressed ? (f == Flag::kCompressedSmaller || f == Flag::kCompressedLarger)
                              : f == Flag::kUncompressed);
  if (ok) return Status::ok();
  return error(group, std::string("bad flag: ") + flag_text(f) + " in a " +
                          (compressed ? "compressed" : "uncompressed") + " encoding; expected " +
                          (compressed ? "0b10, 0b11" : "0b00") + " or 0b01 (infinity)");
}

constexpr const char* kG1 = "G1";
constexpr const char* kG2 = "G2";

}  // namespace

std::array<uint8_t, kG1UncompressedBytes> encode_uncompressed(const G1Affine& p) {
  std::array<uint8_t, kG1UncompressedBytes> out{};
  if (p.infinity) {
    out[0] = static_cast<uint8_t>(Flag::kInfinity) << 6;
    return out;
  }
  write_coordinate(p.x, out.data());
  write_coordinate(p.y, out.data() + 32);
  return out;
}

std::array<uint8_t, kG1CompressedBytes> encode_compressed(const G1Affine& p) {
  std::array<uint8_t, kG1CompressedBytes> out{};
  if (p.infinity) {
    out[0] = static_cast<uint8_t>(Flag::kInfinity) << 6;
    return out;
  }
  write_coordinate(p.x, out.data());
  out[0] |= compressed_flag_bits(p.y.is_lexicographically_largest());
  return out;
}

std::array<uint8_t, kG2UncompressedBytes> encode_uncompressed(const G2Affine& p) {
  std::array<uint8_t, kG2UncompressedBytes> out{};
  if (p.infinity) {
    out[0] = static_cast<uint8_t>(Flag::kInfinity) << 6;
    return out;
  }
  write_coordinate(p.x.c0, out.data());
  write_coordinate(p.x.c1, out.data() + 32);
  write_coordinate(p.y.c0, out.data() + 64);
  write_coordinate(p.y.c1, out.data() + 96);
  return out;
}

std::array<uint8_t, kG2CompressedBytes> encode_compressed(const G2Affine& p) {
  std::array<uint8_t, kG2CompressedBytes> out{};
  if (p.infinity) {
    out[0] = static_cast<uint8_t>(Flag::kInfinity) << 6;
    return out;
  }
  write_coordinate(p.x.c0, out.data());
  write_coordinate(p.x.c1, out.data() + 32);
  out[0] |= compressed_flag_bits(p.y.is_lexicographically_largest());
  return out;
}

Result<G1Affine> decode_g1_uncompressed(std::span<const uint8_t> bytes) {
  if (bytes.size() != kG1UncompressedBytes) return wrong_length(kG1, "uncompressed", kG1UncompressedBytes, bytes.size());
  const Flag f = flag_of(bytes);
  if (Status s = check_flag(kG1, f, false); !s) return s;
  if (f == Flag::kInfinity) {
    if (Status s = check_infinity_bits(kG1, bytes); !s) return s;
    return G1Affine::identity();
  }
  Result<Fq> x = read_coordinate(kG1, "x", bytes, 0);
  if (!x) return x.status();
  Result<Fq> y = read_coordinate(kG1, "y", bytes, 32);
  if (!y) return y.status();
  const G1Affine p(*x, *y);
  if (!p.is_on_curve()) return error(kG1, "the point is not on the curve y^2 = x^3 + 3");
  return p;  // cofactor 1: on the curve means in G1
}

Result<G1Affine> decode_g1_compressed(std::span<const uint8_t> bytes) {
  if (bytes.size() != kG1CompressedBytes) return wrong_length(kG1, "compressed", kG1CompressedBytes, bytes.size());
  const Flag f = flag_of(bytes);
  if (Status s = check_flag(kG1, f, true); !s) return s;
  if (f == Flag::kInfinity) {
    if (Status s = check_infinity_bits(kG1, bytes); !s) return s;
    return G1Affine::identity();
  }
  Result<Fq> x = read_coordinate(kG1, "x", bytes, 0);
  if (!x) return x.status();
  const Fq rhs = x->squared() * *x + G1Config::kB;
  Fq y;
  if (!rhs.sqrt(y)) return error(kG1, "x^3 + 3 has no square root in Fq, so no point has this x");
  if (y.is_lexicographically_largest() != (f == Flag::kCompressedLarger)) y = -y;
  return G1Affine(*x, y);
}

Result<G1Affine> decode_g1(std::span<const uint8_t> bytes) {
  if (bytes.size() == kG1UncompressedBytes) return decode_g1_uncompressed(bytes);
  if (bytes.size() == kG1CompressedBytes) return decode_g1_compressed(bytes);
  return error(kG1, "expected 64 bytes (uncompressed) or 32 bytes (compressed), got " + std::to_string(bytes.size()));
}

Result<G2Affine> decode_g2_uncompressed(std::span<const uint8_t> bytes) {
  if (bytes.size() != kG2UncompressedBytes) return wrong_length(kG2, "uncompressed", kG2UncompressedBytes, bytes.size());
  const Flag f = flag_of(bytes);
  if (Status s = check_flag(kG2, f, false); !s) return s;
  if (f == Flag::kInfinity) {
    if (Status s = check_infinity_bits(kG2, bytes); !s) return s;
    return G2Affine::identity();
  }
  Result<Fq> x0 = read_coordinate(kG2, "x.c0", bytes, 0);
  if (!x0) return x0.status();
  Result<Fq> x1 = read_coordinate(kG2, "x.c1", bytes, 32);
  if (!x1) return x1.status();
  Result<Fq> y0 = read_coordinate(kG2, "y.c0", bytes, 64);
  if (!y0) return y0.status();
  Result<Fq> y1 = read_coordinate(kG2, "y.c1", bytes, 96);
  if (!y1) return y1.status();
  const G2Affine p(Fq2(*x0, *x1), Fq2(*y0, *y1));
  if (!p.is_on_curve()) return error(kG2, "the point is not on the twist curve y^2 = x^3 + 3/(9 + u)");
  if (!is_in_subgroup(p)) return error(kG2, "the point is on the twist curve but not in the order-r subgroup G2");
  return p;
}

Result<G2Affine> decode_g2_compressed(std::span<const uint8_t> bytes) {
  if (bytes.size() != kG2CompressedBytes) return wrong_length(kG2, "compressed", kG2CompressedBytes, bytes.size());
  const Flag f = flag_of(bytes);
  if (Status s = check_flag(kG2, f, true); !s) return s;
  if (f == Flag::kInfinity) {
    if (Status s = check_infinity_bits(kG2, bytes); !s) return s;
    return G2Affine::identity();
  }
  Result<Fq> x0 = read_coordinate(kG2, "x.c0", bytes, 0);
  if (!x0) return x0.status();
  Result<Fq> x1 = read_coordinate(kG2, "x.c1", bytes, 32);
  if (!x1) return x1.status();
  const Fq2 x(*x0, *x1);
  const Fq2 rhs = x.squared() * x + G2Config::kB;
  Fq2 y;
  if (!rhs.sqrt(y)) return error(kG2, "x^3 + 3/(9 + u) has no square root in Fq2, so no point has this x");
  if (y.is_lexicographically_largest() != (f == Flag::kCompressedLarger)) y = -y;
  const G2Affine p(x, y);
  if (!is_in_subgroup(p)) return error(kG2, "the point is on the twist curve but not in the order-r subgroup G2");
  return p;
}

Result<G2Affine> decode_g2(std::span<const uint8_t> bytes) {
  if (bytes.size() == kG2UncompressedBytes) return decode_g2_uncompressed(bytes);
  if (bytes.size() == kG2CompressedBytes) return decode_g2_compressed(bytes);
  return error(kG2, "expected 128 bytes (uncompressed) or 64 bytes (compressed), got " + std::to_string(bytes.size()));
}

}  // namespace zkfl::plonk
