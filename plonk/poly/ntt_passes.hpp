// The passes a blocked NTT is made of (planned in radix2_dif.cpp), each in a
// scalar and an AVX-512 IFMA version with identical, canonical results.
//
// A pass applies `layers` consecutive radix-2 decimation-in-frequency layers.
// After the earlier passes the data is `blocks` independent sub-transforms,
// each of rows x columns elements stored row-major and contiguously, with
// rows = 2^layers; this pass's layers pair rows, so each column of each block
// is transformed on its own ("four-step" blocking: D. H. Bailey, "FFTs in
// external or hierarchical memory", J. Supercomputing 4, 1990). The last pass
// has columns == 1: every block is then a whole DIF of size `rows`.
#pragma once

#include <cstddef>
#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk::ntt_detail {

// The roots of one transform of size m: roots[j * stride] = ω_m^j for j < m/2.
struct Twiddles {
  const Fr* roots;
  size_t stride;
};

struct PassShape {
  size_t blocks;
  size_t rows;
  size_t columns;
  unsigned layers;
  // Roots of a sub-transform (size rows·columns). In layer l (0-based within
  // the pass) the butterfly of rows r' and r' + rows/2^(l+1) (r' counted
  // within its group of rows/2^l) in column c has twiddle ω_sub^(2^l·(r'·columns + c)).
  Twiddles twiddles;
};

// A pass with columns >= 8. When coset_shift is non-null (only for the first
// pass, blocks == 1) element i is first multiplied by coset_shift^i.
void strided_pass_scalar(Fr* x, const PassShape& shape, const Fr* coset_shift, ThreadPool& pool);
void strided_pass_ifma(Fr* x, const PassShape& shape, const Fr* coset_shift, ThreadPool& pool);

// The last pass (columns == 1, blocks >= 8, rows <= 2^11).
void final_pass_scalar(Fr* x, const PassShape& shape, ThreadPool& pool);
void final_pass_ifma(Fr* x, const PassShape& shape, ThreadPool& pool);

// values[i] <- size_inverse · shift_inverse^i · values[(n - i) mod n] (shift_inverse
// null means 1): the end of an inverse NTT computed with forward roots.
void reverse_and_scale_scalar(std::span<Fr> values, const Fr* shift_inverse, const Fr& size_inverse,
                              ThreadPool& pool);
void reverse_and_scale_ifma(std::span<Fr> values, const Fr* shift_inverse, const Fr& size_inverse,
                            ThreadPool& pool);

// Every DIF layer of the size-2^k transform of x[0 .. 2^k), serially, in
// place, natural order in and bit-reversed order out (for data in cache).
void dif_in_cache(Fr* x, unsigned k, Twiddles twiddles);

}  // namespace zkfl::plonk::ntt_detail
