// The decimation-in-frequency radix-2 transform behind every NTT here:
// natural-order input, bit-reversed output, in place, cut into cache-sized
// passes (ntt_passes.hpp) that run on the chosen kernel.
#pragma once

#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/poly/ntt_kernel.hpp"
#include "plonk/poly/ntt_passes.hpp"

namespace zkfl::plonk::ntt_detail {

// Up to 2^10 elements the transform runs serially in one piece (scalar).
inline constexpr unsigned kSerialLog = 10;
// A pass spans at most 11 layers: 2^11 rows of 8 or 16 columns of scratch
// (in the final pass: 8 blocks of 2^11) stay within the 1 MiB L2 of a core.
inline constexpr unsigned kMaxPassLog = 11;

// The size-x.size() transform (a power of two) with roots `twiddles`, spread
// over `pool`. When coset_shift is non-null, x[i] is first multiplied by
// coset_shift^i (fused into the first pass). Sizes above 2^kSerialLog run in
// the fewest passes (at least two) of at most max_pass_log layers (tests use
// small values to reach many-pass plans; 4 <= max_pass_log <= kMaxPassLog).
// Asserts kernel_available(kernel).
void dif(std::span<Fr> x, Twiddles twiddles, const Fr* coset_shift, ThreadPool& pool, Kernel kernel,
         unsigned max_pass_log = kMaxPassLog);

}  // namespace zkfl::plonk::ntt_detail
