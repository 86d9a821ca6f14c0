#include "plonk/curve/msm.hpp"

namespace zkfl::plonk {

MsmBackend::~MsmBackend() = default;

G1 CpuMsm::msm(std::span<const G1Affine> bases, std::span<const Fr> scalars) {
  return msm_pippenger(bases, scalars, pool_, options_);
}

G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars, ThreadPool& pool) {
  return msm_pippenger(bases, scalars, pool);
}

}  // namespace zkfl::plonk
