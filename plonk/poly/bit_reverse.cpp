#include "plonk/poly/bit_reverse.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <utility>
#include <vector>

namespace zkfl::plonk {

namespace {
// Tiles of 2^4 x 2^4 elements: rows of 512 contiguous bytes, and the two
// 8 KiB buffers of a tile pair stay in L1 (measured: 2^4 and 2^5 tie at
// 2^20, 2^3 is 1.6x slower).
constexpr unsigned kTileLog = 4;
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
// the 2^2q indices sharing a middle part b (a "tile": 2^q rows of 2^q
// contiguous elements) are exchanged exactly with the tile of rev_m(b). Each
// pair of tiles is copied into contiguous buffers and written back
// transposed: the rows of a tile are a large power of two apart and would
// evict each other from the cache if transposed in place (the buffered
// scheme of Carter and Gatlin, "Towards an optimal bit-reversal permutation
// program", FOCS 1998).
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

  auto load_tile = [&](size_t b, Fr* tile) {
    for (size_t a = 0; a < side; ++a) std::copy_n(x + a * outer_stride + (b << q), side, tile + a * side);
  };
  // Tile b receives the transposed, index-reversed tile held in `source`.
  auto store_tile = [&](size_t b, const Fr* source) {
    for (size_t a = 0; a < side; ++a) {
      Fr* row = x + a * outer_stride + (b << q);
      for (size_t c = 0; c < side; ++c) row[c] = source[rev_q[c] * side + rev_q[a]];
    }
  };
  auto swap_tiles = [&](size_t b, Fr* first, Fr* second) {
    const size_t rb = reverse_bits(b, m);
    if (rb < b) return;  // handled together with rb
    load_tile(b, first);
    if (rb == b) {
      store_tile(b, first);
      return;
    }
    load_tile(rb, second);
    store_tile(b, second);
    store_tile(rb, first);
  };
  // Below 2^14 elements one thread is quicker than waking the others.
  const size_t workers = k < 14 ? 1 : std::min(pool.size(), middle_count);
  std::atomic<size_t> next{0};
  auto work = [&](size_t) {
    std::vector<Fr> buffers(2 * side * side);
    for (size_t b; (b = next.fetch_add(1, std::memory_order_relaxed)) < middle_count;) {
      swap_tiles(b, buffers.data(), buffers.data() + side * side);
    }
  };
  if (workers == 1) {
    work(0);
  } else {
    pool.run(workers, work);
  }
}

}  // namespace zkfl::plonk
