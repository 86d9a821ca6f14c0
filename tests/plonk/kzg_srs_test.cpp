// The SRS: development setup, trimming, the batched consistency check and the
// strict version-1 file format.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kzg_test_support.hpp"
#include "plonk/base/sha256.hpp"
#include "plonk/curve/point_encoding.hpp"
#include "plonk/curve/subgroup.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/srs.hpp"

namespace zkfl::plonk {
namespace {

using kzg_test::random_g1;
using kzg_test::random_g2;
using kzg_test::srs_with_tau;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Replaces the checksum so that a deliberate edit reaches the parser.
void reseal(std::vector<uint8_t>& bytes) {
  bytes.resize(bytes.size() - kChecksumBytes);
  append_checksum(bytes);
}

// Offsets in a version-1 SRS encoding.
size_t provenance_end(const Srs& srs) { return 7 + 1 + 1 + 4 + srs.provenance().size(); }
size_t tau_g2_offset(const Srs& srs) { return provenance_end(srs) + 1; }
size_t g1_offset(const Srs& srs, size_t i) { return tau_g2_offset(srs) + 128 + 64 * i; }

class SrsTest : public ::testing::Test {
 protected:
  ThreadPool pool_{2};
  DeterministicRng rng_{42};
};

TEST_F(SrsTest, DevelopmentSetupIsPowersOfOneTauAndSaysItIsInsecure) {
  const Srs srs = Srs::insecure_development(6, rng_, pool_);
  EXPECT_EQ(srs.k(), 6u);
  EXPECT_EQ(srs.size(), 64u);
  EXPECT_EQ(srs.origin(), Srs::Origin::kInsecureDevelopment);
  EXPECT_EQ(Srs::origin_name(srs.origin()), "insecure-development");
  EXPECT_TRUE(has(srs.provenance(), "insecure-development"));
  EXPECT_EQ(srs.g1_powers()[0], G1Affine::generator());
  EXPECT_EQ(srs.g2(), G2Affine::generator());
  EXPECT_TRUE(srs.verify(rng_, pool_));
  // Two draws give two different τ.
  const Srs other = Srs::insecure_development(6, rng_, pool_);
  EXPECT_FALSE(other.g1_powers()[1] == srs.g1_powers()[1]);
}

TEST_F(SrsTest, KnownTauPowersMatchDirectScalarMultiplication) {
  const Fr tau = Fr::from_u64(123456789);
  const Srs srs = srs_with_tau(4, tau);
  for (size_t i = 0; i < srs.size(); ++i) {
    EXPECT_EQ(srs.g1_powers()[i], G1::generator().mul_double_and_add(tau.pow(i).to_canonical()).to_affine()) << i;
  }
  EXPECT_TRUE(srs.verify(rng_, pool_));
}

TEST_F(SrsTest, VerifyDetectsAnyReplacedPower) {
  const Srs good = Srs::insecure_development(5, rng_, pool_);
  for (size_t i = 0; i < good.size(); ++i) {
    std::vector<G1Affine> powers(good.g1_powers().begin(), good.g1_powers().end());
    powers[i] = random_g1(rng_);
    const Srs bad(good.k(), powers, good.tau_g2(), good.origin(), good.provenance());
    const Status s = bad.verify(rng_, pool_);
    ASSERT_FALSE(s) << "replaced power " << i;
    EXPECT_TRUE(i == 0 ? has(s.message(), "not the generator") : has(s.message(), "successive powers")) << s.message();
  }
}

TEST_F(SrsTest, VerifyDetectsSwappedPowersAndAWrongTauG2) {
  const Srs good = Srs::insecure_development(5, rng_, pool_);
  std::vector<G1Affine> powers(good.g1_powers().begin(), good.g1_powers().end());
  std::swap(powers[7], powers[8]);
  EXPECT_FALSE(Srs(good.k(), powers, good.tau_g2(), good.origin(), "").verify(rng_, pool_));

  const std::vector<G1Affine> original(good.g1_powers().begin(), good.g1_powers().end());
  EXPECT_FALSE(Srs(good.k(), original, random_g2(rng_), good.origin(), "").verify(rng_, pool_));
  EXPECT_FALSE(Srs(good.k(), original, G2Affine::identity(), good.origin(), "").verify(rng_, pool_));

  // Powers of τ² with [τ]₂: every ratio is wrong by the same factor.
  const Fr tau = Fr::from_u64(77);
  const Srs squared = srs_with_tau(5, tau * tau);
  EXPECT_FALSE(Srs(5, std::vector<G1Affine>(squared.g1_powers().begin(), squared.g1_powers().end()),
                   (G2::generator() * tau).to_affine(), Srs::Origin::kCeremony, "")
                   .verify(rng_, pool_));
}

TEST_F(SrsTest, TrimKeepsTheFirstPowers) {
  const Srs srs = Srs::insecure_development(6, rng_, pool_);
  auto small = srs.trim(3);
  ASSERT_TRUE(small) << small.error();
  EXPECT_EQ(small->k(), 3u);
  ASSERT_EQ(small->size(), 8u);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(small->g1_powers()[i], srs.g1_powers()[i]);
  EXPECT_EQ(small->tau_g2(), srs.tau_g2());
  EXPECT_EQ(small->origin(), srs.origin());
  EXPECT_TRUE(small->verify(rng_, pool_));
  auto same = srs.trim(6);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->size(), 64u);

  auto larger = srs.trim(7);
  ASSERT_FALSE(larger);
  EXPECT_TRUE(has(larger.error(), "larger")) << larger.error();
  EXPECT_FALSE(srs.trim(0));
}

TEST_F(SrsTest, BytesRoundTrip) {
  const Srs srs = Srs::insecure_development(5, rng_, pool_);
  const std::vector<uint8_t> bytes = srs.to_bytes();
  EXPECT_EQ(bytes.size(), g1_offset(srs, 32) + kChecksumBytes);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 7), "ZKFLSRS");
  auto decoded = Srs::from_bytes(bytes, pool_);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->k(), srs.k());
  EXPECT_EQ(decoded->origin(), srs.origin());
  EXPECT_EQ(decoded->provenance(), srs.provenance());
  EXPECT_EQ(decoded->tau_g2(), srs.tau_g2());
  for (size_t i = 0; i < srs.size(); ++i) EXPECT_EQ(decoded->g1_powers()[i], srs.g1_powers()[i]);
  EXPECT_EQ(decoded->to_bytes(), bytes);
  EXPECT_TRUE(decoded->verify(rng_, pool_));
}

TEST_F(SrsTest, FileRoundTripAndAtomicWrite) {
  const auto dir = std::filesystem::temp_directory_path() / ("zkfl_srs_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const Srs srs = Srs::insecure_development(4, rng_, pool_);
  const auto path = dir / "dev.srs";
  ASSERT_TRUE(srs.write_file(path));
  auto read = Srs::read_file(path, rng_, pool_);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->to_bytes(), srs.to_bytes());
  // Only the target is left behind, no temporary file.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  // A write into a missing directory fails and creates nothing.
  const Status bad = srs.write_file(dir / "missing" / "x.srs");
  EXPECT_FALSE(bad);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
  // A missing file is an error that names it.
  auto missing = Srs::read_file(dir / "nope.srs", rng_, pool_);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(has(missing.error(), "nope.srs"));
  std::filesystem::remove_all(dir);
}

TEST_F(SrsTest, EveryTruncationAndTrailingByteIsRejected) {
  const Srs srs = Srs::insecure_development(2, rng_, pool_);
  const std::vector<uint8_t> bytes = srs.to_bytes();
  for (size_t len = 0; len < bytes.size(); ++len) {
    EXPECT_FALSE(Srs::from_bytes(std::span(bytes).first(len), pool_)) << "length " << len;
  }
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(Srs::from_bytes(longer, pool_));
  // Truncated or extended but resealed: the length check names the problem.
  std::vector<uint8_t> short_sealed(bytes.begin(), bytes.end() - kChecksumBytes - 64);
  append_checksum(short_sealed);
  auto r = Srs::from_bytes(short_sealed, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "truncated")) << r.error();
  std::vector<uint8_t> long_sealed(bytes.begin(), bytes.end() - kChecksumBytes);
  long_sealed.push_back(1);
  append_checksum(long_sealed);
  r = Srs::from_bytes(long_sealed, pool_);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "trailing")) << r.error();
}

TEST_F(SrsTest, EveryFlippedBitIsRejected) {
  const Srs srs = Srs::insecure_development(1, rng_, pool_);
  const std::vector<uint8_t> bytes = srs.to_bytes();
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> corrupted = bytes;
      corrupted[i] ^= static_cast<uint8_t>(1 << bit);
      EXPECT_FALSE(Srs::from_bytes(corrupted, pool_)) << "byte " << i << " bit " << bit;
    }
  }
}

TEST_F(SrsTest, ResealedHeaderEditsAreRejectedWithReasons) {
  const Srs srs = Srs::insecure_development(2, rng_, pool_);
  const std::vector<uint8_t> bytes = srs.to_bytes();
  auto expect_error = [&](std::vector<uint8_t> edited, const std::string& reason) {
    reseal(edited);
    auto r = Srs::from_bytes(edited, pool_);
    ASSERT_FALSE(r) << reason;
    EXPECT_TRUE(has(r.error(), reason)) << r.error();
  };
  std::vector<uint8_t> e = bytes;
  e[0] = 'X';
  expect_error(e, "not a zkfl SRS file");
  e = bytes;
  e[7] = 2;
  expect_error(e, "version");
  e = bytes;
  e[8] = 9;
  expect_error(e, "origin");
  e = bytes;
  e[provenance_end(srs)] = 0;
  expect_error(e, "out of range");
  e = bytes;
  e[provenance_end(srs)] = 29;
  expect_error(e, "out of range");
  e = bytes;
  e[provenance_end(srs)] = 3;  // claims 8 powers, holds 4
  expect_error(e, "truncated");
  e = bytes;
  e[9] = 0xff;  // a provenance length beyond the limit
  expect_error(e, "exceeds the limit");
}

TEST_F(SrsTest, ResealedPointEditsAreRejectedWithReasons) {
  const Srs srs = Srs::insecure_development(2, rng_, pool_);
  const std::vector<uint8_t> bytes = srs.to_bytes();
  auto decode_with = [&](size_t offset, std::span<const uint8_t> replacement) {
    std::vector<uint8_t> edited = bytes;
    std::copy(replacement.begin(), replacement.end(), edited.begin() + static_cast<ptrdiff_t>(offset));
    reseal(edited);
    return Srs::from_bytes(edited, pool_);
  };
  // x = p: a non-canonical coordinate.
  std::array<uint8_t, 64> g1{};
  u256_to_bytes_be(Fq::kModulus, g1.data());
  g1[63] = 2;
  auto r = decode_with(g1_offset(srs, 2), g1);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "G1 power 2")) << r.error();

  // (1, 3) is not on y² = x³ + 3.
  g1 = {};
  g1[31] = 1;
  g1[63] = 3;
  r = decode_with(g1_offset(srs, 1), g1);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "G1 power 1")) << r.error();

  // The point at infinity.
  g1 = {};
  g1[0] = 0x40;
  r = decode_with(g1_offset(srs, 3), g1);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "infinity")) << r.error();

  // A twist point outside G2 as [τ]₂: found by trying x = 1, 2, ….
  G2Affine outside;
  for (uint64_t x = 1;; ++x) {
    const Fq2 fx(Fq::from_u64(x), Fq::zero());
    Fq2 y;
    if (!(fx.squared() * fx + G2Config::kB).sqrt(y)) continue;
    outside = G2Affine(fx, y);
    if (!is_in_subgroup(outside)) break;
  }
  r = decode_with(tau_g2_offset(srs), encode_uncompressed(outside));
  ASSERT_FALSE(r);
  EXPECT_TRUE(has(r.error(), "[tau]G2")) << r.error();

  // A valid but wrong point decodes; verify rejects it.
  r = decode_with(g1_offset(srs, 2), encode_uncompressed(random_g1(rng_)));
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->verify(rng_, pool_));
}

}  // namespace
}  // namespace zkfl::plonk
