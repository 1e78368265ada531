// X / Twitter API v2 (docs/formats.md "x-v2"): responses ({"data": [...] or {...},
// "includes": {"users", "tweets", ...}, "meta"}), one per document or one per line
// (twarc2), and bare tweet objects (twarc's "flattened" lines, with the author and the
// referenced tweets inlined). Authors' handles and follower counts come from
// includes.users, joined by author_id, within the same response (line).
//
// Two registrations share the name "x-v2": the general reader (any layout, blocks in
// order) and a line-splittable one that detection picks when the file's first value
// is a whole line (twarc2 output), so big collections parse on all cores.
#include <string>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "io/readers/json_helpers.h"
#include "io/readers/registry.h"

namespace rapport {
namespace {

using namespace json;
using namespace std::string_view_literals;

// Fields that only a v2 tweet object has (a user has id/name/username, a list
// owner_id/member_count, a count bucket tweet_count, compliance records action/reason).
bool LooksLikeTweet(const SniffedRecord& r, std::string_view prefix) {
  auto has = [&](std::string_view k) {
    std::string p(prefix);
    p.append(k);
    return r.Has(p);
  };
  // "platform": a native event (which may carry conversation_id too).
  if (!has("id") || !has("text") || has("id_str") || has("user") || has("platform")) return false;
  return has("author_id") || has("edit_history_tweet_ids") || has("conversation_id") ||
         has("referenced_tweets") || has("in_reply_to_user_id") ||
         has("public_metrics.retweet_count") || has("public_metrics.like_count");
}

bool LooksLikeResponse(const SniffedRecord& r) {
  if (!r.Has("data")) return false;
  if (LooksLikeTweet(r, "data.")) return true;
  // Tweets with the default fields only (id, text) in a response envelope.
  return r.Has("data.id") && r.Has("data.text") && !r.Has("data.id_str") &&
         !r.Has("data.username") && (r.Has("meta.result_count") || r.Has("meta.newest_id") || r.Has("includes"));
}

struct UserInfo {
  std::string_view handle;
  int64_t followers = kUnknownCount;
};

class XV2Reader final : public JsonRecordReader {
 public:
  explicit XV2Reader(bool line_mode) : JsonRecordReader(line_mode) {}
  std::string_view name() const override { return "x-v2"; }
  std::unique_ptr<Reader> NewInstance() const override {
    return std::make_unique<XV2Reader>(LineSplittable());
  }

  int Detect(std::string_view head) const override {
    return DetectByRecords(head, [](const SniffedRecord& r) {
      return LooksLikeResponse(r) || (!r.Has("data") && LooksLikeTweet(r, ""));
    });
  }

 protected:
  void HandleRecord(dom::element root) override {
    dom::array arr;
    if (!root.get_array().get(arr)) {
      for (dom::element item : arr) {
        if (item.type() != dom::element_type::OBJECT) {
          Fail(InputError::kWrongType, "an array element is not a JSON object");
          continue;
        }
        HandleObject(item);
      }
      return;
    }
    HandleObject(root);
  }

 private:
  void HandleObject(dom::element obj) {
    dom::element data;
    if (Field(obj, "data", data)) {
      HandleResponse(obj, data);
      return;
    }
    if (IsNonNull(obj, "id") && IsNonNull(obj, "text")) {
      HandleBareTweet(obj);
      return;
    }
    // An error message of a stream ({"errors": [...]}) or an empty page
    // ({"meta": {"result_count": 0}}): no tweets, nothing wrong.
    if (IsNonNull(obj, "errors") || IsNonNull(obj, "meta")) return;
    Fail(InputError::kMissingField,
         "not an X API v2 response (no \"data\") nor a tweet (no \"id\" and \"text\")");
  }

  void HandleResponse(dom::element obj, dom::element data) {
    users_.clear();
    includes_.clear();
    wanted_.clear();
    dom::element includes;
    if (Object(obj, "includes", includes)) {
      dom::array users, tweets;
      if (Array(includes, "users", users)) {
        for (dom::element u : users) {
          std::string_view id = Id(u, "id", arena_);
          if (id.empty()) continue;
          UserInfo info;
          info.handle = Str(u, "username");
          dom::element pm;
          if (Object(u, "public_metrics", pm)) info.followers = Count(pm, "followers_count");
          users_[id] = info;
        }
      }
      if (Array(includes, "tweets", tweets)) {
        for (dom::element t : tweets) {
          std::string_view id = Id(t, "id", arena_);
          if (!id.empty()) includes_.emplace(id, t);
        }
      }
    }
    dom::array items;
    if (!data.get_array().get(items)) {
      for (dom::element t : items) {
        if (t.type() != dom::element_type::OBJECT) {
          Fail(InputError::kWrongType, "an element of \"data\" is not a JSON object");
          continue;
        }
        EmitTweet(t, nullptr, &wanted_);
      }
    } else if (data.type() == dom::element_type::OBJECT) {
      EmitTweet(data, nullptr, &wanted_);
    } else if (!data.is_null()) {
      Fail(InputError::kWrongType, "\"data\" is neither an array nor an object");
    }
    // The retweeted and quoted originals in includes.tweets are tweets of the data
    // set (an X v1.1 status embeds them the same way); reply parents that are only
    // in includes are context and are not emitted (docs/formats.md).
    for (std::string_view id : wanted_) {
      auto it = includes_.find(id);
      if (it == includes_.end()) continue;
      dom::element t = it->second;
      includes_.erase(it);  // once, however many data tweets reference it
      EmitTweet(t, nullptr, nullptr);
    }
  }

  // twarc's flattened form: "author" inlined, referenced tweets inlined in
  // referenced_tweets[] (with their own "author").
  void HandleBareTweet(dom::element t) {
    users_.clear();
    dom::element author;
    const UserInfo* inline_author = nullptr;
    UserInfo info;
    if (Object(t, "author", author)) {
      info.handle = Str(author, "username");
      dom::element pm;
      if (Object(author, "public_metrics", pm)) info.followers = Count(pm, "followers_count");
      inline_author = &info;
    }
    if (!EmitTweet(t, inline_author, nullptr)) return;
    dom::array refs;
    if (!Array(t, "referenced_tweets", refs)) return;
    for (dom::element ref : refs) {
      std::string_view type = Str(ref, "type");
      if (type != "retweeted"sv && type != "quoted"sv) continue;
      if (!IsNonNull(ref, "text") || !IsNonNull(ref, "created_at")) continue;  // not inlined
      UserInfo ref_info;
      const UserInfo* ref_author = nullptr;
      dom::element ra;
      if (Object(ref, "author", ra)) {
        ref_info.handle = Str(ra, "username");
        dom::element pm;
        if (Object(ra, "public_metrics", pm)) ref_info.followers = Count(pm, "followers_count");
        ref_author = &ref_info;
      }
      EmitTweet(ref, ref_author, nullptr);
    }
  }

  // Returns false when the tweet was skipped as a bad record.
  bool EmitTweet(dom::element t, const UserInfo* inline_author, std::vector<std::string_view>* wanted) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kX;
    e.id = Id(t, "id", arena_);
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "a tweet without \"id\"");
      return false;
    }
    e.author = Id(t, "author_id", arena_);
    if (e.author.empty()) {
      dom::element a;
      if (Field(t, "author", a)) e.author = Id(a, "id", arena_);
    }
    if (e.author.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("tweet {}: missing required field \"author_id\" (request it with "
                       "tweet.fields=author_id or expansions=author_id)",
                       e.id));
      return false;
    }
    std::string_view created = Str(t, "created_at");
    if (created.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("tweet {}: missing required field \"created_at\" (request it with "
                       "tweet.fields=created_at)",
                       e.id));
      return false;
    }
    auto ts = ParseTimestamp(created);
    if (!ts) {
      Fail(InputError::kBadTimestamp,
           fmt::format("tweet {}: bad timestamp \"{}\" (expected like 2021-04-08T19:34:32.000Z)", e.id,
                       created.substr(0, 60)));
      return false;
    }
    e.created_at = *ts;
    if (inline_author) {
      e.author_handle = inline_author->handle;
      e.author_followers = inline_author->followers;
    } else if (auto it = users_.find(e.author); it != users_.end()) {
      e.author_handle = it->second.handle;
      e.author_followers = it->second.followers;
    }
    e.conversation_id = Id(t, "conversation_id", arena_);

    std::string_view retweeted, replied_to, quoted;
    dom::array refs;
    const bool has_refs = Array(t, "referenced_tweets", refs);
    if (has_refs) {
      for (dom::element ref : refs) {
        std::string_view type = Str(ref, "type");
        std::string_view id = Id(ref, "id", arena_);
        if (id.empty()) continue;
        if (type == "retweeted"sv) retweeted = id;
        else if (type == "replied_to"sv) replied_to = id;
        else if (type == "quoted"sv) quoted = id;
      }
    }
    if (!retweeted.empty()) {
      e.type = EventType::kShare;
      e.parent_id = retweeted;
    } else if (!replied_to.empty()) {
      e.type = EventType::kReply;
      e.parent_id = replied_to;
    } else if (!quoted.empty()) {
      e.type = EventType::kQuote;
      e.parent_id = quoted;
    } else if (IsNonNull(t, "in_reply_to_user_id")) {
      // A reply whose parent was not requested (tweet.fields without
      // referenced_tweets): its conversation_id still places it.
      e.type = EventType::kReply;
    } else if (!has_refs && Str(t, "text").substr(0, 4) == "RT @"sv) {
      // A retweet whose referenced_tweets were not requested: a share of an
      // unknown original (as in the personal archive).
      e.type = EventType::kShare;
    }
    if (wanted) {
      if (!retweeted.empty()) wanted->push_back(retweeted);
      if (!quoted.empty()) wanted->push_back(quoted);
    }

    // A long post's full text and entities are in note_tweet.
    dom::element note;
    bool has_note = Object(t, "note_tweet", note);
    e.text = has_note && !Str(note, "text").empty() ? Str(note, "text") : Str(t, "text");
    dom::element entities;
    if ((has_note && Object(note, "entities", entities)) || Object(t, "entities", entities)) {
      // The API leaves "entities" out of a tweet without any; when it is there, its
      // mentions are the tweet's mentions.
      e.has_mentions_field = true;
      dom::array arr;
      if (Array(entities, "mentions", arr))
        for (dom::element m : arr)
          if (auto u = Str(m, "username"); !u.empty()) e.mentions.push_back(u);
      if (Array(entities, "hashtags", arr))
        for (dom::element h : arr)
          if (auto tag = Str(h, "tag"); !tag.empty()) e.hashtags.push_back(tag);
      if (Array(entities, "urls", arr)) e.urls = static_cast<uint32_t>(arr.size());
    }

    // A retweet carries the original's counts (its retweet_count is the original's,
    // the rest 0): a share's counters stay unknown; the original's are on the original.
    if (e.type != EventType::kShare) {
      auto set = [&](Counter c, int64_t v) {
        if (v != kUnknownCount && e.counters[static_cast<int>(c)] == kUnknownCount)
          e.counters[static_cast<int>(c)] = v;
      };
      dom::element m;
      if (Object(t, "public_metrics", m)) {
        set(Counter::kShares, Count(m, "retweet_count"));
        set(Counter::kReplies, Count(m, "reply_count"));
        set(Counter::kLikes, Count(m, "like_count"));
        set(Counter::kQuotes, Count(m, "quote_count"));
        set(Counter::kBookmarks, Count(m, "bookmark_count"));
        set(Counter::kImpressions, Count(m, "impression_count"));
      }
      // Owner-only metrics (user context): all impressions and link clicks, then the
      // organic ones when only those were requested.
      if (Object(t, "non_public_metrics", m)) {
        set(Counter::kImpressions, Count(m, "impression_count"));
        set(Counter::kClicks, Count(m, "url_link_clicks"));
      }
      if (Object(t, "organic_metrics", m)) {
        set(Counter::kImpressions, Count(m, "impression_count"));
        set(Counter::kClicks, Count(m, "url_link_clicks"));
        set(Counter::kLikes, Count(m, "like_count"));
        set(Counter::kReplies, Count(m, "reply_count"));
        set(Counter::kShares, Count(m, "retweet_count"));
      }
    }
    Emit(e);
    return true;
  }

  RawEvent e_;
  absl::flat_hash_map<std::string_view, UserInfo> users_;
  absl::flat_hash_map<std::string_view, dom::element> includes_;
  std::vector<std::string_view> wanted_;
};

}  // namespace

std::unique_ptr<Reader> MakeXV2Reader() { return std::make_unique<XV2Reader>(false); }
std::unique_ptr<Reader> MakeXV2LinesReader() { return std::make_unique<XV2Reader>(true); }

}  // namespace rapport
