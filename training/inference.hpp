// The integer forward pass of docs/QUANTIZATION.md without LibTorch, for the
// coordinator's evaluation of the global model on a held-out set.
#pragma once

#include <vector>

#include "training/dataset.hpp"
#include "training/model.hpp"

namespace zkfl::training {

// The predicted class of every row: sigmoid output → 1 when SIG[z] ≥ 2^F/2,
// softmax → the first argmax of z. An error when the model does not match
// `shape`, the data has another width, or a pre-activation leaves its range.
Result<std::vector<int64_t>> predict(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data);

// The fraction of rows predicted correctly (an error as predict, or for empty data).
Result<double> accuracy(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data);

}  // namespace zkfl::training
