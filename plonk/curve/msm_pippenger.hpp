// Pippenger's bucket method for Σ k_i·P_i over G1 (N. Pippenger, "On the
// evaluation of powers and monomials", SIAM J. Comput. 1980; in the form of
// D. J. Bernstein et al., "Faster batch forgery identification",
// INDOCRYPT 2012, §4, with signed digits): each c-bit window w sorts the
// points into 2^(c−1) buckets by |digit|, sums every bucket, and combines
// them as Σ_m m·B_m with a running sum; the windows are then joined by
// Horner's rule, T = Σ_w 2^(c·w)·T_w.
//
// The tuning knobs are exposed so that tests can force every code path and
// benchmarks can compare settings; msm() in msm.hpp picks them automatically.
#pragma once

#include <cstddef>
#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/msm_digits.hpp"

namespace zkfl::plonk {

// How bucket sums are accumulated.
enum class MsmBucketMode {
  kAuto,         // batch-affine for windows with many points and buckets, else XYZZ
  kBatchAffine,  // affine buckets, additions batched around one inversion
  kXyzz,         // extended Jacobian buckets, one mixed addition per point
};

// How the work is spread over the pool.
enum class MsmSplit {
  kAuto,     // as msm_plan() says
  kWindows,  // each thread takes whole windows
  kPoints,   // each thread takes a slice of the points, all windows; slices are summed
};

struct MsmOptions {
  unsigned window_bits = 0;  // c in [kMsmMinWindowBits, kMsmMaxWindowBits]; 0 = from msm_plan()
  MsmBucketMode bucket_mode = MsmBucketMode::kAuto;
  MsmSplit split = MsmSplit::kAuto;
  size_t batch_size = 0;  // additions per inversion in batch-affine mode; 0 = chosen from c
};

struct MsmPlan {
  unsigned window_bits;
  MsmSplit split;  // kWindows or kPoints
};

// What msm() does by default for n points on `threads` threads: the window
// width and split that minimise a cost model of bucket additions and bucket
// reductions per thread, with constants measured on the development machine
// (bench/msm_bench.cpp, BM_MSMTuning). A non-zero window_bits fixes c and
// picks only the split.
MsmPlan msm_plan(size_t n, size_t threads, unsigned window_bits = 0);

// Σ scalars[i]·bases[i] by the bucket method with the given options.
// Contract as for msm() in msm.hpp: equal sizes (aborts otherwise), any
// points of G1 including the identity, any scalars; n = 0 gives the identity.
G1 msm_pippenger(std::span<const G1Affine> bases, std::span<const Fr> scalars, ThreadPool& pool,
                 const MsmOptions& options = {});

}  // namespace zkfl::plonk
