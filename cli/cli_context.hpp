// What every zkfl subcommand shares: the options common to all of them and
// the exit code its handler leaves for main(). Handlers report failures with
// fail(), which prints "zkfl: error: ..." to stderr and sets a non-zero code.
#pragma once

#include <cstddef>
#include <string>

#include "plonk/base/thread_pool.hpp"

namespace zkfl::cli {

inline constexpr int kExitFailure = 1;

struct CliContext {
  size_t threads = 0;  // --threads; 0: one per hardware thread
  int exit_code = 0;

  // A pool with the requested number of threads.
  plonk::ThreadPool make_pool() const;
  // Prints the message to stderr and records a failure.
  void fail(const std::string& message);
};

}  // namespace zkfl::cli
