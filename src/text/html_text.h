// HTML fragments to plain text, for platforms whose text is HTML (Mastodon's
// `content`, ActivityPub `content`) and for text that arrives HTML-escaped (Reddit
// bodies carry `&amp;`, `&lt;`, `&gt;`). Not a full HTML parser: it reads the markup
// that sanitised social-media HTML uses, and never fails (anything it does not
// understand stays as text).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rapport {

struct HtmlTextInfo {
  // <a href> links that are neither mentions nor hashtags (Mastodon marks those with
  // class "mention" / "hashtag", ActivityPub servers with rel="tag").
  uint32_t links = 0;
};

// Appends the plain text of `html` to `out`:
// - tags are dropped; the content of <script> and <style> and comments too;
// - <br> becomes "\n"; a paragraph boundary (</p><p>) becomes "\n\n", other block
//   boundaries (div, li, blockquote, h1-h6, pre, ...) one "\n"; no newline is added
//   before the first text or after the last;
// - runs of white space in the source (spaces, tabs, newlines: HTML does not render
//   them) become one space, and white space right after a line break is dropped;
// - character references are decoded (AppendDecodedEntities).
HtmlTextInfo AppendHtmlText(std::string_view html, std::string& out);

// Appends `text` with its character references decoded: named (`&amp;` `&nbsp;`
// `&hellip;` ..., a table of the common HTML ones; a named reference needs its `;`) and
// numeric (`&#39;` `&#x1F600;`, `;` optional). Following HTML5: 0, surrogates and code
// points past U+10FFFF become U+FFFD, and 128-159 are read as Windows-1252 (`&#150;` is
// an en dash). An `&` that starts no known reference stays as is.
void AppendDecodedEntities(std::string_view text, std::string& out);

// Decodes the character reference at the start of `s` (s[0] == '&'): appends its
// UTF-8 to `out` and returns the bytes it spans, or returns 0 (nothing appended) when
// `s` does not start with a reference.
size_t DecodeEntity(std::string_view s, std::string& out);

}  // namespace rapport
