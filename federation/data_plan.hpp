// Who holds which rows in a federation: the config's data file split into
// the coordinator's held-out test rows and the participants' training rows
// (IID or Dirichlet label skew), and the StepSpec each participant proves
// under, which depends on its dataset size N_p.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "federation/config.hpp"
#include "training/circuit/step_circuit.hpp"
#include "training/data_split.hpp"
#include "training/dataset.hpp"

namespace zkfl::federation {

struct ParticipantData {
  std::vector<int64_t> rows;  // rows of DataPlan::data the participant holds, ascending
  training::StepSpec spec;    // its proving parameters; spec.dataset_rows == rows.size()
};

// The features stay as the file has them: which statistics standardise them
// (each participant's own, or agreed ones) is the caller's choice, and the
// coordinator's test rows must go through the same map as the training rows.
struct DataPlan {
  training::RawDataset data;          // the whole data file, before standardisation
  training::TrainTestSplit split;     // split.test: the coordinator's evaluation rows
  training::ModelShape shape;         // the data's feature count, then model.layers
  std::vector<ParticipantData> participants;  // config.participants' order
};

// The StepSpec of each participant from the config and the data's shape:
// `features` inputs, `dataset_rows[p]` rows for participant p. Fails, naming
// the config key to change, when model.inputs disagrees with `features`, the
// model is invalid for that input width, or a participant has fewer rows
// than one batch (or more than the circuit supports).
Result<std::vector<training::StepSpec>> derive_step_specs(const FederationConfig& config, int64_t features,
                                                          std::span<const int64_t> dataset_rows);

// Loads config.data.csv (labels checked against data.classes), splits it with
// training::train_test_split(rows, run.seed, data.test_fraction), partitions
// the training rows with partition_iid or partition_dirichlet (seed run.seed)
// and derives every participant's StepSpec. Fails with the loader's message
// on a bad file, and with derive_step_specs' on an unusable partition.
Result<DataPlan> plan_federation_data(const FederationConfig& config);

}  // namespace zkfl::federation
