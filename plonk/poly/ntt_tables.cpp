#include "plonk/poly/ntt_tables.hpp"

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

NttTables::NttTables(unsigned log_size, const Fr& omega, ThreadPool& pool)
    : roots_(parallel_powers(omega, (size_t{1} << log_size) / 2, pool)) {}

}  // namespace zkfl::plonk
