#include "plonk/poly/radix2_dif.hpp"

#include <algorithm>
#include <cassert>

namespace zkfl::plonk::ntt_detail {

void dif(std::span<Fr> x, Twiddles twiddles, const Fr* coset_shift, ThreadPool& pool, Kernel kernel,
         unsigned max_pass_log) {
  assert(kernel_available(kernel));
  assert(max_pass_log >= 4 && max_pass_log <= kMaxPassLog);
  const size_t n = x.size();
  assert(n != 0 && (n & (n - 1)) == 0);
  const unsigned k = static_cast<unsigned>(__builtin_ctzll(n));
  if (k <= kSerialLog) {
    if (coset_shift != nullptr) {
      Fr power = Fr::one();
      for (Fr& v : x) {
        v *= power;
        power *= *coset_shift;
      }
    }
    dif_in_cache(x.data(), k, twiddles);
    return;
  }
  // The layers are shared as evenly as possible among the fewest passes
  // (at least two) of at most max_pass_log layers each; later passes get the
  // remainder, so every pass but the last leaves >= 3 layers (>= 8 columns)
  // and the last starts after >= 3 layers (>= 8 blocks).
  const unsigned passes = std::max(2u, (k + max_pass_log - 1) / max_pass_log);
  unsigned first_layer = 0;
  for (unsigned p = 0; p < passes; ++p) {
    const unsigned layers = (k - first_layer) / (passes - p);
    PassShape shape{};
    shape.blocks = size_t{1} << first_layer;
    shape.layers = layers;
    shape.rows = size_t{1} << layers;
    shape.columns = size_t{1} << (k - first_layer - layers);
    // The blocks after `first_layer` layers are transforms of size n / 2^first_layer
    // with root ω^(2^first_layer).
    shape.twiddles = Twiddles{twiddles.roots, twiddles.stride << first_layer};
    const bool last = p + 1 == passes;
    if (last) {
      assert(shape.columns == 1 && shape.blocks >= 8);
      if (kernel == Kernel::kAvx512Ifma) {
        final_pass_ifma(x.data(), shape, pool);
      } else {
        final_pass_scalar(x.data(), shape, pool);
      }
    } else {
      assert(shape.columns >= 8);
      const Fr* shift = p == 0 ? coset_shift : nullptr;
      if (kernel == Kernel::kAvx512Ifma) {
        strided_pass_ifma(x.data(), shape, shift, pool);
      } else {
        strided_pass_scalar(x.data(), shape, shift, pool);
      }
    }
    first_layer += layers;
  }
}

}  // namespace zkfl::plonk::ntt_detail
