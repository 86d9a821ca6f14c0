// The integer reference of zkfl's training step (docs/QUANTIZATION.md),
// computed with LibTorch int64 tensors. The step circuit must agree with it
// bit for bit. This header exposes no LibTorch type.
#pragma once

#include <cstdint>
#include <vector>

#include "training/dataset.hpp"
#include "training/fixed_point.hpp"
#include "training/model.hpp"

namespace zkfl::training {

// One step W' = step(W, X, y) exactly as docs/QUANTIZATION.md defines it.
// An error, naming the value and its position, when the shape, hyper-parameters,
// model or batch are invalid (batch.rows must equal hyper.batch_size) or when
// any bounded value (Z, dA, an updated weight) leaves its quantization range.
Result<QuantizedModel> reference_step(const ModelShape& shape, const Hyper& hyper, const QuantizedModel& model,
                                      const Batch& batch);

// E = hyper.local_steps steps, step e on batches[e]: W_out = SGD_H^E(W_r, ·).
// An error when batches.size() != E or when any step fails (the message names the step).
Result<QuantizedModel> reference_local_training(const ModelShape& shape, const Hyper& hyper,
                                                const QuantizedModel& model, const std::vector<Batch>& batches);

// The integer forward pass on every row of `data`, then the predicted class:
// sigmoid output: 1 when SIG[z] ≥ 2^F / 2 (p ≥ 128), else 0; softmax: the first
// argmax of z. An error when the model or data are invalid or a Z leaves its range.
Result<std::vector<int64_t>> reference_predict(const ModelShape& shape, const QuantizedModel& model,
                                               const QuantizedDataset& data);

// Fraction of rows of `data` whose predicted class equals the label; errors as reference_predict.
Result<double> reference_accuracy(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data);

}  // namespace zkfl::training
