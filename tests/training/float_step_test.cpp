// The float baseline: its gradients against closed forms and finite
// differences, its agreement with the integer step up to quantization error,
// prediction rules and errors.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "training/torch/float_step.hpp"
#include "training/torch/reference_step.hpp"

namespace zkfl::training {
namespace {

FloatModel random_float_model(std::mt19937_64& rng, const ModelShape& shape, double bound) {
  std::uniform_real_distribution<double> weight(-bound, bound);
  FloatModel m;
  for (size_t l = 0; l + 1 < shape.widths.size(); ++l) {
    FloatLayer layer{shape.widths[l] + 1, shape.widths[l + 1], {}};
    for (int64_t i = 0; i < layer.rows * layer.cols; ++i) layer.values.push_back(weight(rng));
    m.layers.push_back(std::move(layer));
  }
  return m;
}

FloatBatch random_float_batch(std::mt19937_64& rng, const ModelShape& shape, int64_t rows) {
  std::normal_distribution<double> feature(0.0, 1.0);
  std::uniform_int_distribution<int64_t> label(0, shape.num_classes() - 1);
  FloatBatch b{rows, shape.inputs(), {}, {}};
  for (int64_t i = 0; i < rows * shape.inputs(); ++i) b.x.push_back(feature(rng));
  for (int64_t i = 0; i < rows; ++i) b.labels.push_back(label(rng));
  return b;
}

// The batch-mean loss of the model, computed here in double with loops.
double mean_loss(const ModelShape& shape, const FloatModel& m, const FloatBatch& b) {
  double total = 0;
  for (int64_t r = 0; r < b.rows; ++r) {
    std::vector<double> a(b.x.begin() + r * b.features, b.x.begin() + (r + 1) * b.features);
    for (size_t l = 0; l < m.layers.size(); ++l) {
      const FloatLayer& w = m.layers[l];
      std::vector<double> z(static_cast<size_t>(w.cols), 0);
      for (int64_t j = 0; j < w.cols; ++j) {
        for (int64_t k = 0; k < w.rows; ++k) {
          const double in = k + 1 == w.rows ? 1.0 : a[static_cast<size_t>(k)];
          z[static_cast<size_t>(j)] += in * w.values[static_cast<size_t>(k * w.cols + j)];
        }
      }
      if (l + 1 < m.layers.size()) {
        for (double& v : z) v = std::max(v, 0.0);
      }
      a = z;
    }
    const int64_t y = b.labels[static_cast<size_t>(r)];
    if (shape.output == OutputKind::kSigmoid) {
      const double p = 1 / (1 + std::exp(-a[0]));
      total += -(y == 1 ? std::log(p) : std::log(1 - p));
    } else {
      double max = a[0];
      for (double v : a) max = std::max(max, v);
      double sum = 0;
      for (double v : a) sum += std::exp(v - max);
      total += -(a[static_cast<size_t>(y)] - max - std::log(sum));
    }
  }
  return total / static_cast<double>(b.rows);
}

TEST(FloatStep, LogisticRegressionStepIsTheClosedFormGradient) {
  const ModelShape shape{{3, 1}, OutputKind::kSigmoid};
  std::mt19937_64 rng(11);
  const FloatModel m = random_float_model(rng, shape, 0.5);
  const FloatBatch b = random_float_batch(rng, shape, 5);
  const double lr = 0.3;
  const auto next = float_step(shape, lr, m, b, FloatPrecision::kFloat64);
  ASSERT_TRUE(next.is_ok()) << next.error();
  // ∇ = Âᵀ(σ(Â·w) − y) / B.
  for (int64_t k = 0; k < 4; ++k) {
    double grad = 0;
    for (int64_t r = 0; r < 5; ++r) {
      double z = m.layers[0].values[3];
      for (int64_t f = 0; f < 3; ++f) z += b.x[static_cast<size_t>(r * 3 + f)] * m.layers[0].values[static_cast<size_t>(f)];
      const double in = k == 3 ? 1.0 : b.x[static_cast<size_t>(r * 3 + k)];
      grad += in * (1 / (1 + std::exp(-z)) - static_cast<double>(b.labels[static_cast<size_t>(r)])) / 5;
    }
    EXPECT_NEAR(next->layers[0].values[static_cast<size_t>(k)], m.layers[0].values[static_cast<size_t>(k)] - lr * grad, 1e-12);
  }
}

TEST(FloatStep, MlpGradientsMatchFiniteDifferences) {
  for (const ModelShape& shape : {ModelShape{{4, 5, 3}, OutputKind::kSoftmax}, ModelShape{{3, 4, 1}, OutputKind::kSigmoid}}) {
    std::mt19937_64 rng(5);
    const FloatModel m = random_float_model(rng, shape, 0.8);
    const FloatBatch b = random_float_batch(rng, shape, 6);
    const double lr = 1.0;
    const auto next = float_step(shape, lr, m, b, FloatPrecision::kFloat64);
    ASSERT_TRUE(next.is_ok()) << next.error();
    for (size_t l = 0; l < m.layers.size(); ++l) {
      for (size_t i = 0; i < m.layers[l].values.size(); ++i) {
        const double h = 1e-6;
        FloatModel plus = m;
        FloatModel minus = m;
        plus.layers[l].values[i] += h;
        minus.layers[l].values[i] -= h;
        const double numeric = (mean_loss(shape, plus, b) - mean_loss(shape, minus, b)) / (2 * h);
        const double autograd = (m.layers[l].values[i] - next->layers[l].values[i]) / lr;
        EXPECT_NEAR(autograd, numeric, 1e-6) << shape.name() << " layer " << l << " weight " << i;
      }
    }
  }
}

TEST(FloatStep, Float32AndFloat64AgreeAndTheInputIsNotModified) {
  const ModelShape shape{{6, 4, 3}, OutputKind::kSoftmax};
  std::mt19937_64 rng(3);
  const FloatModel m = random_float_model(rng, shape, 0.5);
  const FloatModel copy = m;
  const FloatBatch b = random_float_batch(rng, shape, 8);
  const auto f64 = float_step(shape, 0.5, m, b, FloatPrecision::kFloat64);
  const auto f32 = float_step(shape, 0.5, m, b, FloatPrecision::kFloat32);
  ASSERT_TRUE(f64.is_ok() && f32.is_ok());
  for (size_t l = 0; l < m.layers.size(); ++l) {
    EXPECT_EQ(m.layers[l].values, copy.layers[l].values);
    for (size_t i = 0; i < m.layers[l].values.size(); ++i) {
      EXPECT_NEAR(f32->layers[l].values[i], f64->layers[l].values[i], 1e-5);
      EXPECT_EQ(f32->layers[l].values[i], static_cast<double>(static_cast<float>(f32->layers[l].values[i])));
    }
  }
}

TEST(FloatStep, TrainingIsASequenceOfSteps) {
  const ModelShape shape{{2, 3, 2}, OutputKind::kSoftmax};
  std::mt19937_64 rng(8);
  const FloatModel m = random_float_model(rng, shape, 0.5);
  RawDataset data;
  data.rows = 10;
  data.features = 2;
  data.num_classes = 2;
  const FloatBatch all = random_float_batch(rng, shape, 10);
  data.x = all.x;
  data.labels = all.labels;
  const std::vector<std::vector<int64_t>> batches{{3, 1, 4}, {1, 5, 9}, {2, 6, 5}};
  const auto trained = float_training(shape, 0.25, m, data, batches, FloatPrecision::kFloat64);
  ASSERT_TRUE(trained.is_ok()) << trained.error();
  FloatModel stepped = m;
  for (const auto& rows : batches) {
    auto next = float_step(shape, 0.25, stepped, gather_float_batch(data, rows), FloatPrecision::kFloat64);
    ASSERT_TRUE(next.is_ok());
    stepped = *next;
  }
  for (size_t l = 0; l < m.layers.size(); ++l) {
    for (size_t i = 0; i < m.layers[l].values.size(); ++i) {
      EXPECT_NEAR(trained->layers[l].values[i], stepped.layers[l].values[i], 1e-12);
      EXPECT_NE(trained->layers[l].values[i], m.layers[l].values[i]);
    }
  }
  EXPECT_FALSE(float_training(shape, 0.25, m, data, {{0, 10}}, FloatPrecision::kFloat64).is_ok());
  EXPECT_FALSE(float_training(shape, 0.25, m, data, {{}}, FloatPrecision::kFloat64).is_ok());
}

// The integer step approximates the float step on the same (dequantized) model
// and batch: a cross-check of conventions (signs, the bias column, the mean over
// the batch, softmax vs one-hot) up to the quantization error.
TEST(FloatStep, IntegerStepTracksTheFloatStep) {
  const ModelShape shapes[] = {ModelShape{{8, 1}, OutputKind::kSigmoid}, ModelShape{{6, 5, 1}, OutputKind::kSigmoid},
                               ModelShape{{6, 8, 4}, OutputKind::kSoftmax}};
  std::mt19937_64 rng(21);
  for (const auto& shape : shapes) {
    for (int trial = 0; trial < 20; ++trial) {
      std::uniform_int_distribution<int64_t> weight(-192, 191);  // real ±0.75
      std::uniform_int_distribution<int64_t> feature(-512, 511);  // real ±2
      std::uniform_int_distribution<int64_t> label(0, shape.num_classes() - 1);
      QuantizedModel q = QuantizedModel::zeros(shape);
      for (auto& layer : q.layers) {
        for (auto& v : layer.values) v = weight(rng);
      }
      Batch batch{16, shape.inputs(), {}, {}};
      for (int64_t i = 0; i < 16 * shape.inputs(); ++i) batch.x.push_back(feature(rng));
      for (int64_t i = 0; i < 16; ++i) batch.labels.push_back(label(rng));
      const Hyper hyper{64, 16, 1};  // lr 0.25
      const auto integer = reference_step(shape, hyper, q, batch);
      const auto real = float_step(shape, 0.25, FloatModel::dequantize(q), dequantize_batch(batch), FloatPrecision::kFloat64);
      ASSERT_TRUE(integer.is_ok()) << integer.error();
      ASSERT_TRUE(real.is_ok()) << real.error();
      const FloatModel integer_real = FloatModel::dequantize(*integer);
      for (size_t l = 0; l < q.layers.size(); ++l) {
        for (size_t i = 0; i < q.layers[l].values.size(); ++i) {
          const double before = FloatModel::dequantize(q).layers[l].values[i];
          // Both moved the weight by about the same amount (table steps of 1/16 in z,
          // probabilities and rescales in steps of 1/256, the update rounded to 1/256).
          EXPECT_NEAR(integer_real.layers[l].values[i] - before, real->layers[l].values[i] - before, 0.02)
              << shape.name() << " trial " << trial << " layer " << l << " weight " << i;
        }
      }
    }
  }
}

TEST(FloatStep, DequantizationAndBatches) {
  QuantizedModel q;
  q.layers.push_back(LayerWeights{2, 1, {256, -64}});
  const FloatModel f = FloatModel::dequantize(q);
  EXPECT_EQ(f.layers[0].values, (std::vector<double>{1.0, -0.25}));
  const FloatBatch b = dequantize_batch(Batch{1, 2, {128, -2048}, {1}});
  EXPECT_EQ(b.x, (std::vector<double>{0.5, -8.0}));
  EXPECT_EQ(b.labels, (std::vector<int64_t>{1}));
  RawDataset data;
  data.rows = 3;
  data.features = 1;
  data.num_classes = 2;
  data.x = {0.1, 0.2, 0.3};
  data.labels = {0, 1, 0};
  const FloatBatch g = gather_float_batch(data, std::vector<int64_t>{2, 0});
  EXPECT_EQ(g.x, (std::vector<double>{0.3, 0.1}));
  EXPECT_EQ(g.labels, (std::vector<int64_t>{0, 0}));
}

TEST(FloatStep, PredictionRules) {
  const ModelShape sigmoid{{1, 1}, OutputKind::kSigmoid};
  FloatModel m{{FloatLayer{2, 1, {1.0, -0.5}}}};  // z = x − 0.5
  RawDataset data;
  data.rows = 3;
  data.features = 1;
  data.num_classes = 2;
  data.x = {0.5, 0.4, 2.0};  // z = 0 → class 1; −0.1 → 0; 1.5 → 1
  data.labels = {1, 0, 0};
  const auto p = float_predict(sigmoid, m, data, FloatPrecision::kFloat64);
  ASSERT_TRUE(p.is_ok()) << p.error();
  EXPECT_EQ(*p, (std::vector<int64_t>{1, 0, 1}));
  EXPECT_NEAR(float_accuracy(sigmoid, m, data, FloatPrecision::kFloat32).value(), 2.0 / 3, 1e-12);

  const ModelShape softmax{{1, 3}, OutputKind::kSoftmax};
  const FloatModel s{{FloatLayer{2, 3, {1.0, -1.0, 0.0, 0.0, 0.0, 0.5}}}};  // z = [x, −x, 0.5]
  data.x = {1.0, -1.0, 0.5};  // → 0; → 1; [0.5, −0.5, 0.5] tie → 0
  data.labels = {0, 1, 0};
  const auto ps = float_predict(softmax, s, data, FloatPrecision::kFloat64);
  ASSERT_TRUE(ps.is_ok()) << ps.error();
  EXPECT_EQ(*ps, (std::vector<int64_t>{0, 1, 0}));
}

TEST(FloatStep, InvalidInputsAreErrors) {
  const ModelShape shape{{2, 1}, OutputKind::kSigmoid};
  const FloatModel m{{FloatLayer{3, 1, {0.1, 0.2, 0.3}}}};
  const FloatBatch b{2, 2, {1, 2, 3, 4}, {0, 1}};
  ASSERT_TRUE(float_step(shape, 0.1, m, b, FloatPrecision::kFloat32).is_ok());
  EXPECT_FALSE(float_step(shape, 0.0, m, b, FloatPrecision::kFloat32).is_ok());
  EXPECT_FALSE(float_step(shape, std::nan(""), m, b, FloatPrecision::kFloat32).is_ok());
  EXPECT_FALSE(float_step(ModelShape{{3, 1}, OutputKind::kSigmoid}, 0.1, m, b, FloatPrecision::kFloat32).is_ok());
  FloatBatch bad_label = b;
  bad_label.labels[0] = 2;
  const auto label = float_step(shape, 0.1, m, bad_label, FloatPrecision::kFloat32);
  ASSERT_FALSE(label.is_ok());
  EXPECT_NE(label.error().find("label y[0] = 2"), std::string::npos) << label.error();
  FloatBatch not_finite = b;
  not_finite.x[1] = INFINITY;
  EXPECT_FALSE(float_step(shape, 0.1, m, not_finite, FloatPrecision::kFloat32).is_ok());
  RawDataset empty;
  empty.features = 2;
  empty.num_classes = 2;
  EXPECT_FALSE(float_accuracy(shape, m, empty, FloatPrecision::kFloat32).is_ok());
}

}  // namespace
}  // namespace zkfl::training
