#include "plonk/poly/ntt_tables.hpp"

#include <algorithm>

namespace zkfl::plonk {

void fill_powers(std::span<Fr> out, const Fr& base, size_t begin) {
  if (out.empty()) return;
  Fr acc = base.pow(static_cast<uint64_t>(begin));
  for (Fr& slot : out) {
    slot = acc;
    acc *= base;
  }
}

std::vector<Fr> parallel_powers(const Fr& base, size_t count, ThreadPool& pool) {
  std::vector<Fr> out(count);
  // Chunks of at least 4096 keep the per-chunk exponentiation (~2·log2(begin)
  // products) negligible.
  pool.parallel_for(
      count, [&](size_t begin, size_t end) { fill_powers(std::span(out).subspan(begin, end - begin), base, begin); },
      4096);
  return out;
}

SplitPowers::SplitPowers(const Fr& base, const Fr& scale, unsigned log_count)
    : low_bits_((log_count + 1) / 2), low_mask_((size_t{1} << low_bits_) - 1) {
  low_.resize(size_t{1} << low_bits_);
  fill_powers(low_, base, 0);
  high_.resize(size_t{1} << (log_count - low_bits_));
  const Fr step = base.pow(uint64_t{1} << low_bits_);
  Fr acc = scale;
  for (Fr& slot : high_) {
    slot = acc;
    acc *= step;
  }
}

NttTables::NttTables(unsigned log_size, const Fr& omega, const Fr& shift, const Fr& size_inverse,
                     ThreadPool& pool)
    : roots_(parallel_powers(omega, (size_t{1} << log_size) / 2, pool)),
      shift_powers_(shift, Fr::one(), log_size),
      scaled_inverse_shift_powers_(shift.inverse(), size_inverse, log_size) {}

}  // namespace zkfl::plonk
