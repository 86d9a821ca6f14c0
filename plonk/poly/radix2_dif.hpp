// The decimation-in-frequency radix-2 transform behind every NTT here:
// natural-order input, bit-reversed output, in place, cache-blocked.
//
// Blocking (the "four-step" idea of D. H. Bailey, "FFTs in external or
// hierarchical memory", J. Supercomputing 4, 1990, without its twiddle pass):
// view the 2^k values as an n1 x n2 row-major matrix. The first log2(n1) DIF
// layers pair elements n2 or more apart, i.e. they act on columns only; the
// remaining layers act within rows only, each row undergoing a DIF of size n2
// with root ω^n1. Columns are processed a block of B adjacent columns at a
// time, copied into a contiguous scratch buffer that fits in L2 (the rows of
// a column block are a power-of-two stride apart, which would otherwise map
// to the same cache sets), and rows are contiguous. Each pass reads and
// writes the data once.
#pragma once

#include <cstddef>
#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/poly/ntt_tables.hpp"

namespace zkfl::plonk::ntt_detail {

// The roots of a size-2^k transform: roots[j * stride] = ω_(2^k)^j for j < 2^(k-1).
struct Twiddles {
  const Fr* roots;
  size_t stride;
};

// Every DIF layer of the size-2^k transform of x[0 .. 2^k), serially, assuming
// x fits in cache.
void dif_in_cache(Fr* x, unsigned k, Twiddles twiddles);

// The size-x.size() transform (a power of two) spread over `pool`. When
// `prescale` is given, x[i] is first multiplied by (*prescale)(i) (fused into
// the first pass; this is how a coset NTT scales by g^i).
void dif(std::span<Fr> x, Twiddles twiddles, const SplitPowers* prescale, ThreadPool& pool);

}  // namespace zkfl::plonk::ntt_detail
