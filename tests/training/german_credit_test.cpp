// The bundled German Credit data (data/german_credit.csv): it loads with the
// CSV loader, has the documented shape and class balance, every feature
// varies, and the integer training step learns from it: logistic regression
// and the banks' MLP beat the majority-class baseline on held-out rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "scalar_reference.hpp"
#include "training/data_split.hpp"
#include "training/dataset.hpp"

namespace zkfl::training {
namespace {

const std::string kCsv = std::string(ZKFL_DATA_DIR) + "/german_credit.csv";
constexpr int64_t kFeatures = 48;

Result<RawDataset> load() { return load_csv(kCsv, CsvSchema{.num_classes = 2, .num_features = kFeatures}); }

TEST(GermanCredit, LoadsWithTheDocumentedShape) {
  const auto data = load();
  ASSERT_TRUE(data.is_ok()) << data.error();
  EXPECT_EQ(data->rows, 1000);
  EXPECT_EQ(data->features, kFeatures);
  EXPECT_EQ(data->feature_names.front(), "Duration");
  EXPECT_EQ(data->feature_names.back(), "Job.Management.SelfEmp.HighlyQualified");
  // Label 1 = Bad: 300 of the 1000 applicants.
  EXPECT_EQ(std::count(data->labels.begin(), data->labels.end(), 1), 300);
  EXPECT_EQ(std::count(data->labels.begin(), data->labels.end(), 0), 700);
  // Statlog's first applicant: 6 months, 1169 DM, age 67, a good risk.
  EXPECT_EQ(data->at(0, 0), 6);
  EXPECT_EQ(data->at(0, 1), 1169);
  EXPECT_EQ(data->at(0, 4), 67);
  EXPECT_EQ(data->labels[0], 0);
}

TEST(GermanCredit, EveryFeatureVariesAndNoTwoAreEqual) {
  const auto data = load();
  ASSERT_TRUE(data.is_ok()) << data.error();
  std::set<std::vector<double>> columns;
  for (int64_t f = 0; f < data->features; ++f) {
    std::vector<double> column;
    for (int64_t r = 0; r < data->rows; ++r) column.push_back(data->at(r, f));
    EXPECT_GT(std::set<double>(column.begin(), column.end()).size(), 1u) << data->feature_names[f] << " is constant";
    EXPECT_TRUE(columns.insert(column).second) << data->feature_names[f] << " duplicates another column";
  }
}

// The integer forward pass: class 1 when the sigmoid logit is ≥ 0.
int64_t predict(const ModelShape& shape, const QuantizedModel& model, const QuantizedDataset& data, int64_t row) {
  std::vector<int64_t> a(data.x.begin() + row * data.features, data.x.begin() + (row + 1) * data.features);
  for (size_t l = 0; l < shape.num_layers(); ++l) {
    const auto& w = model.layers[l];
    std::vector<int64_t> z(static_cast<size_t>(w.cols));
    for (int64_t j = 0; j < w.cols; ++j) {
      int64_t u = kOne * w.at(w.rows - 1, j);
      for (int64_t i = 0; i + 1 < w.rows; ++i) u += a[static_cast<size_t>(i)] * w.at(i, j);
      z[static_cast<size_t>(j)] = round_shift(u, kFractionBits);
      if (l + 1 < shape.num_layers()) z[static_cast<size_t>(j)] = std::max<int64_t>(z[static_cast<size_t>(j)], 0);
    }
    a = std::move(z);
  }
  return a[0] >= 0 ? 1 : 0;
}

// Trains `shape` with the scalar integer step (B = 32, learning rate 0.25,
// `epochs` passes) from small deterministic weights; returns test accuracy.
double train_and_test(const ModelShape& shape, int64_t epochs) {
  const auto raw = load();
  EXPECT_TRUE(raw.is_ok()) << raw.error();
  const auto split = train_test_split(raw->rows, 1);
  const auto scaler = Standardizer::fit(*raw, split->train);
  const auto train = quantize_dataset(*scaler->apply(select_rows(*raw, split->train)));
  const auto test = quantize_dataset(*scaler->apply(select_rows(*raw, split->test)));

  QuantizedModel model = QuantizedModel::zeros(shape);
  auto rng = seeded_rng("german_credit_test/init", 1);
  for (auto& layer : model.layers) {
    for (int64_t i = 0; i + 1 < layer.rows; ++i) {
      for (int64_t j = 0; j < layer.cols; ++j) layer.at(i, j) = static_cast<int64_t>(uniform_below(rng, 65)) - 32;
    }
  }
  const Hyper hyper{.learning_rate_q = 64, .batch_size = 32, .local_steps = 1};
  const auto batches = epoch_batches(train.rows, hyper.batch_size, epochs, 1);
  for (const auto& batch : *batches) {
    std::vector<std::vector<int64_t>> x;
    std::vector<int64_t> y;
    for (int64_t r : batch) {
      x.emplace_back(train.x.begin() + r * train.features, train.x.begin() + (r + 1) * train.features);
      y.push_back(train.labels[static_cast<size_t>(r)]);
    }
    auto next = testing::scalar_step(shape, hyper, model, x, y);
    EXPECT_TRUE(next.has_value()) << "a value left its range";
    if (!next) return 0;
    model = std::move(*next);
  }
  int64_t correct = 0;
  for (int64_t r = 0; r < test.rows; ++r) correct += predict(shape, model, test, r) == test.labels[static_cast<size_t>(r)];
  return static_cast<double>(correct) / static_cast<double>(test.rows);
}

double majority_baseline() {
  const auto raw = load();
  const auto split = train_test_split(raw->rows, 1);
  int64_t good = 0;
  for (int64_t r : split->test) good += raw->labels[static_cast<size_t>(r)] == 0;
  return static_cast<double>(good) / static_cast<double>(split->test.size());
}

TEST(GermanCredit, LogisticRegressionBeatsTheMajorityClass) {
  const double accuracy = train_and_test(ModelShape{{kFeatures, 1}, OutputKind::kSigmoid}, 10);
  RecordProperty("test_accuracy", std::to_string(accuracy));
  EXPECT_GT(accuracy, majority_baseline() + 0.05) << "accuracy " << accuracy;
}

TEST(GermanCredit, TheBanksMlpBeatsTheMajorityClass) {
  const double accuracy = train_and_test(ModelShape{{kFeatures, 16, 1}, OutputKind::kSigmoid}, 10);
  RecordProperty("test_accuracy", std::to_string(accuracy));
  EXPECT_GT(accuracy, majority_baseline() + 0.05) << "accuracy " << accuracy;
}

}  // namespace
}  // namespace zkfl::training
