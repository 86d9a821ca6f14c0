// The bit-reversal permutation, which turns the bit-reversed output of a
// radix-2 decimation-in-frequency transform into natural order.
#pragma once

#include <cstddef>
#include <span>

#include "plonk/base/thread_pool.hpp"
#include "plonk/field/fr.hpp"

namespace zkfl::plonk {

// The bits of i < 2^bits in reverse order (bits <= 63).
size_t reverse_bits(size_t i, unsigned bits);

// Swaps values[i] and values[reverse_bits(i, k)] for all i, where the size is
// 2^k (asserts a power of two). Cache-blocked, spread over `pool`.
void bit_reverse_permute(std::span<Fr> values, ThreadPool& pool);

}  // namespace zkfl::plonk
