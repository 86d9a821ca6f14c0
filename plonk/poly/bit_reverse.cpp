#include "plonk/poly/bit_reverse.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <utility>

namespace zkfl::plonk {

namespace {
// Tiles of 2^5 x 2^5 elements: two tiles (64 KiB) stay in L1/L2 while they
// are swapped, and each tile row is 1 KiB of contiguous memory.
constexpr unsigned kTileLog = 5;
}  // namespace

size_t reverse_bits(size_t i, unsigned bits) {
  if (bits == 0) return 0;
  uint64_t v = i;
  v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
  v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
  v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FULL) | ((v & 0x0F0F0F0F0F0F0F0FULL) << 4);
  v = __builtin_bswap64(v);
  return static_cast<size_t>(v >> (64 - bits));
}

// Write an index as i = a·2^(m+q) + b·2^q + c with a, c < 2^q and b < 2^m
// (k = m + 2q). Then rev(i) = rev_q(c)·2^(m+q) + rev_m(b)·2^q + rev_q(a), so
// the 2^2q indices sharing a middle part b are exchanged exactly with the
// 2^2q indices sharing rev_m(b): each pair {b, rev_m(b)} is one independent
// tile swap with rows of 2^q contiguous elements (the blocked scheme of
// Carter and Gatlin, "Towards an optimal bit-reversal permutation program",
// FOCS 1998).
void bit_reverse_permute(std::span<Fr> values, ThreadPool& pool) {
  const size_t n = values.size();
  assert(n != 0 && (n & (n - 1)) == 0);
  const unsigned k = static_cast<unsigned>(__builtin_ctzll(n));
  if (k < 2) return;
  const unsigned q = std::min(kTileLog, k / 2);
  const unsigned m = k - 2 * q;
  const size_t side = size_t{1} << q;
  std::array<size_t, size_t{1} << kTileLog> rev_q{};
  for (size_t a = 0; a < side; ++a) rev_q[a] = reverse_bits(a, q);
  Fr* x = values.data();
  const size_t middle_count = size_t{1} << m;
  const size_t outer_stride = size_t{1} << (m + q);

  auto swap_tiles = [&](size_t b) {
    const size_t rb = reverse_bits(b, m);
    if (rb < b) return;  // handled together with rb
    for (size_t a = 0; a < side; ++a) {
      const size_t i_base = a * outer_stride + (b << q);
      const size_t j_low = (rb << q) + rev_q[a];
      for (size_t c = 0; c < side; ++c) {
        const size_t i = i_base + c;
        const size_t j = rev_q[c] * outer_stride + j_low;
        if (rb != b || i < j) std::swap(x[i], x[j]);
      }
    }
  };
  // Below 2^14 elements one thread is quicker than waking the others.
  if (k < 14) {
    for (size_t b = 0; b < middle_count; ++b) swap_tiles(b);
    return;
  }
  // One task per middle part: the pool hands them out dynamically, which
  // balances the skipped halves of the pairs.
  pool.run(middle_count, swap_tiles);
}

}  // namespace zkfl::plonk
