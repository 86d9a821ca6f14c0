#include "plonk/poly/radix2_dif.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <vector>

#include "plonk/poly/butterfly.hpp"

namespace zkfl::plonk::ntt_detail {

namespace {

// A transform of 2^13 elements (256 KiB) runs layer by layer inside a 1 MiB L2.
constexpr unsigned kInCacheLog = 13;
// Below 2^10 elements the whole transform takes tens of microseconds: no threads.
constexpr unsigned kSerialLog = 10;
// Column passes cover at most 2^10 rows ...
constexpr unsigned kMaxColumnLog = 10;
// ... of 16 adjacent columns: a 2^10 x 16 block is 512 KiB, half of L2, and
// each of its rows is 512 contiguous bytes (8 cache lines) in memory.
constexpr size_t kColumnWidth = 16;

unsigned log2_exact(size_t n) {
  assert(n != 0 && (n & (n - 1)) == 0);
  return static_cast<unsigned>(__builtin_ctzll(n));
}

// How a size-2^k transform is cut: n1 rows of n2 elements; the first `column_log`
// layers act on columns, `width` columns at a time.
struct Split {
  unsigned column_log;
  unsigned row_log;
  size_t rows;
  size_t row_length;
  size_t width;

  explicit Split(unsigned k)
      : column_log(std::min(k / 2, kMaxColumnLog)),
        row_log(k - column_log),
        rows(size_t{1} << column_log),
        row_length(size_t{1} << row_log),
        width(std::min(kColumnWidth, row_length)) {}
};

// The first s.column_log layers of the size-2^k DIF restricted to columns
// [c0, c0 + s.width). Layer l pairs rows r and r + H (H = rows / 2^(l+1)); the
// element in column c of row r' (mod 2H) is multiplied by ω^(2^l·(r'·n2 + c)),
// the twiddle the full-size layer would use at that position.
void column_block(Fr* x, const Split& s, size_t c0, Twiddles tw, const SplitPowers* prescale, Fr* scratch) {
  const size_t width = s.width;
  for (size_t r = 0; r < s.rows; ++r) {
    const Fr* src = x + r * s.row_length + c0;
    Fr* dst = scratch + r * width;
    if (prescale != nullptr) {
      const size_t base = r * s.row_length + c0;
      for (size_t t = 0; t < width; ++t) dst[t] = src[t] * (*prescale)(base + t);
    } else {
      std::copy(src, src + width, dst);
    }
  }
  Fr w[kColumnWidth];
  for (unsigned layer = 0; layer < s.column_log; ++layer) {
    const size_t half = s.rows >> (layer + 1);
    const size_t step = (size_t{1} << layer) * tw.stride;
    for (size_t rp = 0; rp < half; ++rp) {
      const size_t e0 = (rp * s.row_length + c0) * step;
      for (size_t t = 0; t < width; ++t) w[t] = tw.roots[e0 + t * step];
      for (size_t rb = rp; rb < s.rows; rb += 2 * half) {
        Fr* a = scratch + rb * width;
        Fr* b = a + half * width;
        for (size_t t = 0; t < width; ++t) dif_butterfly(a[t], b[t], w[t]);
      }
    }
  }
  for (size_t r = 0; r < s.rows; ++r) {
    std::copy(scratch + r * width, scratch + (r + 1) * width, x + r * s.row_length + c0);
  }
}

// Serial blocked transform, for rows too long to stay in cache (k > kInCacheLog).
void dif_blocked_serial(Fr* x, unsigned k, Twiddles tw, std::vector<Fr>& scratch) {
  if (k <= kInCacheLog) {
    dif_in_cache(x, k, tw);
    return;
  }
  const Split s(k);
  scratch.resize(std::max(scratch.size(), s.rows * s.width));
  for (size_t c0 = 0; c0 < s.row_length; c0 += s.width) column_block(x, s, c0, tw, nullptr, scratch.data());
  const Twiddles row_twiddles{tw.roots, tw.stride << s.column_log};
  for (size_t r = 0; r < s.rows; ++r) dif_blocked_serial(x + r * s.row_length, s.row_log, row_twiddles, scratch);
}

}  // namespace

void dif_in_cache(Fr* x, unsigned k, Twiddles tw) {
  if (k == 0) return;
  if (k == 1) {
    dif_butterfly_unit(x[0], x[1]);
    return;
  }
  const size_t n = size_t{1} << k;
  for (size_t half = n / 2; half >= 4; half /= 2) {
    const size_t step = (n / (2 * half)) * tw.stride;
    for (size_t start = 0; start < n; start += 2 * half) {
      Fr* a = x + start;
      Fr* b = a + half;
      dif_butterfly_unit(a[0], b[0]);
      for (size_t j = 1; j < half; ++j) dif_butterfly(a[j], b[j], tw.roots[j * step]);
    }
  }
  // The last two layers fused as a radix-4 step: of their four twiddles per
  // four elements three are 1 and one is ω_4 = ω^(n/4).
  const Fr omega4 = tw.roots[(n / 4) * tw.stride];
  for (size_t start = 0; start < n; start += 4) {
    Fr* q = x + start;
    dif_butterfly_unit(q[0], q[2]);
    dif_butterfly(q[1], q[3], omega4);
    dif_butterfly_unit(q[0], q[1]);
    dif_butterfly_unit(q[2], q[3]);
  }
}

void dif(std::span<Fr> x, Twiddles tw, const SplitPowers* prescale, ThreadPool& pool) {
  const unsigned k = log2_exact(x.size());
  if (k <= kSerialLog) {
    if (prescale != nullptr) {
      for (size_t i = 0; i < x.size(); ++i) x[i] *= (*prescale)(i);
    }
    dif_in_cache(x.data(), k, tw);
    return;
  }
  const Split s(k);
  const size_t blocks = s.row_length / s.width;
  std::atomic<size_t> next_block{0};
  pool.run(std::min(pool.size(), blocks), [&](size_t) {
    std::vector<Fr> scratch(s.rows * s.width);
    for (size_t b; (b = next_block.fetch_add(1, std::memory_order_relaxed)) < blocks;) {
      column_block(x.data(), s, b * s.width, tw, prescale, scratch.data());
    }
  });

  // Every row is a DIF of size n2 with root ω^n1. When it fits in cache, its
  // twiddles are first gathered into a compact table: the strided ones are
  // one per cache line of the full table.
  const Twiddles row_twiddles{tw.roots, tw.stride << s.column_log};
  std::atomic<size_t> next_row{0};
  pool.run(std::min(pool.size(), s.rows), [&](size_t) {
    std::vector<Fr> scratch;
    Twiddles local = row_twiddles;
    if (s.row_log <= kInCacheLog) {
      scratch.resize(s.row_length / 2);
      for (size_t j = 0; j < scratch.size(); ++j) scratch[j] = row_twiddles.roots[j * row_twiddles.stride];
      local = Twiddles{scratch.data(), 1};
    }
    for (size_t r; (r = next_row.fetch_add(1, std::memory_order_relaxed)) < s.rows;) {
      if (s.row_log <= kInCacheLog) {
        dif_in_cache(x.data() + r * s.row_length, s.row_log, local);
      } else {
        dif_blocked_serial(x.data() + r * s.row_length, s.row_log, local, scratch);
      }
    }
  });
}

}  // namespace zkfl::plonk::ntt_detail
