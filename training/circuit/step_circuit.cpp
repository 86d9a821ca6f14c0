#include "training/circuit/step_circuit.hpp"

#include <set>

#include "plonk/circuit/circuit_table.hpp"
#include "training/circuit/gadgets.hpp"
#include "training/circuit/lookup_table.hpp"

namespace zkfl::training {

using plonk::AssignedCell;
using plonk::Fr;

namespace {

// Public-input rows of the `pub` column.
constexpr size_t kRoundRow = 0, kParticipantRow = 1, kLearningRateRow = 2, kBatchRow = 3, kStepsRow = 4,
                 kDatasetRowsRow = 5, kWeightsRow = 6;

NumMatrix transpose(const NumMatrix& m) {
  NumMatrix t{m.cols, m.rows, {}};
  t.at.reserve(m.at.size());
  for (int64_t c = 0; c < m.cols; ++c) {
    for (int64_t r = 0; r < m.rows; ++r) t.at.push_back(m(r, c));
  }
  return t;
}

// [A | 2^F·1]: the ones column adds the bias row of the weights.
NumMatrix augment(const NumMatrix& a, const Num& one) {
  NumMatrix out{a.rows, a.cols + 1, {}};
  for (int64_t r = 0; r < a.rows; ++r) {
    for (int64_t c = 0; c < a.cols; ++c) out.at.push_back(a(r, c));
    out.at.push_back(one);
  }
  return out;
}

// The first `rows` rows of m.
NumMatrix top_rows(const NumMatrix& m, int64_t rows) {
  NumMatrix out{rows, m.cols, {}};
  out.at.assign(m.at.begin(), m.at.begin() + rows * m.cols);
  return out;
}

}  // namespace

Status StepSpec::validate() const {
  if (Status s = shape.validate(); !s.is_ok()) return s;
  if (Status s = hyper.validate(); !s.is_ok()) return s;
  const int64_t b = hyper.batch_size;
  if ((b & (b - 1)) != 0 || b > 256) return Status::error("the step circuit needs a batch size that is a power of two ≤ 256");
  if (dataset_rows < b) return Status::error("the dataset has fewer rows than one batch");
  if (dataset_rows > (int64_t{1} << 20)) return Status::error("the dataset has more than 2^20 rows");
  if (data_columns < 1 || data_columns > 64) return Status::error("data columns must be in [1, 64]");
  return Status::ok();
}

int64_t StepSpec::batch_log2() const {
  int64_t l = 0;
  while ((int64_t{1} << l) < hyper.batch_size) ++l;
  return l;
}

StepConstants StepSpec::constants() const {
  return StepConstants{hyper.learning_rate_q, batch_log2(), data_columns, shape.inputs(),
                       shape.output == OutputKind::kSoftmax, shape.num_layers() > 1};
}

int64_t StepSpec::computation_rows() const {
  const auto& w = shape.widths;
  const int64_t b = hyper.batch_size, layers = static_cast<int64_t>(shape.num_layers());
  const auto matmul_rows = [](int64_t ra, int64_t inner, int64_t cb) { return ra * inner + inner * cb + ra * cb + inner + 1; };
  int64_t params = 0;
  std::set<int64_t> power_widths;
  for (int64_t l = 1; l <= layers; ++l) {
    params += (w[l - 1] + 1) * w[l];
    power_widths.insert(w[l]);
    if (l > 1) power_widths.insert(w[l - 1]);
  }
  int64_t rows = 4 + (params + kGeneralColumns - 1) / kGeneralColumns + 1;
  for (int64_t c : power_widths) rows += c;
  int64_t per_step = b * w[0];
  for (int64_t l = 1; l <= layers; ++l) {
    per_step += matmul_rows(b, w[l - 1] + 1, w[l]);                // forward, rescaled in place
    per_step += matmul_rows(w[l - 1] + 1, b, w[l]);                // weight gradient, updated in place
    if (l > 1) per_step += matmul_rows(b, w[l], w[l - 1]);         // back-propagation, rescaled in place
  }
  per_step += shape.output == OutputKind::kSigmoid ? 2 * b : 3 * w[static_cast<size_t>(layers)] * b;
  // Weights of every step but the last are range-checked on a row each.
  return rows + hyper.local_steps * per_step + (hyper.local_steps - 1) * params;
}

std::vector<uint32_t> StepSpec::data_column_indices() const {
  plonk::ConstraintSystem cs;
  const StepColumns cols = StepColumns::configure(cs, constants());
  std::vector<uint32_t> out;
  for (const auto& d : cols.data) out.push_back(d.column.index);
  return out;
}

uint32_t StepSpec::k() const {
  plonk::ConstraintSystem cs;
  StepColumns::configure(cs, constants());
  const auto needed = static_cast<size_t>(
      std::max({computation_rows(), data_rows(),
                static_cast<int64_t>(lane_table(shape.output == OutputKind::kSoftmax).size()) + 1}));
  uint32_t k = 4;
  while (cs.usable_rows(k) < needed) ++k;
  return k;
}

Result<plonk::Instance> step_instance(const StepSpec& spec, const StepPublic& pub) {
  if (Status s = spec.validate(); !s.is_ok()) return s;
  for (const QuantizedModel* m : {&pub.w_in, &pub.w_out}) {
    if (Status s = m->validate(spec.shape); !s.is_ok()) return s;
  }
  const int64_t e = spec.hyper.local_steps, b = spec.hyper.batch_size, c = spec.chunks();
  if (pub.indices.size() != static_cast<size_t>(e * b)) {
    return Status::error("expected " + std::to_string(e * b) + " batch indices, got " + std::to_string(pub.indices.size()));
  }
  std::vector<Fr> header{Fr::from_u64(pub.round),        Fr::from_u64(pub.participant),
                         Fr::from_i64(spec.hyper.learning_rate_q), Fr::from_i64(b),
                         Fr::from_i64(e),                Fr::from_i64(spec.dataset_rows)};
  for (const QuantizedModel* m : {&pub.w_in, &pub.w_out}) {
    for (int64_t v : m->flatten()) header.push_back(Fr::from_i64(v));
  }
  std::vector<Fr> keys(static_cast<size_t>(spec.data_rows()), Fr::zero());
  for (int64_t slot = 0; slot < e * b; ++slot) {
    const int64_t idx = pub.indices[static_cast<size_t>(slot)];
    if (idx < 0 || idx >= spec.dataset_rows) return Status::error("batch index " + std::to_string(idx) + " is outside the dataset");
    for (int64_t chunk = 0; chunk < c; ++chunk) {
      keys[static_cast<size_t>(spec.table_rows() + slot * c + chunk)] = Fr::from_i64(idx * c + chunk + 1);
    }
  }
  return plonk::Instance{std::move(header), std::move(keys)};
}

StepCircuit::StepCircuit(StepSpec spec) : spec_(std::move(spec)) {}
StepCircuit::StepCircuit(StepSpec spec, StepWitness witness) : spec_(std::move(spec)), witness_(std::move(witness)) {}

void StepCircuit::configure(plonk::ConstraintSystem& cs) { cols_ = StepColumns::configure(cs, spec_.constants()); }

Status StepCircuit::synthesize(plonk::Layouter& layouter) const {
  const StepColumns& cols = *cols_;
  const bool known = witness_.has_value();
  const auto& w = spec_.shape.widths;
  const int64_t layers = static_cast<int64_t>(spec_.shape.num_layers());
  const int64_t n0 = w[0], b = spec_.hyper.batch_size, steps = spec_.hyper.local_steps;
  const int64_t p = spec_.data_columns, chunks = spec_.chunks(), table = spec_.table_rows();
  if (known) {
    if (Status s = witness_->w_in.validate(spec_.shape); !s.is_ok()) return s;
    if (witness_->x.size() != static_cast<size_t>(spec_.dataset_rows * n0) ||
        witness_->labels.size() != static_cast<size_t>(spec_.dataset_rows) ||
        witness_->indices.size() != static_cast<size_t>(steps * b)) {
      return Status::error("the witness does not match the step specification");
    }
  }
  step_outputs_.clear();

  return layouter.assign_region("training step", [&](plonk::Region& region) -> Status {
    StepAssigner s(region, cols, known);
    const StepTamper tamper = known ? witness_->tamper : StepTamper::kNone;

    // Fixed lookup table.
    const auto& lt = lane_table(spec_.shape.output == OutputKind::kSoftmax);
    for (size_t r = 0; r < lt.size(); ++r) {
      s.fixed(cols.t_key, r, lt[r].key());
      s.fixed(cols.t_out, r, lt[r].out);
    }

    // Hyper-parameters: instance cells pinned to the key's constants.
    const std::pair<size_t, int64_t> pinned[] = {{kLearningRateRow, spec_.hyper.learning_rate_q},
                                                 {kBatchRow, b},
                                                 {kStepsRow, steps},
                                                 {kDatasetRowsRow, spec_.dataset_rows}};
    for (const auto& [pub_row, value] : pinned) {
      const size_t row = s.take_rows(1, "public inputs");
      region.assign_advice_from_instance(cols.pub, pub_row, cols.g[0], row);
      s.fixed(cols.konst, row, value);
      s.enable(cols.q_const, row);
    }

    // W_in: the witness's weights, constrained equal to the public ones.
    std::vector<NumMatrix> weights;
    {
      const auto flat = known ? witness_->w_in.flatten() : std::vector<int64_t>(QuantizedModel::zeros(spec_.shape).num_parameters(), 0);
      const size_t start = s.take_rows((flat.size() + kGeneralColumns - 1) / kGeneralColumns, "public inputs");
      size_t at = 0;
      for (int64_t l = 1; l <= layers; ++l) {
        NumMatrix m{w[l - 1] + 1, w[l], {}};
        for (int64_t i = 0; i < m.rows * m.cols; ++i, ++at) {
          const Num cell = s.put(cols.g[at % kGeneralColumns], start + at / kGeneralColumns, flat[at]);
          s.constrain_equal(cell.cell, AssignedCell{plonk::Cell{cols.pub.column, static_cast<uint32_t>(kWeightsRow + at)}, {}});
          m.at.push_back(cell);
        }
        weights.push_back(std::move(m));
      }
    }

    // The data table: dataset row i, chunk c at row i·C + c; key t + 1.
    const auto row_value = [&](int64_t i, int64_t pos) -> int64_t {
      if (!known || pos > n0) return 0;
      return pos < n0 ? witness_->x[static_cast<size_t>(i * n0 + pos)] : witness_->labels[static_cast<size_t>(i)];
    };
    for (int64_t t = 0; t < table; ++t) {
      s.fixed(cols.key, static_cast<size_t>(t), t + 1);
      for (int64_t j = 0; j < p; ++j) {
        s.put(cols.data[static_cast<size_t>(j)], static_cast<size_t>(t), row_value(t / chunks, (t % chunks) * p + j));
      }
    }

    const Num& one = s.one();
    const size_t params = weights.empty() ? 0 : QuantizedModel::zeros(spec_.shape).num_parameters();
    for (int64_t e = 0; e < steps; ++e) {
      // Batch rows in the data columns, their features and labels.
      NumMatrix x{b, n0, {}};
      std::vector<Num> labels;
      for (int64_t slot = 0; slot < b; ++slot) {
        int64_t idx = known ? witness_->indices[static_cast<size_t>(e * b + slot)] : 0;
        if (tamper == StepTamper::kOtherIndices && e == 0) idx = (idx + 1) % spec_.dataset_rows;
        std::vector<Num> values;
        for (int64_t c = 0; c < chunks; ++c) {
          const size_t row = static_cast<size_t>(table + (e * b + slot) * chunks + c);
          for (int64_t j = 0; j < p; ++j) {
            const int64_t pos = c * p + j;
            int64_t v = row_value(idx, pos);
            if (e == 0 && slot == 0 && pos == 0 && tamper == StepTamper::kForeignBatchRow) v += 1;
            if (e == 0 && slot == 0 && pos == n0 && tamper == StepTamper::kFlippedLabel) {
              v = (v + 1) % spec_.shape.num_classes();
            }
            const Num cell = s.put(cols.data[static_cast<size_t>(j)], row, v);
            if (pos < n0) x.at.push_back(cell);
            if (pos == n0) labels.push_back(cell);
          }
        }
      }
      check_features(s, x.at);

      // Forward.
      std::vector<NumMatrix> inputs;  // Â_{l−1}
      std::vector<NumMatrix> masks;   // M_l for hidden layers
      NumMatrix activations = x;
      NumMatrix z;
      for (int64_t l = 1; l <= layers; ++l) {
        inputs.push_back(augment(activations, one));
        const NumMatrix& wl = weights[static_cast<size_t>(l - 1)];
        NumMatrix next{b, wl.cols, {}}, mask{b, wl.cols, {}};
        z = NumMatrix{b, wl.cols, {}};
        matmul(s, inputs.back(), wl, {}, [&](size_t row, const Num& entry, size_t) {
          const Rescaled r = rescale_at(s, row, entry);
          z.at.push_back(r.q);
          next.at.push_back(r.relu);
          mask.at.push_back(r.sign);
        });
        activations = std::move(next);
        masks.push_back(std::move(mask));
      }

      // Output gradient G_L.
      NumMatrix grad{b, w[static_cast<size_t>(layers)], {}};
      for (int64_t r = 0; r < b; ++r) {
        if (spec_.shape.output == OutputKind::kSigmoid) {
          grad.at.push_back(sigmoid_gradient(s, z(r, 0), labels[static_cast<size_t>(r)]));
        } else {
          std::vector<Num> row(z.at.begin() + r * z.cols, z.at.begin() + (r + 1) * z.cols);
          for (const Num& g : softmax_gradient(s, row, labels[static_cast<size_t>(r)])) grad.at.push_back(g);
        }
      }

      // Backward, updating each weight in place on the row of its gradient.
      const int64_t lr = spec_.hyper.learning_rate_q + (tamper == StepTamper::kLearningRate ? 1 : 0);
      int64_t multiplier = 1;
      if (e == steps - 1 && tamper == StepTamper::kSkipLastStep) multiplier = 0;
      if (e == steps - 1 && tamper == StepTamper::kScaledUpdate) multiplier = 2;
      const bool check_new_weights = e + 1 < steps;
      std::vector<NumMatrix> updated = weights;
      for (int64_t l = layers; l >= 1; --l) {
        std::function<void(std::vector<int64_t>&)> tamper_fn;
        if (tamper == StepTamper::kGradientEntry && e == 0 && l == layers) {
          tamper_fn = [](std::vector<int64_t>& v) { v[0] += 1; };
        }
        const NumMatrix& wl = weights[static_cast<size_t>(l - 1)];
        NumMatrix& out = updated[static_cast<size_t>(l - 1)];
        matmul(s, transpose(inputs[static_cast<size_t>(l - 1)]), grad, tamper_fn,
               [&](size_t row, const Num& dw, size_t index) {
                 out.at[index] = update_at(s, row, dw, wl.at[index], lr, spec_.batch_log2(), multiplier,
                                           check_new_weights);
               });
        if (l > 1) {
          const NumMatrix& mask = masks[static_cast<size_t>(l - 2)];
          NumMatrix next{b, wl.rows - 1, {}};
          matmul(s, grad, transpose(top_rows(wl, wl.rows - 1)), {}, [&](size_t row, const Num& da, size_t index) {
            next.at.push_back(*rescale_at(s, row, da, mask.at[index]).masked);
          });
          grad = std::move(next);
        }
      }
      weights = std::move(updated);
      QuantizedModel after = QuantizedModel::zeros(spec_.shape);
      for (int64_t l = 0; l < layers; ++l) {
        for (size_t i = 0; i < weights[static_cast<size_t>(l)].at.size(); ++i) {
          after.layers[static_cast<size_t>(l)].values[i] = weights[static_cast<size_t>(l)].at[i].v;
        }
      }
      step_outputs_.push_back(std::move(after));
    }

    // W_out: the final weights are the public ones.
    size_t at = 0;
    for (const NumMatrix& m : weights) {
      for (const Num& cell : m.at) {
        s.constrain_equal(cell.cell,
                          AssignedCell{plonk::Cell{cols.pub.column, static_cast<uint32_t>(kWeightsRow + params + at)}, {}});
        ++at;
      }
    }
    rows_by_gadget_ = s.rows_by_gadget();
    rows_by_gadget_["data table and batch"] = static_cast<size_t>(spec_.data_rows());
    return s.status();
  });
}

Result<QuantizedModel> StepCircuit::compute_output() {
  if (!witness_) return Status::error("a keygen circuit has no witness");
  if (Status st = spec_.validate(); !st.is_ok()) return st;
  plonk::ConstraintSystem cs;
  configure(cs);
  const uint32_t k = spec_.k();
  StepPublic pub{0, 0, witness_->w_in, witness_->w_in, witness_->indices};
  auto instance = step_instance(spec_, pub);
  if (!instance) return instance.status();
  plonk::CircuitTable table(cs, plonk::SynthesisPass{k, 0, true, *instance, std::vector<plonk::Value>(cs.num_challenges())});
  plonk::Layouter layouter(table);
  if (Status st = synthesize(layouter); !st.is_ok()) return st;
  if (step_outputs_.empty()) return Status::error("the step produced no output");
  return step_outputs_.back();
}

}  // namespace zkfl::training
