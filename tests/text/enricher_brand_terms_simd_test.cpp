// Enricher::MatchBrandTerms finds its candidate bytes 32 at a time with AVX2; it must
// agree with the byte-at-a-time loop (MatchBrandTermsScalar) on every text: random
// ones and terms placed across the 32-byte chunk boundaries, at the text's end, in
// upper case, next to bytes >= 0x80, after '#' and '_'. Each term is its own brand, so
// the brand list says exactly which strings were found.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/enricher.h"

namespace rapport {
namespace {

using V = std::vector<uint32_t>;

// The brands one of the two matchers finds in `text` with these hashtags.
V Found(void (Enricher::*match)(const RawEvent&, std::vector<uint32_t>&) const,
        const Enricher& en, std::string_view text, std::vector<std::string_view> tags) {
  RawEvent e;
  e.text = text;
  e.hashtags = std::move(tags);
  V out;
  (en.*match)(e, out);
  return out;
}
V Vector(const Enricher& en, std::string_view text, std::vector<std::string_view> tags = {}) {
  return Found(&Enricher::MatchBrandTerms, en, text, std::move(tags));
}
V Scalar(const Enricher& en, std::string_view text, std::vector<std::string_view> tags = {}) {
  return Found(&Enricher::MatchBrandTermsScalar, en, text, std::move(tags));
}

// One brand per string: terms first, then hashtags.
Enricher OnePerBrand(const std::vector<std::string>& terms, const std::vector<std::string>& tags) {
  std::vector<BrandSpec> brands;
  for (const auto& t : terms) {
    brands.emplace_back();
    brands.back().terms = {t};
  }
  for (const auto& h : tags) {
    brands.emplace_back();
    brands.back().hashtags = {h};
  }
  return Enricher(brands);
}

const std::vector<std::string> kTerms = {"acme", "road runner", "c++", "at&t", ".net", "_x",
                                          "9to5", "zz",   "a",           "x-y", "café", "globex"};
const std::vector<std::string> kTags = {"acme", "globex", "zed"};

std::string Upper(std::string s, std::mt19937& rng) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z' && rng() % 2) c = static_cast<char>(c - 32);
  return s;
}

// Texts built from the terms, near misses and the bytes that decide word bounds.
std::string RandomText(std::mt19937& rng, const std::vector<std::string>& terms) {
  static const std::vector<std::string> pieces = {
      " ", " ", ".", "#", "_", "\n", "@", "é", "\xff", "\x80", "x", "Q", "7", "acm", "acmee",
      "sub", "-", "&", "+", "glob", "ex", "zzz", "ü", "(", "'", "\t", "#acme", "#ACME", "#zed"};
  std::string text;
  const size_t target = rng() % 160;
  while (text.size() < target) {
    const unsigned r = static_cast<unsigned>(rng() % 10);
    if (r < 4) text += Upper(terms[rng() % terms.size()], rng);
    else if (r < 9) text += pieces[rng() % pieces.size()];
    else text += static_cast<char>(rng() % 256);
  }
  return text;
}

TEST(EnricherBrandTermsSimd, AgreesWithTheScalarLoopOnRandomTexts) {
  const Enricher en = OnePerBrand(kTerms, kTags);
  std::mt19937 rng(20261126);
  size_t found = 0;
  for (int n = 0; n < 20000; ++n) {
    const std::string text = RandomText(rng, kTerms);
    const V scalar = Scalar(en, text);
    ASSERT_EQ(Vector(en, text), scalar) << "text: \"" << text << "\"";
    found += scalar.size();
  }
  EXPECT_GT(found, 20000u);  // the texts do hold terms: the comparison is not of empties
}

TEST(EnricherBrandTermsSimd, AgreesAcrossChunkBoundariesAndAtTheEnd) {
  const Enricher en = OnePerBrand(kTerms, kTags);
  std::mt19937 rng(7);
  const std::vector<std::string> befores = {"", " ", "x", "_", "é", "\xc3", "#", "7", "."};
  const std::vector<std::string> afters = {"", " ", "x", "_", "é", "\x80", "#", "9", "!"};
  size_t found = 0;
  std::vector<std::string> strings = kTerms;
  for (const auto& h : kTags) strings.push_back("#" + h);
  for (const auto& s : strings) {
    for (size_t at : std::vector<size_t>{0, 1, 2, 29, 30, 31, 32, 33, 62, 63, 64, 65, 95, 96, 97}) {
      for (const auto& before : befores) {
        for (const auto& after : afters) {
          std::string text(at, ' ');
          // The byte just before the string decides whether it starts a word.
          if (!before.empty() && at >= before.size())
            text.replace(at - before.size(), before.size(), before);
          text += Upper(s, rng) + after;
          const V scalar = Scalar(en, text);
          ASSERT_EQ(Vector(en, text), scalar) << "text: \"" << text << "\"";
          found += scalar.size();
        }
      }
    }
  }
  EXPECT_GT(found, 1000u);
}

TEST(EnricherBrandTermsSimd, KnownAnswersAtTheBoundary) {
  const Enricher en = OnePerBrand({"acme"}, {"acme"});
  const std::string pad31(31, 'x');
  // "acme" at byte 31, its end in the next chunk.
  EXPECT_EQ(Vector(en, std::string(31, ' ') + "ACME"), (V{0}));
  EXPECT_EQ(Vector(en, pad31 + "acme"), V{});         // inside a word
  EXPECT_EQ(Vector(en, pad31 + " acme"), (V{0}));     // at 32, after a space at 31
  EXPECT_EQ(Vector(en, std::string(30, ' ') + "é" + "acme"), V{});  // é ends chunk 0
  EXPECT_EQ(Vector(en, std::string(31, ' ') + "acmeé"), V{});       // é follows the end
  // '#' needs no word start, and "acme" after it starts a word.
  EXPECT_EQ(Vector(en, std::string(32, 'x') + "#acme"), (V{0, 1}));
  EXPECT_EQ(Vector(en, std::string(63, ' ') + "#ACME"), (V{0, 1}));
  EXPECT_EQ(Vector(en, std::string(100, ' ') + "acme_"), V{});
}

TEST(EnricherBrandTermsSimd, TermsStartingWithNonAsciiBytesUseTheScalarLoopAndAgree) {
  // "été" starts with 0xC3: the nibble tables cannot hold it, the loop is byte by byte.
  const Enricher en = OnePerBrand({"été", "acme", "über"}, {"acme"});
  std::mt19937 rng(11);
  const std::vector<std::string> terms = {"été", "acme", "über", "ÉTÉ"};
  for (int n = 0; n < 5000; ++n) {
    const std::string text = RandomText(rng, terms);
    ASSERT_EQ(Vector(en, text), Scalar(en, text)) << "text: \"" << text << "\"";
  }
  EXPECT_EQ(Vector(en, std::string(31, ' ') + "été acme"), (V{0, 1}));
  EXPECT_EQ(Vector(en, "xété"), V{});  // a word start is needed: 'x' is a word byte
}

TEST(EnricherBrandTermsSimd, HashtagsFieldIsStillConsulted) {
  const Enricher en = OnePerBrand(kTerms, kTags);
  EXPECT_EQ(Vector(en, std::string(40, '-'), {"#Zed"}), (V{14}));
  EXPECT_EQ(Scalar(en, std::string(40, '-'), {"#Zed"}), (V{14}));
}

}  // namespace
}  // namespace rapport
