// Signed fixed-window digits of MSM scalars: every k < r is written as
// k = Σ_w d_w·2^(c·w) with d_w ∈ [−2^(c−1), 2^(c−1)), so Pippenger's bucket
// method needs only 2^(c−1) buckets per window (a bucket serves d and −d by
// negating the point, which is free on a short Weierstrass curve).
//
// The digits come from one 320-bit addition instead of a carry chain:
// with C = Σ_w 2^(c·w + c − 1), the plain c-bit windows u_w of k + C give
// d_w = u_w − 2^(c−1), since Σ_w (u_w − 2^(c−1))·2^(c·w) = (k + C) − C = k.
// Each window is then independent of the others.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// Smallest and largest supported window widths (digits are stored as int16).
inline constexpr unsigned kMsmMinWindowBits = 2;
inline constexpr unsigned kMsmMaxWindowBits = 16;

// Number of c-bit signed windows that represent every scalar below r:
// the smallest W with (r − 1) + C < 2^(c·W). Requires c in [kMsmMinWindowBits, kMsmMaxWindowBits].
unsigned msm_num_windows(unsigned window_bits);

// The largest digit the top window (w = msm_num_windows(c) − 1) can hold
// for any scalar below r; its digits are never negative. The top window is
// usually only partly used, so it needs fewer buckets than the others.
unsigned msm_top_window_max_digit(unsigned window_bits);

// The signed digits of a list of scalars, stored window-major so that the
// pass over one window reads them contiguously.
class MsmDigits {
 public:
  // Decomposes every scalar (in parallel on `pool`); window_bits in
  // [kMsmMinWindowBits, kMsmMaxWindowBits] (asserted).
  MsmDigits(std::span<const Fr> scalars, unsigned window_bits, ThreadPool& pool);

  unsigned window_bits() const { return window_bits_; }
  unsigned num_windows() const { return num_windows_; }
  size_t size() const { return size_; }
  // The digit of every scalar in window w (w < num_windows()).
  std::span<const int16_t> window(unsigned w) const {
    return {digits_.get() + static_cast<size_t>(w) * size_, size_};
  }
  // The largest |digit| in window w: the number of buckets that window
  // needs (0 when all its digits are zero, e.g. the top windows of small scalars).
  unsigned max_magnitude(unsigned w) const { return max_magnitude_[w]; }

 private:
  unsigned window_bits_;
  unsigned num_windows_;
  size_t size_;
  std::unique_ptr<int16_t[]> digits_;  // digits_[w·size + i], every entry written by the constructor
  std::vector<unsigned> max_magnitude_;
};

}  // namespace zkfl::plonk
