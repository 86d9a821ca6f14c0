// Multi-scalar multiplication Σ k_i·P_i over G1, the prover's dominant cost
// (every KZG commitment is one). MsmBackend is the seam where an accelerator
// (GPU) implementation plugs in; CpuMsm is the multi-threaded CPU one.
//
// Contract, for every backend: bases and scalars have the same length (a
// mismatch is a caller bug and aborts with a message); the result is exact
// for every input: n = 0 gives the identity, zero scalars, scalar r − 1,
// repeated points, P together with −P and points at infinity among the
// bases are all allowed. Bases must be points of G1 (on the curve; G1 has
// cofactor 1); that is the caller's invariant, checked where points are decoded.
#pragma once

#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/msm_pippenger.hpp"

namespace zkfl::plonk {

class MsmBackend {
 public:
  virtual ~MsmBackend();
  // Σ scalars[i]·bases[i]; see the contract above.
  virtual G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars) = 0;
};

// Pippenger's bucket method with signed digits and batch-affine buckets,
// spread over a caller-owned thread pool (msm_pippenger.hpp).
class CpuMsm final : public MsmBackend {
 public:
  // `pool` must outlive this object; `options` are for tests and tuning,
  // the defaults choose everything from n.
  explicit CpuMsm(ThreadPool& pool, MsmOptions options = {}) : pool_(pool), options_(options) {}
  G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars) override;

 private:
  ThreadPool& pool_;
  MsmOptions options_;
};

// Σ scalars[i]·bases[i] on the CPU with `pool`; see the contract above.
G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars, ThreadPool& pool);

}  // namespace zkfl::plonk
