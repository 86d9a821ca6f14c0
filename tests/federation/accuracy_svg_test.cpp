// The accuracy chart: well-formed XML (checked by expat, a conforming
// parser), the data points and bars it promises, escaping, and the summary
// of metrics rows it is drawn from.
#include <gtest/gtest.h>

#include <expat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "federation/accuracy_svg.hpp"

namespace zkfl::federation {
namespace {

namespace fs = std::filesystem;

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // character data directly inside it
};

struct ParsedXml {
  bool ok = false;
  std::string error;
  std::vector<Element> elements;  // in document order
  std::string all_text;
};

// Parses `xml` with expat; every element and its attributes, or the parser's error.
ParsedXml parse_xml(const std::string& xml) {
  struct State {
    ParsedXml out;
    std::vector<size_t> open;
  } state;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<State*>(data);
        Element e{name, {}, {}};
        for (size_t i = 0; attrs[i] != nullptr; i += 2) e.attributes[attrs[i]] = attrs[i + 1];
        s->open.push_back(s->out.elements.size());
        s->out.elements.push_back(std::move(e));
      },
      [](void* data, const XML_Char*) { static_cast<State*>(data)->open.pop_back(); });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int len) {
    auto* s = static_cast<State*>(data);
    if (!s->open.empty()) s->out.elements[s->open.back()].text.append(text, static_cast<size_t>(len));
    s->out.all_text.append(text, static_cast<size_t>(len));
  });
  if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK) {
    state.out.ok = true;
  } else {
    state.out.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                      std::to_string(XML_GetCurrentLineNumber(parser));
  }
  XML_ParserFree(parser);
  return state.out;
}

std::vector<Element> with_class(const ParsedXml& xml, const std::string& name, const std::string& cls) {
  std::vector<Element> out;
  for (const auto& e : xml.elements) {
    auto it = e.attributes.find("class");
    if (e.name == name && it != e.attributes.end() && it->second == cls) out.push_back(e);
  }
  return out;
}

AccuracyPlot sample_plot() {
  AccuracyPlot plot;
  plot.title = "hospitals — global test accuracy";
  plot.subtitle = "3 participants · 30→1 sigmoid · B = 32";
  plot.rounds = {
      {1, 0.6228070175438597, 3, 0}, {2, 0.8508771929824561, 2, 1}, {3, 0.9122807017543859, 2, 1},
      {4, std::nullopt, 0, 3},       {5, 0.9385964912280702, 3, 0}, {6, 0.9473684210526315, 2, 2},
  };
  return plot;
}

TEST(AccuracySvg, IsWellFormedXmlWithTheTitle) {
  const auto svg = render_accuracy_svg(sample_plot());
  ASSERT_TRUE(svg.is_ok()) << svg.error();
  const auto xml = parse_xml(*svg);
  ASSERT_TRUE(xml.ok) << xml.error << "\n" << *svg;
  ASSERT_FALSE(xml.elements.empty());
  EXPECT_EQ(xml.elements.front().name, "svg");
  EXPECT_EQ(xml.elements.front().attributes.at("xmlns"), "http://www.w3.org/2000/svg");
  EXPECT_NE(xml.all_text.find("hospitals — global test accuracy"), std::string::npos);
  EXPECT_NE(xml.all_text.find("3 participants · 30→1 sigmoid · B = 32"), std::string::npos);
  EXPECT_NE(xml.all_text.find("test accuracy"), std::string::npos);
  EXPECT_NE(xml.all_text.find("round"), std::string::npos);
}

TEST(AccuracySvg, HasOneMarkerPerRoundWithAnAccuracy) {
  const auto plot = sample_plot();
  const auto xml = parse_xml(*render_accuracy_svg(plot));
  ASSERT_TRUE(xml.ok) << xml.error;
  const auto points = with_class(xml, "circle", "point");
  ASSERT_EQ(points.size(), 5u);
  std::map<uint64_t, std::pair<double, double>> by_round;  // accuracy, cy
  for (const auto& p : points) {
    by_round[std::stoull(p.attributes.at("data-round"))] = {std::stod(p.attributes.at("data-accuracy")),
                                                          std::stod(p.attributes.at("cy"))};
  }
  for (const auto& r : plot.rounds) {
    if (!r.accuracy) {
      EXPECT_FALSE(by_round.count(r.round)) << "round " << r.round << " has no accuracy but a marker";
      continue;
    }
    ASSERT_TRUE(by_round.count(r.round)) << "no marker for round " << r.round;
    EXPECT_EQ(by_round[r.round].first, *r.accuracy);
  }
  // Higher accuracy is drawn higher (smaller y), and markers run left to right by round.
  EXPECT_GT(by_round[1].second, by_round[2].second);
  EXPECT_GT(by_round[2].second, by_round[3].second);
  EXPECT_GT(by_round[5].second, by_round[6].second);
  double last_x = -1;
  for (const auto& p : points) {
    const double x = std::stod(p.attributes.at("cx"));
    EXPECT_GT(x, last_x);
    last_x = x;
  }
  // The value is printed next to each marker.
  for (const char* label : {"62.3%", "85.1%", "91.2%", "93.9%", "94.7%"}) {
    EXPECT_NE(xml.all_text.find(label), std::string::npos) << label;
  }
  // The round without an accuracy breaks the line: rounds 1–3 and 5–6.
  size_t polylines = 0;
  for (const auto& e : xml.elements) polylines += e.name == "polyline";
  EXPECT_EQ(polylines, 2u);
  EXPECT_EQ(with_class(xml, "line", "skipped").size(), 1u);
}

TEST(AccuracySvg, HasOneBarPerRoundWithRejections) {
  const auto xml = parse_xml(*render_accuracy_svg(sample_plot()));
  ASSERT_TRUE(xml.ok) << xml.error;
  const auto bars = with_class(xml, "rect", "rejected");
  std::map<uint64_t, int64_t> counts;
  for (const auto& b : bars) counts[std::stoull(b.attributes.at("data-round"))] = std::stoll(b.attributes.at("data-count"));
  EXPECT_EQ(counts, (std::map<uint64_t, int64_t>{{2, 1}, {3, 1}, {4, 3}, {6, 2}}));
  // Taller bar for more rejections.
  double height_of_1 = 0, height_of_3 = 0;
  for (const auto& b : bars) {
    if (b.attributes.at("data-count") == "1") height_of_1 = std::stod(b.attributes.at("height"));
    if (b.attributes.at("data-count") == "3") height_of_3 = std::stod(b.attributes.at("height"));
  }
  EXPECT_NEAR(height_of_3, 3 * height_of_1, 0.2);
  EXPECT_NE(xml.all_text.find("submissions rejected"), std::string::npos);

  auto plot = sample_plot();
  plot.show_rejections = false;
  const auto plain = parse_xml(*render_accuracy_svg(plot));
  ASSERT_TRUE(plain.ok) << plain.error;
  EXPECT_TRUE(with_class(plain, "rect", "rejected").empty());
}

TEST(AccuracySvg, EscapesTextAndDrawsEmptyAndLongRuns) {
  AccuracyPlot plot;
  plot.title = "<b>&\"quotes\" 'and' </svg>";
  const auto empty = render_accuracy_svg(plot);
  ASSERT_TRUE(empty.is_ok()) << empty.error();
  const auto xml = parse_xml(*empty);
  ASSERT_TRUE(xml.ok) << xml.error;
  EXPECT_NE(xml.all_text.find("<b>&\"quotes\" 'and' </svg>"), std::string::npos);
  EXPECT_NE(xml.all_text.find("No rounds recorded yet"), std::string::npos);

  AccuracyPlot long_run;
  long_run.title = "long";
  for (uint64_t r = 0; r < 200; ++r) long_run.rounds.push_back({r, 0.5 + 0.002 * static_cast<double>(r), 3, 0});
  const auto long_xml = parse_xml(*render_accuracy_svg(long_run));
  ASSERT_TRUE(long_xml.ok) << long_xml.error;
  EXPECT_EQ(with_class(long_xml, "circle", "point").size(), 200u);
  EXPECT_NE(long_xml.all_text.find("no submission was rejected"), std::string::npos);
}

TEST(AccuracySvg, RejectsInconsistentInput) {
  AccuracyPlot plot;
  plot.rounds = {{2, 0.5, 1, 0}, {1, 0.6, 1, 0}};
  EXPECT_FALSE(render_accuracy_svg(plot).is_ok());
  plot.rounds = {{1, 0.5, 1, 0}, {1, 0.6, 1, 0}};
  EXPECT_FALSE(render_accuracy_svg(plot).is_ok());
  plot.rounds = {{1, 1.5, 1, 0}};
  EXPECT_FALSE(render_accuracy_svg(plot).is_ok());
  plot.rounds = {{1, 0.5, -1, 0}};
  EXPECT_FALSE(render_accuracy_svg(plot).is_ok());
}

TEST(AccuracySvg, SummarizesMetricsRowsPerRound) {
  const std::vector<MetricsRow> rows = {
      {2, "a", 1.0, 10, "accepted", "", 0.8},     {1, "a", 1.0, 10, "accepted", "", 0.7},
      {1, "b", 1.0, 10, "rejected", "bad", 0.7},  {2, "b", std::nullopt, std::nullopt, "missing", "late", 0.8},
      {3, "a", 1.0, 10, "rejected", "bad", std::nullopt},
  };
  const auto summary = summarize_rounds(rows);
  EXPECT_EQ(summary, (std::vector<RoundSummary>{{1, 0.7, 1, 1}, {2, 0.8, 1, 0}, {3, std::nullopt, 0, 1}}));
}

TEST(AccuracySvg, WriteReplacesTheFile) {
  const auto path = fs::temp_directory_path() / ("zkfl_plot_" + std::to_string(::getpid()) + ".svg");
  std::ofstream(path) << "old";
  ASSERT_TRUE(write_accuracy_svg(path, sample_plot()).is_ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), *render_accuracy_svg(sample_plot()));
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
  fs::remove(path);
  EXPECT_FALSE(write_accuracy_svg("/nonexistent/zkfl/plot.svg", sample_plot()).is_ok());
}

}  // namespace
}  // namespace zkfl::federation
