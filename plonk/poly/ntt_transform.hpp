// The NTTs of ntt.hpp with the kernel chosen by the caller, so that tests can
// hold the kernels against each other. Everything else calls ntt.hpp.
#pragma once

#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"
#include "plonk/poly/domain.hpp"
#include "plonk/poly/ntt_kernel.hpp"
#include "plonk/poly/radix2_dif.hpp"

namespace zkfl::plonk::ntt_detail {

enum class Direction { kForward, kInverse };

// ntt / intt / coset_ntt / coset_intt (by direction and on_coset) on `kernel`,
// with passes of at most max_pass_log layers (see radix2_dif.hpp).
// Asserts values.size() == domain.size() and kernel_available(kernel).
void transform(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool, Direction direction,
               bool on_coset, Kernel kernel, unsigned max_pass_log = kMaxPassLog);

}  // namespace zkfl::plonk::ntt_detail
