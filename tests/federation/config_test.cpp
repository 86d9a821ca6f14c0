// Federation configs: every shipped config loads, validates and partitions;
// malformed and inconsistent configs fail with a message naming the key and
// its file:line:column.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "federation/config.hpp"
#include "federation/data_plan.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

const fs::path kConfigDir = ZKFL_CONFIG_DIR;
const fs::path kDataDir = ZKFL_DATA_DIR;

// A valid config; tests break one thing at a time with replace().
std::string valid_config() {
  return R"([run]
name = "test-run"
seed = 5
rounds = 3
output_dir = "out"

[data]
csv = ")" + (kDataDir / "breast_cancer.csv").string() +
         R"("
classes = 2
partition = "dirichlet"
alpha = 1.0

[model]
layers = [1]
output = "sigmoid"

[training]
learning_rate = 0.5
batch_size = 32
local_steps = 1

[coordinator]
endpoint = "tcp://127.0.0.1:5555"
quorum = 2

[[participants]]
name = "a"

[[participants]]
name = "b"

[[participants]]
name = "c"
honest = false
cheat = "gradient"
)";
}

// `text` with the first occurrence of `from` replaced by `to` (which must occur).
std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' is not in the config";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

const fs::path kSource = fs::temp_directory_path() / "zkfl_config_test" / "federation.toml";

Result<FederationConfig> parse(const std::string& text) { return parse_federation_config(text, kSource); }

// Expects `text` to fail with a message containing every one of `parts`.
void expect_error(const std::string& text, const std::vector<std::string>& parts) {
  const auto config = parse(text);
  ASSERT_FALSE(config.is_ok()) << "accepted:\n" << text;
  for (const auto& part : parts) {
    EXPECT_NE(config.error().find(part), std::string::npos) << "'" << part << "' not in:\n" << config.error();
  }
}

// A file in a fresh temporary directory, removed with it.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("zkfl_config_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(FederationConfig, ValidConfigGivesEveryValue) {
  const auto config = parse(valid_config());
  ASSERT_TRUE(config.is_ok()) << config.error();
  EXPECT_EQ(config->run.name, "test-run");
  EXPECT_EQ(config->run.seed, 5u);
  EXPECT_EQ(config->run.rounds, 3);
  EXPECT_EQ(config->run.output_dir, kSource.parent_path() / "out");
  EXPECT_EQ(config->data.csv, kDataDir / "breast_cancer.csv");
  EXPECT_EQ(config->data.classes, 2);
  EXPECT_DOUBLE_EQ(config->data.test_fraction, training::kDefaultTestFraction);
  EXPECT_EQ(config->data.partition, PartitionKind::kDirichlet);
  EXPECT_DOUBLE_EQ(config->data.alpha, 1.0);
  EXPECT_EQ(config->model.layers, std::vector<int64_t>{1});
  EXPECT_EQ(config->model.output, training::OutputKind::kSigmoid);
  EXPECT_EQ(config->model.inputs, 0);
  EXPECT_EQ(config->model.shape(30).widths, (std::vector<int64_t>{30, 1}));
  EXPECT_DOUBLE_EQ(config->training.learning_rate, 0.5);
  EXPECT_EQ(config->training.hyper.learning_rate_q, 128);
  EXPECT_EQ(config->training.hyper.batch_size, 32);
  EXPECT_EQ(config->training.hyper.local_steps, 1);
  EXPECT_EQ(config->training.data_columns, kDefaultDataColumns);
  EXPECT_EQ(config->coordinator.endpoint.to_string(), "tcp://127.0.0.1:5555");
  EXPECT_EQ(config->coordinator.quorum, 2);
  EXPECT_DOUBLE_EQ(config->coordinator.round_deadline_s, kDefaultRoundDeadlineSeconds);
  EXPECT_EQ(config->coordinator.aggregation.kind, AggregationKind::kFedAvg);
  EXPECT_FALSE(config->coordinator.curve_public_key.has_value());
  ASSERT_EQ(config->participants.size(), 3u);
  EXPECT_EQ(config->participants[0].name, "a");
  EXPECT_TRUE(config->participants[0].honest);
  EXPECT_EQ(config->participants[0].cheat, Cheat::kNone);
  EXPECT_FALSE(config->participants[2].honest);
  EXPECT_EQ(config->participants[2].cheat, Cheat::kGradient);
  EXPECT_EQ(config->honest_count(), 2);
  EXPECT_EQ(config->connect_endpoint(1).to_string(), "tcp://127.0.0.1:5555");
}

TEST(FederationConfig, OptionalKeysAreRead) {
  std::string text = valid_config();
  text = replace(text, "alpha = 1.0", "alpha = 1.0\ntest_fraction = 0.25");
  text = replace(text, "output = \"sigmoid\"", "output = \"sigmoid\"\ninputs = 30");
  text = replace(text, "local_steps = 1", "local_steps = 2\ndata_columns = 16");
  text = replace(text, "quorum = 2", "quorum = 2\nround_deadline_s = 12.5\naggregation = \"norm_clip:2.5\"\n"
                                     "curve_public_key = \"keys/coordinator.pub\"\n"
                                     "curve_secret_key = \"/abs/coordinator.key\"");
  text = replace(text, "name = \"a\"", "name = \"a\"\nendpoint = \"tcp://coordinator.example.org:5555\"\n"
                                       "curve_public_key = \"keys/a.pub\"");
  text = replace(text, "name = \"b\"", "name = \"b\"\ncurve_public_key = \"keys/b.pub\"");
  text = replace(text, "name = \"c\"", "name = \"c\"\ncurve_public_key = \"keys/c.pub\"");
  const auto config = parse(text);
  ASSERT_TRUE(config.is_ok()) << config.error();
  EXPECT_DOUBLE_EQ(config->data.test_fraction, 0.25);
  EXPECT_EQ(config->model.inputs, 30);
  EXPECT_EQ(config->training.hyper.local_steps, 2);
  EXPECT_EQ(config->training.data_columns, 16);
  EXPECT_DOUBLE_EQ(config->coordinator.round_deadline_s, 12.5);
  EXPECT_EQ(config->coordinator.aggregation.kind, AggregationKind::kNormClip);
  EXPECT_DOUBLE_EQ(config->coordinator.aggregation.clip_norm, 2.5);
  EXPECT_EQ(config->coordinator.curve_public_key, kSource.parent_path() / "keys/coordinator.pub");
  EXPECT_EQ(config->coordinator.curve_secret_key, fs::path("/abs/coordinator.key"));
  EXPECT_EQ(config->participants[0].curve_public_key, kSource.parent_path() / "keys/a.pub");
  EXPECT_EQ(config->connect_endpoint(0).to_string(), "tcp://coordinator.example.org:5555");
  EXPECT_EQ(config->connect_endpoint(1).to_string(), "tcp://127.0.0.1:5555");
}

TEST(FederationConfig, RelativePathsResolveAgainstTheConfigDirectory) {
  TempDir dir;
  fs::create_directories(dir.path() / "data");
  fs::copy_file(kDataDir / "breast_cancer.csv", dir.path() / "data" / "bc.csv");
  fs::create_directories(dir.path() / "configs");
  const auto path = dir.write("configs/fed.toml", replace(valid_config(), (kDataDir / "breast_cancer.csv").string(),
                                                          "../data/bc.csv"));
  const auto config = load_federation_config(path);
  ASSERT_TRUE(config.is_ok()) << config.error();
  EXPECT_EQ(config->data.csv, dir.path() / "data" / "bc.csv");
  EXPECT_EQ(config->run.output_dir, dir.path() / "configs" / "out");
  EXPECT_EQ(config->source, path);
}

TEST(FederationConfig, EveryShippedConfigLoadsAndPartitions) {
  const std::vector<std::string> names = {"hospitals.toml", "banks.toml", "dishonest.toml", "digits.toml"};
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const auto config = load_federation_config(kConfigDir / name);
    ASSERT_TRUE(config.is_ok()) << config.error();
    const auto plan = plan_federation_data(*config);
    ASSERT_TRUE(plan.is_ok()) << plan.error();
    ASSERT_EQ(plan->participants.size(), config->participants.size());
    for (const auto& p : plan->participants) {
      EXPECT_TRUE(p.spec.validate().is_ok());
      EXPECT_GE(p.spec.dataset_rows, config->training.hyper.batch_size);
    }
  }
}

TEST(FederationConfig, ShippedConfigsAreTheDocumentedFederations) {
  const auto hospitals = load_federation_config(kConfigDir / "hospitals.toml");
  ASSERT_TRUE(hospitals.is_ok()) << hospitals.error();
  EXPECT_EQ(hospitals->participants.size(), 3u);
  EXPECT_EQ(hospitals->data.partition, PartitionKind::kDirichlet);
  EXPECT_EQ(hospitals->model.layers, std::vector<int64_t>{1});
  EXPECT_EQ(hospitals->training.hyper.batch_size, 32);
  EXPECT_EQ(hospitals->training.hyper.local_steps, 1);
  EXPECT_EQ(hospitals->coordinator.quorum, 2);
  EXPECT_EQ(hospitals->honest_count(), 3);

  const auto banks = load_federation_config(kConfigDir / "banks.toml");
  ASSERT_TRUE(banks.is_ok()) << banks.error();
  EXPECT_EQ(banks->participants.size(), 4u);
  EXPECT_EQ(banks->data.csv.filename(), "german_credit.csv");
  EXPECT_EQ(banks->model.layers, (std::vector<int64_t>{16, 1}));

  const auto dishonest = load_federation_config(kConfigDir / "dishonest.toml");
  ASSERT_TRUE(dishonest.is_ok()) << dishonest.error();
  EXPECT_EQ(dishonest->honest_count(), 2);
  EXPECT_EQ(dishonest->participants[2].cheat, Cheat::kRotate);
  // Enough rounds for every cheat to be tried once.
  EXPECT_GE(dishonest->run.rounds, static_cast<int64_t>(kRotation.size()));

  const auto digits = load_federation_config(kConfigDir / "digits.toml");
  ASSERT_TRUE(digits.is_ok()) << digits.error();
  EXPECT_EQ(digits->participants.size(), 5u);
  EXPECT_EQ(digits->data.partition, PartitionKind::kDirichlet);
  EXPECT_EQ(digits->model.output, training::OutputKind::kSoftmax);
  EXPECT_EQ(digits->model.layers, (std::vector<int64_t>{32, 10}));
}

TEST(FederationConfig, MissingFileOrSyntaxError) {
  const auto missing = load_federation_config("/nonexistent/zkfl/federation.toml");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.error().find("/nonexistent/zkfl/federation.toml: no such config file"), std::string::npos);

  TempDir dir;
  const auto bad = dir.write("bad.toml", "[run]\nname = \"x\nseed = 1\n");
  const auto syntax = load_federation_config(bad);
  ASSERT_FALSE(syntax.is_ok());
  EXPECT_NE(syntax.error().find(bad.string() + ":2:"), std::string::npos) << syntax.error();
  EXPECT_NE(syntax.error().find("TOML syntax error"), std::string::npos) << syntax.error();

  expect_error(valid_config() + "\n[run]\nname = \"again\"\n", {"TOML syntax error"});
}

TEST(FederationConfig, MissingKeysAndTables) {
  expect_error(replace(valid_config(), "batch_size = 32\n", ""),
               {kSource.string() + ":17:1: [training] is missing the required key 'batch_size'"});
  expect_error(replace(valid_config(), "name = \"a\"\n", ""),
               {"participants[0] is missing the required key 'name'"});
  expect_error(replace(valid_config(), "[model]\nlayers = [1]\noutput = \"sigmoid\"\n", ""),
               {"missing the required table [model]"});
  const std::string no_participants = valid_config().substr(0, valid_config().find("[[participants]]"));
  expect_error(no_participants, {"missing the participants"});
  expect_error(replace(valid_config(), "alpha = 1.0\n", ""), {"[data] is missing the key 'alpha'", "dirichlet"});
}

TEST(FederationConfig, WrongTypes) {
  expect_error(replace(valid_config(), "batch_size = 32", "batch_size = \"32\""),
               {":19:14: training.batch_size must be an integer, not a string"});
  expect_error(replace(valid_config(), "rounds = 3", "rounds = 3.0"), {"run.rounds must be an integer, not a real number"});
  expect_error(replace(valid_config(), "learning_rate = 0.5", "learning_rate = \"fast\""),
               {"training.learning_rate must be a number, not a string"});
  expect_error(replace(valid_config(), "layers = [1]", "layers = 1"), {"model.layers must be an array of integers"});
  expect_error(replace(valid_config(), "layers = [1]", "layers = [16, \"1\"]"),
               {"model.layers [1] must be an integer, not a string"});
  expect_error(replace(valid_config(), "honest = false", "honest = \"no\""),
               {"participants[2].honest must be true or false, not a string"});
  expect_error("training = 3\n" + replace(valid_config(), "[training]", "[extra]"),
               {":1:12: training must be a table ([training])", "unknown key 'extra' at the top level"});
  expect_error(replace(valid_config(), "learning_rate = 0.5", "learning_rate = nan"),
               {"training.learning_rate must be a finite number"});
}

TEST(FederationConfig, UnknownKeysAreRejectedWithASuggestion) {
  expect_error(replace(valid_config(), "learning_rate", "lerning_rate"),
               {":18:1: unknown key 'lerning_rate' in [training]; did you mean 'learning_rate'?",
                "[training] is missing the required key 'learning_rate'"});
  expect_error(replace(valid_config(), "[coordinator]", "[coordinatr]"),
               {"unknown key 'coordinatr' at the top level; did you mean 'coordinator'?",
                "missing the required table [coordinator]"});
  expect_error(replace(valid_config(), "name = \"b\"", "name = \"b\"\nhonset = true"),
               {"unknown key 'honset' in participants[1]; did you mean 'honest'?"});
  expect_error(replace(valid_config(), "seed = 5", "seed = 5\ncolour = \"blue\""),
               {"unknown key 'colour' in [run] (known keys: name, seed, rounds, output_dir)"});
}

TEST(FederationConfig, ValuesOutOfRange) {
  expect_error(replace(valid_config(), "rounds = 3", "rounds = 0"), {"run.rounds = 0 is outside 1..10000"});
  expect_error(replace(valid_config(), "seed = 5", "seed = -1"), {"run.seed = -1 is outside 0.."});
  expect_error(replace(valid_config(), "alpha = 1.0", "alpha = 0"), {"data.alpha = 0.000000 must be > 0"});
  expect_error(replace(valid_config(), "alpha = 1.0", "alpha = -0.5"), {"data.alpha", "must be > 0"});
  expect_error(replace(valid_config(), "classes = 2", "classes = 1"), {"data.classes = 1 is outside 2..1024"});
  expect_error(replace(valid_config(), "alpha = 1.0", "alpha = 1.0\ntest_fraction = 1.0"),
               {"data.test_fraction", "strictly between 0 and 1"});
  expect_error(replace(valid_config(), "batch_size = 32", "batch_size = 48"),
               {"training.batch_size = 48 must be a power of two"});
  expect_error(replace(valid_config(), "batch_size = 32", "batch_size = 512"),
               {"training.batch_size = 512 is outside 1..256"});
  expect_error(replace(valid_config(), "local_steps = 1", "local_steps = 65"), {"training.local_steps = 65 is outside"});
  expect_error(replace(valid_config(), "local_steps = 1", "local_steps = 1\ndata_columns = 0"),
               {"training.data_columns = 0 is outside 1..64"});
  expect_error(replace(valid_config(), "learning_rate = 0.5", "learning_rate = 0.001"),
               {"training.learning_rate", "[1/256, 16]"});
  expect_error(replace(valid_config(), "learning_rate = 0.5", "learning_rate = 17"),
               {"training.learning_rate", "[1/256, 16]"});
  expect_error(replace(valid_config(), "layers = [1]", "layers = []"), {"model.layers must list at least one width"});
  expect_error(replace(valid_config(), "layers = [1]", "layers = [0, 1]"), {"model.layers [0] = 0 is outside 1..1024"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 0"), {"coordinator.quorum = 0 is outside"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\nround_deadline_s = 0"),
               {"coordinator.round_deadline_s", "(0, 86400]"});
  expect_error(replace(valid_config(), "name = \"test-run\"", "name = \"../escape\""),
               {"run.name = \"../escape\" must be"});
  expect_error(replace(valid_config(), "name = \"test-run\"", "name = \"\""), {"run.name = \"\" must be"});
}

TEST(FederationConfig, EnumeratedValues) {
  expect_error(replace(valid_config(), "cheat = \"gradient\"", "cheat = \"gradiant\""),
               {"participants[2].cheat = \"gradiant\" is not a cheat; use one of gradient, learning_rate"});
  expect_error(replace(valid_config(), "cheat = \"gradient\"", "cheat = \"Gradient\""), {"is not a cheat"});
  expect_error(replace(valid_config(), "partition = \"dirichlet\"", "partition = \"random\""),
               {"data.partition = \"random\" is not a partition; use \"iid\" or \"dirichlet\""});
  expect_error(replace(valid_config(), "output = \"sigmoid\"", "output = \"relu\""),
               {"model.output = \"relu\" is not an output"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\naggregation = \"mean\""),
               {"coordinator.aggregation is invalid", "is not a known rule"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\naggregation = \"trimmed_mean\""),
               {"coordinator.aggregation is invalid", "needs an integer K"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\naggregation = \"norm_clip:-1\""),
               {"needs a finite number TAU > 0"});
  expect_error(replace(valid_config(), "tcp://127.0.0.1:5555", "tcp://127.0.0.1"),
               {"coordinator.endpoint is invalid", "has no port"});
  expect_error(replace(valid_config(), "tcp://127.0.0.1:5555", "udp://127.0.0.1:5555"),
               {"neither tcp://HOST:PORT nor inproc://NAME"});
}

TEST(FederationConfig, MissingDataFile) {
  expect_error(replace(valid_config(), "breast_cancer.csv", "no_such_file.csv"),
               {"data.csv names", "no_such_file.csv, which does not exist"});
  expect_error(replace(valid_config(), (kDataDir / "breast_cancer.csv").string(), kDataDir.string()),
               {"data.csv names", "which is not a regular file"});
}

TEST(FederationConfig, InconsistentCombinations) {
  // The model against the classes.
  expect_error(replace(valid_config(), "layers = [1]", "layers = [2]"),
               {"model.layers ends with 2 units, but a sigmoid output has exactly one"});
  expect_error(replace(valid_config(), "output = \"sigmoid\"", "output = \"softmax\""),
               {"model.layers ends with 1 units, but data.classes = 2"});
  // Alpha only with a Dirichlet partition.
  expect_error(replace(valid_config(), "partition = \"dirichlet\"", "partition = \"iid\""),
               {"data.alpha applies only to partition = \"dirichlet\""});
  // Quorum against the participants.
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 4"), {"coordinator.quorum = 4 exceeds the 3 participants"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 3"),
               {"coordinator.quorum = 3 exceeds the 2 honest participants"});
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\naggregation = \"trimmed_mean:1\""),
               {"needs coordinator.quorum ≥ 3"});
  // Cheat against honest.
  expect_error(replace(valid_config(), "cheat = \"gradient\"\n", ""), {"participants[2] has honest = false but no cheat"});
  expect_error(replace(valid_config(), "honest = false\n", ""),
               {"participants[2].cheat is set but the participant is honest"});
  // Names.
  expect_error(replace(valid_config(), "name = \"b\"", "name = \"a\""),
               {"participants[1].name = \"a\" is used by an earlier participant"});
  // Endpoints.
  expect_error(replace(valid_config(), "tcp://127.0.0.1:5555", "tcp://*:5555"),
               {"participants[0].name needs an endpoint: the coordinator binds tcp://*:5555"});
  expect_error(replace(valid_config(), "name = \"a\"", "name = \"a\"\nendpoint = \"inproc://x\""),
               {"participants[0].endpoint = \"inproc://x\" uses another transport"});
  expect_error(replace(replace(valid_config(), "tcp://127.0.0.1:5555", "inproc://fed"), "name = \"a\"",
                       "name = \"a\"\nendpoint = \"inproc://other\""),
               {"must be the coordinator's inproc endpoint \"inproc://fed\""});
  // CURVE keys: all public keys or none.
  expect_error(replace(valid_config(), "quorum = 2", "quorum = 2\ncurve_public_key = \"c.pub\""),
               {"participants[0] is missing curve_public_key", "participants[2] is missing curve_public_key"});
  expect_error(replace(valid_config(), "name = \"a\"", "name = \"a\"\ncurve_public_key = \"a.pub\""),
               {"[coordinator] is missing curve_public_key"});
}

TEST(FederationConfig, ReportsEveryProblemAtOnce) {
  std::string text = replace(valid_config(), "rounds = 3", "rounds = 0");
  text = replace(text, "batch_size = 32", "batch_size = 33");
  text = replace(text, "cheat = \"gradient\"", "cheat = \"lie\"");
  const auto config = parse(text);
  ASSERT_FALSE(config.is_ok());
  EXPECT_NE(config.error().find("run.rounds"), std::string::npos);
  EXPECT_NE(config.error().find("training.batch_size"), std::string::npos);
  EXPECT_NE(config.error().find("participants[2].cheat"), std::string::npos);
  EXPECT_EQ(std::count(config.error().begin(), config.error().end(), '\n'), 2) << config.error();
}

TEST(FederationConfig, OversizedFileIsRefused) {
  TempDir dir;
  const auto path = dir.write("big.toml", valid_config() + "\n#" + std::string(kMaxConfigBytes, 'x') + "\n");
  const auto config = load_federation_config(path);
  ASSERT_FALSE(config.is_ok());
  EXPECT_NE(config.error().find("a config is at most"), std::string::npos) << config.error();
}

}  // namespace
}  // namespace zkfl::federation
