// MSM against independent references: the naive Σ k_i·P_i by double-and-add
// for small inputs, and for larger ones bases with known discrete logs
// (P_i = a_i·G, so Σ k_i·P_i = (Σ k_i·a_i)·G with the sum taken in Fr).
// Every window width, both bucket modes and both thread splits are forced
// at least once; edge inputs target the special cases of affine addition.
#include <gtest/gtest.h>

#include <vector>

#include "plonk/curve/msm.hpp"
#include "plonk/curve/msm_batch_affine.hpp"
#include "plonk/curve/msm_bucket_reduce.hpp"
#include "plonk/curve/msm_digits.hpp"
#include "plonk/curve/msm_xyzz.hpp"

namespace zkfl::plonk {
namespace {

G1 naive_msm(std::span<const G1Affine> bases, std::span<const Fr> scalars) {
  G1 sum = G1::identity();
  for (size_t i = 0; i < bases.size(); ++i) sum += G1(bases[i]).mul_double_and_add(scalars[i].to_canonical());
  return sum;
}

// Bases with known discrete logs, built by a random walk: P_i = P_{i−1} + Q_t
// for a random step t out of a small table Q_t = b_t·G, so a_i = a_{i−1} + b_t.
struct KnownLogBases {
  std::vector<G1Affine> bases;
  std::vector<Fr> logs;
};

KnownLogBases known_log_bases(size_t n, Rng& rng) {
  constexpr size_t kSteps = 32;
  std::vector<Fr> step_logs(kSteps);
  std::vector<G1Affine> steps(kSteps);
  for (size_t t = 0; t < kSteps; ++t) {
    step_logs[t] = Fr::random(rng);
    steps[t] = G1::generator().mul_double_and_add(step_logs[t].to_canonical()).to_affine();
  }
  KnownLogBases out;
  out.logs.resize(n);
  std::vector<G1> points(n);
  G1 acc = G1::identity();
  Fr log = Fr::zero();
  for (size_t i = 0; i < n; ++i) {
    size_t t = rng.next_u64() % kSteps;
    acc += steps[t];
    log += step_logs[t];
    points[i] = acc;
    out.logs[i] = log;
  }
  out.bases = G1::batch_to_affine(points);
  return out;
}

G1 known_log_msm(const KnownLogBases& kb, std::span<const Fr> scalars) {
  Fr sum = Fr::zero();
  for (size_t i = 0; i < scalars.size(); ++i) {
    if (!kb.bases[i].is_identity()) sum += scalars[i] * kb.logs[i];
  }
  return G1::generator().mul_double_and_add(sum.to_canonical());
}

std::vector<Fr> random_scalars(size_t n, Rng& rng) {
  std::vector<Fr> s(n);
  for (Fr& x : s) x = Fr::random(rng);
  return s;
}

std::vector<G1Affine> random_bases(size_t n, Rng& rng) {
  return known_log_bases(n, rng).bases;
}

// Every configuration worth forcing: both bucket modes × both splits.
std::vector<MsmOptions> all_modes(unsigned window_bits) {
  std::vector<MsmOptions> out;
  for (MsmBucketMode mode : {MsmBucketMode::kBatchAffine, MsmBucketMode::kXyzz}) {
    for (MsmSplit split : {MsmSplit::kWindows, MsmSplit::kPoints}) {
      MsmOptions o;
      o.window_bits = window_bits;
      o.bucket_mode = mode;
      o.split = split;
      out.push_back(o);
    }
  }
  return out;
}

TEST(MsmDigits, ReconstructTheScalarWithinTheSignedRange) {
  DeterministicRng rng(1);
  std::vector<Fr> scalars = random_scalars(200, rng);
  scalars.push_back(Fr::zero());
  scalars.push_back(Fr::one());
  scalars.push_back(-Fr::one());                        // r − 1
  scalars.push_back(-Fr::from_u64(2));                  // r − 2
  scalars.push_back(Fr::from_u64(2).pow(253));          // the top bit
  scalars.push_back(Fr::from_u64(2).pow(128) - Fr::one());
  ThreadPool pool(2);
  for (unsigned c = kMsmMinWindowBits; c <= kMsmMaxWindowBits; ++c) {
    MsmDigits digits(scalars, c, pool);
    ASSERT_EQ(digits.num_windows(), msm_num_windows(c));
    const int half = 1 << (c - 1);
    const Fr radix = Fr::from_u64(uint64_t{1} << c);
    for (size_t i = 0; i < scalars.size(); ++i) {
      Fr value = Fr::zero();
      for (unsigned w = digits.num_windows(); w-- > 0;) {
        const int d = digits.window(w)[i];
        ASSERT_GE(d, -half);
        ASSERT_LT(d, half);
        value = value * radix + Fr::from_i64(d);
      }
      EXPECT_EQ(value, scalars[i]) << "c = " << c << ", scalar " << i;
    }
  }
}

TEST(MsmDigits, WindowCountsCoverTheScalarField) {
  // c·W must hold r − 1 plus the digit offset: ⌈254/c⌉ windows, or one more.
  EXPECT_EQ(msm_num_windows(16), 16u);
  EXPECT_EQ(msm_num_windows(13), 20u);
  EXPECT_EQ(msm_num_windows(12), 22u);
  for (unsigned c = kMsmMinWindowBits; c <= kMsmMaxWindowBits; ++c) {
    unsigned w = msm_num_windows(c);
    EXPECT_GE(c * w, 254u);
    EXPECT_LE(c * (w - 1), 255u);
  }
}

TEST(Msm, MatchesNaiveSumForManySizes) {
  DeterministicRng rng(2);
  ThreadPool pool(2);
  std::vector<size_t> sizes{0, 1, 2, 3, 7, 64, 255, 1000};
  for (int i = 0; i < 3; ++i) sizes.push_back(1 + rng.next_u64() % 1500);
  for (size_t n : sizes) {
    std::vector<G1Affine> bases = random_bases(n, rng);
    std::vector<Fr> scalars = random_scalars(n, rng);
    EXPECT_EQ(msm(bases, scalars, pool), naive_msm(bases, scalars)) << "n = " << n;
  }
}

TEST(Msm, MatchesKnownLogReferenceForLargerSizes) {
  DeterministicRng rng(3);
  ThreadPool pool(2);
  std::vector<size_t> sizes{4999, 5000};
  for (int i = 0; i < 2; ++i) sizes.push_back(1500 + rng.next_u64() % 3500);
  for (size_t n : sizes) {
    KnownLogBases kb = known_log_bases(n, rng);
    std::vector<Fr> scalars = random_scalars(n, rng);
    EXPECT_EQ(msm(kb.bases, scalars, pool), known_log_msm(kb, scalars)) << "n = " << n;
  }
}

TEST(Msm, KnownLogReferenceAgreesWithNaiveSum) {
  // The cheap reference itself, checked against the naive one.
  DeterministicRng rng(4);
  KnownLogBases kb = known_log_bases(50, rng);
  std::vector<Fr> scalars = random_scalars(50, rng);
  EXPECT_EQ(known_log_msm(kb, scalars), naive_msm(kb.bases, scalars));
}

TEST(Msm, EveryWindowWidthBucketModeAndSplit) {
  DeterministicRng rng(5);
  ThreadPool pool(2);
  // Enough points that the batch-affine path runs full batches and its queue.
  const size_t n = 1500;
  KnownLogBases kb = known_log_bases(n, rng);
  std::vector<Fr> scalars = random_scalars(n, rng);
  const G1 expected = known_log_msm(kb, scalars);
  for (unsigned c = kMsmMinWindowBits; c <= kMsmMaxWindowBits; ++c) {
    for (const MsmOptions& o : all_modes(c)) {
      EXPECT_EQ(msm_pippenger(kb.bases, scalars, pool, o), expected)
          << "c = " << c << ", mode " << static_cast<int>(o.bucket_mode) << ", split " << static_cast<int>(o.split);
    }
  }
}

TEST(Msm, PlansAreInRangeAndGrowWithN) {
  // Every planned c is one of the widths forced above, and larger inputs
  // never get narrower windows.
  for (size_t threads : {1, 2, 8}) {
    unsigned previous = 0;
    for (size_t n = 1; n < (size_t{1} << 28); n = n * 3 / 2 + 1) {
      const MsmPlan plan = msm_plan(n, threads);
      EXPECT_GE(plan.window_bits, kMsmMinWindowBits);
      EXPECT_LE(plan.window_bits, kMsmMaxWindowBits);
      EXPECT_GE(plan.window_bits, previous) << "n = " << n;
      EXPECT_TRUE(plan.split == MsmSplit::kWindows || plan.split == MsmSplit::kPoints);
      if (threads == 1) {
        EXPECT_EQ(plan.split, MsmSplit::kWindows);
      }
      previous = plan.window_bits;
    }
  }
  EXPECT_EQ(msm_plan(1000, 2, 7).window_bits, 7u);
}

TEST(Msm, SmallBatchesForceQueueAndDoubling) {
  // Tiny batches and few buckets: most points meet a busy bucket.
  DeterministicRng rng(6);
  ThreadPool pool(1);
  const size_t n = 1200;
  KnownLogBases kb = known_log_bases(n, rng);
  std::vector<Fr> scalars = random_scalars(n, rng);
  const G1 expected = known_log_msm(kb, scalars);
  for (size_t batch : {1, 2, 7, 64}) {
    for (unsigned c : {4u, 10u}) {
      MsmOptions o;
      o.window_bits = c;
      o.bucket_mode = MsmBucketMode::kBatchAffine;
      o.batch_size = batch;
      EXPECT_EQ(msm_pippenger(kb.bases, scalars, pool, o), expected) << "batch " << batch << ", c = " << c;
    }
  }
}

TEST(Msm, MultiThreadEqualsSingleThread) {
  DeterministicRng rng(7);
  ThreadPool one(1), two(2), three(3);
  for (size_t n : {5, 700, 4096}) {
    std::vector<G1Affine> bases = random_bases(n, rng);
    std::vector<Fr> scalars = random_scalars(n, rng);
    const G1 single = msm(bases, scalars, one);
    EXPECT_EQ(msm(bases, scalars, two), single) << "n = " << n;
    EXPECT_EQ(msm(bases, scalars, three), single) << "n = " << n;
    MsmOptions by_points;
    by_points.split = MsmSplit::kPoints;
    EXPECT_EQ(msm_pippenger(bases, scalars, two, by_points), single) << "n = " << n;
    EXPECT_EQ(msm_pippenger(bases, scalars, three, by_points), single) << "n = " << n;
  }
}

// Runs the default msm and every forced mode at two widths against `expected`.
void expect_all_paths(std::span<const G1Affine> bases, std::span<const Fr> scalars, const G1& expected,
                      const char* what) {
  ThreadPool pool(2);
  EXPECT_EQ(msm(bases, scalars, pool), expected) << what << " (default)";
  for (unsigned c : {5u, 11u}) {
    for (const MsmOptions& o : all_modes(c)) {
      EXPECT_EQ(msm_pippenger(bases, scalars, pool, o), expected)
          << what << ", c = " << c << ", mode " << static_cast<int>(o.bucket_mode);
    }
  }
}

TEST(MsmEdgeCases, EmptyAndSinglePoint) {
  ThreadPool pool(2);
  EXPECT_TRUE(msm({}, {}, pool).is_identity());
  DeterministicRng rng(8);
  std::vector<G1Affine> p = random_bases(1, rng);
  for (Fr k : {Fr::zero(), Fr::one(), -Fr::one(), Fr::random(rng)}) {
    std::vector<Fr> s{k};
    expect_all_paths(p, s, G1(p[0]).mul_double_and_add(k.to_canonical()), "single point");
  }
}

TEST(MsmEdgeCases, AllZeroScalarsGiveTheIdentity) {
  DeterministicRng rng(9);
  std::vector<G1Affine> bases = random_bases(2000, rng);
  std::vector<Fr> scalars(bases.size(), Fr::zero());
  expect_all_paths(bases, scalars, G1::identity(), "all-zero scalars");
}

TEST(MsmEdgeCases, ScalarsOneAndMinusOne) {
  DeterministicRng rng(10);
  std::vector<G1Affine> bases = random_bases(1200, rng);
  G1 sum = G1::identity();
  for (const G1Affine& p : bases) sum += p;
  std::vector<Fr> ones(bases.size(), Fr::one());
  expect_all_paths(bases, ones, sum, "all scalars 1");
  std::vector<Fr> minus_ones(bases.size(), -Fr::one());
  expect_all_paths(bases, minus_ones, -sum, "all scalars r - 1");
}

TEST(MsmEdgeCases, RepeatedIdenticalPoints) {
  // Every addition lands on equal x coordinates: doubling and P + (−P).
  DeterministicRng rng(11);
  const G1Affine p = random_bases(1, rng)[0];
  std::vector<G1Affine> bases(1500, p);
  std::vector<Fr> scalars = random_scalars(bases.size(), rng);
  Fr total = Fr::zero();
  for (const Fr& k : scalars) total += k;
  expect_all_paths(bases, scalars, G1(p).mul_double_and_add(total.to_canonical()), "identical points");
  // Identical points with identical scalars: every bucket addition doubles.
  std::vector<Fr> same(bases.size(), Fr::from_u64(0xdeadbeef));
  expect_all_paths(bases, same, G1(p).mul_double_and_add((Fr::from_u64(0xdeadbeef) * Fr::from_u64(1500)).to_canonical()),
                   "identical points and scalars");
}

TEST(MsmEdgeCases, PointsWithTheirNegatives) {
  DeterministicRng rng(12);
  std::vector<G1Affine> half = random_bases(800, rng);
  std::vector<Fr> half_scalars = random_scalars(half.size(), rng);
  std::vector<G1Affine> bases;
  std::vector<Fr> scalars;
  for (size_t i = 0; i < half.size(); ++i) {
    bases.push_back(half[i]);
    scalars.push_back(half_scalars[i]);
    bases.push_back(-half[i]);
    scalars.push_back(half_scalars[i]);  // k·P + k·(−P) = O
  }
  expect_all_paths(bases, scalars, G1::identity(), "P and -P with equal scalars");
  // k·P + (r − k)·P = O, although the digits of r − k are not those of k negated.
  for (size_t i = 1; i < scalars.size(); i += 2) {
    bases[i] = half[i / 2];
    scalars[i] = -half_scalars[i / 2];
  }
  expect_all_paths(bases, scalars, G1::identity(), "k and -k on the same point");
  // P and −P with unrelated scalars (k and 2k), against the naive sum.
  for (size_t i = 1; i < scalars.size(); i += 2) {
    bases[i] = -half[i / 2];
    scalars[i] = half_scalars[i / 2].doubled();
  }
  expect_all_paths(bases, scalars, naive_msm(bases, scalars), "P and -P with unrelated scalars");
}

TEST(MsmEdgeCases, PointsAtInfinityAmongTheBases) {
  DeterministicRng rng(13);
  KnownLogBases kb = known_log_bases(1500, rng);
  for (size_t i = 0; i < kb.bases.size(); i += 3) kb.bases[i] = G1Affine::identity();
  // An identity point whose coordinates are not zero must still count as O.
  kb.bases[1] = G1Affine(Fq::from_u64(5), Fq::from_u64(7));
  kb.bases[1].infinity = true;
  std::vector<Fr> scalars = random_scalars(kb.bases.size(), rng);
  expect_all_paths(kb.bases, scalars, known_log_msm(kb, scalars), "bases at infinity");
  std::vector<G1Affine> all_identity(900, G1Affine::identity());
  std::vector<Fr> s = random_scalars(all_identity.size(), rng);
  expect_all_paths(all_identity, s, G1::identity(), "only bases at infinity");
}

TEST(MsmEdgeCases, ManyPointsInTheSameBucket) {
  DeterministicRng rng(14);
  KnownLogBases kb = known_log_bases(5000, rng);
  // One non-zero digit shared by all points (then 0/1 scalars, as in
  // selector columns): every window sends all points to one bucket.
  for (uint64_t value : {uint64_t{1}, uint64_t{5}, uint64_t{1} << 40}) {
    std::vector<Fr> scalars(kb.bases.size(), Fr::from_u64(value));
    expect_all_paths(kb.bases, scalars, known_log_msm(kb, scalars), "equal scalars");
  }
  std::vector<Fr> bits(kb.bases.size());
  for (Fr& b : bits) b = Fr::from_u64(rng.next_u64() & 1);
  expect_all_paths(kb.bases, bits, known_log_msm(kb, bits), "0/1 scalars");
  // Small scalars crowd the low buckets of the lowest window.
  std::vector<Fr> small(kb.bases.size());
  for (Fr& b : small) b = Fr::from_u64(rng.next_u64() % 9);
  expect_all_paths(kb.bases, small, known_log_msm(kb, small), "small scalars");
}

TEST(MsmEdgeCases, ScalarsAtWindowBoundaries) {
  // Values whose signed digits hit −2^(c−1) and produce carries in every window.
  DeterministicRng rng(15);
  std::vector<Fr> scalars;
  for (unsigned k = 0; k < 254; k += 7) {
    scalars.push_back(Fr::from_u64(2).pow(k));
    scalars.push_back(Fr::from_u64(2).pow(k) - Fr::one());
    scalars.push_back(-Fr::from_u64(2).pow(k));
  }
  scalars.push_back((-Fr::one()) * Fr::from_u64(2).inverse());  // (r − 1)/2
  KnownLogBases kb = known_log_bases(scalars.size(), rng);
  const G1 expected = known_log_msm(kb, scalars);
  ThreadPool pool(2);
  for (unsigned c = kMsmMinWindowBits; c <= kMsmMaxWindowBits; ++c) {
    MsmOptions o;
    o.window_bits = c;
    EXPECT_EQ(msm_pippenger(kb.bases, scalars, pool, o), expected) << "c = " << c;
  }
}

TEST(MsmBackendInterface, CpuMsmThroughTheBaseClass) {
  DeterministicRng rng(16);
  ThreadPool pool(2);
  KnownLogBases kb = known_log_bases(300, rng);
  std::vector<Fr> scalars = random_scalars(kb.bases.size(), rng);
  CpuMsm cpu(pool);
  MsmBackend& backend = cpu;
  EXPECT_EQ(backend.msm(kb.bases, scalars), known_log_msm(kb, scalars));
  EXPECT_TRUE(backend.msm({}, {}).is_identity());
}

TEST(MsmBatchAffineBuckets, SumsEachBucketIncludingSpecialCases) {
  // Direct check of the accumulator: bucket b gets points i ≡ b (mod 4),
  // plus doublings (same point twice) and cancellations (P then −P).
  DeterministicRng rng(17);
  std::vector<G1Affine> pts = random_bases(400, rng);
  MsmBatchAffineBuckets acc(4, 8);
  std::vector<G1> expected(4, G1::identity());
  for (size_t i = 0; i < pts.size(); ++i) {
    const uint32_t b = static_cast<uint32_t>(i % 4);
    acc.add(b, pts[i].x, pts[i].y);
    expected[b] += pts[i];
    if (i % 5 == 0) {  // the same point again
      acc.add(b, pts[i].x, pts[i].y);
      expected[b] += pts[i];
    }
  }
  acc.finish();
  for (uint32_t b = 0; b < 4; ++b) {
    G1 got = G1::identity();
    const MsmAffineBucket& bucket = acc.buckets()[b];
    if (!bucket.is_empty()) got += G1Affine(bucket.x, bucket.y);
    if (!acc.overflow().empty()) got += acc.overflow()[b].to_jacobian();
    EXPECT_EQ(got, expected[b]) << "bucket " << b;
  }
}

// Σ_{m=1}^{M} m·B_m straight from the definition.
G1 weighted_bucket_sum(const std::vector<G1Affine>& buckets) {
  G1 sum = G1::identity();
  for (size_t m = 0; m < buckets.size(); ++m) sum += G1(buckets[m]).mul_double_and_add(U256{m + 1, 0, 0, 0});
  return sum;
}

std::vector<MsmAffineBucket> to_buckets(const std::vector<G1Affine>& points) {
  std::vector<MsmAffineBucket> out(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].infinity) out[i] = MsmAffineBucket{points[i].x, points[i].y};
  }
  return out;
}

TEST(MsmBucketReduce, BatchedChainsMatchTheDefinition) {
  DeterministicRng rng(21);
  std::vector<G1Affine> pool_points = random_bases(16, rng);
  MsmBucketReducer reducer(512);
  // Sizes that split evenly and unevenly into segments, and contents that
  // make chains double (equal sums), cancel (opposite sums) or stay empty.
  for (size_t m : {1, 2, 3, 8, 63, 64, 100, 509, 1024, 1500}) {
    for (int pattern = 0; pattern < 4; ++pattern) {
      std::vector<G1Affine> points(m);
      for (size_t i = 0; i < m; ++i) {
        const G1Affine& p = pool_points[rng.next_u64() % pool_points.size()];
        switch (pattern) {
          case 0: points[i] = p; break;                                       // few distinct points
          case 1: points[i] = (i % 3 == 0) ? G1Affine::identity() : p; break;  // empties
          case 2: points[i] = (i % 2 == 0) ? pool_points[0] : -pool_points[0]; break;  // ±P
          default: points[i] = pool_points[1]; break;                         // all equal
        }
      }
      std::vector<MsmAffineBucket> buckets = to_buckets(points);
      const G1 expected = weighted_bucket_sum(points);
      EXPECT_EQ(reducer.reduce(buckets, {}).to_jacobian(), expected) << "M = " << m << ", pattern " << pattern;
      for (const MsmAffineBucket& b : buckets) EXPECT_TRUE(b.is_empty());
      std::vector<MsmAffineBucket> again = to_buckets(points);
      EXPECT_EQ(msm_reduce_affine_buckets(again).to_jacobian(), expected) << "M = " << m;
    }
  }
}

TEST(MsmBucketReduce, IncludesOverflowSums) {
  DeterministicRng rng(22);
  std::vector<G1Affine> points = random_bases(300, rng);
  std::vector<G1Affine> extra = random_bases(300, rng);
  std::vector<MsmAffineBucket> buckets = to_buckets(points);
  std::vector<MsmXyzz> overflow(points.size());
  std::vector<G1Affine> combined(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    if (i % 7 == 0) {
      overflow[i].add_affine(extra[i]);
      combined[i] = (G1(points[i]) + extra[i]).to_affine();
    } else {
      combined[i] = points[i];
    }
  }
  MsmBucketReducer reducer(64);
  EXPECT_EQ(reducer.reduce(buckets, overflow).to_jacobian(), weighted_bucket_sum(combined));
  for (const MsmXyzz& o : overflow) EXPECT_TRUE(o.is_identity());
  std::vector<MsmXyzz> xyzz(points.size());
  for (size_t i = 0; i < points.size(); ++i) xyzz[i].add_affine(combined[i]);
  EXPECT_EQ(msm_reduce_xyzz_buckets(xyzz).to_jacobian(), weighted_bucket_sum(combined));
}

TEST(MsmXyzz, AgreesWithJacobianArithmeticIncludingSpecialCases) {
  DeterministicRng rng(19);
  std::vector<G1Affine> pts = random_bases(40, rng);
  MsmXyzz acc;
  G1 expected = G1::identity();
  EXPECT_TRUE(acc.to_jacobian().is_identity());
  for (size_t i = 0; i < pts.size(); ++i) {
    acc.add_affine(pts[i]);
    expected += pts[i];
    ASSERT_EQ(acc.to_jacobian(), expected) << "after point " << i;
    MsmXyzz copy = acc;
    acc.add(copy);  // doubling through add()
    expected = expected.doubled();
    ASSERT_EQ(acc.to_jacobian(), expected);
  }
  // P + P and P + (−P) with an affine addend.
  MsmXyzz single;
  single.add_affine(pts[0]);
  single.add_affine(pts[0]);
  EXPECT_EQ(single.to_jacobian(), G1(pts[0]).doubled());
  single.add_affine(-pts[0]);
  EXPECT_EQ(single.to_jacobian(), G1(pts[0]));
  single.add_affine(-pts[0]);
  EXPECT_TRUE(single.is_identity());
  single.add_affine(G1Affine::identity());
  EXPECT_TRUE(single.is_identity());
  // Q + (−Q) with both in XYZZ form, and identity operands.
  MsmXyzz q, minus_q, empty;
  q.add_affine(pts[1]);
  q.add_affine(pts[2]);
  minus_q.add_affine(-pts[2]);
  minus_q.add_affine(-pts[1]);
  MsmXyzz sum = q;
  sum.add(empty);
  EXPECT_EQ(sum.to_jacobian(), G1(pts[1]) + pts[2]);
  empty.add(q);
  EXPECT_EQ(empty.to_jacobian(), sum.to_jacobian());
  sum.add(minus_q);
  EXPECT_TRUE(sum.is_identity());
  MsmXyzz d = q;
  d.double_in_place();
  EXPECT_EQ(d.to_jacobian(), (G1(pts[1]) + pts[2]).doubled());
}

TEST(MsmDeathTest, MismatchedSizesAbort) {
  ThreadPool pool(1);
  DeterministicRng rng(18);
  std::vector<G1Affine> bases = random_bases(3, rng);
  std::vector<Fr> scalars = random_scalars(2, rng);
  EXPECT_DEATH(msm(bases, scalars, pool), "3 bases but 2 scalars");
}

}  // namespace
}  // namespace zkfl::plonk
