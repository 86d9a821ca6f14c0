// Which arithmetic the NTT passes run on. Both kernels compute exactly the
// same canonical results; the choice is made once from what the CPU offers.
#pragma once

#include <string_view>

namespace zkfl::plonk::ntt_detail {

enum class Kernel {
  kScalar,      // 4x64-bit Montgomery (MULX/ADX assembly where available); runs everywhere
  kAvx512Ifma,  // 8 elements per AVX-512 IFMA vector in 52-bit limbs (ntt_passes_ifma.cpp)
};

// True when `kernel` can run on this CPU (the scalar one always can).
bool kernel_available(Kernel kernel);
// The fastest available kernel, decided once per process.
Kernel best_kernel();
// "scalar" or "avx512-ifma", for benchmark labels and test names.
std::string_view kernel_name(Kernel kernel);

}  // namespace zkfl::plonk::ntt_detail
