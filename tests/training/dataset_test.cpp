// Datasets: CSV loading and its errors, standardisation, quantization,
// batches, and the deterministic split, partitions and epoch batches.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unistd.h>

#include "training/data_split.hpp"
#include "training/dataset.hpp"

namespace zkfl::training {
namespace {

const std::string kDataDir = ZKFL_DATA_DIR;

// A CSV file in the temporary folder, removed when the test ends.
class TempCsv {
 public:
  explicit TempCsv(const std::string& content) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             ("zkfl_dataset_" + std::to_string(::getpid()) + "_" + info->name() + "_" + std::to_string(counter_++) + ".csv"))
                .string();
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempCsv() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// Loads `content` and expects an error whose message contains every one of `parts`.
void expect_load_error(const std::string& content, const CsvSchema& schema, const std::vector<std::string>& parts) {
  TempCsv file(content);
  const auto loaded = load_csv(file.path(), schema);
  ASSERT_FALSE(loaded.is_ok()) << "loaded without error:\n" << content;
  for (const auto& part : parts) EXPECT_NE(loaded.error().find(part), std::string::npos) << loaded.error();
}

std::map<int64_t, int64_t> class_counts(const std::vector<int64_t>& labels) {
  std::map<int64_t, int64_t> counts;
  for (int64_t y : labels) ++counts[y];
  return counts;
}

TEST(Dataset, BundledBreastCancerLoads) {
  const auto data = load_csv(kDataDir + "/breast_cancer.csv", CsvSchema{.num_classes = 2, .num_features = 30});
  ASSERT_TRUE(data.is_ok()) << data.error();
  EXPECT_EQ(data->rows, 569);
  EXPECT_EQ(data->features, 30);
  EXPECT_EQ(data->feature_names.front(), "mean_radius");
  EXPECT_EQ(data->feature_names.back(), "worst_fractal_dimension");
  EXPECT_DOUBLE_EQ(data->at(0, 0), 17.99);
  EXPECT_EQ(data->labels[0], 0);  // the first sample is malignant
  const auto counts = class_counts(data->labels);
  EXPECT_EQ(counts.at(0), 212);   // malignant
  EXPECT_EQ(counts.at(1), 357);   // benign
}

TEST(Dataset, BundledDigitsLoads) {
  const auto data = load_csv(kDataDir + "/digits.csv", CsvSchema{.num_classes = 10, .num_features = 64});
  ASSERT_TRUE(data.is_ok()) << data.error();
  EXPECT_EQ(data->rows, 1797);
  EXPECT_EQ(data->features, 64);
  EXPECT_EQ(data->feature_names[63], "pixel_63");
  const auto counts = class_counts(data->labels);
  ASSERT_EQ(counts.size(), 10u);
  for (const auto& [label, n] : counts) {
    EXPECT_GE(n, 174) << label;
    EXPECT_LE(n, 183) << label;
  }
  EXPECT_EQ(*std::min_element(data->x.begin(), data->x.end()), 0.0);
  EXPECT_EQ(*std::max_element(data->x.begin(), data->x.end()), 16.0);
}

TEST(Dataset, AcceptsCrlfSpacesAndTrailingBlankLines) {
  TempCsv file("a, b ,label\r\n1.5, -2e-1 ,1\r\n3,4,0\r\n\r\n\n");
  const auto data = load_csv(file.path(), CsvSchema{});
  ASSERT_TRUE(data.is_ok()) << data.error();
  EXPECT_EQ(data->rows, 2);
  EXPECT_EQ(data->feature_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(data->x, (std::vector<double>{1.5, -0.2, 3, 4}));
  EXPECT_EQ(data->labels, (std::vector<int64_t>{1, 0}));
}

TEST(Dataset, MalformedFilesAreRejectedWithTheirReason) {
  const CsvSchema schema{};
  expect_load_error("a,b,label\n1,2,0\n1,0\n", schema, {":3", "2 cells", "header has 3"});
  expect_load_error("a,b,label\n1,2,0\n1,2,0,4\n", schema, {":3", "4 cells"});
  expect_load_error("a,b,label\n1,x2,0\n", schema, {":2:2", "'x2'", "column 'b'", "not a number"});
  expect_load_error("a,b,label\n1,,0\n", schema, {":2:2", "empty"});
  expect_load_error("a,b,label\n1,nan,0\n", schema, {":2:2", "not a finite number"});
  expect_load_error("a,b,label\n1,2 3,0\n", schema, {":2:2", "not a number"});
  expect_load_error("", schema, {"empty", "header"});
  expect_load_error("\n1,2,0\n", schema, {":1", "header row is empty"});
  expect_load_error("a,b,label\n", schema, {"no data rows"});
  expect_load_error("a,b,label\n\n\n", schema, {"no data rows"});
  expect_load_error("a,b,label\n1,2,2\n", schema, {":2:3", "label '2'", "outside [0, 2)"});
  expect_load_error("a,b,label\n1,2,-1\n", schema, {":2:3", "outside [0, 2)"});
  expect_load_error("a,b,label\n1,2,1.0\n", schema, {":2:3", "not an integer"});
  expect_load_error("a,b,label\n1,2,1\n\n3,4,0\n", schema, {":3", "empty line"});
  expect_load_error("a,b,target\n1,2,1\n", schema, {":1:3", "'target'", "label column 'label'"});
  expect_load_error("a,,label\n1,2,1\n", schema, {":1:2", "empty column name"});
  expect_load_error("label\n1\n", schema, {":1", "at least one feature column"});
  expect_load_error("a,b,label\n1,2,1\n", CsvSchema{.num_features = 3}, {":1", "2 feature columns", "expects 3"});
  expect_load_error("a,label\n1,0\n2,1\n3,0\n", CsvSchema{.max_rows = 2}, {":4", "more than 2 data rows"});
}

TEST(Dataset, MissingFileAndBadSchemaAreErrors) {
  const auto missing = load_csv("/nonexistent/zkfl/none.csv", CsvSchema{});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.error().find("/nonexistent/zkfl/none.csv: no such file"), std::string::npos) << missing.error();
  const auto directory = load_csv(kDataDir, CsvSchema{});
  ASSERT_FALSE(directory.is_ok());
  EXPECT_NE(directory.error().find("not a regular file"), std::string::npos) << directory.error();
  TempCsv file("a,label\n1,0\n");
  EXPECT_FALSE(load_csv(file.path(), CsvSchema{.num_classes = 1}).is_ok());
  EXPECT_FALSE(load_csv(file.path(), CsvSchema{.max_rows = 0}).is_ok());
}

RawDataset toy_dataset() {
  // Feature 0: 1, 2, 3, 4; feature 1 constant 0.1; feature 2: 10 · feature 0 − 7.
  RawDataset d;
  d.rows = 4;
  d.features = 3;
  d.num_classes = 2;
  d.feature_names = {"a", "b", "c"};
  for (int r = 0; r < 4; ++r) {
    d.x.insert(d.x.end(), {r + 1.0, 0.1, 10.0 * (r + 1) - 7});
    d.labels.push_back(r % 2);
  }
  return d;
}

TEST(Standardizer, CentresAndScalesWithPopulationStatistics) {
  const RawDataset d = toy_dataset();
  const auto s = Standardizer::fit(d);
  ASSERT_TRUE(s.is_ok()) << s.error();
  EXPECT_DOUBLE_EQ(s->mean()[0], 2.5);
  EXPECT_DOUBLE_EQ(s->stddev()[0], std::sqrt(1.25));
  // A constant feature keeps scale 1 and maps to exactly 0.
  EXPECT_DOUBLE_EQ(s->mean()[1], 0.1);
  EXPECT_DOUBLE_EQ(s->stddev()[1], 1.0);
  const auto z = s->apply(d);
  ASSERT_TRUE(z.is_ok()) << z.error();
  for (int64_t f = 0; f < 3; ++f) {
    double mean = 0;
    double squares = 0;
    for (int64_t r = 0; r < 4; ++r) mean += z->at(r, f) / 4;
    for (int64_t r = 0; r < 4; ++r) squares += (z->at(r, f) - mean) * (z->at(r, f) - mean) / 4;
    EXPECT_NEAR(mean, 0.0, 1e-12) << f;
    EXPECT_NEAR(squares, f == 1 ? 0.0 : 1.0, 1e-12) << f;
  }
  for (int64_t r = 0; r < 4; ++r) {
    EXPECT_EQ(z->at(r, 1), 0.0);
    // An affine feature (positive factor) standardises to the same values.
    EXPECT_NEAR(z->at(r, 2), z->at(r, 0), 1e-12);
  }
  EXPECT_EQ(z->labels, d.labels);
}

TEST(Standardizer, UsesTheStatisticsOfTheRowsItWasFittedOn) {
  const RawDataset d = toy_dataset();
  const std::vector<int64_t> train{0, 1};
  const auto s = Standardizer::fit(d, train);
  ASSERT_TRUE(s.is_ok());
  EXPECT_DOUBLE_EQ(s->mean()[0], 1.5);
  EXPECT_DOUBLE_EQ(s->stddev()[0], 0.5);
  const auto z = s->apply(d);
  ASSERT_TRUE(z.is_ok());
  EXPECT_DOUBLE_EQ(z->at(3, 0), (4.0 - 1.5) / 0.5);  // a held-out row, with the training statistics
}

TEST(Standardizer, RejectsBadInputs) {
  const RawDataset d = toy_dataset();
  EXPECT_FALSE(Standardizer::fit(d, std::vector<int64_t>{}).is_ok());
  EXPECT_FALSE(Standardizer::fit(d, std::vector<int64_t>{0, 4}).is_ok());
  const auto s = Standardizer::fit(d);
  ASSERT_TRUE(s.is_ok());
  RawDataset narrower = d;
  narrower.features = 2;
  const auto applied = s->apply(narrower);
  ASSERT_FALSE(applied.is_ok());
  EXPECT_NE(applied.error().find("fitted on 3"), std::string::npos) << applied.error();
}

TEST(Dataset, QuantizesFeaturesAndGathersBatches) {
  RawDataset d = toy_dataset();
  d.x = {0.5, -0.5, 100, -0.001, 1.0 / 512, -100, 7.99, -8, 0, 1, 2, 3};
  const QuantizedDataset q = quantize_dataset(d);
  EXPECT_EQ(q.rows, 4);
  EXPECT_EQ(q.features, 3);
  EXPECT_EQ(q.num_classes, 2);
  EXPECT_EQ(q.x, (std::vector<int64_t>{128, -128, 2047, 0, 1, -2048, 2045, -2048, 0, 256, 512, 768}));
  const std::vector<int64_t> rows{3, 0, 3};
  const Batch b = gather_batch(q, rows);
  EXPECT_EQ(b.rows, 3);
  EXPECT_EQ(b.features, 3);
  EXPECT_EQ(b.x, (std::vector<int64_t>{256, 512, 768, 128, -128, 2047, 256, 512, 768}));
  EXPECT_EQ(b.labels, (std::vector<int64_t>{1, 0, 1}));
  const QuantizedDataset sub = select_rows(q, std::vector<int64_t>{1});
  EXPECT_EQ(sub.x, (std::vector<int64_t>{0, 1, -2048}));
  const RawDataset raw_sub = select_rows(d, std::vector<int64_t>{2});
  EXPECT_EQ(raw_sub.x, (std::vector<double>{7.99, -8, 0}));
  EXPECT_EQ(raw_sub.labels, (std::vector<int64_t>{0}));
}

// Every index in [0, n) in exactly one part, each part ascending.
void expect_exact_cover(const Partition& parts, int64_t n) {
  std::vector<int> seen(static_cast<size_t>(n), 0);
  for (const auto& part : parts) {
    EXPECT_TRUE(std::is_sorted(part.begin(), part.end()));
    for (int64_t i : part) {
      ASSERT_GE(i, 0);
      ASSERT_LT(i, n);
      ++seen[static_cast<size_t>(i)];
    }
  }
  for (int64_t i = 0; i < n; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], 1) << "row " << i;
}

TEST(DataSplit, UniformDrawsAndPermutations) {
  plonk::DeterministicRng rng(7);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 30000; ++i) ++counts[uniform_below(rng, 3)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
  std::vector<int64_t> perm = random_permutation(1000, rng);
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  for (int64_t i = 0; i < 1000; ++i) EXPECT_EQ(sorted[static_cast<size_t>(i)], i);
  EXPECT_NE(perm, sorted);
  // Each position is equally likely to hold any value: position 0 of a 4-permutation.
  std::vector<int> first(4, 0);
  for (int i = 0; i < 8000; ++i) ++first[static_cast<size_t>(random_permutation(4, rng)[0])];
  for (int c : first) EXPECT_NEAR(c, 2000, 200);
}

TEST(DataSplit, TrainTestSplitIsFixedDisjointAndComplete) {
  const auto a = train_test_split(569, 1);
  const auto b = train_test_split(569, 1);
  const auto c = train_test_split(569, 2);
  ASSERT_TRUE(a.is_ok() && b.is_ok() && c.is_ok());
  EXPECT_EQ(a->test.size(), 114u);  // round(569 · 0.2)
  EXPECT_EQ(a->train.size(), 455u);
  EXPECT_EQ(a->test, b->test);
  EXPECT_EQ(a->train, b->train);
  EXPECT_NE(a->test, c->test);
  expect_exact_cover({a->train, a->test}, 569);
  EXPECT_FALSE(train_test_split(1, 1).is_ok());
  EXPECT_FALSE(train_test_split(100, 1, 0.0).is_ok());
  EXPECT_FALSE(train_test_split(100, 1, 1.0).is_ok());
  // The seed is separated by purpose: the split's permutation is not the IID partition's.
  const auto iid = partition_iid(569, 5, 1);
  ASSERT_TRUE(iid.is_ok());
  EXPECT_NE(std::vector<int64_t>(a->test.begin(), a->test.begin() + 10),
            std::vector<int64_t>(iid->at(0).begin(), iid->at(0).begin() + 10));
}

TEST(DataSplit, IidPartitionIsBalancedDeterministicAndComplete) {
  const auto parts = partition_iid(103, 5, 9);
  ASSERT_TRUE(parts.is_ok()) << parts.error();
  ASSERT_EQ(parts->size(), 5u);
  expect_exact_cover(*parts, 103);
  for (const auto& p : *parts) {
    EXPECT_GE(p.size(), 20u);
    EXPECT_LE(p.size(), 21u);
  }
  EXPECT_EQ(*partition_iid(103, 5, 9), *parts);
  EXPECT_NE(*partition_iid(103, 5, 10), *parts);
  EXPECT_TRUE(partition_iid(5, 5, 1).is_ok());
  const auto too_many = partition_iid(5, 6, 1);
  ASSERT_FALSE(too_many.is_ok());
  EXPECT_NE(too_many.error().find("6 participants"), std::string::npos) << too_many.error();
  EXPECT_FALSE(partition_iid(5, 0, 1).is_ok());
}

// Mean over participants of the total-variation distance between their label
// distribution and the whole dataset's: 0 for identical mixes, near 1 for one class each.
double label_skew(const Partition& parts, const std::vector<int64_t>& labels, int64_t num_classes) {
  std::vector<double> global(static_cast<size_t>(num_classes), 0);
  for (int64_t y : labels) global[static_cast<size_t>(y)] += 1.0 / static_cast<double>(labels.size());
  double total = 0;
  for (const auto& part : parts) {
    std::vector<double> local(static_cast<size_t>(num_classes), 0);
    for (int64_t i : part) local[static_cast<size_t>(labels[static_cast<size_t>(i)])] += 1.0 / static_cast<double>(part.size());
    double tv = 0;
    for (int64_t k = 0; k < num_classes; ++k) tv += std::abs(local[static_cast<size_t>(k)] - global[static_cast<size_t>(k)]) / 2;
    total += tv;
  }
  return total / static_cast<double>(parts.size());
}

TEST(DataSplit, DirichletPartitionIsDeterministicCompleteAndSkewedForSmallAlpha) {
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < 1000; ++i) labels.push_back(i % 10);
  const auto skewed = partition_dirichlet(labels, 10, 8, 0.1, 3);
  const auto mild = partition_dirichlet(labels, 10, 8, 100.0, 3);
  const auto iid = partition_iid(1000, 8, 3);
  ASSERT_TRUE(skewed.is_ok()) << skewed.error();
  ASSERT_TRUE(mild.is_ok()) << mild.error();
  ASSERT_TRUE(iid.is_ok());
  expect_exact_cover(*skewed, 1000);
  expect_exact_cover(*mild, 1000);
  for (const auto& p : *skewed) EXPECT_FALSE(p.empty());
  EXPECT_EQ(*partition_dirichlet(labels, 10, 8, 0.1, 3), *skewed);
  EXPECT_NE(*partition_dirichlet(labels, 10, 8, 0.1, 4), *skewed);

  const double skew_small = label_skew(*skewed, labels, 10);
  const double skew_large = label_skew(*mild, labels, 10);
  const double skew_iid = label_skew(*iid, labels, 10);
  EXPECT_GT(skew_small, 0.5);  // most of a participant's rows come from a few classes
  EXPECT_LT(skew_large, 0.15);
  EXPECT_LT(skew_iid, 0.15);
  EXPECT_GT(skew_small, 3 * skew_iid);
}

TEST(DataSplit, DirichletPartitionErrors) {
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < 20; ++i) labels.push_back(i % 2);
  // With α this small each class goes to about one participant: 20 of them cannot all get a row.
  const auto impossible = partition_dirichlet(labels, 2, 20, 0.01, 1);
  ASSERT_FALSE(impossible.is_ok());
  EXPECT_NE(impossible.error().find("raise α or use fewer participants"), std::string::npos) << impossible.error();
  EXPECT_FALSE(partition_dirichlet(labels, 2, 21, 1.0, 1).is_ok());
  EXPECT_FALSE(partition_dirichlet(labels, 2, 2, 0.0, 1).is_ok());
  EXPECT_FALSE(partition_dirichlet(labels, 2, 2, std::nan(""), 1).is_ok());
  const auto bad_label = partition_dirichlet(labels, 1, 2, 1.0, 1);
  ASSERT_FALSE(bad_label.is_ok());
  EXPECT_NE(bad_label.error().find("row 1 has label 1"), std::string::npos) << bad_label.error();
}

TEST(DataSplit, EpochBatchesVisitEachRowOncePerEpoch) {
  const auto batches = epoch_batches(10, 3, 4, 5);
  ASSERT_TRUE(batches.is_ok()) << batches.error();
  ASSERT_EQ(batches->size(), 12u);  // floor(10 / 3) per epoch
  for (int64_t e = 0; e < 4; ++e) {
    std::set<int64_t> seen;
    for (int64_t b = 0; b < 3; ++b) {
      const auto& batch = (*batches)[static_cast<size_t>(e * 3 + b)];
      ASSERT_EQ(batch.size(), 3u);
      for (int64_t i : batch) {
        EXPECT_GE(i, 0);
        EXPECT_LT(i, 10);
        EXPECT_TRUE(seen.insert(i).second) << "row " << i << " twice in epoch " << e;
      }
    }
  }
  EXPECT_NE((*batches)[0], (*batches)[3]);  // epochs are shuffled afresh
  EXPECT_EQ(*epoch_batches(10, 3, 4, 5), *batches);
  EXPECT_NE(*epoch_batches(10, 3, 4, 6), *batches);
  EXPECT_FALSE(epoch_batches(10, 11, 1, 5).is_ok());
  EXPECT_FALSE(epoch_batches(10, 0, 1, 5).is_ok());
  EXPECT_FALSE(epoch_batches(10, 3, 0, 5).is_ok());
}

}  // namespace
}  // namespace zkfl::training
