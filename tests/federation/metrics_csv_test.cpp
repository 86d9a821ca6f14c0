// The metrics CSV: RFC 4180 quoting, rows that parse back exactly, strict
// parsing errors, and a writer that appends across reopenings.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "federation/metrics_csv.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

fs::path temp_file(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto path = fs::temp_directory_path() /
                    ("zkfl_metrics_" + std::to_string(::getpid()) + "_" + info->name() + "_" + name);
  fs::remove(path);
  return path;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rows with every awkward case: missing values, text needing quotes, exact doubles.
std::vector<MetricsRow> awkward_rows() {
  return {
      {1, "st-marys", 1.234567890123, 1'184'640, "accepted", "", 0.912280701754386},
      {1, "lakeside, clinic", 0.5, 1024, "rejected", "proof does not verify: \"gradient\" gate, row 17", 0.912280701754386},
      {2, "city-general", std::nullopt, std::nullopt, "missing", "no submission before the deadline\nsecond line",
       std::nullopt},
      {3, " padded ", 0.0, 0, "rejected", "ends with a comma,", 1.0},
      {18446744073709551615ull, "ünïcode-π", 1e-9, 9'223'372'036'854'775'807, "accepted", "cr\r\nlf", 0.0},
  };
}

TEST(MetricsCsv, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(" lead"), "\" lead\"");
}

TEST(MetricsCsv, RowsFormatAsDocumented) {
  EXPECT_EQ(format_metrics_row({4, "a", 1.5, 2048, "accepted", "", 0.75}), "4,a,1.5,2048,accepted,,0.75");
  EXPECT_EQ(format_metrics_row({4, "b", std::nullopt, std::nullopt, "missing", "late, by 3 s", std::nullopt}),
            "4,b,,,missing,\"late, by 3 s\",");
}

TEST(MetricsCsv, RowsParseBackExactly) {
  const auto rows = awkward_rows();
  std::string text = std::string(kMetricsHeader) + "\n";
  for (const auto& r : rows) text += format_metrics_row(r) + "\n";
  const auto parsed = parse_metrics_csv(text, "mem");
  ASSERT_TRUE(parsed.is_ok()) << parsed.error();
  EXPECT_EQ(*parsed, rows);
  // CRLF line ends and no final line end read the same.
  std::string crlf;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c == '\n') crlf += "\r\n"; else crlf += c;
  }
  // (the embedded "\n" inside quoted fields becomes "\r\n" too, so compare the other rows)
  const auto crlf_parsed = parse_metrics_csv(crlf, "mem");
  ASSERT_TRUE(crlf_parsed.is_ok()) << crlf_parsed.error();
  ASSERT_EQ(crlf_parsed->size(), rows.size());
  EXPECT_EQ((*crlf_parsed)[0], rows[0]);
  EXPECT_EQ((*crlf_parsed)[1], rows[1]);
}

TEST(MetricsCsv, GenericParserHandlesQuotesAndEmptyFields) {
  const auto records = parse_csv("a,\"b,c\",\"d\"\"e\"\n,,\n\"multi\nline\",x");
  ASSERT_TRUE(records.is_ok()) << records.error();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0], (std::vector<std::string>{"a", "b,c", "d\"e"}));
  EXPECT_EQ((*records)[1], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ((*records)[2], (std::vector<std::string>{"multi\nline", "x"}));
}

TEST(MetricsCsv, MalformedCsvIsAnErrorWithItsPosition) {
  const auto unclosed = parse_csv("a,b\n\"open,c\n");
  ASSERT_FALSE(unclosed.is_ok());
  EXPECT_NE(unclosed.error().find("opened at line 2, column 1 is never closed"), std::string::npos)
      << unclosed.error();
  const auto stray = parse_csv("a,b\"c\n");
  ASSERT_FALSE(stray.is_ok());
  EXPECT_NE(stray.error().find("line 1, column 4: a double quote inside an unquoted field"), std::string::npos)
      << stray.error();
  const auto after = parse_csv("\"a\"b,c\n");
  ASSERT_FALSE(after.is_ok());
  EXPECT_NE(after.error().find("text after a closing quote"), std::string::npos) << after.error();
  EXPECT_FALSE(parse_csv("a\rb\n").is_ok());
}

TEST(MetricsCsv, MalformedMetricsAreErrors) {
  const std::string header = std::string(kMetricsHeader) + "\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty"},
      {"round,participant\n", "header is 'round,participant'"},
      {header + "1,a,1,2,accepted,\n", "record 2: 6 fields, expected 7"},
      {header + "x,a,1,2,accepted,,0.5\n", "round 'x' is not a number"},
      {header + "1,a,fast,2,accepted,,0.5\n", "proof_seconds 'fast'"},
      {header + "1,a,1,2.5,accepted,,0.5\n", "proof_bytes '2.5' is not an integer"},
      {header + "1,a,1,2,accepted,,high\n", "global_accuracy 'high'"},
      {header + "1,a,1,2,accepted,,1.5\n", "global accuracy must lie in [0, 1]"},
      {header + "1,,1,2,accepted,,0.5\n", "needs a participant"},
      {header + "1,a,1,2,,,0.5\n", "needs a verdict"},
      {header + "1,a,-1,2,accepted,,0.5\n", "proof time must be"},
  };
  for (const auto& [text, message] : cases) {
    const auto parsed = parse_metrics_csv(text, "m.csv");
    ASSERT_FALSE(parsed.is_ok()) << text;
    EXPECT_NE(parsed.error().find("m.csv: "), std::string::npos) << parsed.error();
    EXPECT_NE(parsed.error().find(message), std::string::npos) << text << " -> " << parsed.error();
  }
}

TEST(MetricsCsvWriter, WritesHeaderThenRowsAndAppendsOnReopen) {
  const auto path = temp_file("metrics.csv");
  const auto rows = awkward_rows();
  {
    auto writer = MetricsCsvWriter::open(path);
    ASSERT_TRUE(writer.is_ok()) << writer.error();
    for (size_t i = 0; i < 3; ++i) ASSERT_TRUE(writer->append(rows[i]).is_ok());
    // Flushed at once: the file holds the rows while the writer is open.
    const auto so_far = read_metrics_csv(path);
    ASSERT_TRUE(so_far.is_ok()) << so_far.error();
    EXPECT_EQ(so_far->size(), 3u);
  }
  {
    auto writer = MetricsCsvWriter::open(path);
    ASSERT_TRUE(writer.is_ok()) << writer.error();
    for (size_t i = 3; i < rows.size(); ++i) ASSERT_TRUE(writer->append(rows[i]).is_ok());
  }
  const std::string text = read(path);
  EXPECT_EQ(text.rfind(std::string(kMetricsHeader) + "\n", 0), 0u);
  EXPECT_EQ(text.find(kMetricsHeader, 1), std::string::npos) << "header written twice";
  const auto all = read_metrics_csv(path);
  ASSERT_TRUE(all.is_ok()) << all.error();
  EXPECT_EQ(*all, rows);
  fs::remove(path);
}

TEST(MetricsCsvWriter, RefusesBadRowsAndForeignFiles) {
  const auto path = temp_file("metrics.csv");
  auto writer = MetricsCsvWriter::open(path);
  ASSERT_TRUE(writer.is_ok()) << writer.error();
  EXPECT_FALSE(writer->append({1, "", 1.0, 1, "accepted", "", 0.5}).is_ok());
  EXPECT_FALSE(writer->append({1, "a", 1.0, 1, "accepted", "", 1.01}).is_ok());
  EXPECT_FALSE(writer->append({1, "a", std::nan(""), 1, "accepted", "", 0.5}).is_ok());
  EXPECT_FALSE(writer->append({1, "a", 1.0, -1, "accepted", "", 0.5}).is_ok());
  const auto rows = read_metrics_csv(path);
  ASSERT_TRUE(rows.is_ok()) << rows.error();
  EXPECT_TRUE(rows->empty()) << "a refused row was written";

  const auto foreign = temp_file("foreign.csv");
  std::ofstream(foreign) << "a,b,c\n1,2,3\n";
  const auto refused = MetricsCsvWriter::open(foreign);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.error().find("cannot append to"), std::string::npos) << refused.error();
  EXPECT_EQ(read(foreign), "a,b,c\n1,2,3\n") << "the foreign file was changed";

  const auto cut = temp_file("cut.csv");
  std::ofstream(cut) << kMetricsHeader << "\n1,a,1,2,accepted,,0.5";
  const auto cut_off = MetricsCsvWriter::open(cut);
  ASSERT_FALSE(cut_off.is_ok());
  EXPECT_NE(cut_off.error().find("last line is cut off"), std::string::npos) << cut_off.error();
  fs::remove(path);
  fs::remove(foreign);
  fs::remove(cut);
}

}  // namespace
}  // namespace zkfl::federation
