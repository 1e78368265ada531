// X / Twitter API v1.1 status objects (docs/formats.md "x-v1"), in every wrapping the
// samples have: one status, a JSON array of them (timelines), search responses
// ({"statuses": [...]}), Premium search ({"results": [...]}), statuses/lookup with
// map=true ({"id": {"<id>": status}}), NDJSON (streaming, Gnip "original format"),
// Gnip Activity Streams (verb post/share, actor, object), and the personal archive's
// tweets.js (`window.YTD.tweets.part0 = [{"tweet": {...}}, ...]`, whose author is the
// archive owner, read from manifest.js or account.js next to it).
//
// Like x-v2, registered twice under one name: the general reader and a line-splittable
// variant for NDJSON.
#include <filesystem>
#include <fstream>
#include <string>

#include "fmt/format.h"
#include "io/readers/json_helpers.h"
#include "io/readers/registry.h"

namespace rapport {
namespace {

using namespace json;
using namespace std::string_view_literals;

// Nesting of embedded statuses followed (a retweet of a quote of a tweet is 2).
constexpr int kMaxEmbedDepth = 3;

bool LooksLikeStatus(const SniffedRecord& r, std::string_view prefix) {
  auto has = [&](std::string_view k) {
    std::string p(prefix);
    p.append(k);
    return r.Has(p);
  };
  return (has("id_str") || has("id")) && has("user") && (has("text") || has("full_text")) &&
         has("created_at");
}

bool LooksLikeTweets(const SniffedRecord& r) {
  if (LooksLikeStatus(r, "") || LooksLikeStatus(r, "statuses.") || LooksLikeStatus(r, "results."))
    return true;
  // The archive: {"tweet": {"id_str", "full_text", "created_at", ...}}.
  if (r.Has("tweet.id_str") && (r.Has("tweet.full_text") || r.Has("tweet.text")) &&
      r.Has("tweet.created_at"))
    return true;
  // Gnip Activity Streams.
  if (r.Has("verb") && r.Has("actor") && r.Has("object") && r.Has("postedTime")) return true;
  // statuses/lookup with map=true: {"id": {"123": {status} or null}}.
  return r.HasMatching("id.", ".id_str") && r.HasMatching("id.", ".user");
}

// The id of the tweet a trailing permalink points to: X renders a tweet whose text
// ends with a link to a tweet (https://twitter.com/<user>/status/<id>) as a quote of
// it. Used where quoted_status is missing: the archive, and Activity Streams
// activities embedded in others.
std::string_view TrailingStatusLink(std::string_view text, dom::element entities) {
  dom::array urls;
  if (!Array(entities, "urls", urls)) return {};
  dom::element last;
  bool any = false;
  for (dom::element u : urls) {
    last = u;
    any = true;
  }
  if (!any) return {};
  std::string_view url = Str(last, "url"), link = Str(last, "expanded_url");
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (url.empty() || !text.ends_with(url)) return {};
  for (std::string_view scheme : {"https://"sv, "http://"sv})
    if (link.starts_with(scheme)) link.remove_prefix(scheme.size());
  for (std::string_view sub : {"www."sv, "mobile."sv})
    if (link.starts_with(sub)) link.remove_prefix(sub.size());
  if (link.starts_with("twitter.com/"sv)) link.remove_prefix(12);
  else if (link.starts_with("x.com/"sv)) link.remove_prefix(6);
  else return {};
  size_t slash = link.find('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  link.remove_prefix(slash + 1);
  if (link.starts_with("status/"sv)) link.remove_prefix(7);
  else if (link.starts_with("statuses/"sv)) link.remove_prefix(9);
  else return {};
  size_t digits = 0;
  while (digits < link.size() && link[digits] >= '0' && link[digits] <= '9') ++digits;
  if (digits == 0 || (digits < link.size() && link[digits] != '/' && link[digits] != '?')) return {};
  return link.substr(0, digits);
}

// Stream messages that are not statuses (v1.1 streaming, Gnip): skipped silently.
constexpr std::string_view kStreamMessages[] = {
    "delete", "limit", "warning", "friends", "friends_str", "event", "direct_message",
    "scrub_geo", "status_withheld", "user_withheld", "disconnect", "control", "for_user",
    "info", "error"};

class XV1Reader final : public JsonRecordReader {
 public:
  explicit XV1Reader(bool line_mode) : JsonRecordReader(line_mode) {}
  std::string_view name() const override { return "x-v1"; }
  std::unique_ptr<Reader> NewInstance() const override {
    return std::make_unique<XV1Reader>(LineSplittable());
  }

  int Detect(std::string_view head) const override {
    return DetectByRecords(head, LooksLikeTweets);
  }

 protected:
  void HandleRecord(dom::element root) override {
    dom::array arr;
    if (!root.get_array().get(arr)) {
      for (dom::element item : arr) HandleItem(item);
      return;
    }
    HandleItem(root);
  }

 private:
  void HandleItem(dom::element obj) {
    if (obj.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "an array element is not a JSON object");
      return;
    }
    dom::element v;
    dom::array list;
    dom::element map;
    // {"id": {"123": status, ...}} is statuses/lookup's map form, handled below.
    const bool is_map = Object(obj, "id", map) && !IsNonNull(obj, "user");
    if (!is_map && !IsNonNull(obj, "verb") &&
        (IsNonNull(obj, "id_str") ||
         (IsNonNull(obj, "id") && (IsNonNull(obj, "user") || IsNonNull(obj, "text") ||
                                   IsNonNull(obj, "full_text"))))) {
      EmitStatus(obj, 0);
      return;
    }
    if (Array(obj, "statuses", list) || Array(obj, "results", list)) {
      for (dom::element s : list) {
        if (s.type() != dom::element_type::OBJECT) {
          Fail(InputError::kWrongType, "a status is not a JSON object");
          continue;
        }
        EmitStatus(s, 0);
      }
      return;
    }
    if (Field(obj, "tweet", v) && v.type() == dom::element_type::OBJECT) {
      EmitArchiveTweet(v);
      return;
    }
    if (IsNonNull(obj, "verb") && IsNonNull(obj, "actor")) {
      EmitActivity(obj, 0);
      return;
    }
    dom::object entries;
    if (is_map && !map.get_object().get(entries)) {
      for (auto kv : entries) {
        if (kv.value.is_null()) continue;  // an id that does not exist (any more)
        if (kv.value.type() != dom::element_type::OBJECT) {
          Fail(InputError::kWrongType, "a status is not a JSON object");
          continue;
        }
        EmitStatus(kv.value, 0);
      }
      return;
    }
    for (std::string_view k : kStreamMessages)
      if (Field(obj, k, v)) return;
    if (Field(obj, "like", v))
      Fail(InputError::kMissingField, "a like (archive like.js), not a tweet");
    else
      Fail(InputError::kMissingField,
           "not a tweet: missing required field \"id_str\" (user objects, likes and other "
           "archive files are not tweets)");
  }

  void SetEntities(RawEvent& e, dom::element entities) {
    e.has_mentions_field = true;
    dom::array arr;
    if (Array(entities, "user_mentions", arr))
      for (dom::element m : arr)
        if (auto u = Str(m, "screen_name"); !u.empty()) e.mentions.push_back(u);
    if (Array(entities, "hashtags", arr))
      for (dom::element h : arr)
        if (auto tag = Str(h, "text"); !tag.empty()) e.hashtags.push_back(tag);
    if (Array(entities, "urls", arr)) e.urls = static_cast<uint32_t>(arr.size());
  }

  bool SetCreatedAt(RawEvent& e, std::string_view key_name, std::string_view created) {
    if (created.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("tweet {}: missing required field \"{}\"", e.id, key_name));
      return false;
    }
    auto ts = ParseTimestamp(created);
    if (!ts) {
      Fail(InputError::kBadTimestamp,
           fmt::format("tweet {}: bad timestamp \"{}\" (expected like Wed Oct 10 20:19:24 +0000 2018)",
                       e.id, created.substr(0, 60)));
      return false;
    }
    e.created_at = *ts;
    return true;
  }

  static std::string_view IdOf(dom::element s, Arena& arena) {
    std::string_view id = Id(s, "id_str", arena);
    return id.empty() ? Id(s, "id", arena) : id;
  }

  // A v1.1 status (REST, streaming, Premium, Gnip original format). depth > 0: an
  // embedded one (retweeted_status, quoted_status).
  void EmitStatus(dom::element s, int depth) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kX;
    e.id = IdOf(s, arena_);
    if (e.id.empty()) {
      if (depth == 0) Fail(InputError::kMissingField, "a status without \"id_str\"");
      return;
    }
    dom::element user;
    if (!Object(s, "user", user)) {
      // The API trims statuses embedded two deep (the quoted status of a retweeted
      // one) to their text: context, not a bad record.
      if (depth == 0)
        Fail(InputError::kMissingField, fmt::format("tweet {}: missing required field \"user\"", e.id));
      return;
    }
    e.author = IdOf(user, arena_);
    if (e.author.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("tweet {}: missing required field \"user.id_str\"", e.id));
      return;
    }
    e.author_handle = Str(user, "screen_name");
    e.author_followers = Count(user, "followers_count");
    if (!SetCreatedAt(e, "created_at", Str(s, "created_at"))) return;

    dom::element retweeted, quoted;
    bool has_rt = Field(s, "retweeted_status", retweeted) && retweeted.type() == dom::element_type::OBJECT;
    bool has_quoted = Field(s, "quoted_status", quoted) && quoted.type() == dom::element_type::OBJECT;
    std::string_view reply_to = Id(s, "in_reply_to_status_id_str", arena_);
    if (reply_to.empty()) reply_to = Id(s, "in_reply_to_status_id", arena_);
    std::string_view quoted_id = Id(s, "quoted_status_id_str", arena_);
    if (quoted_id.empty()) quoted_id = Id(s, "quoted_status_id", arena_);
    if (quoted_id.empty() && has_quoted) quoted_id = IdOf(quoted, arena_);
    if (has_rt) {
      e.type = EventType::kShare;
      e.parent_id = IdOf(retweeted, arena_);
    } else if (!reply_to.empty()) {
      e.type = EventType::kReply;
      e.parent_id = reply_to;
    } else if (!quoted_id.empty()) {
      e.type = EventType::kQuote;
      e.parent_id = quoted_id;
    }

    // Compatibility mode truncates text at 140 characters; the full text and its
    // entities are in extended_tweet. Extended mode has full_text.
    dom::element ext, entities;
    bool has_ext = Object(s, "extended_tweet", ext);
    std::string_view text = has_ext ? Str(ext, "full_text") : std::string_view();
    if (text.empty()) text = Str(s, "full_text");
    if (text.empty()) text = Str(s, "text");
    e.text = text;
    if ((has_ext && Object(ext, "entities", entities)) || Object(s, "entities", entities)) {
      SetEntities(e, entities);
    } else if (IsNonNull(s, "user_mentions")) {
      // python-twitter's model dumps (AsDict) hoist the entities to the top.
      SetEntities(e, s);
    }

    // A retweet carries the original's retweet_count: its counters stay unknown.
    if (e.type != EventType::kShare) {
      e.counters[static_cast<int>(Counter::kLikes)] = Count(s, "favorite_count");
      e.counters[static_cast<int>(Counter::kShares)] = Count(s, "retweet_count");
      e.counters[static_cast<int>(Counter::kQuotes)] = Count(s, "quote_count");
      e.counters[static_cast<int>(Counter::kReplies)] = Count(s, "reply_count");
    }
    Emit(e);
    // The embedded originals are tweets of the data set too: a retweet in a timeline
    // carries the original's latest counters (docs/formats.md).
    if (depth < kMaxEmbedDepth) {
      if (has_rt) EmitStatus(retweeted, depth + 1);
      if (has_quoted) EmitStatus(quoted, depth + 1);
    }
  }

  // Gnip Activity Streams: ids are "tag:search.twitter.com,2005:<id>", authors
  // "id:twitter.com:<id>"; a share's object is the shared activity.
  void EmitActivity(dom::element a, int depth) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kX;
    std::string_view verb = Str(a, "verb");
    if (verb != "post"sv && verb != "share"sv) return;  // delete, ... : not a message
    e.id = After(Str(a, "id"), ':');
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "an activity without \"id\"");
      return;
    }
    dom::element actor;
    if (!Object(a, "actor", actor) || After(Str(actor, "id"), ':').empty()) {
      Fail(InputError::kMissingField, fmt::format("activity {}: missing required field \"actor.id\"", e.id));
      return;
    }
    e.author = After(Str(actor, "id"), ':');
    e.author_handle = Str(actor, "preferredUsername");
    e.author_followers = Count(actor, "followersCount");
    if (!SetCreatedAt(e, "postedTime", Str(a, "postedTime"))) return;

    dom::element object, quoted, reply;
    bool has_shared = verb == "share"sv && Field(a, "object", object) &&
                      object.type() == dom::element_type::OBJECT;
    bool has_quoted = Field(a, "twitter_quoted_status", quoted) &&
                      quoted.type() == dom::element_type::OBJECT;
    std::string_view reply_to;
    if (Field(a, "inReplyTo", reply)) reply_to = After(Str(reply, "link"), '/');
    if (has_shared) {
      e.type = EventType::kShare;
      e.parent_id = After(Str(object, "id"), ':');
    } else if (!reply_to.empty()) {
      e.type = EventType::kReply;
      e.parent_id = reply_to;
    } else if (has_quoted) {
      e.type = EventType::kQuote;
      e.parent_id = After(Str(quoted, "id"), ':');
    }
    dom::element long_object, entities;
    bool has_long = Object(a, "long_object", long_object);
    std::string_view text = has_long ? Str(long_object, "body") : std::string_view();
    e.text = text.empty() ? Str(a, "body") : text;
    if ((has_long && Object(long_object, "twitter_entities", entities)) ||
        Object(a, "twitter_entities", entities)) {
      SetEntities(e, entities);
      // An embedded activity has no twitter_quoted_status of its own.
      if (e.type == EventType::kPost) {
        std::string_view quoted_id = TrailingStatusLink(e.text, entities);
        if (!quoted_id.empty()) {
          e.type = EventType::kQuote;
          e.parent_id = quoted_id;
        }
      }
    }
    if (e.type != EventType::kShare) {
      e.counters[static_cast<int>(Counter::kLikes)] = Count(a, "favoritesCount");
      e.counters[static_cast<int>(Counter::kShares)] = Count(a, "retweetCount");
    }
    Emit(e);
    if (depth < kMaxEmbedDepth) {
      if (has_shared) EmitActivity(object, depth + 1);
      if (has_quoted) EmitActivity(quoted, depth + 1);
    }
  }

  // The archive: the owner's own tweets, counts as strings, no user object and no
  // retweeted_status (a retweet is only its "RT @user: " text).
  void EmitArchiveTweet(dom::element t) {
    if (!owner_loaded_) LoadOwner();
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kX;
    e.id = IdOf(t, arena_);
    if (e.id.empty()) {
      Fail(InputError::kMissingField,
           "an archive item without \"id_str\" (tweet-headers.js and other archive files are "
           "not tweets)");
      return;
    }
    e.author = owner_id_;
    e.author_handle = owner_handle_;
    if (!SetCreatedAt(e, "created_at", Str(t, "created_at"))) return;
    e.text = Str(t, "full_text");
    if (e.text.empty()) e.text = Str(t, "text");
    std::string_view reply_to = Id(t, "in_reply_to_status_id_str", arena_);
    if (reply_to.empty()) reply_to = Id(t, "in_reply_to_status_id", arena_);
    if (e.text.substr(0, 4) == "RT @"sv) {
      // The archive keeps no id of the original: a share without a parent.
      e.type = EventType::kShare;
    } else if (!reply_to.empty()) {
      e.type = EventType::kReply;
      e.parent_id = reply_to;
    }
    dom::element entities;
    if (Object(t, "entities", entities)) {
      SetEntities(e, entities);
      // The archive keeps no quoted_status_id: a trailing link to a tweet is the quote.
      if (e.type == EventType::kPost) {
        std::string_view quoted_id = TrailingStatusLink(e.text, entities);
        if (!quoted_id.empty()) {
          e.type = EventType::kQuote;
          e.parent_id = quoted_id;
        }
      }
    }
    if (e.type != EventType::kShare) {
      e.counters[static_cast<int>(Counter::kLikes)] = Count(t, "favorite_count");
      e.counters[static_cast<int>(Counter::kShares)] = Count(t, "retweet_count");
    }
    Emit(e);
  }

  // The archive owner: manifest.js (userInfo.accountId, userName) or account.js
  // (account.accountId, username) in the directory of tweets.js; else
  // "archive-owner" without a handle.
  void LoadOwner() {
    owner_loaded_ = true;
    owner_id_ = "archive-owner";
    owner_handle_.clear();
    std::string_view file = context().file;
    if (file.empty() || file == "<stdin>"sv || file == "-"sv) return;
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::path(std::string(file)).parent_path();
    for (const char* name : {"manifest.js", "account.js"}) {
      std::filesystem::path path = dir / name;
      auto size = std::filesystem::file_size(path, ec);
      if (ec || size > (16u << 20)) continue;
      std::ifstream in(path, std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      size_t start = text.find_first_of("{[");
      if (start == std::string::npos) continue;
      simdjson::padded_string json(std::string_view(text).substr(start));
      dom::parser parser;
      dom::element root;
      if (parser.parse(json).get(root)) continue;
      std::string_view id, handle;
      dom::element info;
      dom::array arr;
      if (Object(root, "userInfo", info)) {
        id = Id(info, "accountId", arena_);
        handle = Str(info, "userName");
      } else if (!root.get_array().get(arr)) {
        for (dom::element item : arr) {
          dom::element account;
          if (Object(item, "account", account)) {
            id = Id(account, "accountId", arena_);
            handle = Str(account, "username");
            break;
          }
        }
      }
      if (!id.empty()) {
        owner_id_.assign(id);
        owner_handle_.assign(handle);
        return;
      }
    }
  }

  RawEvent e_;
  bool owner_loaded_ = false;
  std::string owner_id_, owner_handle_;
};

}  // namespace

std::unique_ptr<Reader> MakeXV1Reader() { return std::make_unique<XV1Reader>(false); }
std::unique_ptr<Reader> MakeXV1LinesReader() { return std::make_unique<XV1Reader>(true); }

}  // namespace rapport
