// zkfl: the command-line entry point. Each subcommand registers itself from
// its own file; main only parses and returns the exit code (0 success,
// 1 a failed command, CLI11's codes for usage errors).
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <new>

#include "cli/cli_context.hpp"
#include "cli/audit_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/keygen_command.hpp"
#include "cli/node_commands.hpp"
#include "cli/setup_command.hpp"
#include "cli/simulate_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"zkfl: federated learning in which every update carries a zero-knowledge proof"};
  app.require_subcommand(1);
  zkfl::cli::CliContext context;
  app.add_option("--threads", context.threads, "worker threads (default: one per hardware thread)")
      ->check(CLI::Range(0, 1024));
  zkfl::cli::add_setup_command(app, context);
  zkfl::cli::add_keygen_command(app, context);
  zkfl::cli::add_simulate_command(app, context);
  zkfl::cli::add_audit_command(app, context);
  zkfl::cli::add_coordinator_command(app, context);
  zkfl::cli::add_participant_command(app, context);
  zkfl::cli::add_bench_command(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::bad_alloc&) {
    std::cerr << "zkfl: error: out of memory (try a smaller --k)\n";
    return zkfl::cli::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "zkfl: error: " << e.what() << "\n";
    return zkfl::cli::kExitFailure;
  }
  return context.exit_code;
}
