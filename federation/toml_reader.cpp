#include "federation/toml_reader.hpp"

#include <algorithm>
#include <cmath>

namespace zkfl::federation {
namespace {

std::string type_phrase(toml::node_type type) {
  switch (type) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a real number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::string join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out.append(", ");
    out.append(n);
  }
  return out;
}

}  // namespace

plonk::Status ConfigErrors::to_status() const {
  if (messages_.empty()) return plonk::Status::ok();
  std::string all;
  for (const auto& m : messages_) {
    if (!all.empty()) all.push_back('\n');
    all.append(m);
  }
  return plonk::Status::error(all);
}

std::string source_location(const std::string& file, const toml::source_region& region) {
  if (!region.begin) return file;
  return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

TableReader::TableReader(const toml::table& table, std::string name, std::string file, ConfigErrors& errors)
    : table_(table), name_(std::move(name)), file_(std::move(file)), errors_(errors) {}

std::string TableReader::table_phrase() const {
  // "[training]" for a table, "participants[1]" for an element of an array of tables.
  return name_.find('[') != std::string::npos ? name_ : "[" + name_ + "]";
}

void TableReader::error_at(std::string_view key, const std::string& message) {
  const toml::node* node = table_.get(key);
  const std::string where = source_location(file_, node != nullptr ? node->source() : table_.source());
  errors_.add(where + ": " + (name_.empty() ? std::string(key) : name_ + "." + std::string(key)) + " " + message);
}

void TableReader::error_here(const std::string& message) {
  errors_.add(source_location(file_, table_.source()) + ": " + (name_.empty() ? "the file" : table_phrase()) + " " +
              message);
}

const toml::node* TableReader::find(std::string_view key, bool required) {
  const toml::node* node = table_.get(key);
  if (node == nullptr && required) error_here("is missing the required key '" + std::string(key) + "'");
  return node;
}

void TableReader::type_error(std::string_view key, const toml::node& node, std::string_view expected) {
  error_at(key, "must be " + std::string(expected) + ", not " + type_phrase(node.type()));
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* node = find(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* s = node->as_string()) return s->get();
  type_error(key, *node, "a string");
  return std::nullopt;
}

std::optional<int64_t> TableReader::integer(std::string_view key, bool required, int64_t lo, int64_t hi) {
  const toml::node* node = find(key, required);
  if (node == nullptr) return std::nullopt;
  const auto* i = node->as_integer();
  if (i == nullptr) {
    type_error(key, *node, "an integer");
    return std::nullopt;
  }
  const int64_t v = i->get();
  if (v < lo || v > hi) {
    error_at(key, "= " + std::to_string(v) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    return std::nullopt;
  }
  return v;
}

std::optional<double> TableReader::real(std::string_view key, bool required) {
  const toml::node* node = find(key, required);
  if (node == nullptr) return std::nullopt;
  double v = 0;
  if (const auto* f = node->as_floating_point()) {
    v = f->get();
  } else if (const auto* i = node->as_integer()) {
    v = static_cast<double>(i->get());
  } else {
    type_error(key, *node, "a number");
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    error_at(key, "must be a finite number, not inf or nan");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> TableReader::require_string(std::string_view key) { return string(key, true); }
std::optional<std::string> TableReader::optional_string(std::string_view key) { return string(key, false); }
std::optional<int64_t> TableReader::require_integer(std::string_view key, int64_t lo, int64_t hi) {
  return integer(key, true, lo, hi);
}
std::optional<int64_t> TableReader::optional_integer(std::string_view key, int64_t lo, int64_t hi) {
  return integer(key, false, lo, hi);
}
std::optional<double> TableReader::require_real(std::string_view key) { return real(key, true); }
std::optional<double> TableReader::optional_real(std::string_view key) { return real(key, false); }

std::optional<bool> TableReader::optional_boolean(std::string_view key) {
  const toml::node* node = find(key, false);
  if (node == nullptr) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  type_error(key, *node, "true or false");
  return std::nullopt;
}

std::optional<std::vector<int64_t>> TableReader::require_integer_list(std::string_view key, int64_t lo, int64_t hi) {
  const toml::node* node = find(key, true);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    type_error(key, *node, "an array of integers");
    return std::nullopt;
  }
  if (array->empty()) {
    error_at(key, "must list at least one width");
    return std::nullopt;
  }
  std::vector<int64_t> out;
  for (size_t i = 0; i < array->size(); ++i) {
    const auto* v = array->get(i)->as_integer();
    const std::string entry = std::string("[").append(std::to_string(i)).append("]");
    if (v == nullptr) {
      error_at(key, entry + " must be an integer, not " + type_phrase(array->get(i)->type()));
      return std::nullopt;
    }
    if (v->get() < lo || v->get() > hi) {
      error_at(key, entry + " = " + std::to_string(v->get()) + " is outside " + std::to_string(lo) + ".." +
                        std::to_string(hi));
      return std::nullopt;
    }
    out.push_back(v->get());
  }
  return out;
}

void TableReader::reject_unknown_keys(std::initializer_list<std::string_view> known) {
  for (const auto& [key, node] : table_) {
    const std::string_view k = key.str();
    if (std::find(known.begin(), known.end(), k) != known.end()) continue;
    std::string_view nearest;
    size_t best = k.size() / 3 + 2;  // suggest only close matches: a typo, not another word
    for (std::string_view candidate : known) {
      const size_t d = edit_distance(k, candidate);
      if (d < best) {
        best = d;
        nearest = candidate;
      }
    }
    std::string message = source_location(file_, key.source()) + ": unknown key '" + std::string(k) + "' " +
                          (name_.empty() ? std::string("at the top level") : "in " + table_phrase());
    if (!nearest.empty()) message += "; did you mean '" + std::string(nearest) + "'?";
    message += " (known keys: " + join(known) + ")";
    errors_.add(message);
  }
}

}  // namespace zkfl::federation
