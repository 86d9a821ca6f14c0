// Dataset registration: the registered polynomials, the record's encoding
// (round trip, corruption, strictness), the participant's own check, and the
// secret file's permissions.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "plonk/curve/point_encoding.hpp"
#include "plonk/kzg/codec_checksum.hpp"
#include "plonk/kzg/file_io.hpp"
#include "training/dataset_registration.hpp"

namespace zkfl::training {
namespace {

using plonk::DeterministicRng;
using plonk::Fr;

const DataTableLayout kLayout{5, 4, 2};  // d = 3, C = 2, T = 10
constexpr uint32_t kK = 5;

std::vector<int64_t> features() { return {3, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, -8, 9, 7, 9}; }
std::vector<int64_t> labels() { return {0, 1, 2, 1, 0}; }
DatasetSchema schema() { return {{"a", "b", "c"}, 3, 8}; }

class RegistrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pool_ = new plonk::ThreadPool(2);
    DeterministicRng rng(12);
    srs_ = new plonk::Srs(plonk::Srs::insecure_development(6, rng, *pool_));  // tests only
  }
  static void TearDownTestSuite() {
    delete srs_;
    delete pool_;
  }
  void SetUp() override {
    // mkdtemp replaces the six trailing X characters with a unique suffix.
    std::string tmpl = (std::filesystem::temp_directory_path() / "zkfl-registration-").string() + std::string(6, 'X');
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Registration registration(uint64_t seed = 1) {
    DeterministicRng rng(seed);
    auto reg = register_dataset(*srs_, kLayout, kK, DatasetView{features(), labels()}, schema(), rng, *pool_);
    EXPECT_TRUE(reg.is_ok()) << reg.error();
    return std::move(*reg);
  }

  static plonk::ThreadPool* pool_;
  static plonk::Srs* srs_;
  std::filesystem::path dir_;
};
plonk::ThreadPool* RegistrationTest::pool_ = nullptr;
plonk::Srs* RegistrationTest::srs_ = nullptr;

TEST_F(RegistrationTest, RegisteredColumnsAreTheTableAndRandomRows) {
  const Registration reg = registration();
  auto columns = registered_columns(reg.record, DatasetView{features(), labels()}, reg.secret, *pool_);
  ASSERT_TRUE(columns.is_ok()) << columns.error();
  auto table = data_table_columns(kLayout, DatasetView{features(), labels()}, 32);
  ASSERT_TRUE(table.is_ok());
  ASSERT_EQ(columns->size(), 2u);
  for (size_t j = 0; j < 2; ++j) {
    ASSERT_EQ((*columns)[j].size(), 32u);
    for (size_t t = 0; t < 10; ++t) EXPECT_EQ((*columns)[j][t], (*table)[j][t]);
    for (size_t t = 10; t < 32; ++t) {
      EXPECT_FALSE((*columns)[j][t].is_zero());
      EXPECT_NE((*columns)[j][t], (*columns)[1 - j][t]);  // masks differ between columns
    }
  }
  // The seed determines the masks; another seed gives others.
  auto again = registered_columns(reg.record, DatasetView{features(), labels()}, reg.secret, *pool_);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ((*again)[0], (*columns)[0]);
  RegistrationSecret other = reg.secret;
  other.seed[0] ^= 1;
  auto different = registered_columns(reg.record, DatasetView{features(), labels()}, other, *pool_);
  ASSERT_TRUE(different.is_ok());
  EXPECT_NE((*different)[0][20], (*columns)[0][20]);
  // Two registrations of the same data share no commitment.
  const Registration second = registration(2);
  for (const auto& a : reg.record.commitments) {
    for (const auto& b : second.record.commitments) EXPECT_FALSE(a == b);
  }
}

TEST_F(RegistrationTest, ParticipantCheckFindsEveryDifference) {
  const Registration reg = registration();
  EXPECT_TRUE(check_registration(*srs_, reg.record, DatasetView{features(), labels()}, schema(), reg.secret, *pool_)
                  .is_ok());
  std::vector<int64_t> changed = features();
  changed[7] = 0;
  auto s = check_registration(*srs_, reg.record, DatasetView{changed, labels()}, schema(), reg.secret, *pool_);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("data column"), std::string::npos);
  std::vector<int64_t> relabelled = labels();
  relabelled[4] = 2;
  EXPECT_FALSE(
      check_registration(*srs_, reg.record, DatasetView{features(), relabelled}, schema(), reg.secret, *pool_).is_ok());
  DatasetSchema renamed = schema();
  renamed.feature_names[1] = "B";
  auto schema_status =
      check_registration(*srs_, reg.record, DatasetView{features(), labels()}, renamed, reg.secret, *pool_);
  ASSERT_FALSE(schema_status.is_ok());
  EXPECT_NE(schema_status.message().find("schema"), std::string::npos);
  RegistrationSecret other = reg.secret;
  other.seed[31] ^= 0x80;
  EXPECT_FALSE(
      check_registration(*srs_, reg.record, DatasetView{features(), labels()}, schema(), other, *pool_).is_ok());
}

TEST_F(RegistrationTest, RegistrationRefusesWhatCannotBeLinked) {
  DeterministicRng rng(3);
  const DatasetView data{features(), labels()};
  DatasetSchema two_names = schema();
  two_names.feature_names.pop_back();
  EXPECT_FALSE(register_dataset(*srs_, kLayout, kK, data, two_names, rng, *pool_).is_ok());
  DatasetSchema one_class = schema();
  one_class.num_classes = 1;
  EXPECT_FALSE(register_dataset(*srs_, kLayout, kK, data, one_class, rng, *pool_).is_ok());
  EXPECT_FALSE(register_dataset(*srs_, kLayout, 7, data, schema(), rng, *pool_).is_ok());   // above the SRS
  EXPECT_FALSE(register_dataset(*srs_, kLayout, 3, data, schema(), rng, *pool_).is_ok());   // T = 10 ≥ 8
  EXPECT_FALSE(register_dataset(*srs_, kLayout, 0, data, schema(), rng, *pool_).is_ok());
  const std::vector<int64_t> short_x(14);
  EXPECT_FALSE(register_dataset(*srs_, kLayout, kK, DatasetView{short_x, labels()}, schema(), rng, *pool_).is_ok());
}

TEST_F(RegistrationTest, SchemaDigestCoversEveryField) {
  auto base = schema_digest(schema());
  ASSERT_TRUE(base.is_ok());
  DatasetSchema a = schema(), b = schema(), c = schema(), d = schema();
  a.feature_names[0] = "z";
  b.num_classes = 4;
  c.fraction_bits = 9;
  d.feature_names = {"ab", "", "c"};  // same concatenation as {"a", "b", "c"}: lengths tell them apart
  for (const DatasetSchema& s : {a, b, c, d}) {
    auto digest = schema_digest(s);
    ASSERT_TRUE(digest.is_ok());
    EXPECT_NE(*digest, *base);
  }
}

TEST_F(RegistrationTest, RecordRoundTripsAndRejectsCorruption) {
  const Registration reg = registration();
  const std::vector<uint8_t> bytes = reg.record.encode();
  ASSERT_EQ(bytes.size(), 7u + 1 + 8 + 8 + 4 + 1 + 32 + 2 * 32 + 32);
  auto decoded = RegistrationRecord::decode(bytes);
  ASSERT_TRUE(decoded.is_ok()) << decoded.error();
  EXPECT_TRUE(*decoded == reg.record);
  EXPECT_EQ(decoded->encode(), bytes);
  EXPECT_EQ(decoded->digest(), reg.record.digest());
  EXPECT_NE(registration(2).record.digest(), reg.record.digest());

  for (size_t i = 0; i < bytes.size(); ++i) {
    std::vector<uint8_t> altered = bytes;
    altered[i] ^= 0x01;
    EXPECT_FALSE(RegistrationRecord::decode(altered).is_ok()) << "byte " << i;
  }
  for (size_t len : {size_t{0}, size_t{31}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(RegistrationRecord::decode(std::span(bytes).first(len)).is_ok());
  }
  std::vector<uint8_t> trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(RegistrationRecord::decode(trailing).is_ok());

  // Past the checksum, decoding is strict too: re-seal altered bodies.
  auto resealed = [&](size_t at, uint8_t value) {
    std::vector<uint8_t> body(bytes.begin(), bytes.end() - plonk::kChecksumBytes);
    body[at] = value;
    plonk::append_checksum(body);
    auto r = RegistrationRecord::decode(body);
    EXPECT_FALSE(r.is_ok()) << "byte " << at << " = " << int(value);
    return r.is_ok() ? std::string() : r.error();
  };
  EXPECT_NE(resealed(0, 'X').find("magic"), std::string::npos);
  EXPECT_NE(resealed(7, 2).find("version"), std::string::npos);
  EXPECT_NE(resealed(15, 0).find("no rows"), std::string::npos);      // N = 0
  EXPECT_NE(resealed(27, 0).find("data columns"), std::string::npos);  // P = 0
  EXPECT_NE(resealed(28, 0).find("k = 0"), std::string::npos);
  EXPECT_NE(resealed(28, 29).find("k = 29"), std::string::npos);
  EXPECT_NE(resealed(28, 3).find("no row"), std::string::npos);        // T = 10 ≥ 2^3
  EXPECT_NE(resealed(27, 3).find("truncated"), std::string::npos);     // P = 3: one commitment short
  // A commitment whose x-coordinate is not below the field modulus.
  std::vector<uint8_t> body(bytes.begin(), bytes.end() - plonk::kChecksumBytes);
  std::fill(body.begin() + 61, body.begin() + 93, 0xff);
  body[61] = 0xbf;  // compressed flag 0b10, then x = 2^254 − 1 ≥ p
  plonk::append_checksum(body);
  auto bad_point = RegistrationRecord::decode(body);
  ASSERT_FALSE(bad_point.is_ok());
  EXPECT_NE(bad_point.error().find("commitment 0"), std::string::npos);
}

TEST_F(RegistrationTest, SecretFileIsPrivateAndBoundToItsRecord) {
  const Registration reg = registration();
  const std::filesystem::path path = dir_ / "dataset.secret";
  const mode_t old_mask = ::umask(0);  // even a permissive umask must not widen the file's mode
  const Status written = write_registration_secret(path, reg.secret, reg.record);
  ::umask(old_mask);
  ASSERT_TRUE(written.is_ok()) << written.message();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto read = read_registration_secret(path, reg.record);
  ASSERT_TRUE(read.is_ok()) << read.error();
  EXPECT_EQ(read->seed, reg.secret.seed);

  // Never overwritten.
  const Status again = write_registration_secret(path, RegistrationSecret{}, reg.record);
  ASSERT_FALSE(again.is_ok());
  EXPECT_NE(again.message().find("already exists"), std::string::npos);
  EXPECT_EQ(read_registration_secret(path, reg.record)->seed, reg.secret.seed);

  // Any access for group or others is refused, with the fix in the message.
  for (mode_t mode : {0640, 0604, 0620, 0660, 0644}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto refused = read_registration_secret(path, reg.record);
    ASSERT_FALSE(refused.is_ok()) << std::oct << mode;
    EXPECT_NE(refused.error().find("group or others"), std::string::npos);
    EXPECT_NE(refused.error().find("chmod 600"), std::string::npos);
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);  // read-only for the owner is fine
  EXPECT_TRUE(read_registration_secret(path, reg.record).is_ok());
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);

  // Bound to its registration.
  auto foreign = read_registration_secret(path, registration(2).record);
  ASSERT_FALSE(foreign.is_ok());
  EXPECT_NE(foreign.error().find("another dataset registration"), std::string::npos);

  // A symbolic link, a corrupted file, a missing file.
  const std::filesystem::path link = dir_ / "link.secret";
  std::filesystem::create_symlink(path, link);
  auto via_link = read_registration_secret(link, reg.record);
  ASSERT_FALSE(via_link.is_ok());
  EXPECT_NE(via_link.error().find("symbolic link"), std::string::npos);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(50);
    f.put('\x5a');
  }
  auto corrupted = read_registration_secret(path, reg.record);
  ASSERT_FALSE(corrupted.is_ok());
  EXPECT_NE(corrupted.error().find("checksum"), std::string::npos);
  EXPECT_FALSE(read_registration_secret(dir_ / "missing.secret", reg.record).is_ok());
  // A file of the wrong size.
  const std::filesystem::path small = dir_ / "small.secret";
  ASSERT_TRUE(write_registration_secret(small, reg.secret, reg.record).is_ok());
  std::filesystem::resize_file(small, 50);
  EXPECT_FALSE(read_registration_secret(small, reg.record).is_ok());
}

}  // namespace
}  // namespace zkfl::training
