#include "cli/simulate_command.hpp"

#include <iostream>
#include <memory>

#include "cli/simulation.hpp"

namespace zkfl::cli {

namespace {

struct SimulateOptions {
  std::string config;
  std::string srs;
  std::string endpoint;
  std::string output;
};

void run_simulate(const SimulateOptions& o, CliContext& ctx) {
  auto config = federation::load_federation_config(o.config);
  if (!config) return ctx.fail(config.error());
  SimulationOptions options;
  if (!o.srs.empty()) options.srs_file = o.srs;
  if (!o.endpoint.empty()) options.endpoint = o.endpoint;
  if (!o.output.empty()) options.output_dir = o.output;
  std::cout << "zkfl simulate: " << config->run.name << ", " << config->participants.size() << " participants, "
            << config->run.rounds << " rounds\n";
  auto summary = run_simulation(*config, options, std::cout);
  if (!summary) return ctx.fail(summary.error());
  std::cout << "\n" << summary->accepted << " updates accepted, " << summary->rejected << " rejected in "
            << static_cast<int>(summary->seconds) << " s\n";
  for (const auto& r : summary->rejections) std::cout << "  rejected: " << r << "\n";
  std::cout << "run directory: " << summary->run_dir.string() << "  (run.db, metrics.csv, accuracy.svg)\n"
            << "audit it:      zkfl audit " << (summary->run_dir / "run.db").string() << "\n";
}

}  // namespace

void add_simulate_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "run a whole federation from a config on this machine: the coordinator and every participant as threads, "
      "each update proven and verified; prints a table per round and writes the run directory");
  cmd->add_option("config", options->config, "the federation config (TOML, see configs/)")->required();
  cmd->add_option("--srs", options->srs, "an SRS file from `zkfl setup` (default: an insecure development SRS)");
  cmd->add_option("--endpoint", options->endpoint,
                  "where the coordinator listens, overriding the config (tcp://127.0.0.1:PORT or inproc://NAME)");
  cmd->add_option("--out", options->output, "the run directory, overriding the config's output_dir");
  cmd->callback([options, &context] { run_simulate(*options, context); });
}

}  // namespace zkfl::cli
