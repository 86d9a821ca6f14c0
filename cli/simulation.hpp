// A whole federation on one machine (`zkfl simulate`): the coordinator and
// every participant of a config as threads, over inproc or tcp on loopback
// (CURVE-encrypted, the coordinator admitting only the participants' keys),
// honest or dishonest as the config says. Prints a table per round and
// writes the run directory: run.db, metrics.csv, accuracy.svg, srs.bin and
// the cached step keys.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "federation/config.hpp"

namespace zkfl::cli {

struct SimulationOptions {
  std::optional<std::filesystem::path> srs_file;  // a real SRS (zkfl setup); else a development one
  std::optional<std::string> endpoint;            // overrides [coordinator] endpoint (e.g. tcp://127.0.0.1:0)
  std::optional<std::filesystem::path> output_dir;  // overrides [run] output_dir
  size_t threads_per_participant = 1;
  // Participants (by index) that vanish mid-round, after receiving that round's announcement.
  std::map<size_t, uint64_t> crash_in_round;
};

struct SimulationSummary {
  std::filesystem::path run_dir;
  double initial_accuracy = 0;   // of the initial global model on the held-out rows
  std::vector<double> accuracy;  // global test accuracy after each aggregated round
  // Wall time of each aggregated round, from its announcement to its
  // aggregation: every proof, the verification and the database writes, not
  // the SRS, the keys or the registrations made before round 1.
  std::vector<double> round_seconds;
  size_t accepted = 0;
  size_t rejected = 0;
  std::vector<std::string> rejections;  // "round r, NAME (cheat): reason"
  double seconds = 0;  // the whole run, setup included
};

// Runs the federation of `config`; an error when the data, the SRS, the
// keys, the transport or the run database fail (cheats are not errors: they
// are rejected and reported).
plonk::Result<SimulationSummary> run_simulation(const federation::FederationConfig& config,
                                                const SimulationOptions& options, std::ostream& out);

}  // namespace zkfl::cli
