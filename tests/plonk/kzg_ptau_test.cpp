// Import of snarkjs .ptau files, against files made by snarkjs 0.7.6 and the
// points its curve library decodes from them (tests/data/ptau/generate.sh).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "plonk/kzg/lagrange.hpp"
#include "plonk/kzg/ptau_import.hpp"

namespace zkfl::plonk {
namespace {

const std::string kDir = std::string(ZKFL_TEST_DATA_DIR) + "/ptau/";

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json expected() { return nlohmann::json::parse(read_all(kDir + "expected.json")); }

Fq fq(const nlohmann::json& decimal) { return Fq::from_canonical_unchecked(u256_from_decimal(decimal.get<std::string>())); }
G1Affine g1(const nlohmann::json& p) { return G1Affine(fq(p[0]), fq(p[1])); }
G2Affine g2(const nlohmann::json& p) { return G2Affine(Fq2(fq(p[0][0]), fq(p[0][1])), Fq2(fq(p[1][0]), fq(p[1][1]))); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void put_le(std::string& bytes, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) bytes[at + i] = static_cast<char>(v >> (8 * i));
}

class PtauTest : public ::testing::Test {
 protected:
  Result<Srs> import_bytes(const std::string& bytes, uint32_t k) {
    std::istringstream in(bytes);
    return import_ptau(in, k, "test.ptau", rng_, pool_);
  }
  ThreadPool pool_{2};
  DeterministicRng rng_{3};
  // Offsets in the power-6 files (section headers are 12 bytes: u32 type, u64 size).
  static constexpr size_t kPrimeAt = 12 + 12 + 4;
  static constexpr size_t kPowerAt = kPrimeAt + 32;
  static constexpr size_t kTauG1At = 12 + 12 + 44 + 12;
  static constexpr size_t kTauG2At = kTauG1At + 127 * 64 + 12;
};

TEST_F(PtauTest, HeaderInfo) {
  for (const char* name : {"pot6_contributed", "pot6_prepared"}) {
    std::ifstream in(kDir + name + ".ptau", std::ios::binary);
    auto info = read_ptau_info(in);
    ASSERT_TRUE(info) << info.error();
    EXPECT_EQ(info->power, 6u);
    EXPECT_EQ(info->ceremony_power, 6u);
    EXPECT_EQ(info->contributions, std::string(name) == "pot6_contributed" ? 1u : 2u) << name;
  }
}

TEST_F(PtauTest, ImportsThePowersSnarkjsWrote) {
  const nlohmann::json all = expected();
  for (const char* name : {"pot6_contributed", "pot6_prepared"}) {
    const nlohmann::json& e = all.at(name);
    for (uint32_t k : {1u, 3u, 6u}) {
      auto srs = import_ptau_file(kDir + name + ".ptau", k, rng_, pool_);
      ASSERT_TRUE(srs) << name << " k = " << k << ": " << srs.error();
      EXPECT_EQ(srs->k(), k);
      EXPECT_EQ(srs->origin(), Srs::Origin::kPtauImport);
      EXPECT_TRUE(has(srs->provenance(), name)) << srs->provenance();
      EXPECT_TRUE(srs->verify(rng_, pool_));
      for (const auto& [index, point] : e.at("tau_g1").items()) {
        const size_t i = std::stoul(index);
        if (i < srs->size()) {
          EXPECT_EQ(srs->g1_powers()[i], g1(point)) << name << " tauG1[" << i << "]";
        }
      }
      EXPECT_EQ(srs->tau_g2(), g2(e.at("tau_g2").at("1"))) << name;
    }
    EXPECT_EQ(g1(e.at("tau_g1").at("0")), G1Affine::generator());
    EXPECT_EQ(g2(e.at("tau_g2").at("0")), G2Affine::generator());
  }
  // The two files have different τ (the beacon contributed).
  EXPECT_NE(all["pot6_contributed"]["tau_g1"]["1"], all["pot6_prepared"]["tau_g1"]["1"]);
}

TEST_F(PtauTest, LagrangeBasisMatchesSnarkjsPreparePhase2) {
  const nlohmann::json e = expected().at("pot6_prepared").at("lagrange_g1");
  auto srs = import_ptau_file(kDir + "pot6_prepared.ptau", 6, rng_, pool_);
  ASSERT_TRUE(srs) << srs.error();
  for (uint32_t k : {3u, 6u}) {
    const std::vector<G1Affine> basis = compute_lagrange_basis(*srs, k, pool_);
    for (const auto& [index, point] : e.at(std::to_string(k)).items()) {
      EXPECT_EQ(basis[std::stoul(index)], g1(point)) << "k = " << k << ", L_" << index;
    }
  }
}

TEST_F(PtauTest, KLargerThanTheFileIsAnError) {
  auto r = import_ptau_file(kDir + "pot6_contributed.ptau", 7, rng_, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "larger than the file's power 6")) << r.error();
  EXPECT_FALSE(import_ptau_file(kDir + "pot6_contributed.ptau", 0, rng_, pool_));
}

TEST_F(PtauTest, NotAPtauFile) {
  auto r = import_bytes("this is a text file, not a powers-of-tau file", 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "not a .ptau file")) << r.error();
  EXPECT_FALSE(import_bytes("", 3));
  EXPECT_FALSE(import_ptau_file(kDir + "missing.ptau", 3, rng_, pool_));
  EXPECT_FALSE(import_ptau_file(kDir + "expected.json", 3, rng_, pool_));
}

TEST_F(PtauTest, WrongVersionOrCurveIsAnError) {
  const std::string good = read_all(kDir + "pot6_contributed.ptau");
  ASSERT_TRUE(import_bytes(good, 6));

  std::string bad = good;
  put_le(bad, 4, 2, 4);
  auto r = import_bytes(bad, 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "version")) << r.error();

  bad = good;
  bad[kPrimeAt] = static_cast<char>(bad[kPrimeAt] ^ 2);  // another prime
  r = import_bytes(bad, 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "wrong curve")) << r.error();

  bad = good;
  put_le(bad, 24, 48, 4);  // n8 = 48, as in a bls12-381 file
  r = import_bytes(bad, 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "wrong curve")) << r.error();
}

TEST_F(PtauTest, SectionSizesMustAgreeWithThePower) {
  const std::string good = read_all(kDir + "pot6_contributed.ptau");
  std::string bad = good;
  put_le(bad, kPowerAt, 5, 4);  // says power 5, sections sized for 6
  auto r = import_bytes(bad, 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "tauG1")) << r.error();

  bad = good;
  put_le(bad, 12 + 4, 45, 8);  // header section one byte longer than it is
  EXPECT_FALSE(import_bytes(bad, 3));

  bad = good;
  put_le(bad, 8, 0, 4);  // no sections at all
  r = import_bytes(bad, 3);
  ASSERT_FALSE(r);

  bad = good;
  put_le(bad, kTauG1At - 12, 1, 4);  // tauG1 relabelled as a second header
  r = import_bytes(bad, 3);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "twice")) << r.error();
}

TEST_F(PtauTest, EveryTruncationIsAnError) {
  const std::string good = read_all(kDir + "pot6_contributed.ptau");
  for (size_t len = 0; len < good.size(); len += (len < 200 ? 1 : 97)) {
    std::istringstream in(good.substr(0, len));
    EXPECT_FALSE(read_ptau_info(in)) << "length " << len;
  }
  auto r = import_bytes(good.substr(0, kTauG2At + 100), 2);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "truncated")) << r.error();
  EXPECT_FALSE(import_bytes(good + "x", 2));
}

TEST_F(PtauTest, BadPointsAreRejected) {
  const std::string good = read_all(kDir + "pot6_contributed.ptau");
  auto g1_at = [](size_t i) { return kTauG1At + 64 * i; };

  // A valid point in the wrong place: decodes, fails the pairing check.
  std::string bad = good;
  bad.replace(g1_at(5), 64, good.substr(g1_at(6), 64));
  auto r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "successive powers")) << r.error();
  // Beyond the imported powers it does not matter.
  EXPECT_TRUE(import_bytes(bad, 2));

  // A flipped bit: off the curve (or, rarely, non-canonical).
  bad = good;
  bad[g1_at(3) + 10] = static_cast<char>(bad[g1_at(3) + 10] ^ 1);
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "point 3") || has(r.error(), "power 3")) << r.error();

  // x ≥ p in LEM form.
  bad = good;
  for (size_t i = 0; i < 32; ++i) bad[g1_at(2) + i] = static_cast<char>(0xff);
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "not canonical")) << r.error();

  // The point at infinity.
  bad = good;
  bad.replace(g1_at(1), 64, std::string(64, '\0'));
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "infinity")) << r.error();

  // tauG1[0] must be the generator.
  bad = good;
  bad.replace(g1_at(0), 64, good.substr(g1_at(1), 64));
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "generator")) << r.error();

  // [τ]₂ replaced by [τ²]₂.
  bad = good;
  bad.replace(kTauG2At + 128, 128, good.substr(kTauG2At + 256, 128));
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "successive powers")) << r.error();

  // A corrupted [τ]₂ coordinate.
  bad = good;
  bad[kTauG2At + 128 + 40] = static_cast<char>(bad[kTauG2At + 128 + 40] ^ 4);
  r = import_bytes(bad, 4);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "tauG2[1]")) << r.error();
}

}  // namespace
}  // namespace zkfl::plonk
