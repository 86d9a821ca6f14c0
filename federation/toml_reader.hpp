// Typed, checked access to one TOML table of a config (internal to
// federation/: public headers never include toml++). Every problem is
// recorded in a ConfigErrors list rather than returned at once, so a user
// sees all the typos of a file in one run; messages start with
// "file:line:column: table.key" wherever toml++ knows the position.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "plonk/base/status.hpp"

namespace zkfl::federation {

// The problems found in one config file, in the order they were found.
class ConfigErrors {
 public:
  void add(std::string message) { messages_.push_back(std::move(message)); }
  bool empty() const { return messages_.empty(); }
  // Ok when empty; else one error listing every message, one per line.
  plonk::Status to_status() const;

 private:
  std::vector<std::string> messages_;
};

// "file:line:column" of a node's source, or just "file" when toml++ has no position.
std::string source_location(const std::string& file, const toml::source_region& region);

// The edit distance (Levenshtein) between two short strings.
size_t edit_distance(std::string_view a, std::string_view b);

class TableReader {
 public:
  // `name` is how messages name the table ("training", "participants[1]"; "" for the root);
  // `file` is the config's path as the user wrote it.
  TableReader(const toml::table& table, std::string name, std::string file, ConfigErrors& errors);

  // The key's value converted to the type; nullopt when the key is absent
  // (recorded as an error by require_*, silently by optional_*) or has
  // another type (always recorded). Reals accept integers too; every real must be finite.
  std::optional<std::string> require_string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::optional<int64_t> require_integer(std::string_view key, int64_t lo, int64_t hi);
  std::optional<int64_t> optional_integer(std::string_view key, int64_t lo, int64_t hi);
  std::optional<double> require_real(std::string_view key);
  std::optional<double> optional_real(std::string_view key);
  std::optional<bool> optional_boolean(std::string_view key);
  // A non-empty array of integers, each in [lo, hi].
  std::optional<std::vector<int64_t>> require_integer_list(std::string_view key, int64_t lo, int64_t hi);

  bool has(std::string_view key) const { return table_.contains(key); }
  // Records "location: table.key message" at the key's value (or at the table when absent).
  void error_at(std::string_view key, const std::string& message);
  // Records "location: [table] message" at the table.
  void error_here(const std::string& message);
  // Records an error for every key not in `known`, suggesting the nearest known key.
  void reject_unknown_keys(std::initializer_list<std::string_view> known);

  const std::string& file() const { return file_; }
  const std::string& name() const { return name_; }

 private:
  std::string table_phrase() const;
  const toml::node* find(std::string_view key, bool required);
  void type_error(std::string_view key, const toml::node& node, std::string_view expected);
  std::optional<int64_t> integer(std::string_view key, bool required, int64_t lo, int64_t hi);
  std::optional<double> real(std::string_view key, bool required);
  std::optional<std::string> string(std::string_view key, bool required);

  const toml::table& table_;
  std::string name_;
  std::string file_;
  ConfigErrors& errors_;
};

}  // namespace zkfl::federation
