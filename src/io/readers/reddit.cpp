// Reddit: Pushshift / Arctic Shift dumps (NDJSON of flat comments RC_* and
// submissions RS_*, usually .zst with a 2 GiB window: the source layer decompresses)
// and the Reddit API's JSON (Listing / t1 / t3 "kind"+"data" trees with nested
// replies, /api/morechildren "things", and Betamax / VCR.py cassettes that hold API
// responses as body strings).
//
// Two readers named `reddit` share one decoder (registry.h: the general reader first,
// what --input-format finds; the line-splittable variant second, which detection
// prefers for NDJSON):
// - the general reader takes a JSON document that spans lines (an API response saved
//   pretty-printed, a cassette) or NDJSON, in order, on one thread;
// - the line variant takes NDJSON cut into blocks and parsed on all cores (a dump). A
//   line is a flat record, a thing, a Listing, or a whole API response on one line.
//
// Decisions (docs/formats.md "reddit"): ids are bare (`t1_`/`t3_` dropped) so parent
// ids match the posts' ids; a "[deleted]" author becomes a distinct author per item;
// "[deleted]"/"[removed]" bodies are no text; u/name in the text are the mentions.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "io/readers/json_texts.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "simdjson.h"
#include "text/html_text.h"

namespace rapport {
namespace {

namespace od = simdjson::ondemand;
using namespace std::string_view_literals;
using json::BracketsClose;
using json::DocumentDecoder;
using json::HasKeyValue;
using json::JsonTextsReader;
using json::kMaxLineBytes;
using json::OpeningBracket;
using json::RawKey;
using json::SkipSpace;

// Nesting of JSON values the decoder follows (Listing > thing > data > replies > ...,
// four levels per reply level; the API stops at depth 10 with "more" stubs).
constexpr int kMaxDepth = 256;

// ---------------------------------------------------------------- detection helpers


// True when the first record of `head` ends on its first line (NDJSON or a one-line
// document), false for a document that spans lines. `head` is at most 64 KiB: a first
// line that does not end within it counts as spanning lines.
bool FirstLineIsWhole(std::string_view head) {
  size_t i = SkipSpace(head);
  size_t nl = head.find('\n', i);
  if (nl == std::string_view::npos) return head.size() < (1 << 16) && BracketsClose(head.substr(i));
  return BracketsClose(head.substr(i, nl - i));
}

// Reddit's own keys: a flat Pushshift record, a thing or listing, or a cassette of
// Reddit API calls.
bool LooksLikeReddit(std::string_view s) {
  auto has = [&](std::string_view k) { return s.find(k) != std::string_view::npos; };
  if (has("\"created_utc\"") &&
      (has("\"subreddit\"") || has("\"link_id\"") || has("\"t3_") || has("\"t1_")))
    return true;
  for (auto kind : {"t1"sv, "t3"sv, "Listing"sv})
    if (HasKeyValue(s, "kind", kind)) return true;
  return has("\"interactions\"") && has("reddit.com");
}

// ---------------------------------------------------------------- the decoder

std::string_view StripFullnamePrefix(std::string_view s) {
  // "t1_c13" -> "c13"; the kinds are t1..t6.
  if (s.size() > 3 && s[0] == 't' && s[1] >= '1' && s[1] <= '9' && s[2] == '_') s.remove_prefix(3);
  return s;
}

bool IsPlaceholder(std::string_view text) { return text == "[deleted]" || text == "[removed]"; }

// Appends the u/name and /u/name mentions of `text` (Reddit notifies those users).
void FindUserMentions(std::string_view text, std::vector<std::string_view>& out) {
  auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  };
  for (size_t p = text.find("u/"); p != std::string_view::npos; p = text.find("u/", p + 2)) {
    size_t start = p;
    if (start > 0 && text[start - 1] == '/') --start;
    // Not the end of a longer word ("menu/...") nor a path ("/r/x/u/y" is fine: '/').
    if (start > 0 && (is_name_char(text[start - 1]) || text[start - 1] == '.')) continue;
    size_t b = p + 2, e = b;
    while (e < text.size() && is_name_char(text[e])) ++e;
    // Usernames are 3 to 20 characters.
    if (e - b >= 3 && e - b <= 20) out.push_back(text.substr(b, e - b));
  }
}

uint32_t CountUrls(std::string_view text) {
  uint32_t n = 0;
  for (size_t p = text.find("http"); p != std::string_view::npos; p = text.find("http", p + 4)) {
    std::string_view rest = text.substr(p);
    if (rest.starts_with("http://") || rest.starts_with("https://")) ++n;
  }
  return n;
}


// What one JSON object held, as views into the parser's buffers (valid until the next
// document: events are emitted before it).
struct Thing {
  const char* where = nullptr;
  std::string_view kind;
  std::string_view id, name, parent_id, link_id, author, body, title, selftext, url;
  bool has_body = false, has_title = false, has_data = false, has_created = false;
  std::optional<Seconds> created;
  std::string_view created_raw;
  int64_t score = kUnknownCount, num_comments = kUnknownCount, num_crossposts = kUnknownCount;
  int is_self = -1;  // -1 unknown
  std::string_view bad_field;
};

class RedditDecoder : public DocumentDecoder {
 public:
  RedditDecoder() : DocumentDecoder(kMaxDepth) {}
  // Decodes one JSON text (a line or a whole document), followed in memory by
  // SIMDJSON_PADDING readable bytes, whose first byte is on `first_line`.
  void Decode(std::string_view text, int64_t first_line, const BlockContext& ctx,
              EventSink& sink, InputErrors& errors) {
    bool recognized = false;
    auto read_root = [&](od::value root) { return ReadValue(root, {}, 0, recognized); };
    if (!ReadDocument(text, first_line, ctx, sink, errors, read_root)) return;
    if (!recognized)
      Error(InputError::kWrongType, first_line,
            "not a Reddit record: expected a comment or submission (id, author, created_utc, "
            "body or title), a thing ({\"kind\": \"t1\", \"data\": ...}), a Listing, or an API "
            "response holding them");
  }

 private:
  simdjson::error_code ReadValue(od::value v, std::string_view kind_hint, int depth, bool& recognized) {
    if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::array) {
      od::array arr;
      if (auto e = v.get_array().get(arr)) return e;
      for (auto item : arr) {
        od::value iv;
        if (auto e = item.get(iv)) return e;
        if (auto e = ReadValue(iv, {}, depth + 1, recognized)) return e;
      }
      return simdjson::SUCCESS;
    }
    if (t != od::json_type::object) return simdjson::SUCCESS;  // ignored: not a record
    const char* where = v.raw_json_token().data();
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    return ReadObject(obj, where, kind_hint, depth, recognized);
  }

  // A string field: null reads as empty, anything else but a string marks the field bad.
  static void GetString(od::value v, std::string_view key, std::string_view& out, Thing& t) {
    if (!json::GetString(v, out)) t.bad_field = key;
  }

  // A count field: null reads as unknown, anything else but a number marks the field bad.
  static void GetCount(od::value v, std::string_view key, int64_t& out, Thing& t) {
    if (!json::GetCount(v, out)) t.bad_field = key;
  }

  static void GetCreated(od::value v, Thing& t) {
    t.has_created = true;
    od::json_type type;
    if (v.type().get(type)) return;
    if (type == od::json_type::number) {
      int64_t i;
      double d;
      if (!v.get_int64().get(i)) t.created = i;
      else if (!v.get_double().get(d) && d > -9e18 && d < 9e18) t.created = static_cast<int64_t>(d);
      if (t.created && !PlausibleInstant(*t.created)) t.created.reset();
      t.created_raw = "a number out of range";
    } else if (type == od::json_type::string) {
      // "1569888060" or "1569888060.123": whole seconds.
      if (!v.get_string().get(t.created_raw))
        t.created = ParseTimestamp(t.created_raw.substr(0, t.created_raw.find('.')));
    } else {
      t.created_raw = "not a number or string";
    }
  }

  simdjson::error_code ReadObject(od::object obj, const char* where, std::string_view kind_hint,
                                  int depth, bool& recognized) {
    Thing t;
    t.where = where;
    t.kind = kind_hint;
    for (auto field_res : obj) {
      od::field field;
      if (auto e = std::move(field_res).get(field)) return e;
      std::string_view key = RawKey(field);
      od::value v = field.value();
      if (key == "kind"sv) {
        std::string_view k;
        if (!v.get_string().get(k)) t.kind = k;
      } else if (key == "data"sv) {
        // {"kind": "t1", "data": {...}}; kind comes first in Reddit's output.
        t.has_data = true;
        if (auto e = ReadValue(v, t.kind, depth + 1, recognized)) return e;
      } else if (key == "children"sv || key == "things"sv || key == "replies"sv || key == "json"sv) {
        // Listing children, morechildren things, a comment's replies Listing (or ""),
        // the morechildren wrapper. "more" stubs list ids as strings: skipped.
        if (auto e = ReadValue(v, {}, depth + 1, recognized)) return e;
      } else if (key == "interactions"sv) {
        if (depth == 0 && !in_body_) {
          if (auto e = ReadInteractions(v, recognized)) return e;
        }
      } else if (key == "id"sv) {
        GetString(v, key, t.id, t);
      } else if (key == "name"sv) {
        GetString(v, key, t.name, t);
      } else if (key == "parent_id"sv) {
        GetString(v, key, t.parent_id, t);
      } else if (key == "link_id"sv) {
        GetString(v, key, t.link_id, t);
      } else if (key == "author"sv) {
        GetString(v, key, t.author, t);
      } else if (key == "body"sv) {
        t.has_body = true;
        GetString(v, key, t.body, t);
      } else if (key == "title"sv) {
        t.has_title = true;
        GetString(v, key, t.title, t);
      } else if (key == "selftext"sv) {
        GetString(v, key, t.selftext, t);
      } else if (key == "url"sv) {
        GetString(v, key, t.url, t);
      } else if (key == "created_utc"sv) {
        GetCreated(v, t);
      } else if (key == "score"sv) {
        GetCount(v, key, t.score, t);
      } else if (key == "num_comments"sv) {
        GetCount(v, key, t.num_comments, t);
      } else if (key == "num_crossposts"sv) {
        GetCount(v, key, t.num_crossposts, t);
      } else if (key == "is_self"sv) {
        bool b;
        if (!v.get_bool().get(b)) t.is_self = b ? 1 : 0;
      }
    }
    if (t.kind == "Listing"sv || t.kind == "more"sv) recognized = true;
    if (t.has_data) return simdjson::SUCCESS;  // a wrapper: its data was the thing
    const bool known_kind = t.kind == "t1"sv || t.kind == "t3"sv;
    const bool is_record =
        known_kind || (t.kind.empty() && (!t.id.empty() || !t.name.empty()) &&
                       (t.has_body || t.has_title || !t.parent_id.empty() || !t.link_id.empty()));
    if (!is_record) return simdjson::SUCCESS;
    recognized = true;
    Emit(t);
    return simdjson::SUCCESS;
  }

  // A Betamax / VCR.py cassette: {"interactions": [{"request": ..., "response": {"body":
  // {"string": "<JSON>"}}}]}. Each body is parsed on its own; bodies that are not
  // Reddit JSON (the OAuth token call, HTML) are passed over.
  simdjson::error_code ReadInteractions(od::value v, bool& recognized) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto item : arr) {
      od::object interaction;
      if (item.get_object().get(interaction)) continue;
      std::string_view body;
      const char* where = nullptr;
      for (auto f1 : interaction) {
        od::field f;
        if (auto e = std::move(f1).get(f)) return e;
        if (RawKey(f) != "response"sv) continue;
        od::object response;
        if (f.value().get_object().get(response)) continue;
        for (auto f2 : response) {
          od::field g;
          if (auto e = std::move(f2).get(g)) return e;
          if (RawKey(g) != "body"sv) continue;
          od::object b;
          if (g.value().get_object().get(b)) continue;
          for (auto f3 : b) {
            od::field h;
            if (auto e = std::move(f3).get(h)) return e;
            if (RawKey(h) != "string"sv) continue;
            od::value sv = h.value();
            where = sv.raw_json_token().data();
            if (sv.get_string().get(body)) body = {};
          }
        }
      }
      recognized = true;  // a cassette, even with no Reddit body in it
      if (!body.empty()) ReadBody(body, lines_.LineOf(where));
    }
    return simdjson::SUCCESS;
  }

  void ReadBody(std::string_view body, int64_t line) {
    if (OpeningBracket(body) == std::string_view::npos) return;
    body_.assign(body.data(), body.size());
    body_.append(simdjson::SIMDJSON_PADDING, '\0');
    od::document doc;
    auto err = body_parser_.iterate(body_.data(), body.size(), body_.size()).get(doc);
    od::value root;
    if (!err) err = doc.get_value().get(root);
    bool recognized = false;
    in_body_ = true;
    const int64_t saved = lines_.fallback();
    lines_.set_fallback(line);
    if (!err) err = ReadValue(root, {}, 1, recognized);
    in_body_ = false;
    lines_.set_fallback(saved);
    if (err && recognized) JsonError(err, line);
  }

  void Emit(const Thing& t) {
    const int64_t line = lines_.LineOf(t.where);
    if (!FieldTypesRight(t.bad_field, line)) return;
    const bool submission =
        t.kind == "t3"sv || (t.kind != "t1"sv && t.has_title && !t.has_body && t.parent_id.empty());
    std::string_view id = !t.id.empty() ? t.id : StripFullnamePrefix(t.name);
    const char* missing = id.empty()        ? "id"
                          : t.author.empty() ? "author"
                          : !t.has_created  ? "created_utc"
                                            : nullptr;
    if (missing) {
      MissingField(line, missing);
      return;
    }
    if (!t.created) {
      Error(InputError::kBadTimestamp, line,
            fmt::format("bad timestamp \"{}\" in created_utc (expected epoch seconds between 1990 and 2099)",
                        t.created_raw.substr(0, 60)));
      return;
    }
    e_.Clear();
    e_.platform = Platform::kReddit;
    e_.id = id;
    e_.created_at = *t.created;
    // A deleted account: each item gets its own author, so strangers are not merged
    // into one busy "[deleted]" person (docs/formats.md).
    if (t.author == "[deleted]"sv) {
      author_.assign("[deleted]:");
      author_.append(submission ? "t3_" : "t1_");
      author_.append(id);
      e_.author = author_;
    } else {
      e_.author = t.author;
      e_.author_handle = t.author;
    }
    text_.clear();
    if (submission) {
      e_.type = EventType::kPost;
      e_.conversation_id = id;
      AppendDecodedEntities(t.title, text_);
      if (!t.selftext.empty() && !IsPlaceholder(t.selftext)) {
        if (!text_.empty()) text_.append("\n\n");
        AppendDecodedEntities(t.selftext, text_);
      }
    } else {
      e_.type = EventType::kReply;
      std::string_view parent = !t.parent_id.empty() ? t.parent_id : t.link_id;
      e_.parent_id = StripFullnamePrefix(parent);
      if (!t.link_id.empty())
        e_.conversation_id = StripFullnamePrefix(t.link_id);
      else if (t.parent_id.starts_with("t3_"))
        e_.conversation_id = e_.parent_id;
      if (!IsPlaceholder(t.body)) AppendDecodedEntities(t.body, text_);
    }
    e_.text = text_;
    e_.has_mentions_field = true;
    FindUserMentions(text_, e_.mentions);
    e_.urls = CountUrls(text_) + (submission && t.is_self == 0 && !t.url.empty() ? 1 : 0);
    e_.counters[static_cast<int>(Counter::kScore)] = t.score;
    e_.counters[static_cast<int>(Counter::kComments)] = t.num_comments;
    e_.counters[static_cast<int>(Counter::kShares)] = t.num_crossposts;
    sink_->Add(e_);
  }

  od::parser body_parser_;  // cassette bodies, parsed while the outer document is open
  std::string body_;
  bool in_body_ = false;
  RawEvent e_;
  std::string text_, author_;
};

// ---------------------------------------------------------------- NDJSON, in parallel

class RedditLinesReader final : public Reader {
 public:
  std::string_view name() const override { return "reddit"; }
  bool LineSplittable() const override { return true; }
  std::unique_ptr<Reader> NewInstance() const override {
    return std::make_unique<RedditLinesReader>();
  }

  // One more than the general reader, for NDJSON only.
  int Detect(std::string_view head) const override {
    if (OpeningBracket(head) == std::string_view::npos || !FirstLineIsWhole(head)) return 0;
    return LooksLikeReddit(head) ? 86 : 0;
  }

  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
             InputErrors& errors) override {
    ParseLines(block, ctx, sink, errors);
  }

  int64_t ParseLines(std::string_view block, const BlockContext& ctx, EventSink& sink,
                     InputErrors& errors) override {
    // Blocks come with SIMDJSON_PADDING readable bytes after their end.
    return ForEachRecordLine(block, kMaxLineBytes, ctx, errors,
                             [&](std::string_view line, int64_t line_no, size_t) {
                               decoder_.Decode(line, line_no, ctx, sink, errors);
                             });
  }

 private:
  RedditDecoder decoder_;
};

// ---------------------------------------------------------------- the general reader
// (documents or NDJSON of any Reddit shape: json_texts.h)

class RedditReader final : public JsonTextsReader<RedditDecoder> {
 public:
  RedditReader() : JsonTextsReader("jq -c") {}
  std::string_view name() const override { return "reddit"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<RedditReader>(); }

  int Detect(std::string_view head) const override {
    if (OpeningBracket(head) == std::string_view::npos) return 0;
    return LooksLikeReddit(head) ? 85 : 0;
  }

};

}  // namespace

std::unique_ptr<Reader> MakeRedditReader() { return std::make_unique<RedditReader>(); }
std::unique_ptr<Reader> MakeRedditLinesReader() { return std::make_unique<RedditLinesReader>(); }

}  // namespace rapport
