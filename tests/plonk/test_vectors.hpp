// Access to tests/data/bn254_vectors.json, the known-answer vectors made by
// @noble/curves (tests/data/gen/gen_bn254_vectors.mjs), and parsers from its
// JSON conventions into zkfl types. Malformed vector files fail the test.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "plonk/base/hex.hpp"
#include "plonk/curve/g1.hpp"
#include "plonk/curve/g2.hpp"
#include "plonk/field/fq2.hpp"

namespace zkfl::plonk::test {

using Json = nlohmann::json;

// The parsed vector file (loaded once per test binary).
inline const Json& bn254_vectors() {
  static const Json vectors = [] {
    std::ifstream in(std::string(ZKFL_TEST_DATA_DIR) + "/bn254_vectors.json");
    if (!in) throw std::runtime_error("cannot open tests/data/bn254_vectors.json");
    return Json::parse(in);
  }();
  return vectors;
}

// "0x…" (up to 64 hex digits) -> 256-bit integer.
inline U256 parse_u256(const Json& j) {
  std::string text = j.get<std::string>();
  if (text.starts_with("0x")) text = text.substr(2);
  if (text.size() > 64) throw std::runtime_error("integer wider than 256 bits in vectors: " + text);
  text.insert(0, 64 - text.size(), '0');
  auto bytes = from_hex(text);
  if (!bytes) throw std::runtime_error(bytes.error());
  return u256_from_bytes_be(bytes->data());
}

inline std::vector<uint8_t> parse_bytes(const Json& j) {
  auto bytes = from_hex(j.get<std::string>());
  if (!bytes) throw std::runtime_error(bytes.error());
  return *bytes;
}

template <class F>
F parse_field(const Json& j) {
  auto f = F::from_canonical(parse_u256(j));
  if (!f) throw std::runtime_error(f.error());
  return *f;
}

inline Fq2 parse_fq2(const Json& j) { return Fq2(parse_field<Fq>(j.at(0)), parse_field<Fq>(j.at(1))); }

inline G1Affine parse_g1(const Json& j) {
  if (j.contains("infinity")) return G1Affine::identity();
  return G1Affine(parse_field<Fq>(j.at("x")), parse_field<Fq>(j.at("y")));
}

inline G2Affine parse_g2(const Json& j) {
  if (j.contains("infinity")) return G2Affine::identity();
  return G2Affine(parse_fq2(j.at("x")), parse_fq2(j.at("y")));
}

}  // namespace zkfl::plonk::test
