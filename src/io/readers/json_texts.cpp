#include "io/readers/json_texts.h"

namespace rapport::json {

size_t SkipSpace(std::string_view s, size_t i) {
  if (s.substr(i, 3) == "\xEF\xBB\xBF") i += 3;  // UTF-8 byte order mark
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

size_t OpeningBracket(std::string_view s) {
  size_t i = SkipSpace(s);
  return i < s.size() && (s[i] == '{' || s[i] == '[') ? i : std::string_view::npos;
}

bool BracketsClose(std::string_view line) {
  int depth = 0;
  bool in_string = false, escape = false, opened = false;
  for (char c : line) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
      opened = true;
    } else if (c == '}' || c == ']') {
      if (--depth <= 0) return true;
    }
  }
  return opened && depth == 0;
}

bool HasKeyValue(std::string_view s, std::string_view key, std::string_view value) {
  std::string qkey = fmt::format("\"{}\"", key);
  std::string qvalue = fmt::format("\"{}\"", value);
  for (size_t p = s.find(qkey); p != std::string_view::npos; p = s.find(qkey, p + 1)) {
    size_t i = p + qkey.size();
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    if (i >= s.size() || s[i] != ':') continue;
    ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    if (s.substr(i, qvalue.size()) == qvalue) return true;
  }
  return false;
}

}  // namespace rapport::json
