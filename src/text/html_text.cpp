#include "text/html_text.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text/tokenizer.h"

namespace rapport {
namespace {

struct NamedEntity {
  std::string_view name;
  uint32_t cp;
};

// The named character references of HTML 4 (the ones in use in practice; HTML5 adds
// ~2,000 rarer names, which stay as text) plus &apos;.
constexpr NamedEntity kNamedEntities[] = {
    {"AElig", 198}, {"Aacute", 193}, {"Acirc", 194}, {"Agrave", 192}, {"Alpha", 913},
    {"Aring", 197}, {"Atilde", 195}, {"Auml", 196}, {"Beta", 914}, {"Ccedil", 199},
    {"Chi", 935}, {"Dagger", 8225}, {"Delta", 916}, {"ETH", 208}, {"Eacute", 201},
    {"Ecirc", 202}, {"Egrave", 200}, {"Epsilon", 917}, {"Eta", 919}, {"Euml", 203},
    {"Gamma", 915}, {"Iacute", 205}, {"Icirc", 206}, {"Igrave", 204}, {"Iota", 921},
    {"Iuml", 207}, {"Kappa", 922}, {"Lambda", 923}, {"Mu", 924}, {"Ntilde", 209},
    {"Nu", 925}, {"OElig", 338}, {"Oacute", 211}, {"Ocirc", 212}, {"Ograve", 210},
    {"Omega", 937}, {"Omicron", 927}, {"Oslash", 216}, {"Otilde", 213}, {"Ouml", 214},
    {"Phi", 934}, {"Pi", 928}, {"Prime", 8243}, {"Psi", 936}, {"Rho", 929},
    {"Scaron", 352}, {"Sigma", 931}, {"THORN", 222}, {"Tau", 932}, {"Theta", 920},
    {"Uacute", 218}, {"Ucirc", 219}, {"Ugrave", 217}, {"Upsilon", 933}, {"Uuml", 220},
    {"Xi", 926}, {"Yacute", 221}, {"Yuml", 376}, {"Zeta", 918}, {"aacute", 225},
    {"acirc", 226}, {"acute", 180}, {"aelig", 230}, {"agrave", 224}, {"alefsym", 8501},
    {"alpha", 945}, {"amp", 38}, {"and", 8743}, {"ang", 8736}, {"apos", 39},
    {"aring", 229}, {"asymp", 8776}, {"atilde", 227}, {"auml", 228}, {"bdquo", 8222},
    {"beta", 946}, {"brvbar", 166}, {"bull", 8226}, {"cap", 8745}, {"ccedil", 231},
    {"cedil", 184}, {"cent", 162}, {"chi", 967}, {"circ", 710}, {"clubs", 9827},
    {"cong", 8773}, {"copy", 169}, {"crarr", 8629}, {"cup", 8746}, {"curren", 164},
    {"dArr", 8659}, {"dagger", 8224}, {"darr", 8595}, {"deg", 176}, {"delta", 948},
    {"diams", 9830}, {"divide", 247}, {"eacute", 233}, {"ecirc", 234}, {"egrave", 232},
    {"empty", 8709}, {"emsp", 8195}, {"ensp", 8194}, {"epsilon", 949}, {"equiv", 8801},
    {"eta", 951}, {"eth", 240}, {"euml", 235}, {"euro", 8364}, {"exist", 8707},
    {"fnof", 402}, {"forall", 8704}, {"frac12", 189}, {"frac14", 188}, {"frac34", 190},
    {"frasl", 8260}, {"gamma", 947}, {"ge", 8805}, {"gt", 62}, {"hArr", 8660},
    {"harr", 8596}, {"hearts", 9829}, {"hellip", 8230}, {"iacute", 237}, {"icirc", 238},
    {"iexcl", 161}, {"igrave", 236}, {"image", 8465}, {"infin", 8734}, {"int", 8747},
    {"iota", 953}, {"iquest", 191}, {"isin", 8712}, {"iuml", 239}, {"kappa", 954},
    {"lArr", 8656}, {"lambda", 955}, {"lang", 10216}, {"laquo", 171}, {"larr", 8592},
    {"lceil", 8968}, {"ldquo", 8220}, {"le", 8804}, {"lfloor", 8970}, {"lowast", 8727},
    {"loz", 9674}, {"lrm", 8206}, {"lsaquo", 8249}, {"lsquo", 8216}, {"lt", 60},
    {"macr", 175}, {"mdash", 8212}, {"micro", 181}, {"middot", 183}, {"minus", 8722},
    {"mu", 956}, {"nabla", 8711}, {"nbsp", 160}, {"ndash", 8211}, {"ne", 8800},
    {"ni", 8715}, {"not", 172}, {"notin", 8713}, {"nsub", 8836}, {"ntilde", 241},
    {"nu", 957}, {"oacute", 243}, {"ocirc", 244}, {"oelig", 339}, {"ograve", 242},
    {"oline", 8254}, {"omega", 969}, {"omicron", 959}, {"oplus", 8853}, {"or", 8744},
    {"ordf", 170}, {"ordm", 186}, {"oslash", 248}, {"otilde", 245}, {"otimes", 8855},
    {"ouml", 246}, {"para", 182}, {"part", 8706}, {"permil", 8240}, {"perp", 8869},
    {"phi", 966}, {"pi", 960}, {"piv", 982}, {"plusmn", 177}, {"pound", 163},
    {"prime", 8242}, {"prod", 8719}, {"prop", 8733}, {"psi", 968}, {"quot", 34},
    {"rArr", 8658}, {"radic", 8730}, {"rang", 10217}, {"raquo", 187}, {"rarr", 8594},
    {"rceil", 8969}, {"rdquo", 8221}, {"real", 8476}, {"reg", 174}, {"rfloor", 8971},
    {"rho", 961}, {"rlm", 8207}, {"rsaquo", 8250}, {"rsquo", 8217}, {"sbquo", 8218},
    {"scaron", 353}, {"sdot", 8901}, {"sect", 167}, {"shy", 173}, {"sigma", 963},
    {"sigmaf", 962}, {"sim", 8764}, {"spades", 9824}, {"sub", 8834}, {"sube", 8838},
    {"sum", 8721}, {"sup", 8835}, {"sup1", 185}, {"sup2", 178}, {"sup3", 179},
    {"supe", 8839}, {"szlig", 223}, {"tau", 964}, {"there4", 8756}, {"theta", 952},
    {"thetasym", 977}, {"thinsp", 8201}, {"thorn", 254}, {"tilde", 732}, {"times", 215},
    {"trade", 8482}, {"uArr", 8657}, {"uacute", 250}, {"uarr", 8593}, {"ucirc", 251},
    {"ugrave", 249}, {"uml", 168}, {"upsih", 978}, {"upsilon", 965}, {"uuml", 252},
    {"weierp", 8472}, {"xi", 958}, {"yacute", 253}, {"yen", 165}, {"yuml", 255},
    {"zeta", 950}, {"zwj", 8205}, {"zwnj", 8204},
};
constexpr size_t kLongestEntityName = 8;  // "thetasym"

const std::vector<NamedEntity>& SortedEntities() {
  static const std::vector<NamedEntity> table = [] {
    std::vector<NamedEntity> v(std::begin(kNamedEntities), std::end(kNamedEntities));
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return v;
  }();
  return table;
}

// HTML5 "numeric character reference end state": 0x80-0x9F are read as Windows-1252.
constexpr std::array<uint16_t, 32> kWindows1252 = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != lower[i]) return false;
  return true;
}

bool ContainsLower(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (EqualsLower(hay.substr(i, needle.size()), needle)) return true;
  return false;
}

// One parsed tag: <name attr="value" ...> or </name>.
struct Tag {
  std::string_view name;  // as written
  bool closing = false;
  std::string_view attributes;  // the raw text after the name
};

// The value of attribute `attr` (lower-case) in `attrs`, or nullopt-like empty view
// with found = false.
std::string_view Attribute(std::string_view attrs, std::string_view attr, bool& found) {
  found = false;
  size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (IsSpace(attrs[i]) || attrs[i] == '/')) ++i;
    size_t name_start = i;
    while (i < attrs.size() && !IsSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '/') ++i;
    std::string_view name = attrs.substr(name_start, i - name_start);
    while (i < attrs.size() && IsSpace(attrs[i])) ++i;
    std::string_view value;
    if (i < attrs.size() && attrs[i] == '=') {
      ++i;
      while (i < attrs.size() && IsSpace(attrs[i])) ++i;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        char q = attrs[i++];
        size_t end = attrs.find(q, i);
        if (end == std::string_view::npos) end = attrs.size();
        value = attrs.substr(i, end - i);
        i = end + 1;
      } else {
        size_t start = i;
        while (i < attrs.size() && !IsSpace(attrs[i])) ++i;
        value = attrs.substr(start, i - start);
      }
    }
    if (!name.empty() && EqualsLower(name, attr)) {
      found = true;
      return value;
    }
    if (name.empty() && i < attrs.size()) ++i;  // a stray character: step over it
  }
  return {};
}

bool IsBlockTag(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
      "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
      "main", "nav", "ol", "pre", "section", "table", "tr", "ul"};
  for (auto b : kBlocks)
    if (EqualsLower(name, b)) return true;
  return false;
}

// Writes text into `out`, collapsing white space and placing the line breaks that
// block boundaries ask for just before the next text.
class TextWriter {
 public:
  explicit TextWriter(std::string& out) : out_(out), start_(out.size()) {}

  void Text(std::string_view s) {
    for (char c : s) {
      if (IsSpace(c)) {
        pending_space_ = true;
        continue;
      }
      Flush();
      out_.push_back(c);
    }
  }
  // Decoded references are text, but a decoded &nbsp; is not collapsible space.
  void Decoded(std::string_view s) {
    if (s.empty()) return;
    Flush();
    out_.append(s);
  }
  void LineBreak() {
    pending_space_ = false;
    out_.push_back('\n');
    after_break_ = true;
  }
  // A block boundary: `n` newlines before the next text (the most asked for wins).
  void Boundary(int n) {
    pending_space_ = false;
    pending_newlines_ = std::max(pending_newlines_, n);
  }

 private:
  void Flush() {
    if (pending_newlines_ > 0) {
      if (out_.size() > start_) {
        // Newlines already written (a <br> right before </p>) count towards the break.
        int have = 0;
        for (size_t i = out_.size(); i > start_ && out_[i - 1] == '\n' && have < pending_newlines_; --i)
          ++have;
        out_.append(static_cast<size_t>(pending_newlines_ - have), '\n');
        after_break_ = true;
      }
      pending_newlines_ = 0;
      pending_space_ = false;
    }
    if (pending_space_) {
      if (out_.size() > start_ && !after_break_) out_.push_back(' ');
      pending_space_ = false;
    }
    after_break_ = false;
  }

  std::string& out_;
  size_t start_;
  bool pending_space_ = false;
  bool after_break_ = false;
  int pending_newlines_ = 0;
};

}  // namespace

size_t DecodeEntity(std::string_view s, std::string& out) {
  if (s.size() < 3 || s[0] != '&') return 0;
  if (s[1] == '#') {
    size_t i = 2;
    bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const size_t digits_start = i;
    uint32_t cp = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
      int d;
      char c = s[i];
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else break;
      if (cp > 0x10FFFF) overflow = true;  // keep reading digits; the value is lost
      else cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (i == digits_start) return 0;
    if (i < s.size() && s[i] == ';') ++i;
    if (overflow || cp == 0 || cp > 0x10FFFF) cp = 0xFFFD;
    else if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
    AppendUtf8(cp, out);
    return i;
  }
  size_t i = 1;
  while (i < s.size() && i <= kLongestEntityName && IsAsciiAlnum(s[i])) ++i;
  if (i >= s.size() || s[i] != ';' || i == 1) return 0;
  std::string_view name = s.substr(1, i - 1);
  const auto& table = SortedEntities();
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  if (it == table.end() || it->name != name) return 0;
  AppendUtf8(it->cp, out);
  return i + 1;
}

void AppendDecodedEntities(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      return;
    }
    out.append(text.substr(i, amp - i));
    size_t used = DecodeEntity(text.substr(amp), out);
    if (used == 0) {
      out.push_back('&');
      used = 1;
    }
    i = amp + used;
  }
}

HtmlTextInfo AppendHtmlText(std::string_view html, std::string& out) {
  HtmlTextInfo info;
  TextWriter w(out);
  std::string decoded;
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    char c = html[i];
    if (c == '&') {
      decoded.clear();
      size_t used = DecodeEntity(html.substr(i), decoded);
      if (used == 0) {
        w.Text("&");
        ++i;
      } else {
        w.Decoded(decoded);
        i += used;
      }
      continue;
    }
    if (c != '<') {
      size_t next = html.find_first_of("<&", i);
      if (next == std::string_view::npos) next = n;
      w.Text(html.substr(i, next - i));
      i = next;
      continue;
    }
    // A comment, <!DOCTYPE>, <?...?>: skipped whole.
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    const bool closing = i + 1 < n && html[i + 1] == '/';
    const size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= n || !(IsAsciiAlpha(html[name_start]) || html[name_start] == '!' ||
                             html[name_start] == '?')) {
      w.Text("<");  // "a < b": not a tag
      ++i;
      continue;
    }
    // The tag ends at the first '>' outside a quoted attribute value.
    size_t j = name_start;
    char quote = 0;
    while (j < n) {
      char d = html[j];
      if (quote) {
        if (d == quote) quote = 0;
      } else if (d == '"' || d == '\'') {
        quote = d;
      } else if (d == '>') {
        break;
      }
      ++j;
    }
    size_t name_end = name_start;
    while (name_end < j && !IsSpace(html[name_end]) && html[name_end] != '/' && html[name_end] != '>')
      ++name_end;
    Tag tag;
    tag.closing = closing;
    tag.name = html.substr(name_start, name_end - name_start);
    tag.attributes = html.substr(name_end, j - name_end);
    i = j < n ? j + 1 : n;

    if (EqualsLower(tag.name, "br")) {
      w.LineBreak();
    } else if (EqualsLower(tag.name, "p")) {
      w.Boundary(2);
    } else if (IsBlockTag(tag.name)) {
      w.Boundary(1);
    } else if (!tag.closing && EqualsLower(tag.name, "a")) {
      bool has_href, has_class, has_rel;
      Attribute(tag.attributes, "href", has_href);
      std::string_view cls = Attribute(tag.attributes, "class", has_class);
      std::string_view rel = Attribute(tag.attributes, "rel", has_rel);
      if (has_href && !ContainsLower(cls, "mention") && !ContainsLower(cls, "hashtag") &&
          !ContainsLower(rel, "tag"))
        ++info.links;
    } else if (!tag.closing && (EqualsLower(tag.name, "script") || EqualsLower(tag.name, "style"))) {
      // Raw text up to the matching end tag (case-insensitive).
      std::string end_tag = "</";
      for (char ch : tag.name) end_tag.push_back(Lower(ch));
      size_t k = i;
      while (k < n) {
        size_t lt = html.find("</", k);
        if (lt == std::string_view::npos) { k = n; break; }
        if (EqualsLower(html.substr(lt, end_tag.size()), end_tag)) {
          size_t gt = html.find('>', lt);
          k = gt == std::string_view::npos ? n : gt + 1;
          break;
        }
        k = lt + 2;
      }
      i = k;
    }
  }
  return info;
}

}  // namespace rapport
