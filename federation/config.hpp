// A federation's configuration, read from a TOML file (configs/*.toml; the
// format is documented in configs/README.md). Configs are a trust boundary:
// the loader rejects unknown keys (typos), wrong types, values out of range
// and inconsistent combinations, each with a message that names the key and,
// where the TOML parser knows it, file:line:column.
//
// Relative paths in a config (data.csv, run.output_dir, key files) resolve
// against the directory of the config file, not the working directory, so a
// config means the same thing whichever directory it is run from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/aggregation_rule.hpp"
#include "federation/cheat.hpp"
#include "federation/endpoint.hpp"
#include "training/data_split.hpp"
#include "training/model.hpp"

namespace zkfl::federation {

inline constexpr int64_t kMaxRounds = 10'000;
inline constexpr int64_t kMaxParticipants = 1'000;
inline constexpr int64_t kMaxStepBatchSize = 256;   // the step circuit's largest batch (StepSpec::validate)
inline constexpr int64_t kMaxLocalSteps = 64;       // Hyper::validate
inline constexpr int64_t kDefaultDataColumns = 8;   // P
inline constexpr int64_t kMaxDataColumns = 64;
inline constexpr double kDefaultRoundDeadlineSeconds = 60;
inline constexpr double kMaxRoundDeadlineSeconds = 86'400;
inline constexpr size_t kMaxNameLength = 64;        // run and participant names
inline constexpr uintmax_t kMaxConfigBytes = 1 << 20;

// [run]
struct RunConfig {
  std::string name;                  // letters, digits, '-', '_', '.'; names the run's files
  uint64_t seed = 0;                 // drives the train/test split, the partition and the run's randomness
  int64_t rounds = 0;                // 1..kMaxRounds
  std::filesystem::path output_dir;  // the run directory (database, metrics CSV, plot), resolved
};

enum class PartitionKind : uint8_t {
  kIid,        // training::partition_iid
  kDirichlet,  // training::partition_dirichlet with `alpha`
};

// [data]
struct DataConfig {
  std::filesystem::path csv;  // resolved; an existing regular file (read by plan_federation)
  int64_t classes = 0;        // labels lie in [0, classes); equals the model's number of classes
  double test_fraction = training::kDefaultTestFraction;  // held out for the coordinator's evaluation, in (0, 1)
  PartitionKind partition = PartitionKind::kIid;
  double alpha = 0;           // kDirichlet only: the concentration, finite and > 0
};

// [model]
struct ModelConfig {
  // The widths after the input layer: the hidden layers, then the output.
  // Logistic regression is {1}; an MLP n→16→1 is {16, 1}. The input width is
  // the data's number of features.
  std::vector<int64_t> layers;
  training::OutputKind output = training::OutputKind::kSigmoid;
  // The optional `inputs` key: 0 when absent; else plan_federation checks that
  // the data has exactly this many features.
  int64_t inputs = 0;

  // {features, layers...} with `output`: the shape for data with `features` columns.
  training::ModelShape shape(int64_t features) const;
};

// [training]
struct TrainingConfig {
  double learning_rate = 0;  // as written in the file
  // learning_rate_q = quantize_learning_rate(learning_rate) (a multiple of
  // 1/256), batch_size B (a power of two ≤ 256), local_steps E (1..64).
  training::Hyper hyper;
  int64_t data_columns = kDefaultDataColumns;  // P, 1..64
};

// [coordinator]
struct CoordinatorConfig {
  Endpoint endpoint;  // where the coordinator binds
  // Accepted submissions a round needs before it aggregates: 1..participants,
  // and no more than the honest participants (rejected updates never count).
  int64_t quorum = 0;
  double round_deadline_s = kDefaultRoundDeadlineSeconds;  // (0, 86400]
  AggregationRule aggregation;
  // CURVE key files made by `zkfl keygen`, resolved; their existence is checked
  // by whoever reads them (a participant's machine holds only its own secret).
  std::optional<std::filesystem::path> curve_public_key;
  std::optional<std::filesystem::path> curve_secret_key;
};

// [[participants]]; the index in the file is the participant id p that batch
// sampling and the proofs use.
struct ParticipantConfig {
  std::string name;     // unique; same characters as the run name
  bool honest = true;
  Cheat cheat = Cheat::kNone;  // kNone exactly when honest
  std::optional<Endpoint> endpoint;  // where it connects; absent: the coordinator's endpoint
  std::optional<std::filesystem::path> curve_public_key;
  std::optional<std::filesystem::path> curve_secret_key;
};

struct FederationConfig {
  std::filesystem::path source;  // the config file, as given to the loader
  RunConfig run;
  DataConfig data;
  ModelConfig model;
  TrainingConfig training;
  CoordinatorConfig coordinator;
  std::vector<ParticipantConfig> participants;

  // The endpoint participant `p` connects to: its own, else the coordinator's.
  const Endpoint& connect_endpoint(size_t p) const;
  int64_t honest_count() const;
};

// Reads and validates the federation config at `path`. Fails, with every
// problem found (one per line), on an unreadable or oversized file, a TOML
// syntax error, a missing table or key, a value of the wrong type, an unknown
// key, a value out of range, an inconsistent combination (model vs classes,
// quorum vs participants, cheat vs honest, ...) or a data file that does not exist.
Result<FederationConfig> load_federation_config(const std::filesystem::path& path);

// The same for TOML text already in memory; `source` names it in messages and
// relative paths resolve against its directory.
Result<FederationConfig> parse_federation_config(std::string_view toml_text, const std::filesystem::path& source);

}  // namespace zkfl::federation
