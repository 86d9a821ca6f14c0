// Early-return helpers for functions that return Status or Result<T>
// (coordinator sources only; not part of the public headers' API).
#pragma once

#include <utility>

// Evaluates `expr` (a Status); returns it from the enclosing function if it is an error.
#define ZKFL_TRY(expr)                                                              \
  do {                                                                              \
    if (::zkfl::plonk::Status zkfl_try_status = (expr); !zkfl_try_status) {         \
      return zkfl_try_status;                                                       \
    }                                                                               \
  } while (0)

// Evaluates `expr` (a Result<T>); returns its status on error, else moves the value into `lhs`.
#define ZKFL_TRY_ASSIGN(lhs, expr)                                                  \
  do {                                                                              \
    auto zkfl_try_value = (expr);                                                   \
    if (!zkfl_try_value) return zkfl_try_value.status();                            \
    lhs = std::move(*zkfl_try_value);                                               \
  } while (0)
