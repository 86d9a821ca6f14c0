// The proof system's reference circuit for benchmarks: 4 advice columns, one
// degree-3 custom gate q·(a·b + c − d) = 0, a lookup of a into a 2^8 table,
// and a copy constraint per row chaining d into the next row's b. It fills
// every usable row of a 2^k domain.
#pragma once

#include "plonk/base/random.hpp"
#include "plonk/circuit/layouter.hpp"

namespace zkfl::plonk::bench {

class ReferenceCircuit : public Circuit {
 public:
  // `rows` rows of witness, derived from `seed`.
  ReferenceCircuit(size_t rows, uint64_t seed) : rows_(rows), seed_(seed) {}

  void configure(ConstraintSystem& cs) override {
    a_ = cs.advice_column();
    b_ = cs.advice_column();
    c_ = cs.advice_column();
    d_ = cs.advice_column();
    q_ = cs.selector();
    table_ = cs.fixed_column();
    cs.enable_equality(b_.column);
    cs.enable_equality(d_.column);
    cs.create_gate("mul-add", {q_.expr() * (a_.cur() * b_.cur() + c_.cur() - d_.cur())});
    cs.lookup("byte", {a_.cur()}, {table_.cur()});
  }

  Status synthesize(Layouter& layouter) const override {
    return layouter.assign_region("reference", [&](Region& region) {
      for (size_t i = 0; i < 256 && i < rows_; ++i) region.assign_fixed(table_, i, Fr::from_u64(i));
      DeterministicRng rng(seed_);
      AssignedCell previous_d;
      for (size_t i = 0; i < rows_; ++i) {
        region.enable_selector(q_, i);
        const Fr a = Fr::from_u64(rng.next_u64() & 0xff);
        const Fr c = Fr::random(rng);
        AssignedCell b = i == 0 ? region.assign_advice(b_, i, Value::known(Fr::random(rng)))
                                : region.copy_advice(previous_d, b_, i);
        region.assign_advice(a_, i, Value::known(a));
        region.assign_advice(c_, i, Value::known(c));
        previous_d = region.assign_advice(d_, i, Value::known(a * b.value.get() + c));
      }
      return Status::ok();
    });
  }

 private:
  size_t rows_;
  uint64_t seed_;
  AdviceColumn a_, b_, c_, d_;
  Selector q_;
  FixedColumn table_;
};

}  // namespace zkfl::plonk::bench
