// Bluesky (AT Protocol) app.bsky.feed views: getAuthorFeed / getTimeline / getFeed /
// getActorLikes ({"feed": [{post, reply?, reason?}]}), getPostThread ({"thread":
// {post, parent?, replies[]}}, recursive), searchPosts / getPosts / getQuotes
// ({"posts": [...]}), NDJSON of post views or feed items, and raw records from
// com.atproto.repo.listRecords / getRecord (app.bsky.feed.post and
// app.bsky.feed.repost). One reader, blocks in order: a document that spans lines is
// held until Finish, NDJSON is decoded line by line as it arrives.
//
// Decisions (docs/formats.md "bluesky"): ids are AT URIs; authors are DIDs, handles
// their handles; a feed item's reply context (reply.parent / reply.root) and embedded
// quoted posts are references only, not events; a repost reason is a share by
// reason.by; a reply that also quotes is a reply.
#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "io/readers/json_texts.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "simdjson.h"

namespace rapport {
namespace {

namespace od = simdjson::ondemand;
using namespace std::string_view_literals;
using json::GetCount;
using json::GetString;
using json::JsonTextsReader;
using json::OpeningBracket;
using json::RawKey;
using json::SkipSpace;

// getPostThread nests one level per reply (the API allows depth up to 1000).
constexpr int kMaxDepth = 512;

// ---------------------------------------------------------------- decoding

// "at://did:plc:x/app.bsky.feed.post/3k..." -> "did:plc:x".
std::string_view RepoOf(std::string_view uri) {
  if (!uri.starts_with("at://")) return {};
  uri.remove_prefix(5);
  return uri.substr(0, uri.find('/'));
}

// This Abseil's string_view is not std::string_view: lookups go through it.
absl::string_view Key(std::string_view s) { return {s.data(), s.size()}; }

bool IsPostUri(std::string_view uri) {
  return uri.starts_with("at://") && uri.find("/app.bsky.feed.post/") != std::string_view::npos;
}

struct Actor {
  std::string_view did, handle;
  int64_t followers = kUnknownCount;
};

struct Facet {
  enum Kind : uint8_t { kMention, kTag, kLink } kind;
  std::string_view value;  // did, tag or uri
  int64_t start = -1, end = -1;  // UTF-8 byte range in the text
};

// An app.bsky.feed.post record (or a repost's subject), as views.
struct Record {
  std::string_view type, text, created_at, reply_root, reply_parent, quote_uri, subject_uri;
  bool external = false;  // an app.bsky.embed.external link card
  std::vector<Facet> facets;
  std::vector<std::string_view> tags;
};

struct Reason {
  std::string_view type, uri, indexed_at;
  Actor by;
};

// What one JSON object held: a post view, a feed item, a thread view, a raw record
// ({uri, value}) or a response; views into the parser's buffers.
struct Item {
  const char* where = nullptr;
  std::string_view bad_field;
  std::string_view uri, type, indexed_at;
  bool has_record = false, has_value = false, has_author = false, has_reason = false;
  Actor author;
  Record record;
  int64_t replies = kUnknownCount, reposts = kUnknownCount, likes = kUnknownCount,
          quotes = kUnknownCount, bookmarks = kUnknownCount;
  std::unique_ptr<Item> post;  // a feed item's or thread view's post
  Reason reason;
  bool container = false;  // feed / posts / records / thread / parent / replies
};

// What a document held besides posts, for the notes on what is not read.
struct Tally {
  int64_t events = 0, likes = 0, actors = 0, generators = 0, other_records = 0, unknown = 0;
  bool recognized = false;
};

class BlueskyDecoder : public json::ItemsDecoder<BlueskyDecoder, Tally> {
 public:
  BlueskyDecoder() : ItemsDecoder(kMaxDepth) {}

 private:
  friend ItemsDecoder;

  void NoteWhatWasNotRead(const Tally& tally, int64_t first_line) {
    NoteNotRead(tally.likes, first_line,
                "{} like(s) of a post (getLikes): who liked it, not posts; the post's likeCount "
                "carries the number; not read");
    NoteNotRead(tally.actors, first_line,
                "{} account(s) (getRepostedBy, followers, follows): no post and no time; not read");
    NoteNotRead(tally.generators, first_line,
                "{} feed generator(s) (getFeedGenerator(s), getSuggestedFeeds, getActorFeeds): "
                "feeds, not posts; not read");
    NoteNotRead(tally.other_records, first_line,
                "{} record(s) that are neither app.bsky.feed.post nor app.bsky.feed.repost "
                "(likes, follows, profiles...): not read");
    if (!tally.recognized && tally.events == 0)
      Error(InputError::kWrongType, first_line,
            "not a Bluesky post: expected an app.bsky.feed response (feed, thread, posts), a "
            "post view, a feed item, or com.atproto.repo records");
  }

  // The root, an element of the root or of a list: read and settled.
  simdjson::error_code ReadItem(od::value v, int depth, Tally& tally) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t != od::json_type::object) {
      ++tally.unknown;
      return simdjson::SUCCESS;
    }
    Item item;
    if (auto e = ReadObject(v, depth, tally, item)) return e;
    Settle(item, tally);
    return simdjson::SUCCESS;
  }

  // Elements of a list, each settled as it is read.
  simdjson::error_code ReadList(od::value v, int depth, Tally& tally) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      od::value iv;
      if (auto e = el.get(iv)) return e;
      if (auto e = ReadItem(iv, depth + 1, tally)) return e;
    }
    return simdjson::SUCCESS;
  }

  // Counts the objects of a list that is not read (likes, actors, generators).
  static simdjson::error_code CountList(od::value v, int64_t& n) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    size_t count;
    if (auto e = arr.count_elements().get(count)) return e;
    n += static_cast<int64_t>(count);
    return simdjson::SUCCESS;
  }

  void Settle(Item& item, Tally& tally) {
    if (item.post) {
      // A feed item or a thread view: its post, then the repost that put it in the feed.
      Item& post = *item.post;
      if (post.has_record) EmitPost(post, tally);
      else if (post.type.ends_with("#notFoundPost") || post.type.ends_with("#blockedPost")) tally.recognized = true;
      if (item.has_reason && item.reason.type == "app.bsky.feed.defs#reasonRepost"sv)
        EmitRepost(item.reason, post.uri, item.where, tally);
      return;
    }
    if (item.has_record) {
      EmitPost(item, tally);  // a post view (an error names what it lacks)
    } else if (item.has_value && !item.uri.empty()) {
      EmitRecord(item, tally);
    } else if (item.type.ends_with("#notFoundPost") || item.type.ends_with("#blockedPost") ||
               item.type.ends_with("#blockedAuthor")) {
      tally.recognized = true;  // a gap in a thread: nothing to read
    } else if (!item.container) {
      ++tally.unknown;
    }
  }

  simdjson::error_code ReadActor(od::value v, Actor& actor) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      if (key == "did"sv) GetString(f.value(), actor.did);
      else if (key == "handle"sv) GetString(f.value(), actor.handle);
      else if (key == "followersCount"sv) GetCount(f.value(), actor.followers);
    }
    if (!actor.did.empty() && !actor.handle.empty() && actor.handle != "handle.invalid"sv) {
      auto [it, inserted] = handles_.try_emplace(Key(actor.did), actor.handle);
      if (!inserted && it->second != actor.handle) it->second.assign(actor.handle);
    }
    return simdjson::SUCCESS;
  }

  // {"uri": ..., "cid": ...} strong refs, or {"record": {...}} inside recordWithMedia.
  static simdjson::error_code ReadRefUri(od::value v, std::string_view& uri) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      if (key == "uri"sv) GetString(f.value(), uri);
      else if (key == "record"sv) {
        if (auto e = ReadRefUri(f.value(), uri)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadReplyRef(od::value v, Record& r) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      if (key == "root"sv) {
        if (auto e = ReadRefUri(f.value(), r.reply_root)) return e;
      } else if (key == "parent"sv) {
        if (auto e = ReadRefUri(f.value(), r.reply_parent)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  // record.embed: app.bsky.embed.record {record: {uri}}, recordWithMedia {record:
  // {record: {uri}}, media}, external {external: {uri}}.
  simdjson::error_code ReadEmbed(od::value v, Record& r) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;
    std::string_view type, uri;
    bool has_external = false;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      if (key == "$type"sv) GetString(f.value(), type);
      else if (key == "record"sv) {
        if (auto e = ReadRefUri(f.value(), uri)) return e;
      } else if (key == "external"sv) {
        has_external = true;
      } else if (key == "media"sv) {
        Record media;  // recordWithMedia's media may be an external card
        if (auto e = ReadEmbed(f.value(), media)) return e;
        r.external |= media.external;
      }
    }
    if (type.starts_with("app.bsky.embed.external")) r.external |= has_external;
    if (type.starts_with("app.bsky.embed.record") && IsPostUri(uri)) r.quote_uri = uri;
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadFacets(od::value v, Record& r) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      od::object facet;
      if (el.get_object().get(facet)) continue;
      int64_t start = -1, end = -1;
      size_t first = r.facets.size();
      for (auto fr : facet) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return e;
        std::string_view key = RawKey(f);
        if (key == "index"sv) {
          od::object index;
          if (f.value().get_object().get(index)) continue;
          for (auto ir : index) {
            od::field g;
            if (auto e = std::move(ir).get(g)) return e;
            std::string_view k = RawKey(g);
            if (k == "byteStart"sv) GetCount(g.value(), start);
            else if (k == "byteEnd"sv) GetCount(g.value(), end);
          }
        } else if (key == "features"sv) {
          od::array features;
          if (f.value().get_array().get(features)) continue;
          for (auto fe : features) {
            od::object feature;
            if (fe.get_object().get(feature)) continue;
            std::string_view type, did, tag, uri;
            for (auto gr : feature) {
              od::field g;
              if (auto e = std::move(gr).get(g)) return e;
              std::string_view k = RawKey(g);
              if (k == "$type"sv) GetString(g.value(), type);
              else if (k == "did"sv) GetString(g.value(), did);
              else if (k == "tag"sv) GetString(g.value(), tag);
              else if (k == "uri"sv) GetString(g.value(), uri);
            }
            if (type == "app.bsky.richtext.facet#mention"sv && !did.empty())
              r.facets.push_back({Facet::kMention, did});
            else if (type == "app.bsky.richtext.facet#tag"sv && !tag.empty())
              r.facets.push_back({Facet::kTag, tag});
            else if (type == "app.bsky.richtext.facet#link"sv)
              r.facets.push_back({Facet::kLink, uri});
          }
        }
      }
      // The index may come before or after the features.
      for (size_t i = first; i < r.facets.size(); ++i) {
        r.facets[i].start = start;
        r.facets[i].end = end;
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadRecord(od::value v, Record& r, std::string_view& bad_field) {
    od::object obj;
    if (v.get_object().get(obj)) {
      bad_field = "record";
      return simdjson::SUCCESS;
    }
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      od::value fv = f.value();
      if (key == "$type"sv) {
        GetString(fv, r.type);
      } else if (key == "text"sv) {
        if (!GetString(fv, r.text)) bad_field = "record.text";
      } else if (key == "createdAt"sv) {
        if (!GetString(fv, r.created_at)) bad_field = "record.createdAt";
      } else if (key == "reply"sv) {
        if (auto e = ReadReplyRef(fv, r)) return e;
      } else if (key == "embed"sv) {
        if (auto e = ReadEmbed(fv, r)) return e;
      } else if (key == "facets"sv) {
        if (auto e = ReadFacets(fv, r)) return e;
      } else if (key == "tags"sv) {
        od::array arr;
        if (fv.get_array().get(arr)) continue;
        for (auto el : arr) {
          std::string_view tag;
          if (!el.get_string().get(tag) && !tag.empty()) r.tags.push_back(tag);
        }
      } else if (key == "subject"sv) {
        if (auto e = ReadRefUri(fv, r.subject_uri)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadReason(od::value v, Reason& reason) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      if (key == "$type"sv) GetString(f.value(), reason.type);
      else if (key == "uri"sv) GetString(f.value(), reason.uri);
      else if (key == "indexedAt"sv) GetString(f.value(), reason.indexed_at);
      else if (key == "by"sv) {
        if (auto e = ReadActor(f.value(), reason.by)) return e;
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadObject(od::value v, int depth, Tally& tally, Item& item) {
    if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
    item.where = v.raw_json_token().data();
    od::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    for (auto field_res : obj) {
      od::field field;
      if (auto e = std::move(field_res).get(field)) return e;
      std::string_view key = RawKey(field);
      od::value fv = field.value();
      auto count = [&](int64_t& out) {
        if (!GetCount(fv, out)) item.bad_field = key;
      };
      if (key == "uri"sv) {
        if (!GetString(fv, item.uri)) item.bad_field = key;
      } else if (key == "$type"sv) {
        GetString(fv, item.type);
      } else if (key == "author"sv) {
        item.has_author = true;
        if (auto e = ReadActor(fv, item.author)) return e;
      } else if (key == "record"sv || key == "value"sv) {
        (key == "record"sv ? item.has_record : item.has_value) = true;
        if (auto e = ReadRecord(fv, item.record, item.bad_field)) return e;
      } else if (key == "replyCount"sv) {
        count(item.replies);
      } else if (key == "repostCount"sv) {
        count(item.reposts);
      } else if (key == "likeCount"sv) {
        count(item.likes);
      } else if (key == "quoteCount"sv) {
        count(item.quotes);
      } else if (key == "bookmarkCount"sv) {  // AppViews since 2025
        count(item.bookmarks);
      } else if (key == "indexedAt"sv) {
        GetString(fv, item.indexed_at);
      } else if (key == "post"sv) {
        // A feed item's or thread view's post; settled with its reason.
        item.post = std::make_unique<Item>();
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t == od::json_type::object) {
          if (auto e = ReadObject(fv, depth + 1, tally, *item.post)) return e;
        }
      } else if (key == "reason"sv) {
        item.has_reason = true;
        if (auto e = ReadReason(fv, item.reason)) return e;
      } else if (key == "thread"sv || key == "parent"sv) {
        // getPostThread: the thread, its ancestors (parent) and replies are all read.
        item.container = tally.recognized = true;
        if (auto e = ReadItem(fv, depth + 1, tally)) return e;
      } else if (key == "feed"sv || key == "posts"sv || key == "records"sv || key == "replies"sv) {
        item.container = tally.recognized = true;
        if (auto e = ReadList(fv, depth, tally)) return e;
      } else if (key == "likes"sv) {
        item.container = tally.recognized = true;
        if (auto e = CountList(fv, tally.likes)) return e;
      } else if (key == "repostedBy"sv || key == "followers"sv || key == "follows"sv ||
                 key == "actors"sv || key == "profiles"sv) {
        item.container = tally.recognized = true;
        if (auto e = CountList(fv, tally.actors)) return e;
      } else if (key == "feeds"sv) {
        item.container = tally.recognized = true;
        if (auto e = CountList(fv, tally.generators)) return e;
      } else if (key == "view"sv) {
        item.container = tally.recognized = true;
        ++tally.generators;
      }
      // The feed item's "reply" (context posts), "embed" views, "viewer", "labels":
      // not read (docs/formats.md).
    }
    return simdjson::SUCCESS;
  }

  // ---------------------------------------------------------------- emitting

  bool SetTime(std::string_view created, std::string_view indexed, int64_t line) {
    // createdAt is set by the client (and may be wrong); indexedAt by the AppView.
    std::optional<Seconds> ts;
    if (!created.empty()) ts = ParseTimestamp(created);
    if (!ts && !indexed.empty()) ts = ParseTimestamp(indexed);
    if (!ts) {
      if (created.empty() && indexed.empty())
        MissingField(line, "record.createdAt");
      else
        Error(InputError::kBadTimestamp, line,
              fmt::format("bad timestamp \"{}\" in createdAt (expected RFC 3339 like "
                          "2023-10-05T14:42:33.526Z)",
                          (created.empty() ? indexed : created).substr(0, 60)));
      return false;
    }
    e_.created_at = *ts;
    return true;
  }

  void FillRecord(const Record& r, std::string_view uri) {
    if (!r.reply_parent.empty()) {
      e_.type = EventType::kReply;
      e_.parent_id = r.reply_parent;
      e_.conversation_id = !r.reply_root.empty() ? r.reply_root : r.reply_parent;
    } else {
      if (!r.quote_uri.empty()) {
        e_.type = EventType::kQuote;
        e_.parent_id = r.quote_uri;
      }
      e_.conversation_id = uri;  // a post (or a quote) starts its own thread
    }
    e_.text = r.text;
    e_.has_mentions_field = true;
    uint32_t links = r.external ? 1 : 0;
    for (const auto& f : r.facets) {
      if (f.kind == Facet::kLink) {
        ++links;
      } else if (f.kind == Facet::kTag) {
        e_.hashtags.push_back(f.value);
      } else {
        e_.mentions.push_back(MentionName(f, r.text));
      }
    }
    for (auto tag : r.tags) e_.hashtags.push_back(tag);
    e_.urls = links;
  }

  // A mention facet names a DID: its handle when an author with that DID was read,
  // else the "@handle" the text shows at the facet's bytes, else the DID.
  std::string_view MentionName(const Facet& f, std::string_view text) {
    if (auto it = handles_.find(Key(f.value)); it != handles_.end()) return it->second;
    if (f.start >= 0 && f.end > f.start && static_cast<size_t>(f.end) <= text.size()) {
      std::string_view shown = text.substr(static_cast<size_t>(f.start),
                                           static_cast<size_t>(f.end - f.start));
      if (shown.size() > 1 && shown.front() == '@') return shown.substr(1);
    }
    return f.value;
  }

  void EmitPost(const Item& p, Tally& tally) {
    tally.recognized = true;
    const int64_t line = lines_.LineOf(p.where);
    if (!FieldTypesRight(p.bad_field, line)) return;
    e_.Clear();
    std::string_view did = !p.author.did.empty() ? p.author.did : RepoOf(p.uri);
    const char* missing = p.uri.empty() ? "uri" : did.empty() ? "author.did" : nullptr;
    if (missing) {
      MissingField(line, missing);
      return;
    }
    if (!SetTime(p.record.created_at, p.indexed_at, line)) return;
    e_.platform = Platform::kBluesky;
    e_.id = p.uri;
    e_.author = did;
    e_.author_handle = p.author.handle;
    if (e_.author_handle.empty() || e_.author_handle == "handle.invalid"sv) {
      auto it = handles_.find(Key(did));
      e_.author_handle = it != handles_.end() ? std::string_view(it->second) : std::string_view();
    }
    e_.author_followers = p.author.followers;
    FillRecord(p.record, p.uri);
    e_.counters[static_cast<int>(Counter::kReplies)] = p.replies;
    e_.counters[static_cast<int>(Counter::kShares)] = p.reposts;
    e_.counters[static_cast<int>(Counter::kLikes)] = p.likes;
    e_.counters[static_cast<int>(Counter::kQuotes)] = p.quotes;
    e_.counters[static_cast<int>(Counter::kBookmarks)] = p.bookmarks;
    sink_->Add(e_);
    ++tally.events;
  }

  // A raw record from com.atproto.repo.listRecords / getRecord: {uri, cid, value}.
  void EmitRecord(const Item& r, Tally& tally) {
    tally.recognized = true;
    const std::string_view type = r.record.type;
    const bool repost = type == "app.bsky.feed.repost"sv;
    if (type != "app.bsky.feed.post"sv && !repost) {
      ++tally.other_records;
      return;
    }
    const int64_t line = lines_.LineOf(r.where);
    if (!FieldTypesRight(r.bad_field, line)) return;
    e_.Clear();
    std::string_view did = RepoOf(r.uri);
    if (did.empty()) {
      Error(InputError::kMissingField, line, "missing required field \"uri\" (at://did/...)");
      return;
    }
    if (repost && r.record.subject_uri.empty()) {
      MissingField(line, "value.subject");
      return;
    }
    if (!SetTime(r.record.created_at, {}, line)) return;
    e_.platform = Platform::kBluesky;
    e_.id = r.uri;
    e_.author = did;
    if (auto it = handles_.find(Key(did)); it != handles_.end()) e_.author_handle = it->second;
    if (repost) {
      e_.type = EventType::kShare;
      e_.parent_id = r.record.subject_uri;
      e_.has_mentions_field = true;
    } else {
      FillRecord(r.record, r.uri);
    }
    sink_->Add(e_);
    ++tally.events;
  }

  // A feed item's reason app.bsky.feed.defs#reasonRepost: reason.by reposted the post.
  void EmitRepost(const Reason& reason, std::string_view post_uri, const char* where, Tally& tally) {
    const int64_t line = lines_.LineOf(where);
    e_.Clear();
    if (reason.by.did.empty() || post_uri.empty()) {
      MissingField(line, "reason.by.did");
      return;
    }
    if (!SetTime({}, reason.indexed_at, line)) return;
    // Newer AppViews give the repost record's URI; older ones do not: one repost per
    // account and post, so the pair names it.
    if (!reason.uri.empty()) {
      e_.id = reason.uri;
    } else {
      id_ = fmt::format("repost:{}:{}", reason.by.did, post_uri);
      e_.id = id_;
    }
    e_.platform = Platform::kBluesky;
    e_.type = EventType::kShare;
    e_.author = reason.by.did;
    e_.author_handle = reason.by.handle;
    e_.author_followers = reason.by.followers;
    e_.parent_id = post_uri;
    e_.has_mentions_field = true;
    sink_->Add(e_);
    ++tally.events;
  }

  RawEvent e_;
  std::string id_;
  // DID -> handle of every author read so far (mentions name DIDs).
  absl::flat_hash_map<std::string, std::string> handles_;
};

// ---------------------------------------------------------------- the reader

class BlueskyReader final : public JsonTextsReader<BlueskyDecoder> {
 public:
  BlueskyReader() : JsonTextsReader("jq -c '.feed[]'") {}
  std::string_view name() const override { return "bluesky"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<BlueskyReader>(); }

  int Detect(std::string_view head) const override {
    const size_t i = OpeningBracket(head);
    if (i == std::string_view::npos) return 0;
    auto has = [&](std::string_view k) { return head.find(k) != std::string_view::npos; };
    if (has("\"at://did:") || has("\"app.bsky.")) return 85;
    // An empty getActorFeeds / getFeed answer has no Bluesky marker: a weak claim, just
    // above the native reader's 10 for any object.
    size_t j = SkipSpace(head, i + 1);
    if (head[i] == '{' &&
        (head.substr(j).starts_with("\"feeds\"") || head.substr(j).starts_with("\"feed\"")))
      return 15;
    return 0;
  }

};

}  // namespace

std::unique_ptr<Reader> MakeBlueskyReader() { return std::make_unique<BlueskyReader>(); }

}  // namespace rapport
