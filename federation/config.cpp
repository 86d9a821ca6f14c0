#include "federation/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "federation/toml_reader.hpp"
#include "training/fixed_point.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;
using training::OutputKind;

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Checks a run or participant name: it names files and log lines.
std::optional<std::string> check_name(TableReader& t, std::string_view key, std::optional<std::string> name) {
  if (!name) return std::nullopt;
  const auto ok_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  };
  if (name->empty() || name->size() > kMaxNameLength || std::isalnum(static_cast<unsigned char>(name->front())) == 0 ||
      !std::all_of(name->begin(), name->end(), ok_char)) {
    t.error_at(key, "= " + quote(*name) + " must be 1.." + std::to_string(kMaxNameLength) +
                        " letters, digits, '-', '_' or '.', starting with a letter or digit");
    return std::nullopt;
  }
  return name;
}

class ConfigParser {
 public:
  ConfigParser(std::string file, fs::path base_dir) : file_(std::move(file)), base_dir_(std::move(base_dir)) {}

  Result<FederationConfig> parse(const toml::table& root) {
    TableReader top(root, "", file_, errors_);
    top.reject_unknown_keys({"run", "data", "model", "training", "coordinator", "participants"});
    if (const auto* t = section(root, "run")) parse_run(*t);
    if (const auto* t = section(root, "data")) parse_data(*t);
    if (const auto* t = section(root, "model")) parse_model(*t);
    if (const auto* t = section(root, "training")) parse_training(*t);
    if (const auto* t = section(root, "coordinator")) parse_coordinator(*t);
    parse_participants(root);
    // Checks across tables only once every table parsed: they would mostly
    // repeat an error already reported.
    if (errors_.empty()) check_consistency(root);
    if (Status s = errors_.to_status(); !s.is_ok()) return s;
    return std::move(config_);
  }

 private:
  const toml::table* section(const toml::table& root, std::string_view name) {
    const toml::node* node = root.get(name);
    if (node == nullptr) {
      errors_.add(file_ + ": missing the required table [" + std::string(name) + "]");
      return nullptr;
    }
    if (const auto* t = node->as_table()) return t;
    errors_.add(source_location(file_, node->source()) + ": " + std::string(name) + " must be a table ([" +
                std::string(name) + "])");
    return nullptr;
  }

  // A path from the config, relative ones taken from the config's directory.
  std::optional<fs::path> path(TableReader& t, std::string_view key, bool required) {
    auto text = required ? t.require_string(key) : t.optional_string(key);
    if (!text) return std::nullopt;
    if (text->empty()) {
      t.error_at(key, "must not be empty");
      return std::nullopt;
    }
    const fs::path p(*text);
    return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
  }

  std::optional<Endpoint> endpoint(TableReader& t, std::string_view key, bool required) {
    auto text = required ? t.require_string(key) : t.optional_string(key);
    if (!text) return std::nullopt;
    auto e = parse_endpoint(*text);
    if (!e) {
      t.error_at(key, "is invalid: " + e.error());
      return std::nullopt;
    }
    return *e;
  }

  void parse_run(const toml::table& table) {
    TableReader t(table, "run", file_, errors_);
    t.reject_unknown_keys({"name", "seed", "rounds", "output_dir"});
    if (auto v = check_name(t, "name", t.require_string("name"))) config_.run.name = *v;
    if (auto v = t.require_integer("seed", 0, INT64_MAX)) config_.run.seed = static_cast<uint64_t>(*v);
    if (auto v = t.require_integer("rounds", 1, kMaxRounds)) config_.run.rounds = *v;
    if (auto v = path(t, "output_dir", true)) config_.run.output_dir = *v;
  }

  void parse_data(const toml::table& table) {
    TableReader t(table, "data", file_, errors_);
    t.reject_unknown_keys({"csv", "classes", "test_fraction", "partition", "alpha"});
    if (auto csv = path(t, "csv", true)) {
      std::error_code ec;
      if (!fs::exists(*csv, ec)) {
        t.error_at("csv", "names " + csv->string() + ", which does not exist (relative paths start at the config's "
                          "directory)");
      } else if (!fs::is_regular_file(*csv, ec)) {
        t.error_at("csv", "names " + csv->string() + ", which is not a regular file");
      } else {
        config_.data.csv = *csv;
      }
    }
    if (auto v = t.require_integer("classes", 2, training::kMaxWidth)) config_.data.classes = *v;
    if (auto v = t.optional_real("test_fraction")) {
      if (*v <= 0 || *v >= 1) {
        t.error_at("test_fraction", "= " + std::to_string(*v) + " must lie strictly between 0 and 1");
      } else {
        config_.data.test_fraction = *v;
      }
    }
    if (auto v = t.optional_string("partition")) {
      if (*v == "iid") {
        config_.data.partition = PartitionKind::kIid;
      } else if (*v == "dirichlet") {
        config_.data.partition = PartitionKind::kDirichlet;
      } else {
        t.error_at("partition", "= " + quote(*v) + " is not a partition; use \"iid\" or \"dirichlet\"");
        return;  // whether alpha belongs here is unknown
      }
    } else if (t.has("partition")) {
      return;  // a type error, already reported
    }
    const bool dirichlet = config_.data.partition == PartitionKind::kDirichlet;
    const auto alpha = t.optional_real("alpha");
    if (dirichlet && !t.has("alpha")) {
      t.error_here("is missing the key 'alpha', which partition = \"dirichlet\" needs (e.g. alpha = 0.5)");
    } else if (!dirichlet && t.has("alpha")) {
      t.error_at("alpha", "applies only to partition = \"dirichlet\"; remove it or set the partition");
    } else if (alpha) {
      if (*alpha <= 0) {
        t.error_at("alpha", "= " + std::to_string(*alpha) + " must be > 0 (small: skewed labels, large: near IID)");
      } else {
        config_.data.alpha = *alpha;
      }
    }
  }

  void parse_model(const toml::table& table) {
    TableReader t(table, "model", file_, errors_);
    t.reject_unknown_keys({"layers", "output", "inputs"});
    if (auto v = t.require_integer_list("layers", 1, training::kMaxWidth)) config_.model.layers = *v;
    if (auto v = t.optional_integer("inputs", 1, training::kMaxWidth)) config_.model.inputs = *v;
    if (auto v = t.require_string("output")) {
      if (*v == "sigmoid") {
        config_.model.output = OutputKind::kSigmoid;
      } else if (*v == "softmax") {
        config_.model.output = OutputKind::kSoftmax;
      } else {
        t.error_at("output", "= " + quote(*v) + " is not an output; use \"sigmoid\" or \"softmax\"");
      }
    }
  }

  void parse_training(const toml::table& table) {
    TableReader t(table, "training", file_, errors_);
    t.reject_unknown_keys({"learning_rate", "batch_size", "local_steps", "data_columns"});
    if (auto lr = t.require_real("learning_rate")) {
      auto q = training::quantize_learning_rate(*lr);
      if (!q) {
        t.error_at("learning_rate", "= " + std::to_string(*lr) + " is not representable: it is rounded to a " +
                                        "multiple of 1/256 and must lie in [1/256, 16]");
      } else {
        config_.training.learning_rate = *lr;
        config_.training.hyper.learning_rate_q = *q;
      }
    }
    if (auto b = t.require_integer("batch_size", 1, kMaxStepBatchSize)) {
      if ((*b & (*b - 1)) != 0) {
        t.error_at("batch_size", "= " + std::to_string(*b) + " must be a power of two (1, 2, 4, ..., 256)");
      } else {
        config_.training.hyper.batch_size = *b;
      }
    }
    if (auto e = t.require_integer("local_steps", 1, kMaxLocalSteps)) config_.training.hyper.local_steps = *e;
    if (auto p = t.optional_integer("data_columns", 1, kMaxDataColumns)) config_.training.data_columns = *p;
  }

  void parse_coordinator(const toml::table& table) {
    TableReader t(table, "coordinator", file_, errors_);
    t.reject_unknown_keys(
        {"endpoint", "quorum", "round_deadline_s", "aggregation", "curve_public_key", "curve_secret_key"});
    if (auto e = endpoint(t, "endpoint", true)) config_.coordinator.endpoint = *e;
    if (auto q = t.require_integer("quorum", 1, kMaxParticipants)) config_.coordinator.quorum = *q;
    if (auto d = t.optional_real("round_deadline_s")) {
      if (*d <= 0 || *d > kMaxRoundDeadlineSeconds) {
        t.error_at("round_deadline_s", "= " + std::to_string(*d) + " must lie in (0, 86400] seconds");
      } else {
        config_.coordinator.round_deadline_s = *d;
      }
    }
    if (auto a = t.optional_string("aggregation")) {
      auto rule = parse_aggregation_rule(*a);
      if (!rule) {
        t.error_at("aggregation", "is invalid: " + rule.error());
      } else {
        config_.coordinator.aggregation = *rule;
      }
    }
    config_.coordinator.curve_public_key = path(t, "curve_public_key", false);
    config_.coordinator.curve_secret_key = path(t, "curve_secret_key", false);
  }

  void parse_participants(const toml::table& root) {
    const toml::node* node = root.get("participants");
    if (node == nullptr) {
      errors_.add(file_ + ": missing the participants: add one [[participants]] table per participant");
      return;
    }
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      errors_.add(source_location(file_, node->source()) +
                  ": participants must be an array of tables, one [[participants]] per participant");
      return;
    }
    if (array->empty() || array->size() > static_cast<size_t>(kMaxParticipants)) {
      errors_.add(source_location(file_, node->source()) + ": a federation needs 1.." +
                  std::to_string(kMaxParticipants) + " participants, not " + std::to_string(array->size()));
      return;
    }
    for (size_t i = 0; i < array->size(); ++i) {
      config_.participants.push_back(parse_participant(*array->get(i)->as_table(), i));
    }
  }

  ParticipantConfig parse_participant(const toml::table& table, size_t index) {
    TableReader t(table, "participants[" + std::to_string(index) + "]", file_, errors_);
    t.reject_unknown_keys({"name", "honest", "cheat", "endpoint", "curve_public_key", "curve_secret_key"});
    ParticipantConfig p;
    if (auto v = check_name(t, "name", t.require_string("name"))) p.name = *v;
    p.honest = t.optional_boolean("honest").value_or(true);
    if (auto c = t.optional_string("cheat")) {
      if (auto cheat = parse_cheat(*c)) {
        p.cheat = *cheat;
      } else {
        t.error_at("cheat", "= " + quote(*c) + " is not a cheat; use one of " + std::string(cheat_names_list()));
      }
    }
    if (!p.honest && !t.has("cheat")) {
      t.error_here("has honest = false but no cheat; name one: " + std::string(cheat_names_list()));
    } else if (p.honest && t.has("cheat")) {
      t.error_at("cheat", "is set but the participant is honest; add honest = false to make it cheat");
    }
    p.endpoint = endpoint(t, "endpoint", false);
    p.curve_public_key = path(t, "curve_public_key", false);
    p.curve_secret_key = path(t, "curve_secret_key", false);
    return p;
  }

  // An error at `key` of `table` (a section of the root), for checks across tables.
  void error_at(const toml::table& root, std::string_view table, std::string_view key, const std::string& message) {
    TableReader(*root.get(table)->as_table(), std::string(table), file_, errors_).error_at(key, message);
  }

  const toml::table& participant_table(const toml::table& root, size_t i) {
    return *root.get("participants")->as_array()->get(i)->as_table();
  }

  void error_at_participant(const toml::table& root, size_t i, std::string_view key, const std::string& message) {
    TableReader(participant_table(root, i), "participants[" + std::to_string(i) + "]", file_, errors_)
        .error_at(key, message);
  }

  void check_consistency(const toml::table& root) {
    check_model(root);
    check_quorum(root);
    check_participants(root);
    check_keys(root);
  }

  void check_model(const toml::table& root) {
    const auto& m = config_.model;
    const int64_t last = m.layers.back(), classes = config_.data.classes;
    if (m.output == OutputKind::kSigmoid) {
      if (last != 1) {
        error_at(root, "model", "layers",
                 "ends with " + std::to_string(last) + " units, but a sigmoid output has exactly one (for " +
                     std::to_string(last) + " classes use output = \"softmax\")");
      } else if (classes != 2) {
        error_at(root, "data", "classes",
                 "= " + std::to_string(classes) + ", but model.output = \"sigmoid\" predicts 2 classes; use "
                 "output = \"softmax\" with layers ending in " + std::to_string(classes));
      }
    } else if (last != classes) {
      error_at(root, "model", "layers",
               "ends with " + std::to_string(last) + " units, but data.classes = " + std::to_string(classes) +
                   " and a softmax output has one unit per class");
    }
  }

  void check_quorum(const toml::table& root) {
    const auto& c = config_.coordinator;
    const auto n = static_cast<int64_t>(config_.participants.size());
    const int64_t honest = config_.honest_count();
    if (c.quorum > n) {
      error_at(root, "coordinator", "quorum",
               "= " + std::to_string(c.quorum) + " exceeds the " + std::to_string(n) + " participants");
    } else if (c.quorum > honest) {
      error_at(root, "coordinator", "quorum",
               "= " + std::to_string(c.quorum) + " exceeds the " + std::to_string(honest) +
                   " honest participants: rejected updates never count, so no round could complete");
    }
    if (c.aggregation.kind == AggregationKind::kTrimmedMean && 2 * c.aggregation.trim + 1 > c.quorum) {
      error_at(root, "coordinator", "aggregation",
               "= " + quote(c.aggregation.to_string()) + " drops " + std::to_string(2 * c.aggregation.trim) +
                   " values of every coordinate, so it needs coordinator.quorum ≥ " +
                   std::to_string(2 * c.aggregation.trim + 1) + " (it is " + std::to_string(c.quorum) + ")");
    }
  }

  void check_participants(const toml::table& root) {
    const Endpoint& server = config_.coordinator.endpoint;
    std::set<std::string> names;
    for (size_t i = 0; i < config_.participants.size(); ++i) {
      const auto& p = config_.participants[i];
      if (!names.insert(p.name).second) {
        error_at_participant(root, i, "name", "= " + quote(p.name) + " is used by an earlier participant");
      }
      if (!p.endpoint) {
        if (server.is_wildcard()) {
          error_at_participant(root, i, "name",
                               "needs an endpoint: the coordinator binds " + server.to_string() +
                                   ", which is not an address to connect to");
        }
        continue;
      }
      if (p.endpoint->is_wildcard()) {
        error_at_participant(root, i, "endpoint", "= " + quote(p.endpoint->to_string()) +
                                                      " is not an address to connect to; name the coordinator's host");
      } else if (p.endpoint->transport != server.transport) {
        error_at_participant(root, i, "endpoint",
                             "= " + quote(p.endpoint->to_string()) + " uses another transport than coordinator.endpoint = " +
                                 quote(server.to_string()));
      } else if (server.transport == Transport::kInproc && p.endpoint->name != server.name) {
        error_at_participant(root, i, "endpoint", "= " + quote(p.endpoint->to_string()) +
                                                      " must be the coordinator's inproc endpoint " +
                                                      quote(server.to_string()) + " (or be left out)");
      }
    }
  }

  // CURVE needs every public key or none: participants must know the
  // coordinator's, and the coordinator admits only the participants' listed ones.
  void check_keys(const toml::table& root) {
    bool any = config_.coordinator.curve_public_key || config_.coordinator.curve_secret_key;
    for (const auto& p : config_.participants) any = any || p.curve_public_key || p.curve_secret_key;
    if (!any) return;
    if (!config_.coordinator.curve_public_key) {
      TableReader(*root.get("coordinator")->as_table(), "coordinator", file_, errors_)
          .error_here("is missing curve_public_key, which participants need once any CURVE key is configured");
    }
    std::set<fs::path> public_keys;
    for (size_t i = 0; i < config_.participants.size(); ++i) {
      const auto& p = config_.participants[i];
      if (!p.curve_public_key) {
        TableReader(participant_table(root, i), "participants[" + std::to_string(i) + "]", file_, errors_)
            .error_here("is missing curve_public_key: with CURVE the coordinator admits only listed keys");
      } else if (!public_keys.insert(*p.curve_public_key).second) {
        error_at_participant(root, i, "curve_public_key", "names the same key file as an earlier participant");
      }
    }
  }

  std::string file_;
  fs::path base_dir_;
  ConfigErrors errors_;
  FederationConfig config_;
};

}  // namespace

training::ModelShape ModelConfig::shape(int64_t features) const {
  training::ModelShape s;
  s.widths.push_back(features);
  s.widths.insert(s.widths.end(), layers.begin(), layers.end());
  s.output = output;
  return s;
}

const Endpoint& FederationConfig::connect_endpoint(size_t p) const {
  const auto& e = participants.at(p).endpoint;
  return e ? *e : coordinator.endpoint;
}

int64_t FederationConfig::honest_count() const {
  return static_cast<int64_t>(std::count_if(participants.begin(), participants.end(),
                                            [](const ParticipantConfig& p) { return p.honest; }));
}

Result<FederationConfig> parse_federation_config(std::string_view toml_text, const std::filesystem::path& source) {
  const std::string file = source.string();
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    return Status::error(source_location(file, e.source()) + ": TOML syntax error: " + std::string(e.description()));
  }
  ConfigParser parser(file, source.parent_path());
  auto config = parser.parse(root);
  if (!config) return config.status();
  config->source = source;
  return config;
}

Result<FederationConfig> load_federation_config(const std::filesystem::path& path) {
  std::error_code ec;
  const std::string file = path.string();
  if (!fs::exists(path, ec)) return Status::error(file + ": no such config file");
  if (!fs::is_regular_file(path, ec)) return Status::error(file + ": not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec) return Status::error(file + ": cannot read its size: " + ec.message());
  if (size > kMaxConfigBytes) {
    return Status::error(file + ": " + std::to_string(size) + " bytes; a config is at most " +
                         std::to_string(kMaxConfigBytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(file + ": cannot be opened for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::error(file + ": read error");
  return parse_federation_config(text.str(), path);
}

}  // namespace zkfl::federation
