// The passes of ntt_passes.hpp on 4x64-bit Montgomery arithmetic.
#include <algorithm>
#include <atomic>
#include <cassert>
#include <vector>

#include "plonk/poly/butterfly.hpp"
#include "plonk/poly/ntt_passes.hpp"

namespace zkfl::plonk::ntt_detail {

namespace {

// Columns per strided work item: 16 (rows of 512 contiguous bytes) unless
// that would make the rows x width scratch exceed 2^14 elements (512 KiB).
size_t column_width(const PassShape& s) {
  return std::min(s.columns, std::clamp<size_t>((size_t{1} << 14) / s.rows, 8, 16));
}

// The pass's layers on columns [c0, c0 + width) of the block at `block`,
// through `scratch` (rows x width): the rows of a column block are a power of
// two apart in memory and would otherwise compete for the same cache sets.
void strided_block(Fr* block, const PassShape& s, size_t c0, size_t width, const Fr* coset_shift,
                   Fr* scratch) {
  constexpr size_t kMaxWidth = 16;
  for (size_t r = 0; r < s.rows; ++r) {
    const Fr* src = block + r * s.columns + c0;
    std::copy(src, src + width, scratch + r * width);
  }
  if (coset_shift != nullptr) {
    // Element r·columns + c is scaled by g^(r·columns)·g^c.
    Fr column_factor[kMaxWidth];
    column_factor[0] = coset_shift->pow(static_cast<uint64_t>(c0));
    for (size_t t = 1; t < width; ++t) column_factor[t] = column_factor[t - 1] * *coset_shift;
    const Fr row_step = coset_shift->pow(static_cast<uint64_t>(s.columns));
    Fr row_factor = Fr::one();
    for (size_t r = 0; r < s.rows; ++r) {
      Fr* row = scratch + r * width;
      for (size_t t = 0; t < width; ++t) row[t] *= row_factor * column_factor[t];
      row_factor *= row_step;
    }
  }
  const Fr* roots = s.twiddles.roots;
  Fr w[kMaxWidth];
  for (unsigned layer = 0; layer < s.layers; ++layer) {
    const size_t half = s.rows >> (layer + 1);
    const size_t step = s.twiddles.stride << layer;
    for (size_t rp = 0; rp < half; ++rp) {
      const size_t e0 = (rp * s.columns + c0) * step;
      for (size_t t = 0; t < width; ++t) w[t] = roots[e0 + t * step];
      for (size_t rb = rp; rb < s.rows; rb += 2 * half) {
        Fr* a = scratch + rb * width;
        Fr* b = a + half * width;
        for (size_t t = 0; t < width; ++t) dif_butterfly(a[t], b[t], w[t]);
      }
    }
  }
  for (size_t r = 0; r < s.rows; ++r) {
    std::copy(scratch + r * width, scratch + (r + 1) * width, block + r * s.columns + c0);
  }
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

void strided_pass_scalar(Fr* x, const PassShape& s, const Fr* coset_shift, ThreadPool& pool) {
  assert(coset_shift == nullptr || s.blocks == 1);
  const size_t width = column_width(s);
  const size_t items = s.blocks * (s.columns / width);
  std::atomic<size_t> next{0};
  pool.run(std::min(pool.size(), items), [&](size_t) {
    std::vector<Fr> scratch(s.rows * width);
    for (size_t item; (item = next.fetch_add(1, std::memory_order_relaxed)) < items;) {
      const size_t block = item % s.blocks;
      const size_t c0 = (item / s.blocks) * width;
      strided_block(x + block * s.rows * s.columns, s, c0, width, coset_shift, scratch.data());
    }
  });
}

void final_pass_scalar(Fr* x, const PassShape& s, ThreadPool& pool) {
  assert(s.columns == 1);
  std::atomic<size_t> next{0};
  pool.run(std::min(pool.size(), s.blocks), [&](size_t) {
    // The blocks' roots, gathered once per thread from the strided full table.
    std::vector<Fr> roots(s.rows / 2);
    for (size_t j = 0; j < roots.size(); ++j) roots[j] = s.twiddles.roots[j * s.twiddles.stride];
    for (size_t b; (b = next.fetch_add(1, std::memory_order_relaxed)) < s.blocks;) {
      dif_in_cache(x + b * s.rows, s.layers, Twiddles{roots.data(), 1});
    }
  });
}

void reverse_and_scale_scalar(std::span<Fr> values, const Fr* shift_inverse, const Fr& size_inverse,
                              ThreadPool& pool) {
  const size_t n = values.size();
  const Fr step = shift_inverse != nullptr ? *shift_inverse : Fr::one();
  // scale(i) = n^-1·step^i
  auto scale_at = [&](size_t i) { return size_inverse * step.pow(static_cast<uint64_t>(i)); };
  values[0] *= size_inverse;
  if (n == 1) return;
  values[n / 2] *= scale_at(n / 2);
  // The pairs (i, n - i) for 0 < i < n/2 swap and scale independently; the
  // scales follow running products from each chunk's start.
  pool.parallel_for(
      n / 2 - 1,
      [&](size_t begin, size_t end) {
        Fr low_scale = scale_at(begin + 1);
        Fr high_scale = scale_at(n - begin - 1);
        const Fr step_inverse = shift_inverse != nullptr ? step.inverse() : Fr::one();
        for (size_t i = begin + 1; i < end + 1; ++i) {
          const Fr low = values[i];
          values[i] = values[n - i] * low_scale;
          values[n - i] = low * high_scale;
          low_scale *= step;
          high_scale *= step_inverse;
        }
      },
      4096);
}

}  // namespace zkfl::plonk::ntt_detail
