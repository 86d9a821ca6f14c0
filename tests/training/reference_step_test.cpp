// The integer reference step (LibTorch int64 tensors) against an independent
// scalar implementation of docs/QUANTIZATION.md written here with plain int64
// loops, a hand-computed example, and the errors of out-of-range values.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>

#include "training/fixed_point.hpp"
#include "training/model.hpp"
#include "training/torch/reference_step.hpp"

namespace zkfl::training {
namespace {

// floor(a / b) for b > 0, written independently of fixed_point.hpp: for a < 0,
// floor(a / b) = −ceil(−a / b) = −((−a + b − 1) / b).
int64_t fdiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

bool in_range(int64_t v, int bits) { return v >= -(int64_t{1} << bits) && v < (int64_t{1} << bits); }

// How often the random cases hit the corners of the definition: a test that
// never clamps an index or rounds a negative value would prove little.
struct Coverage {
  int64_t sigmoid_clamped_low = 0;
  int64_t sigmoid_clamped_high = 0;
  int64_t exp_clamped = 0;
  int64_t negative_inexact_rescale = 0;  // round_shift of a negative non-multiple of 2^8
  int64_t negative_inexact_update = 0;   // round_div of a negative numerator with a remainder
  int64_t relu_zeroed = 0;
  int64_t steps_ok = 0;
  int64_t steps_failed = 0;
};

struct ScalarOutcome {
  std::optional<QuantizedModel> model;
  std::string failure;  // the name of the first value outside its range, e.g. "Z_1[3][0]"
};

std::string at_name(const std::string& base, int64_t r, int64_t c) {
  return base + "[" + std::to_string(r) + "][" + std::to_string(c) + "]";
}

// One step of docs/QUANTIZATION.md with loops, in the order the definition lists
// the checks (forward Z_1..Z_L, backward dA_{L−1}..dA_1, updated W_1..W_L).
ScalarOutcome scalar_step(const ModelShape& shape, const Hyper& hyper, const QuantizedModel& model, const Batch& batch,
                          Coverage& cov) {
  const auto layers = static_cast<int64_t>(shape.num_layers());
  const int64_t rows = batch.rows;
  std::vector<std::vector<int64_t>> a_hat(static_cast<size_t>(layers));  // Â_l, rows × (n_l + 1)
  std::vector<std::vector<int64_t>> mask(static_cast<size_t>(layers));   // M_l for l ≥ 1
  std::vector<int64_t> a = batch.x;
  std::vector<int64_t> z;
  for (int64_t l = 0; l < layers; ++l) {
    const int64_t in = shape.widths[static_cast<size_t>(l)] + 1;
    const int64_t out = shape.widths[static_cast<size_t>(l + 1)];
    const LayerWeights& w = model.layers[static_cast<size_t>(l)];
    auto& ah = a_hat[static_cast<size_t>(l)];
    ah.assign(static_cast<size_t>(rows * in), 0);
    for (int64_t b = 0; b < rows; ++b) {
      for (int64_t k = 0; k + 1 < in; ++k) ah[static_cast<size_t>(b * in + k)] = a[static_cast<size_t>(b * (in - 1) + k)];
      ah[static_cast<size_t>(b * in + in - 1)] = 256;
    }
    z.assign(static_cast<size_t>(rows * out), 0);
    for (int64_t b = 0; b < rows; ++b) {
      for (int64_t j = 0; j < out; ++j) {
        int64_t u = 0;
        for (int64_t k = 0; k < in; ++k) u += ah[static_cast<size_t>(b * in + k)] * w.at(k, j);
        const int64_t v = fdiv(u + 128, 256);
        if (u < 0 && u % 256 != 0) ++cov.negative_inexact_rescale;
        if (!in_range(v, 15)) return {std::nullopt, at_name("Z_" + std::to_string(l + 1), b, j)};
        z[static_cast<size_t>(b * out + j)] = v;
      }
    }
    if (l + 1 < layers) {
      auto& m = mask[static_cast<size_t>(l + 1)];
      m.resize(z.size());
      a.resize(z.size());
      for (size_t i = 0; i < z.size(); ++i) {
        m[i] = z[i] >= 0 ? 1 : 0;
        a[i] = z[i] >= 0 ? z[i] : 0;
        cov.relu_zeroed += z[i] < 0;
      }
    }
  }

  const int64_t outputs = shape.outputs();
  std::vector<int64_t> g(static_cast<size_t>(rows * outputs), 0);
  for (int64_t b = 0; b < rows; ++b) {
    const int64_t y = batch.labels[static_cast<size_t>(b)];
    if (shape.output == OutputKind::kSigmoid) {
      int64_t idx = fdiv(z[static_cast<size_t>(b)], 16);
      if (idx < -128) { idx = -128; ++cov.sigmoid_clamped_low; }
      if (idx > 127) { idx = 127; ++cov.sigmoid_clamped_high; }
      g[static_cast<size_t>(b)] = sigmoid_table()[static_cast<size_t>(idx + 128)] - 256 * y;
      continue;
    }
    int64_t m = z[static_cast<size_t>(b * outputs)];
    for (int64_t j = 1; j < outputs; ++j) m = std::max(m, z[static_cast<size_t>(b * outputs + j)]);
    std::vector<int64_t> e(static_cast<size_t>(outputs));
    int64_t sum = 0;
    for (int64_t j = 0; j < outputs; ++j) {
      int64_t idx = fdiv(m - z[static_cast<size_t>(b * outputs + j)], 16);
      if (idx > 255) { idx = 255; ++cov.exp_clamped; }
      e[static_cast<size_t>(j)] = exp_table()[static_cast<size_t>(idx)];
      sum += e[static_cast<size_t>(j)];
    }
    for (int64_t j = 0; j < outputs; ++j) {
      const int64_t p = fdiv(256 * e[static_cast<size_t>(j)] + sum / 2, sum);
      g[static_cast<size_t>(b * outputs + j)] = p - (j == y ? 256 : 0);
    }
  }

  std::vector<std::vector<int64_t>> dw(static_cast<size_t>(layers));
  for (int64_t l = layers - 1; l >= 0; --l) {
    const int64_t in = shape.widths[static_cast<size_t>(l)] + 1;
    const int64_t out = shape.widths[static_cast<size_t>(l + 1)];
    const LayerWeights& w = model.layers[static_cast<size_t>(l)];
    const auto& ah = a_hat[static_cast<size_t>(l)];
    auto& d = dw[static_cast<size_t>(l)];
    d.assign(static_cast<size_t>(in * out), 0);
    for (int64_t k = 0; k < in; ++k) {
      for (int64_t j = 0; j < out; ++j) {
        for (int64_t b = 0; b < rows; ++b) {
          d[static_cast<size_t>(k * out + j)] += ah[static_cast<size_t>(b * in + k)] * g[static_cast<size_t>(b * out + j)];
        }
      }
    }
    if (l == 0) break;
    std::vector<int64_t> g_below(static_cast<size_t>(rows * (in - 1)), 0);
    for (int64_t b = 0; b < rows; ++b) {
      for (int64_t k = 0; k + 1 < in; ++k) {
        int64_t s = 0;
        for (int64_t j = 0; j < out; ++j) s += g[static_cast<size_t>(b * out + j)] * w.at(k, j);
        const int64_t da = fdiv(s + 128, 256);
        if (!in_range(da, 15)) return {std::nullopt, at_name("dA_" + std::to_string(l), b, k)};
        g_below[static_cast<size_t>(b * (in - 1) + k)] = da * mask[static_cast<size_t>(l)][static_cast<size_t>(b * (in - 1) + k)];
      }
    }
    g = std::move(g_below);
  }

  QuantizedModel out = model;
  const int64_t denominator = rows * 65536;
  for (int64_t l = 0; l < layers; ++l) {
    LayerWeights& w = out.layers[static_cast<size_t>(l)];
    for (int64_t k = 0; k < w.rows; ++k) {
      for (int64_t j = 0; j < w.cols; ++j) {
        const int64_t numerator = hyper.learning_rate_q * dw[static_cast<size_t>(l)][static_cast<size_t>(k * w.cols + j)];
        if (numerator + denominator / 2 < 0 && (numerator + denominator / 2) % denominator != 0) ++cov.negative_inexact_update;
        const int64_t updated = w.at(k, j) - fdiv(numerator + denominator / 2, denominator);
        if (!in_range(updated, 15)) return {std::nullopt, at_name("updated weight W_" + std::to_string(l + 1), k, j)};
        w.at(k, j) = updated;
      }
    }
  }
  return {std::move(out), ""};
}

QuantizedModel random_model(std::mt19937_64& rng, const ModelShape& shape, int64_t weight_bound) {
  std::uniform_int_distribution<int64_t> weight(-weight_bound, weight_bound - 1);
  QuantizedModel m = QuantizedModel::zeros(shape);
  for (auto& layer : m.layers) {
    for (auto& v : layer.values) v = weight(rng);
  }
  return m;
}

Batch random_batch(std::mt19937_64& rng, const ModelShape& shape, int64_t rows, int64_t feature_bound) {
  std::uniform_int_distribution<int64_t> feature(-feature_bound, feature_bound - 1);
  std::uniform_int_distribution<int64_t> label(0, shape.num_classes() - 1);
  Batch b{rows, shape.inputs(), {}, {}};
  for (int64_t i = 0; i < rows * shape.inputs(); ++i) b.x.push_back(feature(rng));
  for (int64_t i = 0; i < rows; ++i) b.labels.push_back(label(rng));
  return b;
}

struct RandomCase {
  ModelShape shape;
  int64_t batch_size;
  int64_t local_steps;
  int trials;
};

// Runs `trials` random models and batches through both implementations; scales
// of weights, features and learning rate vary per trial so that some steps
// leave the quantization range (and both must then fail on the same value).
void compare_on_random_cases(const RandomCase& c, uint64_t seed, Coverage& cov) {
  std::mt19937_64 rng(seed);
  // Mostly moderate values (real weights within ±4, learning rates up to 4);
  // the largest scales and the maximal learning rate push some steps out of range.
  const int64_t weight_bounds[] = {16, 64, 256, 512, 1024, 1024, 8192};
  const int64_t feature_bounds[] = {256, 768, 2048};
  const int64_t learning_rates[] = {1, 26, 64, 128, 256, 1024, 4096};
  for (int trial = 0; trial < c.trials; ++trial) {
    const int64_t wb = weight_bounds[rng() % 7];
    const int64_t fb = feature_bounds[rng() % 3];
    const Hyper hyper{learning_rates[rng() % 7], c.batch_size, c.local_steps};
    const QuantizedModel model = random_model(rng, c.shape, wb);
    std::vector<Batch> batches;
    for (int64_t e = 0; e < c.local_steps; ++e) batches.push_back(random_batch(rng, c.shape, c.batch_size, fb));

    ScalarOutcome expected{model, ""};
    int64_t failed_step = -1;
    for (int64_t e = 0; e < c.local_steps; ++e) {
      expected = scalar_step(c.shape, hyper, *expected.model, batches[static_cast<size_t>(e)], cov);
      if (!expected.model) {
        failed_step = e;
        break;
      }
    }
    const auto got = c.local_steps == 1 ? reference_step(c.shape, hyper, model, batches[0])
                                        : reference_local_training(c.shape, hyper, model, batches);
    const std::string where = c.shape.name() + " trial " + std::to_string(trial);
    if (expected.model) {
      ++cov.steps_ok;
      ASSERT_TRUE(got.is_ok()) << where << ": " << got.error();
      ASSERT_EQ(got->flatten(), expected.model->flatten()) << where;
    } else {
      ++cov.steps_failed;
      ASSERT_FALSE(got.is_ok()) << where << ": expected a failure at " << expected.failure;
      const std::string prefix =
          (c.local_steps == 1 ? "" : "local step " + std::to_string(failed_step) + ": ") + expected.failure + " = ";
      EXPECT_TRUE(got.error().starts_with(prefix)) << where << ": " << got.error() << " (expected " << prefix << ")";
      EXPECT_NE(got.error().find("outside the quantization range"), std::string::npos) << got.error();
    }
  }
}

TEST(ReferenceStep, MatchesScalarDefinitionOnRandomModels) {
  const RandomCase cases[] = {
      {{{30, 1}, OutputKind::kSigmoid}, 8, 1, 300},        // logistic regression
      {{{7, 5, 1}, OutputKind::kSigmoid}, 5, 1, 300},      // MLP, sigmoid output
      {{{6, 8, 4}, OutputKind::kSoftmax}, 4, 1, 300},      // MLP, softmax output
      {{{5, 6, 5, 3}, OutputKind::kSoftmax}, 3, 1, 300},   // two hidden layers
      {{{4, 1}, OutputKind::kSigmoid}, 1, 1, 200},         // B = 1
      {{{9, 4, 3}, OutputKind::kSoftmax}, 6, 3, 150},       // E = 3
      {{{8, 6, 1}, OutputKind::kSigmoid}, 4, 2, 150},       // E = 2
  };
  Coverage cov;
  uint64_t seed = 1;
  for (const auto& c : cases) compare_on_random_cases(c, seed++, cov);
  // Most steps stay in range and some leave it; every corner of the definition is exercised.
  RecordProperty("steps_ok", static_cast<int>(cov.steps_ok));
  RecordProperty("steps_failed", static_cast<int>(cov.steps_failed));
  EXPECT_GT(cov.steps_ok, 2 * cov.steps_failed);
  EXPECT_GT(cov.steps_failed, 10);
  EXPECT_GT(cov.sigmoid_clamped_low, 0);
  EXPECT_GT(cov.sigmoid_clamped_high, 0);
  EXPECT_GT(cov.exp_clamped, 0);
  EXPECT_GT(cov.negative_inexact_rescale, 0);
  EXPECT_GT(cov.negative_inexact_update, 0);
  EXPECT_GT(cov.relu_zeroed, 0);
}

// Logistic regression with 2 features, B = 2, lr = 0.25 (lr_q = 64), by hand:
//   W = [w0, w1, b] = [128, −64, 32]  (0.5, −0.25, 0.125)
//   x_0 = [256, 512] (1, 2),    y_0 = 1
//   x_1 = [−128, 384] (−0.5, 1.5), y_1 = 0
// Forward, Â = [x | 256]:
//   U_0 = 256·128 + 512·(−64) + 256·32 = 8192     Z_0 = floor((8192 + 128) / 256) = floor(32.5) = 32
//   U_1 = −128·128 + 384·(−64) + 256·32 = −32768  Z_1 = floor((−32768 + 128) / 256) = floor(−127.5) = −128
//   (truncating division would give −127: the floor matters)
// Sigmoid, idx = floor(z / 16):
//   idx_0 = 2  → SIG = round(256·σ(40/256))   = round(137.98) = 138,  G_0 = 138 − 256 = −118
//   idx_1 = −8 → SIG = round(256·σ(−120/256)) = round(98.54)  = 99,   G_1 = 99 − 0 = 99
// Gradient dW = Âᵀ·G:
//   dW_0 = 256·(−118) + (−128)·99 = −42880
//   dW_1 = 512·(−118) + 384·99    = −22400
//   dW_b = 256·(−118) + 256·99    = −4864
// Update, D = B·2^16 = 131072, round_div(v, D) = floor((v + 65536) / D):
//   64·(−42880) = −2744320 → floor(−20.4375) = −21 → w0' = 128 + 21 = 149
//   64·(−22400) = −1433600 → floor(−10.4375) = −11 → w1' = −64 + 11 = −53
//   64·(−4864)  = −311296  → floor(−1.875)   = −2  → b'  = 32 + 2   = 34
TEST(ReferenceStep, HandComputedLogisticRegressionStep) {
  const ModelShape shape{{2, 1}, OutputKind::kSigmoid};
  const Hyper hyper{64, 2, 1};
  QuantizedModel model = QuantizedModel::zeros(shape);
  model.layers[0].values = {128, -64, 32};
  const Batch batch{2, 2, {256, 512, -128, 384}, {1, 0}};
  ASSERT_EQ(sigmoid_table()[2 + 128], 138);
  ASSERT_EQ(sigmoid_table()[-8 + 128], 99);
  const auto next = reference_step(shape, hyper, model, batch);
  ASSERT_TRUE(next.is_ok()) << next.error();
  EXPECT_EQ(next->layers[0].values, (std::vector<int64_t>{149, -53, 34}));
  // Predictions of the original model: Z = 32 → SIG 138 ≥ 128 → 1; Z = −128 → 99 → 0.
  const QuantizedDataset data{2, 2, 2, batch.x, batch.labels};
  const auto predicted = reference_predict(shape, model, data);
  ASSERT_TRUE(predicted.is_ok()) << predicted.error();
  EXPECT_EQ(*predicted, (std::vector<int64_t>{1, 0}));
  EXPECT_DOUBLE_EQ(reference_accuracy(shape, model, data).value(), 1.0);
}

TEST(ReferenceStep, HugeLearningRateOverflowsTheUpdatedWeights) {
  // Feature weights alternate ±20000 on constant features 2047, so z = bias = 0:
  // SIG[0] = 130, y = 0, G = 130; every dW = 2·2047·130 = 532220 and the update
  // by lr 16 is round_div(4096·532220, 131072) = floor(16632.375) = 16632, so
  // w = −20000 becomes −36632.
  const ModelShape shape{{30, 1}, OutputKind::kSigmoid};
  QuantizedModel model = QuantizedModel::zeros(shape);
  for (int64_t k = 0; k < 30; ++k) model.layers[0].at(k, 0) = k % 2 == 0 ? 20000 : -20000;
  const Batch batch{2, 30, std::vector<int64_t>(60, 2047), {0, 0}};
  const auto small = reference_step(shape, Hyper{26, 2, 1}, model, batch);
  ASSERT_TRUE(small.is_ok()) << small.error();
  const auto huge = reference_step(shape, Hyper{kMaxLearningRateQ, 2, 1}, model, batch);
  ASSERT_FALSE(huge.is_ok());
  EXPECT_TRUE(huge.error().starts_with("updated weight W_1[1][0] = -36632 is outside the quantization range"))
      << huge.error();
}

TEST(ReferenceStep, OutOfRangeActivationsAndGradientsAreNamed) {
  // Z: all weights at the maximum on maximal features.
  const ModelShape logreg{{30, 1}, OutputKind::kSigmoid};
  QuantizedModel big = QuantizedModel::zeros(logreg);
  for (auto& v : big.layers[0].values) v = 32767;
  const Batch maximal{1, 30, std::vector<int64_t>(30, 2047), {1}};
  const auto z = reference_step(logreg, Hyper{1, 1, 1}, big, maximal);
  ASSERT_FALSE(z.is_ok());
  EXPECT_TRUE(z.error().starts_with("Z_1[0][0] = ")) << z.error();

  // dA: hidden units off (Z_1 = −1 < 0), so Z_2 = the output biases [1000, −1000, 0]:
  // d = [0, 2000, 1000], EXP = [248, 0, 5], S = 253, p = [251, 0, 5]; with y = 1,
  // G = [251, −256, 5], and the first hidden unit's weights [32767, −32767, 0] give
  // dA = round_shift(507·32767, 8) = 64894, beyond 2^15 (the mask applies after the check).
  const ModelShape mlp{{2, 2, 3}, OutputKind::kSoftmax};
  QuantizedModel m = QuantizedModel::zeros(mlp);
  m.layers[0].values = {0, 0, 0, 0, -1, -1};
  m.layers[1].values = {32767, -32767, 0, 0, 0, 0, 1000, -1000, 0};
  const Batch one{1, 2, {100, -100}, {1}};
  const auto da = reference_step(mlp, Hyper{1, 1, 1}, m, one);
  ASSERT_FALSE(da.is_ok());
  EXPECT_TRUE(da.error().starts_with("dA_1[0][0] = 64894 is outside")) << da.error();
}

TEST(ReferenceStep, InvalidInputsAreErrors) {
  const ModelShape shape{{3, 1}, OutputKind::kSigmoid};
  const QuantizedModel model = QuantizedModel::zeros(shape);
  const Batch ok{2, 3, {1, 2, 3, 4, 5, 6}, {0, 1}};
  ASSERT_TRUE(reference_step(shape, Hyper{10, 2, 1}, model, ok).is_ok());

  const auto wrong_rows = reference_step(shape, Hyper{10, 3, 1}, model, ok);
  ASSERT_FALSE(wrong_rows.is_ok());
  EXPECT_NE(wrong_rows.error().find("batch size is 3"), std::string::npos) << wrong_rows.error();

  Batch big_feature = ok;
  big_feature.x[4] = 2048;
  const auto feature = reference_step(shape, Hyper{10, 2, 1}, model, big_feature);
  ASSERT_FALSE(feature.is_ok());
  EXPECT_TRUE(feature.error().starts_with("feature x[1][1] = 2048 is outside")) << feature.error();

  Batch bad_label = ok;
  bad_label.labels[1] = 2;
  const auto label = reference_step(shape, Hyper{10, 2, 1}, model, bad_label);
  ASSERT_FALSE(label.is_ok());
  EXPECT_NE(label.error().find("label y[1] = 2"), std::string::npos) << label.error();

  QuantizedModel bad_weight = model;
  bad_weight.layers[0].values[0] = 1 << 15;
  EXPECT_FALSE(reference_step(shape, Hyper{10, 2, 1}, bad_weight, ok).is_ok());
  EXPECT_FALSE(reference_step(shape, Hyper{0, 2, 1}, model, ok).is_ok());
  const Batch wrong_width{2, 2, {1, 2, 3, 4}, {0, 1}};
  EXPECT_FALSE(reference_step(shape, Hyper{10, 2, 1}, model, wrong_width).is_ok());

  const auto too_few = reference_local_training(shape, Hyper{10, 2, 2}, model, {ok});
  ASSERT_FALSE(too_few.is_ok());
  EXPECT_NE(too_few.error().find("1 batches given for 2 local steps"), std::string::npos) << too_few.error();
  const auto second_fails = reference_local_training(shape, Hyper{10, 2, 2}, model, {ok, bad_label});
  ASSERT_FALSE(second_fails.is_ok());
  EXPECT_TRUE(second_fails.error().starts_with("local step 1: ")) << second_fails.error();
}

TEST(ReferenceStep, SoftmaxPredictionIsTheFirstArgmax) {
  const ModelShape shape{{1, 3}, OutputKind::kSoftmax};
  QuantizedModel model = QuantizedModel::zeros(shape);
  // w = [1, −1, 0] (256 is 1.0), b = [0, 0, 5]: z_j = round_shift(x·w_j + 256·b_j, 8) = x·w_j/256 + b_j.
  model.layers[0].values = {256, -256, 0, 0, 0, 5};
  const QuantizedDataset data{4, 1, 3, {10, -10, 5, 0}, {0, 1, 0, 2}};
  const auto predicted = reference_predict(shape, model, data);
  ASSERT_TRUE(predicted.is_ok()) << predicted.error();
  // x = 10: z = [10, −10, 5] → 0; x = −10: [−10, 10, 5] → 1; x = 5: [5, −5, 5] → tie, first → 0; x = 0: [0, 0, 5] → 2.
  EXPECT_EQ(*predicted, (std::vector<int64_t>{0, 1, 0, 2}));
  EXPECT_DOUBLE_EQ(reference_accuracy(shape, model, data).value(), 1.0);
  EXPECT_FALSE(reference_accuracy(shape, model, QuantizedDataset{0, 1, 3, {}, {}}).is_ok());
}

}  // namespace
}  // namespace zkfl::training
