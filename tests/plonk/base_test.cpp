#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <vector>

#include "plonk/base/hex.hpp"
#include "plonk/base/random.hpp"
#include "plonk/base/thread_pool.hpp"

namespace zkfl::plonk {
namespace {

TEST(Hex, RoundTripsAndRejectsMalformedText) {
  std::vector<uint8_t> bytes{0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "0001abff");
  auto back = from_hex("0x0001ABff");
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(*back, bytes);
  EXPECT_FALSE(from_hex("abc").is_ok());
  EXPECT_FALSE(from_hex("zz").is_ok());
  EXPECT_NE(from_hex("0g").error().find("non-hex"), std::string::npos);
}

TEST(DeterministicRng, SameSeedSameStreamDifferentSeedDifferentStream) {
  DeterministicRng a(7), b(7), c(8);
  std::vector<uint8_t> x(100), y(100), z(100);
  a.fill(x);
  b.fill(y);
  c.fill(z);
  EXPECT_EQ(x, y);
  EXPECT_NE(x, z);
}

TEST(SecureRng, ProducesDistinctOutputs) {
  SecureRng rng;
  EXPECT_NE(rng.next_u64(), rng.next_u64());
}

TEST(ThreadPool, RunsEveryIndexExactlyOnce) {
  ThreadPool pool(2);
  std::vector<std::atomic<int>> hits(1000);
  pool.run(hits.size(), [&](size_t i) { hits[i].fetch_add(1); });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(ThreadPool, ParallelForCoversTheRangeAndNestsSerially) {
  ThreadPool pool(2);
  std::vector<int> data(10007, 0);
  pool.parallel_for(data.size(), [&](size_t begin, size_t end) {
    pool.run(1, [&](size_t) {});  // nested call must not deadlock
    for (size_t i = begin; i < end; ++i) data[i] = static_cast<int>(i);
  });
  for (size_t i = 0; i < data.size(); ++i) ASSERT_EQ(data[i], static_cast<int>(i));
  pool.parallel_for(0, [&](size_t, size_t) { FAIL() << "empty range must not call the body"; });
}

}  // namespace
}  // namespace zkfl::plonk

#include "plonk/base/byte_io.hpp"

namespace zkfl::plonk {
namespace {

TEST(ByteIo, RoundTripAndStrictDecoding) {
  ByteWriter w;
  w.u8(7);
  w.u32(0x01020304);
  w.u64(0x1122334455667788ull);
  w.string("zkfl");
  std::vector<uint8_t> bytes = w.take();
  ASSERT_EQ(bytes.size(), 1u + 4 + 8 + 4 + 4);
  EXPECT_EQ(bytes[1], 0x01);  // big-endian

  ByteReader r(bytes, "test object");
  EXPECT_EQ(*r.u8(), 7);
  EXPECT_EQ(*r.u32(), 0x01020304u);
  EXPECT_EQ(*r.u64(), 0x1122334455667788ull);
  EXPECT_EQ(*r.string(16), "zkfl");
  EXPECT_TRUE(r.finish().is_ok());

  ByteReader truncated(std::span<const uint8_t>(bytes.data(), 3), "test object");
  ASSERT_TRUE(truncated.u8().is_ok());
  auto fail = truncated.u32();
  ASSERT_FALSE(fail.is_ok());
  EXPECT_NE(fail.error().find("truncated"), std::string::npos);
  EXPECT_NE(fail.error().find("test object"), std::string::npos);

  bytes.push_back(0);
  ByteReader extended(bytes, "test object");
  (void)extended.bytes(bytes.size() - 1);
  EXPECT_FALSE(extended.finish().is_ok());

  ByteReader too_long(bytes, "x");
  (void)too_long.bytes(13);
  EXPECT_FALSE(too_long.string(3).is_ok());  // "zkfl" is longer than the limit
}

}  // namespace
}  // namespace zkfl::plonk
