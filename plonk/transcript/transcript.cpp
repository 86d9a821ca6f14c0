#include "plonk/transcript/transcript.hpp"

#include "plonk/base/sha256.hpp"
#include "plonk/curve/point_encoding.hpp"

namespace zkfl::plonk {

namespace {
constexpr uint8_t kTagAbsorb = 0x01;
constexpr uint8_t kTagChallenge = 0x02;
}  // namespace

Transcript::Transcript(std::string_view domain) {
  Sha256 h;
  h.update("zkfl-transcript").update_be(domain.size(), 4).update(domain);
  state_ = h.finish();
}

void Transcript::absorb_bytes(std::string_view label, std::span<const uint8_t> data) {
  Sha256 h;
  h.update(state_).update_be(kTagAbsorb, 1).update_be(label.size(), 4).update(label);
  h.update_be(data.size(), 8).update(data);
  state_ = h.finish();
  manifest_.push_back("absorb:" + std::string(label));
}

void Transcript::absorb_scalar(std::string_view label, const Fr& value) {
  absorb_bytes(label, value.to_bytes_be());
}

void Transcript::absorb_u64(std::string_view label, uint64_t value) {
  std::array<uint8_t, 8> bytes{};
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(value >> (56 - 8 * i));
  absorb_bytes(label, bytes);
}

void Transcript::absorb_point(std::string_view label, const G1Affine& point) {
  absorb_bytes(label, encode_uncompressed(point));
}

Fr Transcript::challenge_scalar(std::string_view label) {
  Sha256 h;
  h.update(state_).update_be(kTagChallenge, 1).update_be(label.size(), 4).update(label);
  state_ = h.finish();
  std::array<uint8_t, 64> wide{};
  for (uint8_t half = 0; half < 2; ++half) {
    h.update(state_).update_be(half, 1);
    auto d = h.finish();
    std::copy(d.begin(), d.end(), wide.begin() + 32 * half);
  }
  manifest_.push_back("challenge:" + std::string(label));
  return Fr::from_wide_bytes_be(wide);
}

}  // namespace zkfl::plonk
