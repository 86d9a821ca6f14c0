// `zkfl coordinator CONFIG` and `zkfl participant CONFIG --name NAME`: one
// member of a real consortium each, on its own machine, over CURVE-encrypted
// tcp with the keys of `zkfl keygen` named in the config.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

void add_coordinator_command(CLI::App& app, CliContext& context);
void add_participant_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
