#include "plonk/base/cpu_features.hpp"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace zkfl::plonk {

bool cpu_has_mulx_adx() {
#if defined(__x86_64__)
  // CPUID leaf 7, sub-leaf 0: EBX bit 8 = BMI2, bit 19 = ADX (Intel SDM vol. 2A, CPUID).
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return false;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  return (ebx & (1u << 8)) != 0 && (ebx & (1u << 19)) != 0;
#else
  return false;
#endif
}

}  // namespace zkfl::plonk
