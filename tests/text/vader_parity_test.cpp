// Parity with the reference vaderSentiment 3.3.1 on the shared reference outputs
// (shared/data/vader/README.md): hand-written cases, the four corpora of the paper,
// and the paper-convention accuracy on tweets.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "text/vader.h"
#include "vader_test_util.h"

namespace rapport {
namespace {

using testing::DataLines;
using testing::ParseDouble;
using testing::ReadFile;
using testing::SharedDir;
using testing::SplitTabs;
using testing::Unescape;

std::filesystem::path VaderDir() {
  return SharedDir() / "data" / "vader";
}

std::string Show(const Scores& s) {
  return PythonFloatString(s.neg) + " " + PythonFloatString(s.neu) + " " +
         PythonFloatString(s.pos) + " " + PythonFloatString(s.compound);
}

TEST(VaderParity, ReferenceCasesRounded) {
  auto path = VaderDir() / "reference_cases.tsv";
  RAPPORT_REQUIRE_SHARED(path);
  std::string file = ReadFile(path);
  const Vader& vader = Vader::Default();
  int cases = 0, mismatches = 0;
  for (auto line : DataLines(file)) {
    auto f = SplitTabs(line);
    ASSERT_EQ(f.size(), 5u) << line;
    std::string text = Unescape(f[0]);
    Scores want{ParseDouble(f[1]), ParseDouble(f[2]), ParseDouble(f[3]), ParseDouble(f[4])};
    Scores got = RoundLikeReference(vader.PolarityScores(text));
    ++cases;
    if (got.neg != want.neg || got.neu != want.neu || got.pos != want.pos ||
        got.compound != want.compound) {
      if (++mismatches <= 20)
        ADD_FAILURE() << "text: " << f[0] << "\n  want " << Show(want) << "\n  got  " << Show(got);
    }
  }
  EXPECT_EQ(cases, 521);
  EXPECT_EQ(mismatches, 0);
  std::printf("reference_cases.tsv: %d/%d equal after Python rounding\n", cases - mismatches,
              cases);
}

TEST(VaderParity, ReferenceCasesUnrounded) {
  auto path = VaderDir() / "reference_cases_unrounded.tsv";
  RAPPORT_REQUIRE_SHARED(path);
  std::string file = ReadFile(path);
  const Vader& vader = Vader::Default();
  int cases = 0, exact = 0;
  double worst = 0;
  for (auto line : DataLines(file)) {
    auto f = SplitTabs(line);
    ASSERT_EQ(f.size(), 5u) << line;
    Scores got = vader.PolarityScores(Unescape(f[0]));
    // The report's path, the compound alone, is the same number bit for bit.
    EXPECT_EQ(vader.Compound(Unescape(f[0])), got.compound) << "text: " << f[0];
    double want[4] = {ParseDouble(f[1]), ParseDouble(f[2]), ParseDouble(f[3]), ParseDouble(f[4])};
    double have[4] = {got.neg, got.neu, got.pos, got.compound};
    bool all_exact = true;
    for (int k = 0; k < 4; ++k) {
      double d = std::fabs(have[k] - want[k]);
      worst = std::max(worst, d);
      all_exact &= have[k] == want[k];
      EXPECT_LE(d, 1e-12) << "text: " << f[0] << " field " << k << " want "
                          << PythonFloatString(want[k]) << " got " << PythonFloatString(have[k]);
    }
    exact += all_exact;
    ++cases;
  }
  EXPECT_EQ(cases, 521);
  std::printf("reference_cases_unrounded.tsv: %d/%d bit-identical, largest difference %g\n", exact,
              cases, worst);
}

// All items of one corpus: the rounded scores as returned, and the unrounded compound.
void CheckCorpus(const std::string& name, size_t expected_items) {
  auto path = VaderDir() / "corpora" / (name + "_reference.tsv");
  RAPPORT_REQUIRE_SHARED(path);
  std::string file = ReadFile(path);
  const Vader& vader = Vader::Default();
  size_t items = 0, mismatches = 0, exact = 0;
  for (auto line : DataLines(file)) {
    auto f = SplitTabs(line);
    ASSERT_EQ(f.size(), 8u) << line;
    Scores raw = vader.PolarityScores(Unescape(f[1]));
    Scores got = RoundLikeReference(raw);
    Scores want{ParseDouble(f[4]), ParseDouble(f[5]), ParseDouble(f[6]), ParseDouble(f[3])};
    double want_raw = ParseDouble(f[7]);
    ++items;
    exact += raw.compound == want_raw;
    if (got.compound != want.compound || got.neg != want.neg || got.neu != want.neu ||
        got.pos != want.pos || std::fabs(raw.compound - want_raw) > 1e-12) {
      if (++mismatches <= 10)
        ADD_FAILURE() << name << " id " << f[0] << ": " << f[1] << "\n  want " << Show(want) << " ("
                      << f[7] << ")\n  got  " << Show(got) << " ("
                      << PythonFloatString(raw.compound) << ")";
    }
  }
  EXPECT_EQ(items, expected_items);
  EXPECT_EQ(mismatches, 0u);
  std::printf("%s: %zu/%zu equal, %zu unrounded compounds bit-identical\n", name.c_str(),
              items - mismatches, items, exact);
}

TEST(VaderParity, TweetsCorpus) {
  CheckCorpus("tweets", 4200);
}
TEST(VaderParity, MovieReviewsCorpus) {
  CheckCorpus("movieReviewSnippets", 10605);
}
TEST(VaderParity, AmazonReviewsCorpus) {
  CheckCorpus("amazonReviewSnippets", 3708);
}
TEST(VaderParity, NytEditorialsCorpus) {
  CheckCorpus("nytEditorialSnippets", 5190);
}

// The paper's convention (corpora/README.md): classes by compound >= 0.05 / <= -0.05
// and by the sign of the human mean; F1 averaged weighted by support; Pearson r.
TEST(VaderParity, TweetsAccuracyPaperConvention) {
  auto path = VaderDir() / "corpora" / "tweets_GroundTruth.txt";
  RAPPORT_REQUIRE_SHARED(path);
  std::string file = ReadFile(path);
  const Vader& vader = Vader::Default();
  std::vector<double> human, compound;
  std::map<std::pair<int, int>, int> confusion;  // (human, vader) -> count
  size_t pos = 0;
  while (pos < file.size()) {
    size_t nl = file.find('\n', pos);
    if (nl == std::string::npos) nl = file.size();
    std::string_view line(file.data() + pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF file
    auto f = SplitTabs(line);
    ASSERT_GE(f.size(), 3u) << line;
    // The text is everything after the second TAB.
    std::string_view text = line.substr(f[0].size() + f[1].size() + 2);
    double h = ParseDouble(f[1]);
    double c = RoundLikeReference(vader.PolarityScores(text)).compound;
    human.push_back(h);
    compound.push_back(c);
    int hc = h > 0 ? 1 : h < 0 ? -1 : 0;
    int vc = c >= 0.05 ? 1 : c <= -0.05 ? -1 : 0;
    ++confusion[{hc, vc}];
  }
  ASSERT_EQ(human.size(), 4200u);

  double n = static_cast<double>(human.size());
  double mh = 0, mc = 0;
  for (size_t k = 0; k < human.size(); ++k) mh += human[k], mc += compound[k];
  mh /= n, mc /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t k = 0; k < human.size(); ++k) {
    sxy += (human[k] - mh) * (compound[k] - mc);
    sxx += (human[k] - mh) * (human[k] - mh);
    syy += (compound[k] - mc) * (compound[k] - mc);
  }
  double r = sxy / std::sqrt(sxx * syy);

  double f1 = 0;
  for (int cls : {-1, 0, 1}) {
    int tp = confusion[{cls, cls}], support = 0, predicted = 0;
    for (int other : {-1, 0, 1})
      support += confusion[{cls, other}], predicted += confusion[{other, cls}];
    if (support == 0) continue;  // weight 0
    double precision = predicted ? static_cast<double>(tp) / predicted : 0;
    double recall = static_cast<double>(tp) / support;
    double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    f1 += f * support / n;
  }
  std::printf("tweets, paper convention: r = %.4f, F1 = %.4f\n", r, f1);
  EXPECT_EQ(RoundPython(r, 4), 0.8722);
  EXPECT_EQ(RoundPython(f1, 4), 0.9480);
}

}  // namespace
}  // namespace rapport
