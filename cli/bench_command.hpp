// `zkfl bench CONFIG`: how fast this machine proves and verifies the
// training steps of a federation (keygen, prove, verify, batched verify).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

void add_bench_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
