#include <gtest/gtest.h>

#include "plonk/circuit/constraint_system_codec.hpp"
#include "test_circuits.hpp"

namespace zkfl::plonk {
namespace {

std::vector<uint8_t> encode(const ConstraintSystem& cs) {
  ByteWriter w;
  encode_constraint_system(cs, w);
  return w.take();
}

template <class C>
ConstraintSystem configured(C circuit) {
  ConstraintSystem cs;
  circuit.configure(cs);
  return cs;
}

TEST(ConstraintSystemCodec, RoundTripsEveryTestCircuit) {
  std::vector<ConstraintSystem> systems{configured(test::FibonacciCircuit(4, 1, 1)),
                                        configured(test::RangeCheckedProductCircuit({1, 2})),
                                        configured(test::ChallengeAccumulatorCircuit({1, 2}))};
  for (const ConstraintSystem& cs : systems) {
    std::vector<uint8_t> bytes = encode(cs);
    ByteReader in(bytes, "constraint system");
    auto decoded = decode_constraint_system(in);
    ASSERT_TRUE(decoded.is_ok()) << decoded.error();
    EXPECT_TRUE(in.finish().is_ok());
    EXPECT_EQ(encode(*decoded), bytes);
    EXPECT_EQ(decoded->queries(), cs.queries());
    EXPECT_EQ(decoded->degree(), cs.degree());
    EXPECT_EQ(decoded->blinding_rows(), cs.blinding_rows());
    ASSERT_EQ(decoded->gates().size(), cs.gates().size());
    for (size_t g = 0; g < cs.gates().size(); ++g) {
      EXPECT_EQ(decoded->gates()[g].name, cs.gates()[g].name);
      for (size_t c = 0; c < cs.gates()[g].constraints.size(); ++c) {
        EXPECT_EQ(decoded->gates()[g].constraints[c].to_string(), cs.gates()[g].constraints[c].to_string());
      }
    }
  }
}

TEST(ConstraintSystemCodec, EveryTruncationIsAnErrorAndCorruptionNeverCrashes) {
  std::vector<uint8_t> bytes = encode(configured(test::RangeCheckedProductCircuit({1, 2})));
  for (size_t len = 0; len < bytes.size(); ++len) {
    ByteReader in(std::span<const uint8_t>(bytes.data(), len), "constraint system");
    auto decoded = decode_constraint_system(in);
    EXPECT_FALSE(decoded.is_ok() && in.finish().is_ok()) << "prefix of " << len << " bytes accepted";
  }
  size_t rejected = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::vector<uint8_t> corrupt = bytes;
    corrupt[i] ^= 0xa5;
    ByteReader in(corrupt, "constraint system");
    auto decoded = decode_constraint_system(in);
    if (!decoded.is_ok() || !in.finish().is_ok()) {
      ++rejected;
    } else {
      EXPECT_NE(encode(*decoded), bytes);  // accepted only as a different system
    }
  }
  EXPECT_GT(rejected, bytes.size() / 4);
}

TEST(ConstraintSystemCodec, RejectsQueriesOfMissingColumns) {
  ConstraintSystem cs;
  AdviceColumn a = cs.advice_column();
  cs.create_gate("g", {a.cur()});
  std::vector<uint8_t> bytes = encode(cs);
  // The advice count is the first u32: claim zero advice columns.
  bytes[3] = 0;
  bytes.erase(bytes.begin() + 4);  // drop the phase byte of the removed column
  ByteReader in(bytes, "constraint system");
  auto decoded = decode_constraint_system(in);
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_NE(decoded.error().find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace zkfl::plonk
