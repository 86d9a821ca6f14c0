// What `zkfl coordinator` and `zkfl participant` share: the run's data (the
// config's file, standardised with its training rows' statistics, the
// consortium's agreed normalisation), the SRS and the key files.
#pragma once

#include <filesystem>

#include "federation/config.hpp"
#include "federation/data_plan.hpp"
#include "protocol/identity_file.hpp"
#include "training/dataset.hpp"

namespace zkfl::cli {

struct RunData {
  federation::DataPlan plan;
  training::Standardizer scaler;    // fitted on every participant's training rows
  training::QuantizedDataset all;   // every row of the config's data file, standardised and quantized
  training::QuantizedDataset test;  // the held-out rows (the coordinator's evaluation set)
};

// The config's data, split and partitioned as the config says.
plonk::Result<RunData> load_run_data(const federation::FederationConfig& config);

// A key file named by the config (`what` names it in messages).
plonk::Result<protocol::PublicIdentity> public_identity(const std::optional<std::filesystem::path>& path,
                                                        const std::string& what);

}  // namespace zkfl::cli
