// A small circuit that holds a data table exactly as the step circuit does
// (training/data_table.hpp) and checks batch membership the same way: P data
// advice columns (phase 0) with the table on rows [0, T), a fixed key column
// with t + 1 there, and batch rows after the table whose tuple
// (key from an instance column, data columns) is looked up in
// (key column, data columns). A phase-1 column declared before the data
// columns makes the advice commitments' order differ from the column indices,
// as a circuit with Freivalds challenges has it.
#pragma once

#include <vector>

#include "plonk/circuit/layouter.hpp"
#include "plonk/proof/protocol.hpp"
#include "training/data_table.hpp"
#include "training/dataset_link.hpp"

namespace zkfl::training::test {

using plonk::AdviceColumn;
using plonk::AssignedCell;
using plonk::Challenge;
using plonk::Circuit;
using plonk::ConstraintSystem;
using plonk::Expression;
using plonk::FixedColumn;
using plonk::Fr;
using plonk::InstanceColumn;
using plonk::Layouter;
using plonk::Region;
using plonk::Selector;
using plonk::Value;

class DataTableCircuit : public Circuit {
 public:
  // `batch` are dataset row indices (e.g. from sample_batch_indices); each
  // becomes C batch rows, one per chunk. `batch_override`, when not empty,
  // replaces the data values the batch rows claim (P per batch row), to play
  // a participant that lies about its batch.
  DataTableCircuit(DataTableLayout layout, std::vector<int64_t> x, std::vector<int64_t> labels,
                   std::vector<int64_t> batch, std::vector<int64_t> batch_override = {})
      : layout_(layout), x_(std::move(x)), labels_(std::move(labels)), batch_(std::move(batch)),
        batch_override_(std::move(batch_override)) {}

  void configure(ConstraintSystem& cs) override {
    mixed_ = cs.advice_column(1);
    data_.clear();
    for (int64_t j = 0; j < layout_.columns; ++j) data_.push_back(cs.advice_column(0));
    key_ = cs.fixed_column();
    batch_key_ = cs.instance_column();
    batch_row_ = cs.selector();
    mix_ = cs.challenge_usable_after(0);
    const Expression q = batch_row_.expr();
    // A second-phase column bound to the batch rows: mixed = Σ_j r^j·data_j.
    Expression combined = data_.back().cur();
    for (size_t j = data_.size() - 1; j-- > 0;) combined = combined * mix_.expr() + data_[j].cur();
    cs.create_gate("mixed batch row", {q * (mixed_.cur() - combined)});
    std::vector<Expression> inputs = {q * batch_key_.cur()};
    std::vector<Expression> table = {key_.cur()};
    for (const AdviceColumn& d : data_) {
      inputs.push_back(q * d.cur());
      table.push_back(d.cur());
    }
    cs.lookup("batch rows are table rows", std::move(inputs), std::move(table));
    cs.require_blinding_rows(dataset_link_blinding_rows(1));  // data columns are queried at rotation 0 only
  }

  Status synthesize(Layouter& layouter) const override {
    const DatasetView data{x_, labels_};
    auto columns = data_table_columns(layout_, data, static_cast<size_t>(layout_.table_rows()));
    if (!columns) return columns.status();
    Status s = layouter.assign_region("data table", [&](Region& region) {
      for (int64_t t = 0; t < layout_.table_rows(); ++t) {
        region.assign_fixed(key_, static_cast<size_t>(t), DataTableLayout::key(t));
        for (size_t j = 0; j < data_.size(); ++j) {
          region.assign_advice(data_[j], static_cast<size_t>(t), Value::known((*columns)[j][static_cast<size_t>(t)]));
        }
      }
      return Status::ok();
    });
    if (!s) return s;
    return layouter.assign_region("batch", [&](Region& region) {
      const Value r = region.challenge(mix_);
      size_t row = 0;
      for (int64_t i : batch_) {
        for (int64_t c = 0; c < layout_.chunks(); ++c, ++row) {
          region.enable_selector(batch_row_, row);
          std::vector<int64_t> chunk = row_chunk(layout_, data, i, c);
          if (!batch_override_.empty()) {
            chunk.assign(batch_override_.begin() + static_cast<std::ptrdiff_t>(row * data_.size()),
                         batch_override_.begin() + static_cast<std::ptrdiff_t>((row + 1) * data_.size()));
          }
          Value mixed = Value::known(0);
          for (size_t j = chunk.size(); j-- > 0;) mixed = mixed * r + Value::known(Fr::from_i64(chunk[j]));
          for (size_t j = 0; j < data_.size(); ++j) {
            region.assign_advice(data_[j], row, Value::known(Fr::from_i64(chunk[j])));
          }
          region.assign_advice(mixed_, row, mixed);
        }
      }
      return Status::ok();
    });
  }

  // The public inputs: the batch rows' keys, at the rows the batch occupies.
  static plonk::Instance instance(const DataTableLayout& layout, const std::vector<int64_t>& batch) {
    std::vector<Fr> keys(static_cast<size_t>(layout.table_rows()), Fr::zero());
    for (int64_t i : batch) {
      for (int64_t c = 0; c < layout.chunks(); ++c) keys.push_back(DataTableLayout::key(layout.circuit_row(i, c)));
    }
    return {keys};
  }

  // The advice columns holding the data table, in table order (after configure).
  std::vector<uint32_t> data_columns() const {
    std::vector<uint32_t> out;
    for (const AdviceColumn& d : data_) out.push_back(d.column.index);
    return out;
  }

 private:
  DataTableLayout layout_;
  std::vector<int64_t> x_, labels_, batch_, batch_override_;
  AdviceColumn mixed_;
  std::vector<AdviceColumn> data_;
  FixedColumn key_;
  InstanceColumn batch_key_;
  Selector batch_row_;
  Challenge mix_;
};

}  // namespace zkfl::training::test
