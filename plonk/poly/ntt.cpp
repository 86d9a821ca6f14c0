#include "plonk/poly/ntt.hpp"

#include <cassert>

#include "plonk/poly/bit_reverse.hpp"
#include "plonk/poly/ntt_tables.hpp"
#include "plonk/poly/ntt_transform.hpp"
#include "plonk/poly/radix2_dif.hpp"

namespace zkfl::plonk {

namespace ntt_detail {

void transform(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool, Direction direction,
               bool on_coset, Kernel kernel, unsigned max_pass_log) {
  assert(values.size() == domain.size());
  const NttTables& tables = domain.ntt_tables(pool);
  const Twiddles roots{tables.roots().data(), 1};
  if (direction == Direction::kForward) {
    dif(values, roots, on_coset ? &domain.coset_shift() : nullptr, pool, kernel, max_pass_log);
    bit_reverse_permute(values, pool);
    return;
  }
  dif(values, roots, nullptr, pool, kernel, max_pass_log);
  bit_reverse_permute(values, pool);
  const Fr* shift_inverse = on_coset ? &domain.coset_shift_inverse() : nullptr;
  if (kernel == Kernel::kAvx512Ifma) {
    reverse_and_scale_ifma(values, shift_inverse, domain.size_inverse(), pool);
  } else {
    reverse_and_scale_scalar(values, shift_inverse, domain.size_inverse(), pool);
  }
}

}  // namespace ntt_detail

void ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  ntt_detail::transform(domain, values, pool, ntt_detail::Direction::kForward, false, ntt_detail::best_kernel());
}

void intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  ntt_detail::transform(domain, values, pool, ntt_detail::Direction::kInverse, false, ntt_detail::best_kernel());
}

void coset_ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  ntt_detail::transform(domain, values, pool, ntt_detail::Direction::kForward, true, ntt_detail::best_kernel());
}

void coset_intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  ntt_detail::transform(domain, values, pool, ntt_detail::Direction::kInverse, true, ntt_detail::best_kernel());
}

}  // namespace zkfl::plonk
