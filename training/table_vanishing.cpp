#include "training/table_vanishing.hpp"

#include <algorithm>
#include <cassert>

namespace zkfl::training {

using plonk::Fr;

Fr evaluate_table_vanishing(const plonk::EvaluationDomain& domain, size_t table_rows, const Fr& z) {
  assert(table_rows <= domain.size());
  Fr product = Fr::one();
  Fr root = Fr::one();
  for (size_t t = 0; t < table_rows; ++t) {
    product *= z - root;
    root *= domain.generator();
  }
  return product;
}

std::vector<Fr> table_vanishing_on_coset(const plonk::EvaluationDomain& domain, size_t table_rows,
                                         plonk::ThreadPool& pool) {
  const size_t n = domain.size();
  const size_t t = table_rows;
  assert(t >= 1 && t < n);
  // a_m = g − ω^(m mod n) for m < n + t − 1: every window [s, s + t) with s < n.
  const size_t length = n + t - 1;
  const size_t blocks = (length + t - 1) / t;
  std::vector<Fr> prefix(length), suffix(length);
  const Fr g = domain.coset_shift();
  pool.parallel_for(blocks, [&](size_t first, size_t last) {
    for (size_t b = first; b < last; ++b) {
      const size_t begin = b * t, end = std::min(length, begin + t);
      Fr root = domain.element(begin % n);
      for (size_t m = begin; m < end; ++m) {
        prefix[m] = suffix[m] = g - root;  // a_m, turned into products below
        root *= domain.generator();
      }
      for (size_t m = begin + 1; m < end; ++m) prefix[m] *= prefix[m - 1];
      for (size_t m = end - 1; m > begin; --m) suffix[m - 1] *= suffix[m];
    }
  });
  std::vector<Fr> out(n);
  pool.parallel_for(
      n,
      [&](size_t first, size_t last) {
        const Fr step = domain.element(t % n);  // ω^T
        Fr scale = step.pow(static_cast<uint64_t>(first));
        for (size_t i = first; i < last; ++i) {
          const size_t s = (n - i) % n;  // the window [s, s + t)
          const Fr window = s % t == 0 ? prefix[s + t - 1] : suffix[s] * prefix[s + t - 1];
          out[i] = scale * window;
          scale *= step;
        }
      },
      1024);
  return out;
}

}  // namespace zkfl::training
