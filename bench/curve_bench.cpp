// G1/G2 scalar multiplication and the G2 subgroup test. Each iteration takes
// a fresh random scalar (from a pre-drawn pool) and a fixed random base point
// in Jacobian form with Z ≠ 1, as MSM and verifier code would hand them in.
#include <benchmark/benchmark.h>

#include <vector>

#include "plonk/curve/point_encoding.hpp"
#include "plonk/curve/scalar_mul.hpp"
#include "plonk/curve/subgroup.hpp"

namespace zkfl::plonk {
namespace {

constexpr size_t kPool = 256;

std::vector<Fr> random_scalars(uint64_t seed) {
  DeterministicRng rng(seed);
  std::vector<Fr> out;
  for (size_t i = 0; i < kPool; ++i) out.push_back(Fr::random(rng));
  return out;
}

template <class Point>
Point random_base(uint64_t seed) {
  DeterministicRng rng(seed);
  // [s]G + G: a point with a non-trivial Z.
  return Point::generator().mul_double_and_add(Fr::random(rng).to_canonical()) + Point::generator();
}

template <class Point, class Mul>
void scalar_mul_bench(benchmark::State& state, Mul mul) {
  const Point base = random_base<Point>(1);
  const std::vector<Fr> scalars = random_scalars(2);
  size_t i = 0;
  for (auto _ : state) {
    Point r = mul(base, scalars[i++ % kPool]);
    benchmark::DoNotOptimize(r);
  }
}

void BM_G1ScalarMul(benchmark::State& state) {
  scalar_mul_bench<G1>(state, [](const G1& p, const Fr& k) { return p * k; });
}
void BM_G2ScalarMul(benchmark::State& state) {
  scalar_mul_bench<G2>(state, [](const G2& p, const Fr& k) { return p * k; });
}
void BM_G1ScalarMulWnaf(benchmark::State& state) {
  scalar_mul_bench<G1>(state, [](const G1& p, const Fr& k) { return mul_wnaf(p, k.to_canonical()); });
}
void BM_G2ScalarMulWnaf(benchmark::State& state) {
  scalar_mul_bench<G2>(state, [](const G2& p, const Fr& k) { return mul_wnaf(p, k.to_canonical()); });
}
void BM_G1ScalarMulSecret(benchmark::State& state) {
  scalar_mul_bench<G1>(state, [](const G1& p, const Fr& k) { return mul_secret(p, k); });
}
void BM_G2ScalarMulSecret(benchmark::State& state) {
  scalar_mul_bench<G2>(state, [](const G2& p, const Fr& k) { return mul_secret(p, k); });
}

void BM_G2SubgroupCheck(benchmark::State& state) {
  const G2Affine p = random_base<G2>(3).to_affine();
  for (auto _ : state) {
    bool in = is_in_subgroup(p);
    benchmark::DoNotOptimize(in);
  }
}

void BM_G1DecodeCompressed(benchmark::State& state) {
  const auto bytes = encode_compressed(random_base<G1>(4).to_affine());
  for (auto _ : state) {
    auto p = decode_g1_compressed(bytes);
    benchmark::DoNotOptimize(p);
  }
}
void BM_G2DecodeCompressed(benchmark::State& state) {
  const auto bytes = encode_compressed(random_base<G2>(5).to_affine());
  for (auto _ : state) {
    auto p = decode_g2_compressed(bytes);
    benchmark::DoNotOptimize(p);
  }
}

BENCHMARK(BM_G1ScalarMul)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G2ScalarMul)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G1ScalarMulWnaf)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G2ScalarMulWnaf)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G1ScalarMulSecret)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G2ScalarMulSecret)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G2SubgroupCheck)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G1DecodeCompressed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_G2DecodeCompressed)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace zkfl::plonk
