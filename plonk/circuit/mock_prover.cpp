#include "plonk/circuit/mock_prover.hpp"

#include <algorithm>
#include <map>

namespace zkfl::plonk {

namespace {
constexpr size_t kMaxFailuresPerConstraint = 8;

std::string column_name(Column c) {
  switch (c.kind) {
    case ColumnKind::kAdvice:
      return "advice" + std::to_string(c.index);
    case ColumnKind::kFixed:
      return "fixed" + std::to_string(c.index);
    case ColumnKind::kInstance:
      return "instance" + std::to_string(c.index);
  }
  return "?";
}
}  // namespace

std::string VerifyFailure::to_string() const {
  std::string kind_name = kind == Kind::kGate ? "gate" : kind == Kind::kLookup ? "lookup" : "copy";
  std::string where = "row " + std::to_string(row);
  if (!region.empty()) where += " (region '" + region + "', offset " + std::to_string(offset) + ")";
  std::string what = kind_name + " '" + name + "'";
  if (kind == Kind::kGate) what += " constraint " + std::to_string(constraint_index);
  return what + " fails at " + where + ": " + detail;
}

Result<MockProver> MockProver::run(uint32_t k, Circuit& circuit, std::vector<std::vector<Fr>> instance, Rng& rng) {
  MockProver mp;
  mp.k_ = k;
  circuit.configure(mp.cs_);
  const size_t n = size_t{1} << k;
  mp.usable_rows_ = mp.cs_.usable_rows(k);
  if (instance.size() > mp.cs_.num_instance_columns()) {
    return Status::error("more instance columns given (" + std::to_string(instance.size()) +
                         ") than the circuit declares (" + std::to_string(mp.cs_.num_instance_columns()) + ")");
  }
  instance.resize(mp.cs_.num_instance_columns());
  for (const auto& column : instance) {
    if (column.size() > mp.usable_rows_) {
      return Status::error("too many public inputs (" + std::to_string(column.size()) + ") for 2^" +
                           std::to_string(k) + " rows");
    }
  }
  mp.instance_.resize(instance.size());
  for (size_t i = 0; i < instance.size(); ++i) {
    mp.instance_[i] = instance[i];
    mp.instance_[i].resize(n, Fr::zero());
  }

  mp.advice_.assign(mp.cs_.num_advice_columns(), {});
  std::vector<Value> challenges(mp.cs_.num_challenges());
  for (uint8_t phase = 0; phase < mp.cs_.num_phases(); ++phase) {
    CircuitTable table(mp.cs_, SynthesisPass{k, phase, true, instance, challenges});
    Layouter layouter(table);
    Status s = circuit.synthesize(layouter);
    if (!s.is_ok()) return Status::error("synthesis failed in phase " + std::to_string(phase) + ": " + s.message());
    if (!table.status().is_ok()) return table.status();
    auto advice = table.take_advice();
    for (uint32_t i = 0; i < advice.size(); ++i) {
      if (mp.cs_.advice_phase(i) == phase) mp.advice_[i] = std::move(advice[i]);
    }
    if (phase == 0) {
      mp.fixed_ = table.take_fixed();
      mp.copies_ = table.copies();
      for (size_t row = 0; row < n; ++row) {
        if (const PlacedRegion* r = table.region_at(row)) {
          if (mp.regions_.empty() || mp.regions_.back().name != r->name || mp.regions_.back().start != r->start) {
            mp.regions_.push_back(*r);
          }
        }
      }
    }
    for (uint32_t c = 0; c < challenges.size(); ++c) {
      if (mp.cs_.challenge_phase(c) == phase) challenges[c] = Value::known(Fr::random(rng));
    }
  }
  for (const Value& c : challenges) mp.challenges_.push_back(c.get());
  // Rows past the usable ones are random in a real proof; make them so here.
  for (auto& column : mp.advice_) {
    for (size_t row = mp.usable_rows_; row < n; ++row) column[row] = Fr::random(rng);
  }
  return mp;
}

Fr MockProver::cell(Column column, size_t row) const {
  switch (column.kind) {
    case ColumnKind::kAdvice:
      return advice_[column.index][row];
    case ColumnKind::kFixed:
      return fixed_[column.index][row];
    case ColumnKind::kInstance:
      return instance_[column.index][row];
  }
  return Fr::zero();
}

Fr MockProver::query_value(const Query& q, size_t row) const {
  const size_t n = size_t{1} << k_;
  const size_t r = (row + n + static_cast<size_t>(static_cast<int64_t>(q.rotation) % static_cast<int64_t>(n))) % n;
  return cell(q.column, r);
}

std::string MockProver::describe_queries(const Expression& e, size_t row) const {
  std::vector<Query> queries;
  e.collect_queries(queries);
  std::sort(queries.begin(), queries.end());
  queries.erase(std::unique(queries.begin(), queries.end()), queries.end());
  std::string out;
  for (const Query& q : queries) {
    if (!out.empty()) out += ", ";
    out += column_name(q.column) + "[" + std::to_string(q.rotation) + "] = " + query_value(q, row).to_string();
  }
  return out;
}

void MockProver::locate(VerifyFailure& f) const {
  for (const PlacedRegion& r : regions_) {
    if (f.row >= r.start && f.row < r.end) {
      f.region = r.name;
      f.offset = f.row - r.start;
      return;
    }
  }
}

std::vector<VerifyFailure> MockProver::verify() const {
  std::vector<VerifyFailure> failures;
  auto eval = [&](const Expression& e, size_t row) {
    return e.evaluate<Fr>([](const Fr& c) { return c; }, [&](const Query& q) { return query_value(q, row); },
                          [&](const Challenge& c) { return challenges_[c.index]; });
  };

  for (const Gate& gate : cs_.gates()) {
    for (size_t ci = 0; ci < gate.constraints.size(); ++ci) {
      size_t reported = 0;
      for (size_t row = 0; row < usable_rows_ && reported < kMaxFailuresPerConstraint; ++row) {
        if (eval(gate.constraints[ci], row).is_zero()) continue;
        VerifyFailure f{VerifyFailure::Kind::kGate, gate.name, ci, row, "", 0,
                        gate.constraints[ci].to_string() + " ≠ 0 with " + describe_queries(gate.constraints[ci], row)};
        locate(f);
        failures.push_back(std::move(f));
        ++reported;
      }
    }
  }

  for (const LookupArgument& lookup : cs_.lookups()) {
    std::vector<std::vector<U256>> table;
    table.reserve(usable_rows_);
    for (size_t row = 0; row < usable_rows_; ++row) {
      std::vector<U256> tuple;
      for (const Expression& e : lookup.table) tuple.push_back(eval(e, row).montgomery());
      table.push_back(std::move(tuple));
    }
    std::sort(table.begin(), table.end());
    size_t reported = 0;
    for (size_t row = 0; row < usable_rows_ && reported < kMaxFailuresPerConstraint; ++row) {
      std::vector<U256> tuple;
      std::string values;
      for (const Expression& e : lookup.inputs) {
        Fr v = eval(e, row);
        tuple.push_back(v.montgomery());
        values += (values.empty() ? "" : ", ") + v.to_string();
      }
      if (std::binary_search(table.begin(), table.end(), tuple)) continue;
      VerifyFailure f{VerifyFailure::Kind::kLookup, lookup.name, 0, row, "", 0,
                      "input (" + values + ") is not in the table"};
      locate(f);
      failures.push_back(std::move(f));
      ++reported;
    }
  }

  for (const auto& [a, b] : copies_) {
    Fr va = cell(a.column, a.row), vb = cell(b.column, b.row);
    if (va == vb) continue;
    VerifyFailure f{VerifyFailure::Kind::kCopy, "copy", 0, b.row, "", 0,
                    column_name(a.column) + " row " + std::to_string(a.row) + " = " + va.to_string() + " but " +
                        column_name(b.column) + " row " + std::to_string(b.row) + " = " + vb.to_string()};
    locate(f);
    failures.push_back(std::move(f));
  }
  return failures;
}

Status MockProver::verify_status() const {
  auto failures = verify();
  if (failures.empty()) return Status::ok();
  std::string message = std::to_string(failures.size()) + " constraint failure(s):";
  for (size_t i = 0; i < failures.size() && i < 5; ++i) message += "\n  " + failures[i].to_string();
  return Status::error(message);
}

}  // namespace zkfl::plonk
