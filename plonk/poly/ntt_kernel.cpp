#include "plonk/poly/ntt_kernel.hpp"

namespace zkfl::plonk::ntt_detail {

namespace {

bool cpu_has_avx512_ifma() {
#if defined(__x86_64__) && defined(__GNUC__)
  // libgcc's CPU model also checks that the OS saves the AVX-512 state (XCR0).
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512ifma");
#else
  return false;
#endif
}

}  // namespace

bool kernel_available(Kernel kernel) {
  static const bool kHasIfma = cpu_has_avx512_ifma();
  switch (kernel) {
    case Kernel::kScalar:
      return true;
    case Kernel::kAvx512Ifma:
      return kHasIfma;
  }
  return false;
}

Kernel best_kernel() {
  static const Kernel kBest = kernel_available(Kernel::kAvx512Ifma) ? Kernel::kAvx512Ifma : Kernel::kScalar;
  return kBest;
}

std::string_view kernel_name(Kernel kernel) {
  switch (kernel) {
    case Kernel::kScalar:
      return "scalar";
    case Kernel::kAvx512Ifma:
      return "avx512-ifma";
  }
  return "unknown";
}

}  // namespace zkfl::plonk::ntt_detail
