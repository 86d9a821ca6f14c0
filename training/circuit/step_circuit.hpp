// The training-step circuit: proves W_out = SGD_H^E(W_in, D[I]) for the
// integer step of docs/QUANTIZATION.md, the batch rows D[I] being rows of
// the data table held in the data columns (docs/STEP_CIRCUIT.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "plonk/circuit/layouter.hpp"
#include "plonk/proof/protocol.hpp"
#include "training/circuit/step_columns.hpp"
#include "training/data_table.hpp"
#include "training/model.hpp"

namespace zkfl::training {

// What a proving key is made for: model shape, hyper-parameters, dataset size
// and the number of data columns.
struct StepSpec {
  ModelShape shape;
  Hyper hyper;
  int64_t dataset_rows = 0;  // N
  int64_t data_columns = 8;  // P

  // An error unless the shape and hyper-parameters are valid, B is a power of
  // two ≤ 256, B ≤ N, and 1 ≤ P ≤ 64.
  Status validate() const;
  int64_t batch_log2() const;
  int64_t values_per_row() const { return shape.inputs() + 1; }  // features and the label
  int64_t chunks() const { return (values_per_row() + data_columns - 1) / data_columns; }
  int64_t table_rows() const { return dataset_rows * chunks(); }
  // Rows of the data columns used: the table, the batch chunks and one zero row.
  int64_t data_rows() const { return table_rows() + hyper.local_steps * hyper.batch_size * chunks() + 1; }
  // Rows of the computation area (the gadgets' rows), as synthesis lays them out.
  int64_t computation_rows() const;
  // The smallest k whose usable rows hold everything.
  uint32_t k() const;
  StepConstants constants() const;
  // The data table's layout (N rows of n_0 + 1 values in P columns).
  DataTableLayout data_layout() const { return DataTableLayout{dataset_rows, values_per_row(), data_columns}; }
  // The advice-column indices of the P data columns (for the dataset link).
  std::vector<uint32_t> data_column_indices() const;
};

// The public inputs of one proof.
struct StepPublic {
  uint64_t round = 0;
  uint64_t participant = 0;
  QuantizedModel w_in;
  QuantizedModel w_out;
  std::vector<int64_t> indices;  // E·B batch indices, step by step
};

// Instance columns for `pub`: an error when a weight is out of range, an
// index is outside [0, N) or a size does not match `spec`.
Result<plonk::Instance> step_instance(const StepSpec& spec, const StepPublic& pub);

// Ways an adversarial prover departs from the honest witness (tests only).
enum class StepTamper : uint8_t {
  kNone,
  kGradientEntry,   // one entry of the last layer's gradient altered
  kLearningRate,    // the update computed with another learning rate
  kSkipLastStep,    // the last local step leaves the weights unchanged
  kScaledUpdate,    // the last local step applied twice
  kForeignBatchRow, // a batch value that is not in the dataset
  kOtherIndices,    // batch rows other than the assigned ones
  kFlippedLabel,    // a batch label flipped
};

// The private witness: the dataset, the weights the prover starts from, the
// batch indices it uses.
struct StepWitness {
  QuantizedModel w_in;
  std::vector<int64_t> x;       // N × n_0, row-major
  std::vector<int64_t> labels;  // N
  std::vector<int64_t> indices; // E·B
  StepTamper tamper = StepTamper::kNone;
};

class StepCircuit : public plonk::Circuit {
 public:
  explicit StepCircuit(StepSpec spec);  // keygen: no witness
  StepCircuit(StepSpec spec, StepWitness witness);

  void configure(plonk::ConstraintSystem& cs) override;
  Status synthesize(plonk::Layouter& layouter) const override;

  // Runs the witness computation alone and returns the weights it ends
  // with (the W_out to publish); an error when a value leaves its range.
  Result<QuantizedModel> compute_output();
  // The weights after each local step, from the last synthesis.
  const std::vector<QuantizedModel>& step_outputs() const { return step_outputs_; }
  const StepSpec& spec() const { return spec_; }
  // Rows per gadget from the last synthesis (the data columns' rows run in
  // parallel with the computation area, so they are listed separately).
  const std::map<std::string, size_t>& rows_by_gadget() const { return rows_by_gadget_; }

 private:
  StepSpec spec_;
  std::optional<StepWitness> witness_;
  std::optional<StepColumns> cols_;
  mutable std::vector<QuantizedModel> step_outputs_;
  mutable std::map<std::string, size_t> rows_by_gadget_;
};

}  // namespace zkfl::training
