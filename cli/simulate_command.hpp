// `zkfl simulate CONFIG`: a whole federation on one machine (cli/simulation.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

void add_simulate_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
