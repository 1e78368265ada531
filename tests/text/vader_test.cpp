// VADER scoring: the nine behaviours of the reference (docs/sentiment.md), rounding
// and formatting as Python does, custom lexicons and threads. Expected values are
// derived here from the lexicon and the reference's formulas; the comparison with the
// reference's own outputs is vader_parity_test.cpp.
#include "text/vader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace rapport {
namespace {

const Vader& V() {
  return Vader::Default();
}
double Compound(std::string_view text) {
  return V().PolarityScores(text).compound;
}
double Lex(std::string_view key) {
  return V().Valence(key).value();
}
// A product rounded to double: without it GCC may fuse a*b+c into one FMA here
// (-ffp-contract=fast is its C++ default), where Python rounds the product first.
double M(double a, double b) {
  volatile double p = a * b;
  return p;
}
// normalize(score, alpha=15) of the reference.
double Normalize(double s) {
  return s / std::sqrt(M(s, s) + 15);
}

bool SameScores(const Scores& a, const Scores& b) {
  return a.neg == b.neg && a.neu == b.neu && a.pos == b.pos && a.compound == b.compound;
}

// 1. The lexicon: later duplicate lines win; keys with capitals can't match.
TEST(VaderBehaviour, LexiconLoading) {
  EXPECT_EQ(V().lexicon_size(), 7506u);  // 7,520 lines, 14 keys twice
  EXPECT_EQ(V().emoji_size(), 3570u);
  EXPECT_EQ(Lex("lol"), 1.8);  // the later of 2.9 and 1.8
  EXPECT_TRUE(V().Valence(":d").has_value());
  EXPECT_FALSE(V().Valence("least").has_value());
  // ":D" is a key, but tokens are looked up lower-cased: ":D" finds ":d".
  EXPECT_EQ(Compound(":D"), Normalize(Lex(":d")));
  EXPECT_EQ(Compound("lol"), Normalize(1.8));
}

// 2. Emoji: one code point at a time; multi-code-point keys never match whole.
TEST(VaderBehaviour, EmojiReplacedOneCodePointAtATime) {
  ASSERT_NE(V().EmojiDescription(0x1F498), nullptr);
  EXPECT_EQ(*V().EmojiDescription(0x1F498), "heart with arrow");
  EXPECT_EQ(V().EmojiDescription(0x2764FE0F), nullptr);
  EXPECT_TRUE(SameScores(V().PolarityScores("\U0001F498"), V().PolarityScores("heart with arrow")));
  EXPECT_TRUE(SameScores(V().PolarityScores("so \U0001F498 much"),
                         V().PolarityScores("so heart with arrow much")));
  // No space before a description that follows a non-space; none after it either.
  EXPECT_TRUE(SameScores(V().PolarityScores("love\U0001F498"),
                         V().PolarityScores("love heart with arrow")));
  EXPECT_TRUE(
      SameScores(V().PolarityScores("\U0001F498good"), V().PolarityScores("heart with arrowgood")));
  // U+2764 U+FE0F: "red heart" + U+FE0F glued to "heart": not in the lexicon.
  EXPECT_EQ(Compound("\u2764\ufe0f"), 0.0);
  EXPECT_GT(Compound("\u2764"), 0.0);
  // Descriptions take part in the '!' count: 🔛 is "ON! arrow".
  EXPECT_TRUE(
      SameScores(V().PolarityScores("good \U0001F51B"), V().PolarityScores("good ON! arrow")));
  EXPECT_FALSE(
      SameScores(V().PolarityScores("good \U0001F51B"), V().PolarityScores("good ON arrow")));
}

// 3. str.split() on Unicode whitespace; punctuation stripped unless <= 2 remain.
TEST(VaderBehaviour, Tokenizing) {
  EXPECT_TRUE(SameScores(V().PolarityScores("good\u00a0day"), V().PolarityScores("good day")));
  EXPECT_TRUE(SameScores(V().PolarityScores("good\u3000day"), V().PolarityScores("good day")));
  EXPECT_EQ(Compound("good\u200bday"), 0.0);  // one unknown token
  EXPECT_GT(Compound("ok"), 0.0);
  EXPECT_EQ(Compound("ok."), 0.0);  // kept as "ok.", not in the lexicon
  EXPECT_EQ(Compound("good..."), Normalize(Lex("good")));
  EXPECT_EQ(Compound(":)"), Normalize(Lex(":)")));
}

// 4. Python's isupper(): caps emphasis only when some, not all, tokens are upper case.
TEST(VaderBehaviour, UnicodeCaseAndCapsDifferential) {
  const double good = Lex("good");
  EXPECT_EQ(Compound("GOOD day"), Normalize(good + 0.733));
  EXPECT_EQ(Compound("GOOD DAY"), Normalize(good));  // all upper: no differential
  EXPECT_EQ(Compound("GOOD ÉTÉ"), Normalize(good));  // "ÉTÉ" is upper case too
  EXPECT_EQ(Compound("GOOD été"), Normalize(good + 0.733));
  EXPECT_EQ(Compound("GOOD :D"), Normalize(good + Lex(":d")));  // ":D" is upper case
  EXPECT_EQ(Compound("good :D"), Normalize(good + (Lex(":d") + 0.733)));
}

// 5. Boosters (and "kind" before "of") are neutral words themselves.
TEST(VaderBehaviour, BoostersAreNeutral) {
  Scores very = V().PolarityScores("very");
  EXPECT_EQ(very.compound, 0.0);
  EXPECT_EQ(very.neu, 1.0);
  EXPECT_GT(Compound("kind"), 0.0);
  EXPECT_EQ(Compound("kind of"), 0.0);
  EXPECT_EQ(Compound("very good"), Normalize(Lex("good") + 0.293));
  EXPECT_EQ(Compound("very much good"), Normalize(Lex("good") + M(0.293, 0.95)));
  EXPECT_EQ(Compound("good kind of"), Normalize(Lex("good")));
}

// 6. '!' (up to 4) and '?' (2 or 3: 0.18 each; 4 or more: 0.96) on the whole text.
TEST(VaderBehaviour, PunctuationEmphasis) {
  const double good = Lex("good");
  EXPECT_EQ(Compound("good!"), Normalize(good + M(1, 0.292)));
  EXPECT_EQ(Compound("good!!!!"), Normalize(good + M(4, 0.292)));
  EXPECT_EQ(Compound("good!!!!!!!"), Compound("good!!!!"));
  EXPECT_EQ(Compound("good?"), Normalize(good));
  EXPECT_EQ(Compound("good??"), Normalize(good + M(2, 0.18)));
  EXPECT_EQ(Compound("good???"), Normalize(good + M(3, 0.18)));
  EXPECT_EQ(Compound("good????"), Normalize(good + 0.96));
  EXPECT_EQ(Compound("good! bad!"), Compound("good!! bad"));  // counted on the whole text
  EXPECT_EQ(Compound("!!!"), 0.0);                            // no sentiment: nothing to add to
  // Added to pos when pos > |neg|.
  Scores s = V().PolarityScores("good!");
  EXPECT_EQ(s.pos, 1.0);
  const double pos_sum = good + 1 + M(1, 0.292);
  EXPECT_EQ(V().PolarityScores("good! day").pos, pos_sum / (pos_sum + 1));
}

// 7. compound = s / sqrt(s*s + 15), with the product rounded before the sum (no FMA).
TEST(VaderBehaviour, CompoundNormalization) {
  for (const char* text : {"good", "bad", "great awesome love happy", "horrible terrible"}) {
    Scores s = V().PolarityScores(text);
    EXPECT_GE(s.compound, -1.0);
    EXPECT_LE(s.compound, 1.0);
  }
  volatile double sum = Lex("great") + Lex("awesome");
  EXPECT_EQ(Compound("great awesome"), Normalize(sum));
}

// 8. Only the first "but"; each value scales the first position holding an equal value.
TEST(VaderBehaviour, ButScalesFirstEqualValue) {
  // love (3.2) is halved to 1.6; accept (1.6) then matches love's position: love is
  // halved again and accept is not boosted.
  ASSERT_EQ(Lex("love"), 3.2);
  ASSERT_EQ(Lex("accept"), 1.6);
  EXPECT_EQ(Compound("I love it but I accept it."), Normalize(M(M(3.2, 0.5), 0.5) + 1.6));
  EXPECT_NE(Compound("I love it but I accept it."), Normalize(M(3.2, 0.5) + M(1.6, 1.5)));
  EXPECT_EQ(Compound("good but bad"), Normalize(M(Lex("good"), 0.5) + M(Lex("bad"), 1.5)));
  EXPECT_EQ(Compound("good BUT bad"), Compound("good but bad"));
  // The second "but" is an ordinary word.
  EXPECT_EQ(Compound("good but bad but"), Normalize(M(Lex("good"), 0.5) + M(Lex("bad"), 1.5)));
}

// 9. No tokens: all 0.0; tokens without sentiment: neu 1.0.
TEST(VaderBehaviour, EmptyAndNeutral) {
  for (const char* text : {"", "   ", "\u00a0\u3000\t", "\n"}) {
    Scores s = V().PolarityScores(text);
    EXPECT_TRUE(SameScores(s, Scores{0, 0, 0, 0})) << text;
  }
  EXPECT_TRUE(SameScores(V().PolarityScores("xyzzy plugh"), Scores{0, 1.0, 0, 0}));
  EXPECT_TRUE(SameScores(V().PolarityScores("?!"), Scores{0, 1.0, 0, 0}));
}

TEST(VaderRules, NegationAndIdioms) {
  const double good = Lex("good");
  EXPECT_EQ(Compound("not good"), Normalize(M(good, -0.74)));
  EXPECT_EQ(Compound("isn't good"), Normalize(M(good, -0.74)));
  EXPECT_EQ(Compound("ISNT good"), Normalize(M(good, -0.74)));
  EXPECT_EQ(Compound("couldn't've good"), Normalize(M(good, -0.74)));  // contains "n't"
  // "so" boosts (+0.293), then "never so" scales by 1.25.
  EXPECT_EQ(Compound("never so good"), Normalize(M(good + 0.293, 1.25)));
  EXPECT_EQ(Compound("no good"), Normalize(M(good, -0.74)));  // "no" before a lexicon word
  EXPECT_EQ(Compound("at least good"), Normalize(good));
  EXPECT_EQ(Compound("the least good"), Normalize(M(good, -0.74)));
  EXPECT_GT(Compound("that is the shit"), 0.0);
  EXPECT_EQ(Compound("bus stop"), Compound("bus stop"));
}

TEST(VaderRounding, RoundsLikePython) {
  EXPECT_EQ(RoundPython(2.675, 2), 2.67);  // 2.67499999... in binary
  EXPECT_EQ(RoundPython(0.125, 2), 0.12);  // exact tie: to even
  EXPECT_EQ(RoundPython(0.375, 2), 0.38);
  EXPECT_EQ(RoundPython(0.4404335707601685, 4), 0.4404);
  EXPECT_EQ(RoundPython(0.00005, 4), 0.0001);  // 5.0000000000000002396e-05
  EXPECT_TRUE(std::signbit(RoundPython(-0.00004, 4)));
  EXPECT_EQ(RoundPython(1e300, 2), 1e300);
  // The fast path agrees with printf's correctly rounded decimal on random values.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> dist(-1.5, 1.5);
  char buf[64];
  for (int k = 0; k < 200000; ++k) {
    double x = dist(rng);
    if (k % 4 == 0) x = std::round(x * 20000) / 20000;  // near ties at 4 places
    for (int digits : {3, 4}) {
      std::snprintf(buf, sizeof(buf), "%.*f", digits, x);
      ASSERT_EQ(RoundPython(x, digits), std::strtod(buf, nullptr)) << x;
    }
  }
}

TEST(VaderRounding, FormatsLikePythonRepr) {
  struct Case {
    double x;
    const char* repr;
  };
  const Case cases[] = {
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {1.0, "1.0"},
      {0.4404, "0.4404"},
      {-0.7042, "-0.7042"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {1.5e-10, "1.5e-10"},
      {0.1 + 0.2, "0.30000000000000004"},
      {0.8316320352807864, "0.8316320352807864"},
      {100.0, "100.0"},
      {1234567890123456.0, "1234567890123456.0"},
      {1e16, "1e+16"},
      {1e22, "1e+22"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
  };
  for (const auto& c : cases) EXPECT_EQ(PythonFloatString(c.x), c.repr);
}

TEST(VaderRounding, FormatsRoundedValuesFast) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> dist(-1.2, 1.2);
  char fast[48], slow[48];
  for (int k = 0; k < 200000; ++k) {
    double x = dist(rng);
    if (k % 3 == 0) x = std::round(x * 1000) / 1000;
    if (k % 7 == 0) x *= 1e-4;
    for (int digits : {1, 3, 4}) {
      std::string a(fast, FormatRoundedPython(x, digits, fast));
      std::string b(slow, FormatPythonFloat(RoundPython(x, digits), slow));
      ASSERT_EQ(a, b) << x << " " << digits;
    }
  }
  char buf[48];
  EXPECT_EQ(std::string(buf, FormatRoundedPython(0.5, 3, buf)), "0.5");
  EXPECT_EQ(std::string(buf, FormatRoundedPython(-0.00001, 4, buf)), "-0.0");
  EXPECT_EQ(std::string(buf, FormatRoundedPython(1.0, 4, buf)), "1.0");
  EXPECT_EQ(std::string(buf, FormatRoundedPython(0.00005, 4, buf)), "0.0001");
}

TEST(VaderCustomLexicon, LoadsReferenceFormat) {
  const std::string lexicon =
      "happy\t2.5\t0.5\t[2, 3]\n"
      "happy\t1.5\t0.5\t[1, 2]\n"
      "supercalifragilisticexpialidocious\t3.0\t0\t[3]\n"
      "\n";
  Vader v(lexicon, "\U0001F600\tgrinning face\n\u2764\ufe0f\tred heart");
  EXPECT_EQ(v.lexicon_size(), 2u);
  EXPECT_EQ(v.Valence("happy"), 1.5);
  EXPECT_EQ(v.Valence("supercalifragilisticexpialidocious"), 3.0);  // over 24 bytes
  EXPECT_EQ(v.PolarityScores("SUPERCALIFRAGILISTICEXPIALIDOCIOUS").compound, Normalize(3.0));
  EXPECT_EQ(v.PolarityScores("happy").compound, Normalize(1.5));
  ASSERT_NE(v.EmojiDescription(0x1F600), nullptr);
  EXPECT_EQ(v.emoji_size(), 2u);
  EXPECT_THROW(Vader("word-without-value\n", ""), std::runtime_error);
  EXPECT_THROW(Vader("word\tnot-a-number\n", ""), std::runtime_error);
}

TEST(VaderThreads, ScoresAreTheSameOnEveryThread) {
  std::vector<std::string> texts = {"good", "I love it but I accept it.", "NOT bad at all!!",
                                    "\U0001F498 caf\u00e9 GOOD", "kind of ok"};
  for (int k = 0; k < 2000; ++k) texts.push_back(texts[k % 5] + " " + std::to_string(k));
  std::vector<double> want;
  for (const auto& t : texts) want.push_back(Compound(t));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (size_t k = 0; k < texts.size(); ++k) mismatches[t] += Compound(texts[k]) != want[k];
    });
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace rapport
