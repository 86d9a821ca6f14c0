#include "plonk/curve/msm_digits.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <mutex>

namespace zkfl::plonk {

namespace {

// Enough room for k + C with c·W ≤ 256 + c ≤ 272 bits.
using U320 = std::array<uint64_t, 5>;

// C = Σ_{w < W} 2^(c·w + c − 1).
constexpr U320 digit_offset(unsigned c, unsigned num_windows) {
  U320 offset{};
  for (unsigned w = 0; w < num_windows; ++w) {
    unsigned bit = c * w + c - 1;
    offset[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  return offset;
}

constexpr U320 add_u256(const U320& a, const U256& b) {
  U320 out{};
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) out[i] = add_with_carry(a[i], b[i], carry, carry);
  out[4] = a[4] + carry;
  return out;
}

constexpr bool below_power_of_two(const U320& v, unsigned bits) {
  for (unsigned i = 0; i < 5; ++i) {
    unsigned lo = 64 * i;
    if (lo >= bits) {
      if (v[i] != 0) return false;
    } else if (bits - lo < 64 && (v[i] >> (bits - lo)) != 0) {
      return false;
    }
  }
  return true;
}

// Bits [bit, bit + c) of v, for c ≤ 16 and bit + c ≤ 320.
constexpr unsigned extract_window(const U320& v, unsigned bit, unsigned c) {
  unsigned limb = bit / 64, shift = bit % 64;
  uint64_t word = v[limb] >> shift;
  if (shift + c > 64) word |= v[limb + 1] << (64 - shift);
  return static_cast<unsigned>(word & ((uint64_t{1} << c) - 1));
}

// The number of windows and the top window's largest digit for each c,
// derived from r at compile time.
struct WindowShape {
  unsigned windows = 0;
  unsigned top_max_digit = 0;
};

constexpr WindowShape window_shape(unsigned c) {
  U256 r_minus_1{};
  u256_sub(r_minus_1, Fr::kModulus, U256{1, 0, 0, 0});
  // The smallest W with (r − 1) + C < 2^(c·W).
  unsigned w = (Fr::kBits + c - 1) / c;
  while (!below_power_of_two(add_u256(digit_offset(c, w), r_minus_1), c * w)) ++w;
  // The top window of k + C grows with k, so k = r − 1 gives its largest digit.
  const U320 top = add_u256(digit_offset(c, w), r_minus_1);
  return WindowShape{w, extract_window(top, c * (w - 1), c) - (1u << (c - 1))};
}

constexpr std::array<WindowShape, kMsmMaxWindowBits + 1> kWindowShapes = [] {
  std::array<WindowShape, kMsmMaxWindowBits + 1> shapes{};
  for (unsigned c = kMsmMinWindowBits; c <= kMsmMaxWindowBits; ++c) shapes[c] = window_shape(c);
  return shapes;
}();

}  // namespace

unsigned msm_num_windows(unsigned c) {
  assert(c >= kMsmMinWindowBits && c <= kMsmMaxWindowBits);
  return kWindowShapes[c].windows;
}

unsigned msm_top_window_max_digit(unsigned c) {
  assert(c >= kMsmMinWindowBits && c <= kMsmMaxWindowBits);
  return kWindowShapes[c].top_max_digit;
}

MsmDigits::MsmDigits(std::span<const Fr> scalars, unsigned window_bits, ThreadPool& pool)
    : window_bits_(window_bits),
      num_windows_(msm_num_windows(window_bits)),
      size_(scalars.size()),
      digits_(std::make_unique_for_overwrite<int16_t[]>(static_cast<size_t>(num_windows_) * scalars.size())),
      max_magnitude_(num_windows_, 0) {
  const unsigned c = window_bits_;
  const U320 offset = digit_offset(c, num_windows_);
  const int half = 1 << (c - 1);
  std::mutex merge;
  pool.parallel_for(
      size_, [&](size_t begin, size_t end) {
        std::vector<unsigned> local_max(num_windows_, 0);
        for (size_t i = begin; i < end; ++i) {
          const U320 shifted = add_u256(offset, scalars[i].to_canonical());
          int16_t* out = digits_.get() + i;
          for (unsigned w = 0; w < num_windows_; ++w) {
            const int d = static_cast<int>(extract_window(shifted, c * w, c)) - half;
            out[static_cast<size_t>(w) * size_] = static_cast<int16_t>(d);
            local_max[w] = std::max(local_max[w], static_cast<unsigned>(d < 0 ? -d : d));
          }
        }
        std::lock_guard lock(merge);
        for (unsigned w = 0; w < num_windows_; ++w) max_magnitude_[w] = std::max(max_magnitude_[w], local_max[w]);
      },
      4096);
}

}  // namespace zkfl::plonk
