#include "federation/run_manifest.hpp"

#include <charconv>
#include <vector>

#include "plonk/base/hex.hpp"

namespace zkfl::federation {

namespace {

constexpr std::string_view kHeader = "zkfl-run-manifest 1";

Result<int64_t> parse_int(std::string_view text, std::string_view key) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::error("run manifest: " + std::string(key) + " is not an integer");
  }
  return v;
}

}  // namespace

std::string RunManifest::encode() const {
  std::string widths;
  for (size_t i = 0; i < shape.widths.size(); ++i) {
    if (i > 0) widths.push_back(',');
    widths.append(std::to_string(shape.widths[i]));
  }
  std::string out(kHeader);
  out += "\nwidths = " + widths;
  out += std::string("\noutput = ") + (shape.output == training::OutputKind::kSoftmax ? "softmax" : "sigmoid");
  out += "\nlearning_rate_q = " + std::to_string(hyper.learning_rate_q);
  out += "\nbatch_size = " + std::to_string(hyper.batch_size);
  out += "\nlocal_steps = " + std::to_string(hyper.local_steps);
  out += "\ndata_columns = " + std::to_string(data_columns);
  out += "\nsrs_k = " + std::to_string(srs_k);
  out += "\nsrs_digest = " + plonk::to_hex(srs_digest);
  out += "\nconfig:\n" + config_text;
  return out;
}

Result<RunManifest> RunManifest::parse(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  const std::string_view marker = "\nconfig:\n";
  const size_t config_at = text.find(marker);
  if (config_at == std::string_view::npos) return Status::error("run manifest: no config section");
  const std::string_view head = text.substr(0, config_at);
  while (at <= head.size()) {
    const size_t nl = head.find('\n', at);
    lines.push_back(head.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  const char* keys[] = {"widths", "output", "learning_rate_q", "batch_size", "local_steps", "data_columns", "srs_k",
                        "srs_digest"};
  if (lines.size() != 9 || lines[0] != kHeader) return Status::error("run manifest: not a zkfl run manifest (version 1)");
  std::vector<std::string_view> values;
  for (size_t i = 0; i < 8; ++i) {
    const std::string prefix = std::string(keys[i]) + " = ";
    if (lines[i + 1].substr(0, prefix.size()) != prefix) {
      return Status::error("run manifest: line " + std::to_string(i + 2) + " should set " + keys[i]);
    }
    values.push_back(lines[i + 1].substr(prefix.size()));
  }
  RunManifest m;
  std::string_view widths = values[0];
  while (!widths.empty()) {
    const size_t comma = widths.find(',');
    auto w = parse_int(widths.substr(0, comma), "widths");
    if (!w) return w.status();
    m.shape.widths.push_back(*w);
    if (comma == std::string_view::npos) break;
    widths.remove_prefix(comma + 1);
  }
  if (values[1] == "sigmoid") {
    m.shape.output = training::OutputKind::kSigmoid;
  } else if (values[1] == "softmax") {
    m.shape.output = training::OutputKind::kSoftmax;
  } else {
    return Status::error("run manifest: output must be sigmoid or softmax");
  }
  int64_t* ints[] = {&m.hyper.learning_rate_q, &m.hyper.batch_size, &m.hyper.local_steps, &m.data_columns};
  for (size_t i = 0; i < 4; ++i) {
    auto v = parse_int(values[2 + i], keys[2 + i]);
    if (!v) return v.status();
    *ints[i] = *v;
  }
  auto k = parse_int(values[6], "srs_k");
  if (!k) return k.status();
  if (*k < 1 || *k > 28) return Status::error("run manifest: srs_k out of range");
  m.srs_k = static_cast<uint32_t>(*k);
  auto digest = plonk::from_hex(values[7]);
  if (!digest || digest->size() != m.srs_digest.size()) return Status::error("run manifest: srs_digest is not 64 hex digits");
  std::copy(digest->begin(), digest->end(), m.srs_digest.begin());
  if (Status s = m.shape.validate(); !s.is_ok()) return Status::error("run manifest: " + s.message());
  if (Status s = m.hyper.validate(); !s.is_ok()) return Status::error("run manifest: " + s.message());
  m.config_text = std::string(text.substr(config_at + marker.size()));
  return m;
}

}  // namespace zkfl::federation
