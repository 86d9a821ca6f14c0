// `zkfl keygen --out DIR --name NAME`: a member's identity. Writes
//   DIR/NAME.secret  the Ed25519 identity seed and the CURVE secret key
//                    (mode 0600, never overwritten: keep it private)
//   DIR/NAME.public  both public keys (give it to the coordinator)
// Format: protocol/identity_file.hpp and docs/PROTOCOL.md.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace zkfl::cli {

// Registers `keygen` on `app`; its handler reports through `context`.
void add_keygen_command(CLI::App& app, CliContext& context);

}  // namespace zkfl::cli
