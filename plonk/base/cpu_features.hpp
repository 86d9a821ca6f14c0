// What the running x86-64 CPU offers, read once at start-up.
#pragma once

namespace zkfl::plonk {

// True when the CPU has BMI2 (MULX) and ADX (ADCX/ADOX), so the assembly
// Montgomery multiplication may run. Always false off x86-64.
bool cpu_has_mulx_adx();

// The cached answer, read by the field's hot path (a constant after start-up).
#if defined(__x86_64__)
inline const bool kCpuHasMulxAdx = cpu_has_mulx_adx();
#else
inline constexpr bool kCpuHasMulxAdx = false;
#endif

}  // namespace zkfl::plonk
