// NttTables: the roots one domain's NTTs reuse, computed once per domain.
//
// roots[j] = ω^j for 0 <= j < n/2. A radix-2 butterfly layer whose blocks have
// length 2h multiplies by ω_(2h)^j = ω^(j·n/(2h)), a strided read of this one
// table, so every layer, every pass and the inverse transform (see ntt.hpp)
// share it. It takes 2^(k-1)·32 bytes for a domain of size 2^k (16 MiB at
// 2^20), once per domain however many copies of it exist.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

class NttTables {
 public:
  // Tables for the domain of size 2^log_size with generator `omega`, filled on `pool`.
  NttTables(unsigned log_size, const Fr& omega, ThreadPool& pool);

  // ω^j for j < n/2 (empty when n = 1).
  std::span<const Fr> roots() const { return roots_; }

 private:
  std::vector<Fr> roots_;
};

// out[j] = base^(begin + j) for every j < out.size(): one exponentiation, then
// repeated multiplication.
void fill_powers(std::span<Fr> out, const Fr& base, size_t begin);

// base^0 .. base^(count-1), computed on `pool` in contiguous chunks.
std::vector<Fr> parallel_powers(const Fr& base, size_t count, ThreadPool& pool);

}  // namespace zkfl::plonk
