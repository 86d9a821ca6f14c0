// `zkfl audit RUN.db`: re-verifies a whole run from its database — the
// signed audit chain, every table row against its entry, every proof and
// dataset link, every aggregation — and reports any tampering.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

void add_audit_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
