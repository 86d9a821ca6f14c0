#include "plonk/poly/ntt.hpp"

#include <cassert>

#include "plonk/poly/bit_reverse.hpp"
#include "plonk/poly/ntt_tables.hpp"
#include "plonk/poly/radix2_dif.hpp"

namespace zkfl::plonk {

namespace {

void forward(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool, bool on_coset) {
  assert(values.size() == domain.size());
  const NttTables& tables = domain.ntt_tables(pool);
  ntt_detail::dif(values, {tables.roots().data(), 1}, on_coset ? &tables.shift_powers() : nullptr, pool);
  bit_reverse_permute(values, pool);
}

// values[i] <- scale(i)·values[(n - i) mod n] for every i, where scale(i) is
// (*powers)(i) or, without powers, the constant `constant`.
void reverse_and_scale(std::span<Fr> values, const SplitPowers* powers, const Fr& constant, ThreadPool& pool) {
  const size_t n = values.size();
  auto scale = [&](size_t i) { return powers != nullptr ? (*powers)(i) : constant; };
  values[0] *= scale(0);
  if (n == 1) return;
  values[n / 2] *= scale(n / 2);
  // The pairs (i, n - i) for 0 < i < n/2 swap and scale independently.
  pool.parallel_for(
      n / 2 - 1,
      [&](size_t begin, size_t end) {
        for (size_t i = begin + 1; i < end + 1; ++i) {
          const Fr low = values[i];
          values[i] = values[n - i] * scale(i);
          values[n - i] = low * scale(n - i);
        }
      },
      4096);
}

void inverse(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool, bool on_coset) {
  assert(values.size() == domain.size());
  const NttTables& tables = domain.ntt_tables(pool);
  ntt_detail::dif(values, {tables.roots().data(), 1}, nullptr, pool);
  bit_reverse_permute(values, pool);
  reverse_and_scale(values, on_coset ? &tables.scaled_inverse_shift_powers() : nullptr, domain.size_inverse(),
                    pool);
}

}  // namespace

void ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  forward(domain, values, pool, false);
}

void intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  inverse(domain, values, pool, false);
}

void coset_ntt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  forward(domain, values, pool, true);
}

void coset_intt(const EvaluationDomain& domain, std::span<Fr> values, ThreadPool& pool) {
  inverse(domain, values, pool, true);
}

}  // namespace zkfl::plonk
