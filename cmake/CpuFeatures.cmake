# The BN254 field multiplication has a MULX/ADCX/ADOX assembly path. It is
# compiled in when the target is x86-64; whether the running CPU supports
# BMI2 and ADX is checked once at run time (plonk/base/cpu_features), so a
# binary built here still runs, on the portable path, on an older CPU.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(ZKFL_X86_64 ON)
else()
  set(ZKFL_X86_64 OFF)
endif()
