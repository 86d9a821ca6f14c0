#include "cli/cli_context.hpp"

#include <iostream>

namespace zkfl::cli {

plonk::ThreadPool CliContext::make_pool() const { return plonk::ThreadPool(threads); }

void CliContext::fail(const std::string& message) {
  std::cerr << "zkfl: error: " << message << "\n";
  exit_code = kExitFailure;
}

}  // namespace zkfl::cli
