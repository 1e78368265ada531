// Enricher::MatchBrandTerms (src/text/enricher.cpp): configured terms and hashtags are
// found word-bounded, ASCII case-insensitively, in one pass over the text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/enricher.h"

namespace rapport {
namespace {

std::vector<uint32_t> Match(const Enricher& en, std::string_view text,
                            std::vector<std::string_view> hashtags = {}) {
  RawEvent e;
  e.text = text;
  e.hashtags = std::move(hashtags);
  std::vector<uint32_t> out;
  en.MatchBrandTerms(e, out);
  return out;
}

TEST(EnricherBrandTerms, WordBoundedCaseInsensitiveInConfiguredOrder) {
  std::vector<BrandSpec> brands(3);
  brands[0].terms = {"acme", "road runner"};
  brands[0].hashtags = {"acme"};
  brands[1].terms = {"café"};
  brands[2].terms = {"c++", "at&t"};
  brands[2].hashtags = {"globex"};
  Enricher en(brands);
  using V = std::vector<uint32_t>;
  EXPECT_EQ(Match(en, "Got my ACME parcel"), (V{0}));
  EXPECT_EQ(Match(en, "acmeville and subacme"), V{});          // inside a word
  EXPECT_EQ(Match(en, "acme_x"), V{});                          // '_' is a word byte
  EXPECT_EQ(Match(en, "subacme then acme."), (V{0}));          // a later bounded one
  EXPECT_EQ(Match(en, "the Road Runner!"), (V{0}));
  EXPECT_EQ(Match(en, "un café"), (V{1}));
  EXPECT_EQ(Match(en, "cafétéria"), V{});                       // bytes >= 0x80 are word bytes
  EXPECT_EQ(Match(en, "I code C++11 at AT&T"), (V{2, 2}));     // right end not a word byte
  EXPECT_EQ(Match(en, "xat&t"), V{});
  // Terms, then hashtags (in the text or in the hashtags field), in configured order.
  EXPECT_EQ(Match(en, "#acme rocks"), (V{0, 0}));
  EXPECT_EQ(Match(en, "x#ACME"), (V{0, 0}));  // "#acme" needs no word start; "acme" follows a non-word byte
  EXPECT_EQ(Match(en, "#acmefan"), V{});
  EXPECT_EQ(Match(en, "nothing here", {"#Globex"}), (V{2}));
  EXPECT_EQ(Match(en, "acme #globex acme"), (V{0, 2}));
  EXPECT_EQ(Match(en, ""), V{});
}

}  // namespace
}  // namespace rapport
