// The passes of ntt_passes.hpp on AVX-512 IFMA, eight elements per vector.
//
// Lanes are always independent transforms, so no butterfly needs a shuffle:
// in a strided pass the lanes are 8 adjacent columns (their twiddles differ
// by a per-lane factor ω^(2^l·c), computed once per column group), in the
// final pass they are 8 adjacent blocks (twiddles are broadcast). Data enter
// and leave each pass canonical, in Fr's Montgomery form; in between they
// live in a scratch buffer as Vecs in [0, 2p) (see ifma_field.hpp).
#include <algorithm>
#include <atomic>
#include <cassert>
#include <new>
#include <vector>

#include "plonk/poly/ntt_passes.hpp"

#if defined(__x86_64__)
#include "plonk/poly/ifma_field.hpp"
#endif

namespace zkfl::plonk::ntt_detail {

#if defined(__x86_64__)

namespace {

using ifma::LaneLimbs;
using ifma::Limbs;
using ifma::Vec;

// Uninitialised 64-byte aligned storage for `count` Vecs (one per thread and pass).
class VecBuffer {
 public:
  explicit VecBuffer(size_t count)
      : data_(static_cast<Vec*>(::operator new(count * sizeof(Vec), std::align_val_t{64}))) {}
  ~VecBuffer() { ::operator delete(data_, std::align_val_t{64}); }
  VecBuffer(const VecBuffer&) = delete;
  VecBuffer& operator=(const VecBuffer&) = delete;
  Vec* data() { return data_; }

 private:
  Vec* data_;
};

// R'-form powers base^(j·step), j < count: the roots a pass broadcasts.
std::vector<Limbs> r_prime_root_table(const Twiddles& tw, size_t step, size_t count) {
  std::vector<Limbs> table(count);
  for (size_t j = 0; j < count; ++j) table[j] = ifma::r_prime_form(tw.roots[j * step * tw.stride]);
  return table;
}

struct StridedContext {
  Fr* x;
  const PassShape* shape;
  const std::vector<Limbs>* row_roots;   // ω_M^j, j < rows/2, R'-form
  const std::vector<Limbs>* row_shifts;  // g^(r·columns), r < rows, R'-form (coset only)
};

// The pass's layers on lanes = columns [c0, c0 + 8) of one block.
// column_roots[l] holds ω_sub^(2^l·(c0 + t)) for lane t.
ZKFL_IFMA_FUNCTION void strided_group(const StridedContext& ctx, Fr* block, size_t c0,
                                      const LaneLimbs* column_roots, const LaneLimbs* column_shift, Vec* scratch) {
  const PassShape& s = *ctx.shape;
  const size_t rows = s.rows;
  if (column_shift != nullptr) {
    // Element r·columns + c is scaled by g^(r·columns)·g^c (product < 2p² < 2^260·p).
    const Vec shift = ifma::load_lanes(*column_shift);
    for (size_t r = 0; r < rows; ++r) {
      const Vec factor = ifma::mont_mul(ifma::broadcast((*ctx.row_shifts)[r]), shift);
      scratch[r] = ifma::mont_mul_lazy(ifma::load_contiguous(block + r * s.columns + c0), factor);
    }
  } else {
    for (size_t r = 0; r < rows; ++r) scratch[r] = ifma::load_contiguous(block + r * s.columns + c0);
  }
  const std::vector<Limbs>& row_roots = *ctx.row_roots;
  for (unsigned layer = 0; layer < s.layers; ++layer) {
    const size_t half = rows >> (layer + 1);
    const Vec lane_root = ifma::load_lanes(column_roots[layer]);
    // ω_sub^(2^l·(r'·columns + c)) = ω_M^(2^l·r') · ω_sub^(2^l·c); both factors
    // are below p, so the twiddle is below 2p.
    if (2 * half < rows) {
      // At least two groups of rows: pair the same butterfly of neighbouring groups.
      for (size_t rp = 0; rp < half; ++rp) {
        const Vec w = rp == 0 ? lane_root : ifma::mont_mul(lane_root, ifma::broadcast(row_roots[rp << layer]));
        for (size_t rb = rp; rb < rows; rb += 4 * half) {
          ifma::dif_butterfly_pair(scratch[rb], scratch[rb + half], w, scratch[rb + 2 * half], scratch[rb + 3 * half],
                                   w);
        }
      }
    } else {
      // One group (the pass's first layer): pair neighbouring rows, whose twiddles differ.
      for (size_t rp = 0; rp + 1 < half; rp += 2) {
        const Vec roots[2] = {ifma::broadcast(row_roots[rp]), ifma::broadcast(row_roots[rp + 1])};
        const Vec lanes[2] = {lane_root, lane_root};
        Vec w[2];
        ifma::mont_mul_lazy_n<2>(lanes, roots, w);
        ifma::normalise(w[0]);
        ifma::normalise(w[1]);
        ifma::dif_butterfly_pair(scratch[rp], scratch[rp + half], w[0], scratch[rp + 1], scratch[rp + 1 + half], w[1]);
      }
      if (half == 1) ifma::dif_butterfly(scratch[0], scratch[1], lane_root);
    }
  }
  for (size_t r = 0; r < rows; ++r) ifma::store_contiguous(block + r * s.columns + c0, ifma::canonical(scratch[r]));
}

// Lanes = blocks [first, first + 8), each a whole DIF of size rows.
ZKFL_IFMA_FUNCTION void final_group(Fr* x, const PassShape& s, size_t first, const std::vector<Limbs>& roots,
                                    Vec* scratch) {
  const size_t rows = s.rows;
  Fr* base = x + first * rows;
  for (size_t j = 0; j < rows; ++j) scratch[j] = ifma::load_strided(base + j, rows);
  for (size_t half = rows / 2; half >= 1; half /= 2) {
    const size_t step = rows / (2 * half);
    for (size_t start = 0; start < rows; start += 2 * half) {
      ifma::dif_butterfly_unit(scratch[start], scratch[start + half]);
    }
    if (2 * half < rows) {
      // At least two groups: pair the same butterfly of neighbouring groups.
      for (size_t j = 1; j < half; ++j) {
        const Vec w = ifma::broadcast(roots[j * step]);
        for (size_t start = j; start < rows; start += 4 * half) {
          ifma::dif_butterfly_pair(scratch[start], scratch[start + half], w, scratch[start + 2 * half],
                                   scratch[start + 3 * half], w);
        }
      }
    } else {
      // One group (the first layer): pair neighbouring butterflies.
      size_t j = 1;
      for (; j + 1 < half; j += 2) {
        ifma::dif_butterfly_pair(scratch[j], scratch[j + half], ifma::broadcast(roots[j]), scratch[j + 1],
                                 scratch[j + 1 + half], ifma::broadcast(roots[j + 1]));
      }
      if (j < half) ifma::dif_butterfly(scratch[j], scratch[j + half], ifma::broadcast(roots[j]));
    }
  }
  for (size_t j = 0; j < rows; ++j) ifma::store_strided(base + j, rows, ifma::canonical(scratch[j]));
}

// Chunks q in [q_begin, q_end) of reverse_and_scale: the aligned group of
// positions [8q, 8q + 8) swaps with the group [n - 8q - 7, n - 8q], each
// element scaled by n^-1·h^(its new position). With h = 1 (plain inverse)
// the scales are constant and the running products are skipped.
ZKFL_IFMA_FUNCTION void reverse_scale_chunks(Fr* values, size_t n, size_t q_begin, size_t q_end,
                                             const LaneLimbs& low_start, const LaneLimbs& high_start,
                                             const Limbs& low_step, const Limbs& high_step, bool constant) {
  Vec low_scale = ifma::load_lanes(low_start);    // n^-1·h^(8q + t)
  Vec high_scale = ifma::load_lanes(high_start);  // n^-1·h^(n - 8q - t)
  const Vec low_mul = ifma::broadcast(low_step);    // h^8
  const Vec high_mul = ifma::broadcast(high_step);  // h^-8
  for (size_t q = q_begin; q < q_end; ++q) {
    Fr* low_ptr = values + 8 * q;
    Fr* high_ptr = values + (n - 8 * q - 7);
    const Vec low = ifma::load_contiguous(low_ptr);                          // x[8q + t]
    const Vec high = ifma::reverse_lanes(ifma::load_contiguous(high_ptr));  // x[n - 8q - t]
    ifma::store_contiguous(low_ptr, ifma::canonical(ifma::mont_mul_lazy(high, low_scale)));
    ifma::store_contiguous(high_ptr, ifma::reverse_lanes(ifma::canonical(ifma::mont_mul_lazy(low, high_scale))));
    if (!constant) {
      low_scale = ifma::mont_mul(low_scale, low_mul);
      high_scale = ifma::mont_mul(high_scale, high_mul);
    }
  }
}

}  // namespace

void strided_pass_ifma(Fr* x, const PassShape& s, const Fr* coset_shift, ThreadPool& pool) {
  assert(s.columns >= 8 && (coset_shift == nullptr || s.blocks == 1));
  const std::vector<Limbs> row_roots = r_prime_root_table(s.twiddles, s.columns, s.rows / 2);
  std::vector<Limbs> row_shifts;
  if (coset_shift != nullptr) {
    const Fr step = coset_shift->pow(static_cast<uint64_t>(s.columns));
    Fr power = Fr::one();
    for (size_t r = 0; r < s.rows; ++r) {
      row_shifts.push_back(ifma::r_prime_form(power));
      power *= step;
    }
  }
  const StridedContext ctx{x, &s, &row_roots, &row_shifts};
  // Items run column group by column group, so a thread's consecutive items
  // usually share the per-lane roots.
  const size_t items = s.blocks * (s.columns / 8);
  std::atomic<size_t> next{0};
  pool.run(std::min(pool.size(), items), [&](size_t) {
    VecBuffer scratch(s.rows);
    std::vector<LaneLimbs> column_roots(s.layers);
    LaneLimbs column_shift{};
    size_t current_c0 = ~size_t{0};
    for (size_t item; (item = next.fetch_add(1, std::memory_order_relaxed)) < items;) {
      const size_t block = item % s.blocks;
      const size_t c0 = (item / s.blocks) * 8;
      if (c0 != current_c0) {
        current_c0 = c0;
        for (unsigned layer = 0; layer < s.layers; ++layer) {
          for (unsigned t = 0; t < 8; ++t) {
            const Fr& root = s.twiddles.roots[((c0 + t) << layer) * s.twiddles.stride];
            column_roots[layer].set(t, ifma::r_prime_form(root));
          }
        }
        if (coset_shift != nullptr) {
          Fr power = coset_shift->pow(static_cast<uint64_t>(c0));
          for (unsigned t = 0; t < 8; ++t) {
            column_shift.set(t, ifma::r_prime_form(power));
            power *= *coset_shift;
          }
        }
      }
      strided_group(ctx, x + block * s.rows * s.columns, c0, column_roots.data(),
                    coset_shift != nullptr ? &column_shift : nullptr, scratch.data());
    }
  });
}

void final_pass_ifma(Fr* x, const PassShape& s, ThreadPool& pool) {
  assert(s.columns == 1 && s.blocks % 8 == 0);
  const std::vector<Limbs> roots = r_prime_root_table(s.twiddles, 1, s.rows / 2);
  const size_t groups = s.blocks / 8;
  std::atomic<size_t> next{0};
  pool.run(std::min(pool.size(), groups), [&](size_t) {
    VecBuffer scratch(s.rows);
    for (size_t g; (g = next.fetch_add(1, std::memory_order_relaxed)) < groups;) {
      final_group(x, s, 8 * g, roots, scratch.data());
    }
  });
}

void reverse_and_scale_ifma(std::span<Fr> values, const Fr* shift_inverse, const Fr& size_inverse,
                            ThreadPool& pool) {
  const size_t n = values.size();
  if (n < 64) {
    reverse_and_scale_scalar(values, shift_inverse, size_inverse, pool);
    return;
  }
  const Fr h = shift_inverse != nullptr ? *shift_inverse : Fr::one();
  const Fr h_inverse = shift_inverse != nullptr ? h.inverse() : Fr::one();
  auto scale_at = [&](size_t i) { return size_inverse * h.pow(static_cast<uint64_t>(i)); };
  // Positions 0 and n/2 map to themselves; 1..7 pair with n-7..n-1 (scalar).
  values[0] *= size_inverse;
  values[n / 2] *= scale_at(n / 2);
  for (size_t i = 1; i < 8; ++i) {
    const Fr low = values[i];
    values[i] = values[n - i] * scale_at(i);
    values[n - i] = low * scale_at(n - i);
  }
  const Limbs low_step = ifma::r_prime_form(h.pow(8));
  const Limbs high_step = ifma::r_prime_form(h_inverse.pow(8));
  // Groups q = 1 .. n/16 - 1 cover the pairs (i, n - i) for 8 <= i < n/2.
  pool.parallel_for(
      n / 16 - 1,
      [&](size_t begin, size_t end) {
        const size_t q_begin = begin + 1, q_end = end + 1;
        LaneLimbs low_start{}, high_start{};
        Fr low = scale_at(8 * q_begin), high = scale_at(n - 8 * q_begin);
        for (unsigned t = 0; t < 8; ++t) {
          low_start.set(t, ifma::r_prime_form(low));
          high_start.set(t, ifma::r_prime_form(high));
          low *= h;
          high *= h_inverse;
        }
        reverse_scale_chunks(values.data(), n, q_begin, q_end, low_start, high_start, low_step, high_step,
                             shift_inverse == nullptr);
      },
      512);
}

#else  // not x86-64: no IFMA; kernel_available(kAvx512Ifma) is false, and
       // these entry points run the scalar passes.

void strided_pass_ifma(Fr* x, const PassShape& s, const Fr* coset_shift, ThreadPool& pool) {
  strided_pass_scalar(x, s, coset_shift, pool);
}
void final_pass_ifma(Fr* x, const PassShape& s, ThreadPool& pool) { final_pass_scalar(x, s, pool); }
void reverse_and_scale_ifma(std::span<Fr> values, const Fr* shift_inverse, const Fr& size_inverse,
                            ThreadPool& pool) {
  reverse_and_scale_scalar(values, shift_inverse, size_inverse, pool);
}

#endif

}  // namespace zkfl::plonk::ntt_detail
