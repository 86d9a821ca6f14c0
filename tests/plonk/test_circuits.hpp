// Small circuits that exercise every feature of the circuit API: custom
// gates, rotations, copy constraints, instance columns, lookups, and a
// second-phase column that uses a challenge. Each takes a `tamper` switch
// that makes its witness wrong in one known place, so tests can check that
// the failure is caught and located.
#pragma once

#include <vector>

#include "plonk/circuit/layouter.hpp"

namespace zkfl::plonk::test {

// Fibonacci: a[i+1] = b[i], b[i+1] = a[i] + b[i], with a[0], b[0] and the
// final b taken from the instance column (copy constraints across columns).
class FibonacciCircuit : public Circuit {
 public:
  FibonacciCircuit(size_t steps, uint64_t a0, uint64_t b0, bool tamper = false)
      : steps_(steps), a0_(a0), b0_(b0), tamper_(tamper) {}

  static Fr expected_last(size_t steps, uint64_t a0, uint64_t b0) {
    Fr a = Fr::from_u64(a0), b = Fr::from_u64(b0);
    for (size_t i = 0; i < steps; ++i) {
      Fr next = a + b;
      a = b;
      b = next;
    }
    return b;
  }

  void configure(ConstraintSystem& cs) override {
    a_ = cs.advice_column();
    b_ = cs.advice_column();
    instance_ = cs.instance_column();
    step_ = cs.selector();
    cs.enable_equality(a_.column);
    cs.enable_equality(b_.column);
    cs.enable_equality(instance_.column);
    Expression s = step_.expr();
    cs.create_gate("fibonacci step", {s * (a_.next() - b_.cur()), s * (b_.next() - a_.cur() - b_.cur())});
  }

  Status synthesize(Layouter& layouter) const override {
    AssignedCell last;
    Status s = layouter.assign_region("fibonacci", [&](Region& region) {
      region.assign_advice_from_instance(instance_, 0, a_, 0);
      AssignedCell b = region.assign_advice_from_instance(instance_, 1, b_, 0);
      AssignedCell a = region.assign_advice(a_, 0, Value::known(Fr::from_u64(a0_)));
      b = region.assign_advice(b_, 0, Value::known(Fr::from_u64(b0_)));
      for (size_t i = 0; i < steps_; ++i) {
        region.enable_selector(step_, i);
        Value next = a.value + b.value;
        if (tamper_ && i == steps_ / 2) next = next + Value::known(1);
        a = region.assign_advice(a_, i + 1, b.value);
        b = region.assign_advice(b_, i + 1, next);
      }
      last = b;
      return Status::ok();
    });
    if (!s.is_ok()) return s;
    layouter.constrain_instance(last, instance_, 2);
    return Status::ok();
  }

 private:
  size_t steps_;
  uint64_t a0_, b0_;
  bool tamper_;
  AdviceColumn a_, b_;
  InstanceColumn instance_;
  Selector step_;
};

// Multiplication gate q·(x·y·z − w) = 0 of degree 4 over four advice columns,
// each x also range-checked to [0, 256) by a lookup into a fixed table.
class RangeCheckedProductCircuit : public Circuit {
 public:
  explicit RangeCheckedProductCircuit(std::vector<uint64_t> xs, size_t tamper_row = SIZE_MAX,
                                      bool out_of_range = false)
      : xs_(std::move(xs)), tamper_row_(tamper_row), out_of_range_(out_of_range) {}

  void configure(ConstraintSystem& cs) override {
    for (auto& c : cols_) c = cs.advice_column();
    table_ = cs.fixed_column();
    q_ = cs.selector();
    Expression q = q_.expr();
    cs.create_gate("product", {q * (cols_[0].cur() * cols_[1].cur() * cols_[2].cur() - cols_[3].cur())});
    cs.lookup("byte range", {q * cols_[0].cur()}, {table_.cur()});
  }

  Status synthesize(Layouter& layouter) const override {
    Status s = layouter.assign_region("byte table", [&](Region& region) {
      for (size_t i = 0; i < 256; ++i) region.assign_fixed(table_, i, Fr::from_u64(i));
      return Status::ok();
    });
    if (!s.is_ok()) return s;
    return layouter.assign_region("products", [&](Region& region) {
      for (size_t i = 0; i < xs_.size(); ++i) {
        region.enable_selector(q_, i);
        Fr x = Fr::from_u64(out_of_range_ && i == tamper_row_ ? 256 + xs_[i] : xs_[i]);
        Fr y = Fr::from_u64(i + 3), z = Fr::from_u64(2 * i + 1);
        Fr w = x * y * z;
        if (!out_of_range_ && i == tamper_row_) w += Fr::one();
        region.assign_advice(cols_[0], i, Value::known(x));
        region.assign_advice(cols_[1], i, Value::known(y));
        region.assign_advice(cols_[2], i, Value::known(z));
        region.assign_advice(cols_[3], i, Value::known(w));
      }
      return Status::ok();
    });
  }

 private:
  std::vector<uint64_t> xs_;
  size_t tamper_row_;
  bool out_of_range_;
  AdviceColumn cols_[4];
  FixedColumn table_;
  Selector q_;
};

// A second-phase running sum: acc[i+1] = acc[i]·γ + v[i] with γ a challenge
// drawn after the phase-0 column v is committed (a polynomial hash of v).
class ChallengeAccumulatorCircuit : public Circuit {
 public:
  ChallengeAccumulatorCircuit(std::vector<uint64_t> values, bool tamper = false)
      : values_(std::move(values)), tamper_(tamper) {}

  void configure(ConstraintSystem& cs) override {
    v_ = cs.advice_column(0);
    acc_ = cs.advice_column(1);
    gamma_ = cs.challenge_usable_after(0);
    s_ = cs.selector();
    first_ = cs.selector();
    cs.create_gate("accumulate", {s_.expr() * (acc_.next() - acc_.cur() * gamma_.expr() - v_.cur())});
    cs.create_gate("start at zero", {first_.expr() * acc_.cur()});
  }

  Status synthesize(Layouter& layouter) const override {
    return layouter.assign_region("accumulator", [&](Region& region) {
      Value gamma = region.challenge(gamma_);
      Value acc = Value::known(0);
      region.enable_selector(first_, 0);
      region.assign_advice(acc_, 0, acc);
      for (size_t i = 0; i < values_.size(); ++i) {
        region.enable_selector(s_, i);
        Value v = Value::known(Fr::from_u64(values_[i]));
        region.assign_advice(v_, i, v);
        acc = acc * gamma + v;
        if (tamper_ && i + 1 == values_.size()) acc = acc + Value::known(1);
        region.assign_advice(acc_, i + 1, acc);
      }
      return Status::ok();
    });
  }

 private:
  std::vector<uint64_t> values_;
  bool tamper_;
  AdviceColumn v_, acc_;
  Challenge gamma_;
  Selector s_, first_;
};

}  // namespace zkfl::plonk::test
