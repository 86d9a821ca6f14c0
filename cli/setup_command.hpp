// `zkfl setup`: the structured reference string. Subcommands:
//   import      take the first 2^k powers of a snarkjs/Hermez .ptau file
//   dev         a single-party SRS for development (INSECURE, says so)
//   new         start a multi-party powers-of-tau ceremony
//   contribute  add a contribution to a ceremony (fresh OS randomness)
//   finish      turn a verified ceremony into an SRS
//   trim        keep the first 2^k powers of an SRS
//   verify      check an SRS file or a ceremony state file
// Formats: plonk/kzg/srs.hpp and plonk/kzg/ceremony.hpp. Every output is
// written to a temporary file and renamed into place, so a failed command
// leaves existing files as they were.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

// Registers `setup` and its subcommands on `app`; handlers report through `context`.
void add_setup_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
