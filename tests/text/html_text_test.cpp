#include "text/html_text.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

std::string Text(std::string_view html, HtmlTextInfo* info = nullptr) {
  std::string out;
  HtmlTextInfo i = AppendHtmlText(html, out);
  if (info) *info = i;
  return out;
}

std::string Decoded(std::string_view s) {
  std::string out;
  AppendDecodedEntities(s, out);
  return out;
}

TEST(HtmlText, EmptyAndPlain) {
  EXPECT_EQ(Text(""), "");
  EXPECT_EQ(Text("plain text"), "plain text");
  EXPECT_EQ(Text("<p></p>"), "");
}

TEST(HtmlText, ParagraphsAndLineBreaks) {
  EXPECT_EQ(Text("<p>one</p><p>two</p>"), "one\n\ntwo");
  EXPECT_EQ(Text("<p>a<br>b<br/>c<br />d</p>"), "a\nb\nc\nd");
  EXPECT_EQ(Text("<p>a<BR>b</P><P>c</p>"), "a\nb\n\nc");
  // A <br> right before the paragraph end counts towards the paragraph break.
  EXPECT_EQ(Text("<p>a<br></p><p>b</p>"), "a\n\nb");
  EXPECT_EQ(Text("<div>x</div><div>y</div>"), "x\ny");
  EXPECT_EQ(Text("<ul><li>one</li><li>two</li></ul>"), "one\ntwo");
}

TEST(HtmlText, WhiteSpaceCollapses) {
  EXPECT_EQ(Text("<p>a  \n b\t\tc</p>"), "a b c");
  EXPECT_EQ(Text("<p>a <br> b</p>"), "a\nb");
  EXPECT_EQ(Text("  <p>  lead</p>  "), "lead");
  // &nbsp; is text, not collapsible space.
  EXPECT_EQ(Text("a&nbsp;&nbsp;b"), "a\u00a0\u00a0b");
}

TEST(HtmlText, MastodonLinksMentionsAndHashtags) {
  // From a real fosstodon.org status: the invisible spans hold the parts of the URL
  // that the web UI hides; the text keeps the whole URL.
  HtmlTextInfo info;
  std::string t = Text(
      "<p>Grant! <a href=\"https://r-consortium.org/posts/x\" target=\"_blank\" "
      "rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span>"
      "<span class=\"ellipsis\">r-consortium.org/po</span><span class=\"invisible\">sts/x"
      "</span></a>  <a href=\"https://fosstodon.org/tags/rstats\" class=\"mention hashtag\" "
      "rel=\"tag\">#<span>rstats</span></a> cc <span class=\"h-card\" translate=\"no\"><a "
      "href=\"https://mastodon.social/@maelle\" class=\"u-url mention\">@<span>maelle</span>"
      "</a></span></p>",
      &info);
  EXPECT_EQ(t, "Grant! https://r-consortium.org/posts/x #rstats cc @maelle");
  EXPECT_EQ(info.links, 1u);
  // ActivityPub servers mark hashtags with rel="tag" only.
  Text("<a href=\"https://x.example/tags/a\" rel=\"tag\">#a</a><a href='https://b.example'>b</a>", &info);
  EXPECT_EQ(info.links, 1u);
}

TEST(HtmlText, NamedAndNumericReferences) {
  EXPECT_EQ(Text("<p>Fish &amp; chips &lt;3 &quot;yes&quot; &#39;no&#39; &apos;ok&apos;</p>"),
            "Fish & chips <3 \"yes\" 'no' 'ok'");
  EXPECT_EQ(Decoded("caf&eacute; &hellip; &mdash; &euro;5 &copy;"), "café … — €5 ©");
  EXPECT_EQ(Decoded("&#x1F600; &#128512; &#X41;&#65"), "😀 😀 AA");
  // HTML5: 128-159 are Windows-1252, 0 and out-of-range values are U+FFFD.
  EXPECT_EQ(Decoded("&#150;&#146;"), "\u2013\u2019");
  EXPECT_EQ(Decoded("&#0;|&#xD800;|&#x110000;|&#99999999999999999999;"),
            "\uFFFD|\uFFFD|\uFFFD|\uFFFD");
}

TEST(HtmlText, WhatIsNotAReferenceStays) {
  EXPECT_EQ(Decoded("AT&T & co"), "AT&T & co");
  EXPECT_EQ(Decoded("&unknown; &amp &#; &#x; &"), "&unknown; &amp &#; &#x; &");
  EXPECT_EQ(Decoded("&&amp;&"), "&&&");
  // Reddit escapes these three in bodies; a literal "&amp;" the user typed arrives as
  // "&amp;amp;" and decodes once.
  EXPECT_EQ(Decoded("&gt; quote &amp;amp;"), "> quote &amp;");
}

TEST(HtmlText, TagsThatAreNotTags) {
  EXPECT_EQ(Text("a < b and c <3"), "a < b and c <3");
  EXPECT_EQ(Text("x <!-- hidden --> y"), "x y");
  EXPECT_EQ(Text("a<script>var s = '<p>';</script>b<style>p{}</style>c"), "abc");
  // A '>' inside a quoted attribute does not end the tag.
  EXPECT_EQ(Text("<a href=\"x\" title=\"a>b\">link</a>"), "link");
}

TEST(HtmlText, TruncatedMarkupNeverFails) {
  EXPECT_EQ(Text("text <a href=\"unterminated"), "text");
  EXPECT_EQ(Text("<!-- never closed"), "");
  EXPECT_EQ(Text("<script>never closed"), "");
  EXPECT_EQ(Text("&#x1F6"), "\u01F6");
  EXPECT_EQ(Text("&amp"), "&amp");
}

// YouTube's textDisplay, the one HTML field of its comments.
TEST(HtmlText, YoutubeTextDisplay) {
  EXPECT_EQ(Text("Thanks &amp; see you there<br>Kim"), "Thanks & see you there\nKim");
  EXPECT_EQ(Text("a<br />b &amp; &lt;c&gt; &#39;d&#x27; &quot;e&quot;<a href=\"x\">f</a>"),
            "a\nb & <c> 'd' \"e\"f");
  EXPECT_EQ(Text("caf&eacute; &#233; 5 < 6"), "caf\u00e9 \u00e9 5 < 6");
}

TEST(HtmlText, AppendsToWhatIsThere) {
  std::string out = "CW: spoilers\n\n";
  AppendHtmlText("<p>hi</p>", out);
  EXPECT_EQ(out, "CW: spoilers\n\nhi");
}

}  // namespace
}  // namespace rapport
