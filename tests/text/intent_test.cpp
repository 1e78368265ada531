// Intent classifier (src/text/intent.cpp): the rules on hand-written cases, then the
// evaluation on the hand-labelled sample data/labels/intent_labels.tsv, whose figures
// docs/classifiers.md reports (the test pins them, so a change of rules shows).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "text/enricher.h"
#include "text/intent.h"

namespace rapport {
namespace {

std::string Bits(uint8_t b) {
  std::string s;
  if (b & kIntentQuestion) s += "Q";
  if (b & kIntentComplaint) s += "C";
  if (b & kIntentPraise) s += "P";
  return s.empty() ? "-" : s;
}

TEST(TextWords, SkipsLinksHandlesAndReadsHashtags) {
  TextWords w;
  w.Split("@AcmeHelp Why?? #fail see https://t.co/x?y=1 www.acme.com/shop DON’T");
  std::vector<std::string> words;
  for (const auto& x : w.words) words.emplace_back(x.text);
  EXPECT_EQ(words, (std::vector<std::string>{"why", "fail", "see", "don't"}));
  EXPECT_EQ(w.question_marks, 2);  // the one in the link is not counted
  EXPECT_TRUE(w.words[0].sentence_start);
  EXPECT_TRUE(w.words[1].sentence_start);  // after "??"
  EXPECT_FALSE(w.words[2].sentence_start);
  w.Split("");
  EXPECT_TRUE(w.words.empty());
  w.Split("'quoted' it's");
  ASSERT_EQ(w.words.size(), 2u);
  EXPECT_EQ(w.words[0].text, "quoted");
  EXPECT_EQ(w.words[1].text, "it's");
}

struct Case {
  const char* text;
  const char* expected;  // Q, C, P letters, "-" for other
};

TEST(IntentClassifier, Rules) {
  const Case cases[] = {
      // questions: a '?', a sentence opening with an interrogative, or a phrase
      {"@acme is the store open on sunday", "Q"},
      {"When do you open?", "Q"},
      {"hi there, how do i change my address", "Q"},
      {"Hello. Can you check my booking", "Q"},
      {"Any idea when it ships", "Q"},
      {"see https://x.com/a?b=c", "-"},  // a '?' in a link asks nothing
      // complaints: a term, or a negated verb of service
      {"my flight was delayed again", "C"},
      {"the app doesn't work", "C"},
      {"app does not load since the update", "C"},
      {"Never arrived. Ridiculous", "C"},
      {"still waiting for my refund", "C"},
      {"#fail", "C"},
      {"not happy with this", "C"},
      {"why is my order still missing?", "QC"},
      // praise: a praise term or emoji, no complaint; thanks only when nothing is asked
      {"love the new menu", "P"},
      {"Great job team", "P"},
      {"thanks for sorting it", "P"},
      {"thank you \xE2\x9D\xA4", "P"},
      {"thanks! can you also check my other order?", "Q"},  // polite thanks
      {"thanks for nothing, worst service", "C"},
      {"not great", "C"},
      {"love it \xF0\x9F\x91\x8D but can I get a receipt?", "QP"},
      // other
      {"on my way to the airport", "-"},
      {"", "-"},
      {"@acme @bob", "-"},
  };
  IntentClassifier c;
  for (const Case& k : cases) EXPECT_EQ(Bits(c.Classify(k.text)), k.expected) << k.text;
}

TEST(IntentClassifier, LexiconIsConfigurable) {
  IntentLexicon l = IntentLexicon::Default();
  l.complaint_terms.push_back("meh");
  l.praise_terms = {"stellar job"};
  IntentClassifier c(l);
  EXPECT_EQ(Bits(c.Classify("meh")), "C");
  EXPECT_EQ(Bits(c.Classify("stellar job")), "P");
  EXPECT_EQ(Bits(c.Classify("love it")), "-");  // "love" is no longer a praise term
  EXPECT_EQ(Bits(IntentClassifier().Classify("meh")), "-");
}

TEST(IntentClassifier, EnricherSetsTheTableFlags) {
  Enricher e({});
  RawEvent ev;
  ev.text = "why is my order still missing?";
  EXPECT_EQ(e.Analyze(ev).flags & (kQuestion | kComplaint | kPraise), kQuestion | kComplaint);
  ev.text = "love it";
  EXPECT_EQ(e.Analyze(ev).flags, kPraise);
  e.EnableClassifiers(false);
  EXPECT_EQ(e.Analyze(ev).flags, 0);
}

// ---------------------------------------------------------------------------------
// Evaluation on the hand-labelled sample

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char n = s[++i];
    out.push_back(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
  }
  return out;
}

// Rows of a labels file: the columns after the header, comments (#) skipped.
std::vector<std::vector<std::string>> ReadLabels(const std::string& name) {
  std::ifstream in(std::string(RAPPORT_TEST_DIR) + "/../data/labels/" + name);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    size_t pos = 0;
    for (size_t tab; (tab = line.find('\t', pos)) != std::string::npos; pos = tab + 1)
      cols.push_back(line.substr(pos, tab - pos));
    cols.push_back(line.substr(pos));
    if (cols.size() == 4) cols[3] = Unescape(cols[3]);
    rows.push_back(std::move(cols));
  }
  return rows;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0, support = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
};

TEST(IntentEvaluation, HandLabelledSample) {
  auto rows = ReadLabels("intent_labels.tsv");
  ASSERT_GE(rows.size(), 300u) << "data/labels/intent_labels.tsv";
  Enricher enricher({});  // as at ingestion, sentiment off
  std::map<std::string, Counts> by_class;
  const std::pair<const char*, uint8_t> classes[] = {
      {"question", kQuestion}, {"complaint", kComplaint}, {"praise", kPraise}, {"other", 0}};
  int exact = 0;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 4u);
    RawEvent e;
    e.text = r[3];
    uint8_t got = enricher.Analyze(e).flags & (kQuestion | kComplaint | kPraise);
    uint8_t want = 0;
    for (auto [name, bit] : classes)
      if (bit && r[2].find(name) != std::string::npos) want |= bit;
    exact += got == want;
    if (got != want && std::getenv("RAPPORT_EVAL_VERBOSE"))
      std::printf("got %-3s want %-3s %s\t%s\n", Bits(got).c_str(), Bits(want).c_str(), r[1].c_str(),
                  r[3].substr(0, 120).c_str());
    for (auto [name, bit] : classes) {
      bool g = bit ? (got & bit) != 0 : got == 0;
      bool w = bit ? (want & bit) != 0 : want == 0;
      Counts& c = by_class[name];
      c.support += w;
      c.tp += g && w;
      c.fp += g && !w;
      c.fn += !g && w;
    }
  }
  std::printf("intent on %zu hand-labelled texts (exact label sets: %d)\n", rows.size(), exact);
  std::printf("%-10s %7s %4s %4s %4s %9s %7s\n", "class", "support", "tp", "fp", "fn", "precision", "recall");
  for (auto [name, bit] : classes) {
    const Counts& c = by_class[name];
    std::printf("%-10s %7d %4d %4d %4d %9.3f %7.3f\n", name, c.support, c.tp, c.fp, c.fn, c.Precision(),
                c.Recall());
  }
  // The figures of docs/classifiers.md: (support, tp, fp, fn) per class.
  auto expect = [&](const char* name, int support, int tp, int fp, int fn) {
    const Counts& c = by_class[name];
    EXPECT_EQ(c.support, support) << name;
    EXPECT_EQ(c.tp, tp) << name;
    EXPECT_EQ(c.fp, fp) << name;
    EXPECT_EQ(c.fn, fn) << name;
  };
  expect("question", 101, 94, 17, 7);
  expect("complaint", 198, 105, 9, 93);
  expect("praise", 37, 27, 7, 10);
  expect("other", 44, 37, 61, 7);
  EXPECT_EQ(exact, 191);
}

}  // namespace
}  // namespace rapport
