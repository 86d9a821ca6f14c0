// The small value types a federation config is made of: cheats and the
// rotate schedule, endpoints, aggregation rules.
#include <gtest/gtest.h>

#include <set>

#include "federation/aggregation_rule.hpp"
#include "federation/cheat.hpp"
#include "federation/endpoint.hpp"

namespace zkfl::federation {
namespace {

TEST(Cheat, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (Cheat c : kRotation) {
    const auto parsed = parse_cheat(cheat_name(c));
    ASSERT_TRUE(parsed.has_value()) << cheat_name(c);
    EXPECT_EQ(*parsed, c);
    EXPECT_TRUE(names.insert(cheat_name(c)).second);
    EXPECT_NE(cheat_names_list().find(cheat_name(c)), std::string_view::npos);
  }
  EXPECT_EQ(parse_cheat("rotate"), Cheat::kRotate);
  EXPECT_EQ(cheat_name(Cheat::kNone), "none");
  EXPECT_FALSE(parse_cheat("none").has_value());
  EXPECT_FALSE(parse_cheat("Gradient").has_value());
  EXPECT_FALSE(parse_cheat("").has_value());
}

TEST(Cheat, RotateTriesEveryCheatOnceInNineRounds) {
  std::set<Cheat> seen;
  for (uint64_t round = 0; round < kRotation.size(); ++round) {
    const Cheat c = cheat_in_round(Cheat::kRotate, round);
    EXPECT_NE(c, Cheat::kRotate);
    EXPECT_NE(c, Cheat::kNone);
    seen.insert(c);
    EXPECT_EQ(cheat_in_round(Cheat::kRotate, round + kRotation.size()), c);
  }
  EXPECT_EQ(seen.size(), kRotation.size());
  // Neither round 0 nor round 1 (whichever a coordinator starts at) asks for a stale model.
  EXPECT_NE(cheat_in_round(Cheat::kRotate, 0), Cheat::kStaleModel);
  EXPECT_NE(cheat_in_round(Cheat::kRotate, 1), Cheat::kStaleModel);
  EXPECT_EQ(cheat_in_round(Cheat::kFlippedLabel, 4), Cheat::kFlippedLabel);
  EXPECT_EQ(cheat_in_round(Cheat::kNone, 4), Cheat::kNone);
}

TEST(Cheat, InCircuitCheatsMapToDistinctTamperModes) {
  std::set<training::StepTamper> modes;
  for (Cheat c : kRotation) {
    const auto tamper = step_tamper(c);
    if (c == Cheat::kStaleModel || c == Cheat::kChangedData) {
      EXPECT_FALSE(tamper.has_value()) << cheat_name(c);
      continue;
    }
    ASSERT_TRUE(tamper.has_value()) << cheat_name(c);
    EXPECT_NE(*tamper, training::StepTamper::kNone);
    EXPECT_TRUE(modes.insert(*tamper).second) << cheat_name(c);
  }
  EXPECT_EQ(modes.size(), 7u);
  EXPECT_FALSE(step_tamper(Cheat::kNone).has_value());
  EXPECT_FALSE(step_tamper(Cheat::kRotate).has_value());
}

TEST(Endpoint, ParsesTcpAndInproc) {
  const auto tcp = parse_endpoint("tcp://127.0.0.1:5555");
  ASSERT_TRUE(tcp.is_ok()) << tcp.error();
  EXPECT_EQ(tcp->transport, Transport::kTcp);
  EXPECT_EQ(tcp->host, "127.0.0.1");
  EXPECT_EQ(tcp->port, 5555);
  EXPECT_FALSE(tcp->is_wildcard());
  EXPECT_EQ(tcp->to_string(), "tcp://127.0.0.1:5555");

  const auto host = parse_endpoint("tcp://coordinator.example-org.net:65535");
  ASSERT_TRUE(host.is_ok()) << host.error();
  EXPECT_EQ(host->port, 65535);

  const auto v6 = parse_endpoint("tcp://[::1]:7000");
  ASSERT_TRUE(v6.is_ok()) << v6.error();
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->to_string(), "tcp://[::1]:7000");

  EXPECT_TRUE(parse_endpoint("tcp://*:5555")->is_wildcard());
  EXPECT_TRUE(parse_endpoint("tcp://0.0.0.0:5555")->is_wildcard());

  const auto inproc = parse_endpoint("inproc://zkfl-hospitals");
  ASSERT_TRUE(inproc.is_ok()) << inproc.error();
  EXPECT_EQ(inproc->transport, Transport::kInproc);
  EXPECT_EQ(inproc->name, "zkfl-hospitals");
  EXPECT_EQ(inproc->to_string(), "inproc://zkfl-hospitals");
}

TEST(Endpoint, RejectsMalformedOnes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"127.0.0.1:5555", "neither tcp://HOST:PORT nor inproc://NAME"},
      {"ipc:///tmp/zkfl", "neither"},
      {"tcp://127.0.0.1", "has no port"},
      {"tcp://:5555", "has no host"},
      {"tcp://host:0", "a port is a number in 1..65535"},
      {"tcp://host:65536", "a port is a number in 1..65535"},
      {"tcp://host:55x", "a port is a number"},
      {"tcp://host:", "a port is a number"},
      {"tcp://ho st:5555", "characters other than"},
      {"tcp://[::1:5555", "malformed IPv6"},
      {"tcp://[zz]:5555", "malformed IPv6"},
      {"inproc://", "empty inproc name"},
      {"inproc://a b", "whitespace"},
  };
  for (const auto& [text, message] : cases) {
    const auto e = parse_endpoint(text);
    ASSERT_FALSE(e.is_ok()) << text;
    EXPECT_NE(e.error().find(message), std::string::npos) << text << ": " << e.error();
  }
}

TEST(AggregationRule, ParsesEveryForm) {
  EXPECT_EQ(parse_aggregation_rule("fedavg")->kind, AggregationKind::kFedAvg);
  EXPECT_EQ(parse_aggregation_rule("median")->kind, AggregationKind::kMedian);
  const auto trimmed = parse_aggregation_rule("trimmed_mean:2");
  ASSERT_TRUE(trimmed.is_ok()) << trimmed.error();
  EXPECT_EQ(trimmed->kind, AggregationKind::kTrimmedMean);
  EXPECT_EQ(trimmed->trim, 2);
  const auto clip = parse_aggregation_rule("norm_clip:0.75");
  ASSERT_TRUE(clip.is_ok()) << clip.error();
  EXPECT_EQ(clip->kind, AggregationKind::kNormClip);
  EXPECT_DOUBLE_EQ(clip->clip_norm, 0.75);
  for (const char* text : {"fedavg", "median", "trimmed_mean:2", "norm_clip:0.75"}) {
    EXPECT_EQ(parse_aggregation_rule(text)->to_string(), text);
  }
}

TEST(AggregationRule, RejectsMalformedOnes) {
  for (const char* text : {"", "mean", "FedAvg", "fedavg:1", "median:", "trimmed_mean", "trimmed_mean:",
                           "trimmed_mean:0", "trimmed_mean:-1", "trimmed_mean:1.5", "trimmed_mean:1001",
                           "norm_clip", "norm_clip:0", "norm_clip:-2", "norm_clip:inf", "norm_clip:nan",
                           "norm_clip:1x"}) {
    const auto rule = parse_aggregation_rule(text);
    ASSERT_FALSE(rule.is_ok()) << text;
    EXPECT_NE(rule.error().find("use \"fedavg\", \"median\""), std::string::npos) << rule.error();
  }
}

}  // namespace
}  // namespace zkfl::federation
