// The run description a coordinator stores in its run database (the run
// record's config text): what an auditor needs to rebuild every verifying
// key from the SRS alone — the model, the hyper-parameters, the data
// columns, the SRS's size and digest — followed by the federation config
// verbatim. Format (line-based, strict):
//   zkfl-run-manifest 1
//   widths = 30,1
//   output = sigmoid
//   learning_rate_q = 64
//   batch_size = 32
//   local_steps = 1
//   data_columns = 8
//   srs_k = 12
//   srs_digest = <64 hex digits: SHA-256 of the SRS file>
//   config:
//   <the TOML text, to the end>
#pragma once

#include <string>
#include <string_view>

#include "plonk/base/sha256.hpp"
#include "training/circuit/step_circuit.hpp"

namespace zkfl::federation {

using plonk::Result;
using plonk::Status;

struct RunManifest {
  training::ModelShape shape;
  training::Hyper hyper;
  int64_t data_columns = 0;
  uint32_t srs_k = 0;
  plonk::Sha256::Digest srs_digest{};
  std::string config_text;

  std::string encode() const;
  // Strict inverse of encode(); an error names the line that is wrong.
  static Result<RunManifest> parse(std::string_view text);
  // The step spec of a participant with `rows` registered rows.
  training::StepSpec spec(int64_t rows) const { return training::StepSpec{shape, hyper, rows, data_columns}; }
};

}  // namespace zkfl::federation
