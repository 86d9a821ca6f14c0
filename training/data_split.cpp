#include "training/data_split.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "plonk/base/sha256.hpp"

namespace zkfl::training {
namespace {

// Uniform double in (0, 1): 53 random bits, offset by half a step so 0 never occurs.
double uniform_open(plonk::Rng& rng) {
  return (static_cast<double>(rng.next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

// Standard normal by the Box–Muller transform (one of the pair).
double standard_normal(plonk::Rng& rng) {
  const double u1 = uniform_open(rng);
  const double u2 = uniform_open(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating
// gamma variables"; for shape < 1, Gamma(shape + 1) · U^(1/shape).
double gamma_sample(double shape, plonk::Rng& rng) {
  if (shape < 1.0) return gamma_sample(shape + 1.0, rng) * std::pow(uniform_open(rng), 1.0 / shape);
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = 0;
    double v = 0;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform_open(rng);
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

// Dirichlet(α, …, α) of dimension k. When every Gamma draw underflows to 0
// (tiny α), the limit of the distribution is used: all mass on one uniform coordinate.
std::vector<double> dirichlet_sample(double alpha, int64_t k, plonk::Rng& rng) {
  std::vector<double> q(static_cast<size_t>(k));
  double sum = 0;
  for (double& v : q) sum += (v = gamma_sample(alpha, rng));
  if (sum > 0) {
    for (double& v : q) v /= sum;
  } else {
    std::fill(q.begin(), q.end(), 0.0);
    q[uniform_below(rng, static_cast<uint64_t>(k))] = 1.0;
  }
  return q;
}

// One Dirichlet draw of the partition (may leave a participant empty).
Partition dirichlet_draw(const std::vector<std::vector<int64_t>>& by_class, int64_t participants, double alpha,
                         plonk::Rng& rng) {
  Partition parts(static_cast<size_t>(participants));
  for (const auto& rows : by_class) {
    std::vector<int64_t> order = random_permutation(static_cast<int64_t>(rows.size()), rng);
    const std::vector<double> q = dirichlet_sample(alpha, participants, rng);
    const auto n = static_cast<double>(rows.size());
    double cumulative = 0;
    size_t begin = 0;
    for (int64_t p = 0; p < participants; ++p) {
      cumulative += q[static_cast<size_t>(p)];
      const size_t end = p + 1 == participants ? rows.size()
                                               : std::min(rows.size(), static_cast<size_t>(std::llround(n * cumulative)));
      for (size_t i = begin; i < std::max(begin, end); ++i) {
        parts[static_cast<size_t>(p)].push_back(rows[static_cast<size_t>(order[i])]);
      }
      begin = std::max(begin, end);
    }
  }
  for (auto& part : parts) std::sort(part.begin(), part.end());
  return parts;
}

}  // namespace

plonk::DeterministicRng seeded_rng(std::string_view purpose, uint64_t seed) {
  plonk::Sha256 h;
  h.update(purpose);
  h.update_be(seed, 8);
  const plonk::Sha256::Digest digest = h.finish();
  return plonk::DeterministicRng(std::span<const uint8_t, 32>(digest));
}

uint64_t uniform_below(plonk::Rng& rng, uint64_t n) {
  // Values below 2^64 mod n would make the low residues more likely: reject them.
  const uint64_t threshold = (0 - n) % n;
  uint64_t x = 0;
  do {
    x = rng.next_u64();
  } while (x < threshold);
  return x % n;
}

std::vector<int64_t> random_permutation(int64_t n, plonk::Rng& rng) {
  std::vector<int64_t> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), int64_t{0});
  for (int64_t i = n - 1; i >= 1; --i) {
    const auto j = static_cast<int64_t>(uniform_below(rng, static_cast<uint64_t>(i + 1)));
    std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(j)]);
  }
  return perm;
}

Result<TrainTestSplit> train_test_split(int64_t rows, uint64_t seed, double test_fraction) {
  if (!(test_fraction > 0 && test_fraction < 1)) return Status::error("the test fraction must be in (0, 1)");
  const auto test_rows = static_cast<int64_t>(std::llround(static_cast<double>(rows) * test_fraction));
  if (test_rows < 1 || test_rows >= rows) {
    return Status::error("cannot split " + std::to_string(rows) + " rows with a test fraction of " +
                         std::to_string(test_fraction) + ": both parts need at least one row");
  }
  plonk::DeterministicRng rng = seeded_rng("zkfl/train_test_split", seed);
  const std::vector<int64_t> perm = random_permutation(rows, rng);
  TrainTestSplit split;
  split.test.assign(perm.begin(), perm.begin() + test_rows);
  split.train.assign(perm.begin() + test_rows, perm.end());
  std::sort(split.test.begin(), split.test.end());
  std::sort(split.train.begin(), split.train.end());
  return split;
}

Result<Partition> partition_iid(int64_t rows, int64_t participants, uint64_t seed) {
  if (participants < 1 || participants > rows) {
    return Status::error("cannot give each of " + std::to_string(participants) + " participants a row of a dataset of " +
                         std::to_string(rows) + " rows; use between 1 and " + std::to_string(rows) + " participants");
  }
  plonk::DeterministicRng rng = seeded_rng("zkfl/partition_iid", seed);
  const std::vector<int64_t> perm = random_permutation(rows, rng);
  Partition parts(static_cast<size_t>(participants));
  for (size_t i = 0; i < perm.size(); ++i) parts[i % parts.size()].push_back(perm[i]);
  for (auto& part : parts) std::sort(part.begin(), part.end());
  return parts;
}

Result<Partition> partition_dirichlet(std::span<const int64_t> labels, int64_t num_classes, int64_t participants,
                                      double alpha, uint64_t seed) {
  const auto rows = static_cast<int64_t>(labels.size());
  if (participants < 1 || participants > rows) {
    return Status::error("cannot give each of " + std::to_string(participants) + " participants a row of a dataset of " +
                         std::to_string(rows) + " rows; use between 1 and " + std::to_string(rows) + " participants");
  }
  if (!(alpha > 0) || !std::isfinite(alpha)) return Status::error("the Dirichlet concentration α must be a positive number");
  if (num_classes < 1) return Status::error("the number of classes must be at least 1");
  std::vector<std::vector<int64_t>> by_class(static_cast<size_t>(num_classes));
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t y = labels[static_cast<size_t>(i)];
    if (y < 0 || y >= num_classes) {
      return Status::error("row " + std::to_string(i) + " has label " + std::to_string(y) + ", outside [0, " +
                           std::to_string(num_classes) + ")");
    }
    by_class[static_cast<size_t>(y)].push_back(i);
  }
  plonk::DeterministicRng rng = seeded_rng("zkfl/partition_dirichlet", seed);
  for (int draw = 0; draw < kMaxDirichletDraws; ++draw) {
    Partition parts = dirichlet_draw(by_class, participants, alpha, rng);
    if (std::none_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty(); })) return parts;
  }
  return Status::error("a Dirichlet(" + std::to_string(alpha) + ") partition over " + std::to_string(participants) +
                       " participants left one without rows in " + std::to_string(kMaxDirichletDraws) +
                       " draws; raise α or use fewer participants");
}

Result<std::vector<std::vector<int64_t>>> epoch_batches(int64_t rows, int64_t batch_size, int64_t epochs,
                                                        uint64_t seed) {
  if (batch_size < 1 || batch_size > rows) {
    return Status::error("batch size " + std::to_string(batch_size) + " must be in [1, " + std::to_string(rows) +
                         "], the number of training rows");
  }
  if (epochs < 1) return Status::error("the number of epochs must be at least 1");
  plonk::DeterministicRng rng = seeded_rng("zkfl/epoch_batches", seed);
  std::vector<std::vector<int64_t>> batches;
  for (int64_t e = 0; e < epochs; ++e) {
    const std::vector<int64_t> perm = random_permutation(rows, rng);
    for (int64_t start = 0; start + batch_size <= rows; start += batch_size) {
      batches.emplace_back(perm.begin() + start, perm.begin() + start + batch_size);
    }
  }
  return batches;
}

}  // namespace zkfl::training
