// Mastodon: REST API statuses (a JSON array per page: account statuses, timelines; a
// single status; a context {"ancestors": [...], "descendants": [...]}; NDJSON of
// statuses) and the account archive's ActivityPub outbox (outbox.json: an
// OrderedCollection of Create (Note) and Announce activities, with actor.json beside
// it). One reader, blocks in order: a document that spans lines is held until Finish,
// NDJSON is decoded line by line as it arrives.
//
// Decisions (docs/formats.md "mastodon"): an account is named by its fediverse address
// user@server, everywhere (authors, mentions), so the same person on two servers' API
// answers is one author; a reblog is a share of the reblogged status, which is read
// too; a quoted status is only referenced; a "direct" status is inbound (METRICS E2 (d)).
#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
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
using json::GetCount;
using json::GetString;
using json::HasKeyValue;
using json::JsonTextsReader;
using json::OpeningBracket;
using json::RawKey;

// Statuses nest shallowly (a page > status > reblog > quote > quoted status); an
// outbox is collection > items > activity > object > tag.
constexpr int kMaxDepth = 64;

constexpr std::string_view kPublic = "https://www.w3.org/ns/activitystreams#Public";

// ---------------------------------------------------------------- decoding

// "https://fosstodon.org/@x" -> "fosstodon.org".
std::string_view HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  size_t at = url.rfind('@');  // user-info
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  return url.substr(0, url.find(':'));  // port
}

struct Account {
  std::string_view id, acct, username, url;
  int64_t followers = kUnknownCount;
};

struct Mention {
  std::string_view acct, url;  // REST: acct + url; ActivityPub: name ("@u@host") + href
};

// What one JSON object held, REST status and ActivityPub fields alike, as views into
// the parser's buffers (valid until the next document).
struct Item {
  const char* where = nullptr;
  std::string_view bad_field;
  // REST status.
  std::string_view id, created_at, in_reply_to_id, in_reply_to_account_id, visibility, content,
      spoiler_text;
  bool has_account = false, has_content = false, has_reblog = false;
  Account account;
  std::string_view reblog_id, quote_id;
  int64_t replies = kUnknownCount, reblogs = kUnknownCount, favourites = kUnknownCount,
          quotes = kUnknownCount;
  std::vector<Mention> mentions;
  std::vector<std::string_view> tags;
  // A bare account (favourited_by, reblogged_by, an account lookup).
  bool has_acct = false, has_statuses_count = false;
  // ActivityPub.
  std::string_view type, actor, published, in_reply_to, conversation, summary, attributed_to,
      object_uri, ap_quote, preferred_username;
  std::unique_ptr<Item> object;  // a Create's Note
  bool addressed = false, addressed_widely = false;  // to/cc present; Public or followers
  int64_t ap_replies = kUnknownCount, ap_likes = kUnknownCount, ap_shares = kUnknownCount;
  std::vector<Mention> ap_mentions;
  std::vector<std::string_view> ap_hashtags;
  // Containers.
  bool has_container = false;  // ancestors / descendants / orderedItems
  int64_t item_strings = 0;    // orderedItems that are bare URIs (likes.json)
};

// Tallies over one document, for the notes on what is not read.
struct Tally {
  int64_t events = 0, accounts = 0, uris = 0, actors = 0, unknown = 0, other_activities = 0;
};

class MastodonDecoder : public json::ItemsDecoder<MastodonDecoder, Tally> {
 public:
  MastodonDecoder() : ItemsDecoder(kMaxDepth) {}

 private:
  friend ItemsDecoder;

  void NoteWhatWasNotRead(const Tally& tally, int64_t first_line) {
    NoteNotRead(tally.accounts, first_line,
                "{} Mastodon account(s) (favourited_by, reblogged_by, followers or an account "
                "lookup), not statuses: they carry no post and no time; not read");
    NoteNotRead(tally.uris, first_line,
                "{} bare object URI(s) (likes.json / bookmarks.json of an archive): no author and "
                "no time; not read");
    if (tally.actors > 0)
      Error(InputError::kWrongType, first_line,
            "an ActivityPub actor (actor.json), not a post: read only to name the author of "
            "the outbox.json beside it");
    if (tally.unknown > 0 && tally.events == 0 && tally.accounts == 0 && tally.uris == 0 &&
        tally.actors == 0 && tally.other_activities == 0)
      Error(InputError::kWrongType, first_line,
            "not a Mastodon status: expected a status (id, created_at, account, content), an "
            "array of statuses, a context ({\"ancestors\", \"descendants\"}), NDJSON of "
            "statuses, or an archive's outbox.json");
  }

  // The root, an element of a page, a context list, or orderedItems: read and emitted.
  simdjson::error_code ReadItem(od::value v, int depth, Tally& tally) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::string) {
      ++tally.uris;
      return simdjson::SUCCESS;
    }
    if (t != od::json_type::object) {
      ++tally.unknown;
      return simdjson::SUCCESS;
    }
    Item item;
    if (auto e = ReadObject(v, depth, tally, item)) return e;
    Settle(item, tally);
    return simdjson::SUCCESS;
  }

  // What an object was, once read: emitted, counted, or noted.
  void Settle(Item& item, Tally& tally) {
    const std::string_view type = item.type;
    if (type == "Create"sv || type == "Announce"sv) {
      EmitActivity(item, tally);
    } else if (!type.empty() && (item.actor.size() > 0 || item.object || !item.object_uri.empty())) {
      ++tally.other_activities;  // Like, Follow, Update, Delete...: not events here
    } else if (type == "Note"sv || type == "Question"sv || type == "Article"sv || type == "Page"sv) {
      EmitApNote(item, item.attributed_to, {}, tally);
    } else if (type == "Person"sv || type == "Service"sv || type == "Group"sv ||
               type == "Organization"sv || type == "Application"sv) {
      ++tally.actors;
    } else if (!item.id.empty() && (item.has_account || item.has_content)) {
      EmitStatus(item, tally);
    } else if (item.has_acct && !item.has_account) {
      ++tally.accounts;
    } else if (item.has_container) {
      tally.uris += item.item_strings;
    } else {
      ++tally.unknown;
    }
  }

  // Reads any object of the format into `item`; nested statuses (a reblog) and the
  // items of containers are settled on the way.
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
      auto str = [&](std::string_view& out) {
        if (!GetString(fv, out)) item.bad_field = key;
      };
      auto count = [&](int64_t& out) {
        if (!GetCount(fv, out)) item.bad_field = key;
      };
      if (key == "id"sv) {
        str(item.id);
      } else if (key == "created_at"sv) {
        str(item.created_at);
      } else if (key == "in_reply_to_id"sv) {
        str(item.in_reply_to_id);
      } else if (key == "in_reply_to_account_id"sv) {
        str(item.in_reply_to_account_id);
      } else if (key == "visibility"sv) {
        str(item.visibility);
      } else if (key == "content"sv) {
        item.has_content = true;
        str(item.content);
      } else if (key == "spoiler_text"sv) {
        str(item.spoiler_text);
      } else if (key == "replies_count"sv) {
        count(item.replies);
      } else if (key == "reblogs_count"sv) {
        count(item.reblogs);
      } else if (key == "favourites_count"sv) {
        count(item.favourites);
      } else if (key == "quotes_count"sv) {
        count(item.quotes);
      } else if (key == "account"sv) {
        if (auto e = ReadAccount(fv, item)) return e;
      } else if (key == "reblog"sv) {
        // The reblogged status is read (and emitted) on its own; the wrapper shares it.
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t == od::json_type::object) {
          Item inner;
          if (auto e = ReadObject(fv, depth + 1, tally, inner)) return e;
          item.has_reblog = true;
          item.reblog_id = inner.id;
          EmitStatus(inner, tally);
        }
      } else if (key == "quote"sv) {
        // REST: a Quote object; ActivityPub (FEP-044f): the quoted object's URI.
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t == od::json_type::string) str(item.ap_quote);
        else if (auto e = ReadQuote(fv, depth, tally, item)) return e;
      } else if (key == "mentions"sv) {
        if (auto e = ReadMentions(fv, item)) return e;
      } else if (key == "tags"sv) {
        if (auto e = ReadTags(fv, item)) return e;
      } else if (key == "acct"sv) {
        item.has_acct = true;
      } else if (key == "statuses_count"sv) {
        item.has_statuses_count = true;
      } else if (key == "ancestors"sv || key == "descendants"sv || key == "orderedItems"sv ||
                 key == "items"sv) {
        item.has_container = true;
        od::array arr;
        if (fv.get_array().get(arr)) continue;
        for (auto el : arr) {
          od::value iv;
          if (auto e = el.get(iv)) return e;
          od::json_type t;
          if (auto e = iv.type().get(t)) return e;
          if (t == od::json_type::string) {
            ++item.item_strings;
            continue;
          }
          if (auto e = ReadItem(iv, depth + 1, tally)) return e;
        }
      } else if (key == "type"sv) {
        str(item.type);
      } else if (key == "actor"sv) {
        // A URI, or an embedded actor object (its id).
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t == od::json_type::object) {
          Item a;
          if (auto e = ReadObject(fv, depth + 1, tally, a)) return e;
          item.actor = a.id;
        } else {
          str(item.actor);
        }
      } else if (key == "object"sv) {
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t == od::json_type::object) {
          item.object = std::make_unique<Item>();
          if (auto e = ReadObject(fv, depth + 1, tally, *item.object)) return e;
        } else {
          str(item.object_uri);
        }
      } else if (key == "published"sv) {
        str(item.published);
      } else if (key == "inReplyTo"sv) {
        od::json_type t;
        if (!fv.type().get(t) && t == od::json_type::object) {
          Item parent;  // an embedded parent: its id
          if (auto e = ReadObject(fv, depth + 1, tally, parent)) return e;
          item.in_reply_to = parent.id;
        } else {
          str(item.in_reply_to);
        }
      } else if (key == "conversation"sv) {
        str(item.conversation);
      } else if (key == "summary"sv) {
        str(item.summary);
      } else if (key == "attributedTo"sv) {
        str(item.attributed_to);
      } else if (key == "preferredUsername"sv) {
        str(item.preferred_username);
      } else if (key == "quoteUri"sv || key == "quoteUrl"sv || key == "_misskey_quote"sv) {
        str(item.ap_quote);
      } else if (key == "to"sv || key == "cc"sv) {
        if (auto e = ReadAddressing(fv, item)) return e;
      } else if (key == "tag"sv) {
        if (auto e = ReadApTags(fv, item)) return e;
      } else if (key == "replies"sv || key == "likes"sv || key == "shares"sv) {
        // Collections some servers put on a live object: {"totalItems": n}.
        od::object coll;
        if (fv.get_object().get(coll)) continue;
        int64_t& out = key == "replies"sv ? item.ap_replies
                       : key == "likes"sv ? item.ap_likes
                                          : item.ap_shares;
        for (auto cf : coll) {
          od::field f;
          if (auto e = std::move(cf).get(f)) return e;
          if (RawKey(f) == "totalItems"sv) GetCount(f.value(), out);
        }
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadAccount(od::value v, Item& item) {
    od::object obj;
    if (v.get_object().get(obj)) {
      item.bad_field = "account";
      return simdjson::SUCCESS;
    }
    item.has_account = true;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      od::value fv = f.value();
      bool ok = true;
      if (key == "id"sv) ok = GetString(fv, item.account.id);
      else if (key == "acct"sv) ok = GetString(fv, item.account.acct);
      else if (key == "username"sv) ok = GetString(fv, item.account.username);
      else if (key == "url"sv) ok = GetString(fv, item.account.url);
      else if (key == "followers_count"sv) ok = GetCount(fv, item.account.followers);
      if (!ok) item.bad_field = "account";
    }
    return simdjson::SUCCESS;
  }

  // Mastodon 4.4+: {"state": "accepted", "quoted_status": {...}} or a shallow
  // {"state": ..., "quoted_status_id": "..."}; null when the status quotes nothing.
  simdjson::error_code ReadQuote(od::value v, int depth, Tally& tally, Item& item) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;  // null
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key = RawKey(f);
      od::value fv = f.value();
      if (key == "quoted_status_id"sv) {
        GetString(fv, item.quote_id);
      } else if (key == "quoted_status"sv) {
        od::json_type t;
        if (auto e = fv.type().get(t)) return e;
        if (t != od::json_type::object) continue;
        Item quoted;  // referenced only: not emitted
        if (auto e = ReadObject(fv, depth + 1, tally, quoted)) return e;
        item.quote_id = quoted.id;
      }
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadMentions(od::value v, Item& item) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      od::object m;
      if (el.get_object().get(m)) continue;
      Mention mention;
      for (auto fr : m) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return e;
        std::string_view key = RawKey(f);
        if (key == "acct"sv) GetString(f.value(), mention.acct);
        else if (key == "url"sv) GetString(f.value(), mention.url);
      }
      if (!mention.acct.empty()) item.mentions.push_back(mention);
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code ReadTags(od::value v, Item& item) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      od::object tag;
      if (el.get_object().get(tag)) continue;
      for (auto fr : tag) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return e;
        std::string_view name;
        if (RawKey(f) == "name"sv && GetString(f.value(), name) && !name.empty())
          item.tags.push_back(name);
      }
    }
    return simdjson::SUCCESS;
  }

  // ActivityPub to / cc: a URI or a list of URIs.
  simdjson::error_code ReadAddressing(od::value v, Item& item) {
    item.addressed = true;
    auto note = [&](std::string_view uri) {
      if (uri == kPublic || uri == "as:Public"sv || uri == "Public"sv || uri.ends_with("/followers"))
        item.addressed_widely = true;
    };
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::string) {
      std::string_view s;
      if (!v.get_string().get(s)) note(s);
      return simdjson::SUCCESS;
    }
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      std::string_view s;
      if (!el.get_string().get(s)) note(s);
    }
    return simdjson::SUCCESS;
  }

  // ActivityPub tag[]: {"type": "Mention", "href", "name": "@u@host"} and
  // {"type": "Hashtag", "name": "#tag"}.
  simdjson::error_code ReadApTags(od::value v, Item& item) {
    od::array arr;
    if (v.get_array().get(arr)) return simdjson::SUCCESS;
    for (auto el : arr) {
      od::object tag;
      if (el.get_object().get(tag)) continue;
      std::string_view type, name, href;
      for (auto fr : tag) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return e;
        std::string_view key = RawKey(f);
        if (key == "type"sv) GetString(f.value(), type);
        else if (key == "name"sv) GetString(f.value(), name);
        else if (key == "href"sv) GetString(f.value(), href);
      }
      if (type == "Mention"sv && !name.empty()) {
        item.ap_mentions.push_back({name, href});
      } else if (type == "Hashtag"sv && !name.empty()) {
        if (name.front() == '#') name.remove_prefix(1);
        item.ap_hashtags.push_back(name);
      }
    }
    return simdjson::SUCCESS;
  }

  // ---------------------------------------------------------------- emitting

  // The fediverse address of an account: "user@server". A REST acct is relative to the
  // server answering ("maelle" is local, "maelle@mastodon.social" remote): a local one
  // gets the host of its profile URL.
  std::string_view Address(std::string_view acct, std::string_view url) {
    if (!acct.empty() && acct.front() == '@') acct.remove_prefix(1);
    if (acct.empty() || acct.find('@') != std::string_view::npos) return acct;
    std::string_view host = HostOf(url);
    if (host.empty()) return acct;
    store_.push_back(fmt::format("{}@{}", acct, host));
    return store_.back();
  }

  // An ActivityPub actor URI as an address: the archive's own actor from actor.json,
  // else from the URI's shape (https://host/users/name, https://host/@name).
  std::string_view ActorAddress(std::string_view uri) {
    LoadActor();
    if (!actor_id_.empty() && uri == actor_id_ && !actor_address_.empty()) return actor_address_;
    std::string_view host = HostOf(uri);
    size_t users = uri.find("/users/");
    size_t at = uri.find("/@");
    std::string_view name;
    if (users != std::string_view::npos) name = uri.substr(users + 7);
    else if (at != std::string_view::npos) name = uri.substr(at + 2);
    name = name.substr(0, name.find_first_of("/?#"));
    if (name.empty() || host.empty()) return uri;
    store_.push_back(fmt::format("{}@{}", name, host));
    return store_.back();
  }

  // actor.json beside the outbox (an archive's layout), read once: its id and
  // preferredUsername name the archive's author.
  void LoadActor() {
    if (actor_loaded_) return;
    actor_loaded_ = true;
    std::string_view file = ctx_->file;
    if (file.empty() || file == "<stdin>"sv) return;
    size_t slash = file.rfind('/');
    std::string path = slash == std::string_view::npos
                           ? std::string("actor.json")
                           : fmt::format("{}/actor.json", file.substr(0, slash));
    simdjson::padded_string json;
    if (simdjson::padded_string::load(path).get(json)) return;
    od::parser parser;
    od::document doc;
    od::object obj;
    if (parser.iterate(json).get(doc) || doc.get_object().get(obj)) return;
    std::string_view id, user, url;
    for (auto fr : obj) {
      od::field f;
      if (std::move(fr).get(f)) return;
      std::string_view key = RawKey(f);
      if (key == "id"sv) GetString(f.value(), id);
      else if (key == "preferredUsername"sv) GetString(f.value(), user);
      else if (key == "url"sv) GetString(f.value(), url);
    }
    std::string_view host = HostOf(!id.empty() ? id : url);
    if (id.empty() || user.empty() || host.empty()) return;
    actor_id_.assign(id);
    actor_address_ = fmt::format("{}@{}", user, host);
  }

  bool CheckTime(std::string_view raw, std::string_view field, int64_t line) {
    if (raw.empty()) {
      MissingField(line, field);
      return false;
    }
    auto ts = ParseTimestamp(raw);
    if (!ts) {
      Error(InputError::kBadTimestamp, line,
            fmt::format("bad timestamp \"{}\" in {} (expected RFC 3339 like "
                        "2025-06-03T16:49:43.431Z)",
                        raw.substr(0, 60), field));
      return false;
    }
    e_.created_at = *ts;
    return true;
  }

  // The event's text (the content warning as written, a blank line, the HTML content's
  // text), its links, its mentions by address and its hashtags: REST and ActivityPub alike.
  void FillContent(std::string_view warning, std::string_view html,
                   const std::vector<Mention>& mentions,
                   const std::vector<std::string_view>& hashtags) {
    text_.clear();
    if (!warning.empty()) {
      AppendDecodedEntities(warning, text_);
      text_.append("\n\n");
    }
    e_.urls = AppendHtmlText(html, text_).links;
    e_.text = text_;
    e_.has_mentions_field = true;
    for (const auto& m : mentions) e_.mentions.push_back(Address(m.acct, m.url));
    e_.hashtags.assign(hashtags.begin(), hashtags.end());
  }

  void EmitStatus(const Item& s, Tally& tally) {
    const int64_t line = lines_.LineOf(s.where);
    if (!FieldTypesRight(s.bad_field, line)) return;
    store_.clear();
    e_.Clear();
    if (s.id.empty()) {
      MissingField(line, "id");
      return;
    }
    std::string_view author = Address(s.account.acct.empty() ? s.account.username : s.account.acct,
                                      s.account.url);
    if (author.empty()) author = s.account.id;
    if (!s.has_account || author.empty()) {
      MissingField(line, "account");
      return;
    }
    if (!CheckTime(s.created_at, "created_at", line)) return;
    e_.platform = Platform::kMastodon;
    e_.id = s.id;
    e_.author = author;
    e_.author_handle = author;
    e_.author_followers = s.account.followers;
    if (s.has_reblog) {
      e_.type = EventType::kShare;
      e_.parent_id = s.reblog_id;
    } else if (!s.in_reply_to_id.empty() || !s.in_reply_to_account_id.empty()) {
      // A reply whose parent was deleted keeps in_reply_to_account_id only.
      e_.type = EventType::kReply;
      e_.parent_id = s.in_reply_to_id;
    } else if (!s.quote_id.empty()) {
      e_.type = EventType::kQuote;
      e_.parent_id = s.quote_id;
    }
    FillContent(s.spoiler_text, s.content, s.mentions, s.tags);
    e_.counters[static_cast<int>(Counter::kReplies)] = s.replies;
    e_.counters[static_cast<int>(Counter::kShares)] = s.reblogs;
    e_.counters[static_cast<int>(Counter::kLikes)] = s.favourites;
    e_.counters[static_cast<int>(Counter::kQuotes)] = s.quotes;
    // A direct status is a private message to the accounts it mentions (E2 (d)).
    if (s.visibility == "direct"sv) e_.inbound = Inbound::kTrue;
    sink_->Add(e_);
    ++tally.events;
  }

  void EmitActivity(Item& a, Tally& tally) {
    const int64_t line = lines_.LineOf(a.where);
    if (a.type == "Announce"sv) {
      store_.clear();
      e_.Clear();
      std::string_view object = a.object ? a.object->id : a.object_uri;
      std::string_view id = a.id;
      if (id.ends_with("/activity")) id.remove_suffix(9);  // the boost's status URI
      const char* missing = id.empty() ? "id" : a.actor.empty() ? "actor" : object.empty() ? "object" : nullptr;
      if (missing) {
        MissingField(line, missing);
        return;
      }
      if (!CheckTime(a.published, "published", line)) return;
      e_.platform = Platform::kMastodon;
      e_.type = EventType::kShare;
      e_.id = id;
      e_.author = e_.author_handle = ActorAddress(a.actor);
      e_.parent_id = object;
      e_.has_mentions_field = true;
      sink_->Add(e_);
      ++tally.events;
      return;
    }
    if (!a.object) {
      Error(InputError::kMissingField, line, "missing required field \"object\" (a Create without its Note)");
      return;
    }
    Item& note = *a.object;
    if (note.published.empty()) note.published = a.published;
    if (!note.addressed && a.addressed) {
      note.addressed = true;
      note.addressed_widely = a.addressed_widely;
    }
    EmitApNote(note, !a.actor.empty() ? a.actor : note.attributed_to, a.where, tally);
  }

  void EmitApNote(const Item& n, std::string_view actor, const char* where, Tally& tally) {
    const int64_t line = lines_.LineOf(where ? where : n.where);
    if (!FieldTypesRight(n.bad_field, line)) return;
    store_.clear();
    e_.Clear();
    const char* missing = n.id.empty() ? "id" : actor.empty() ? "actor" : nullptr;
    if (missing) {
      MissingField(line, missing);
      return;
    }
    if (!CheckTime(n.published, "published", line)) return;
    e_.platform = Platform::kMastodon;
    e_.id = n.id;
    e_.author = e_.author_handle = ActorAddress(actor);
    if (!n.in_reply_to.empty()) {
      e_.type = EventType::kReply;
      e_.parent_id = n.in_reply_to;
    } else if (!n.ap_quote.empty()) {
      e_.type = EventType::kQuote;
      e_.parent_id = n.ap_quote;
    }
    e_.conversation_id = n.conversation;
    FillContent(n.summary, n.content, n.ap_mentions, n.ap_hashtags);
    e_.counters[static_cast<int>(Counter::kReplies)] = n.ap_replies;
    e_.counters[static_cast<int>(Counter::kLikes)] = n.ap_likes;
    e_.counters[static_cast<int>(Counter::kShares)] = n.ap_shares;
    // Addressed to neither the public nor the followers: a direct message.
    if (n.addressed && !n.addressed_widely) e_.inbound = Inbound::kTrue;
    sink_->Add(e_);
    ++tally.events;
  }

  RawEvent e_;
  std::string text_;
  std::deque<std::string> store_;  // built addresses, until the event is added
  bool actor_loaded_ = false;
  std::string actor_id_, actor_address_;
};

// ---------------------------------------------------------------- the reader

class MastodonReader final : public JsonTextsReader<MastodonDecoder> {
 public:
  MastodonReader() : JsonTextsReader("jq -c '.[]'") {}
  std::string_view name() const override { return "mastodon"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<MastodonReader>(); }

  int Detect(std::string_view head) const override {
    if (OpeningBracket(head) == std::string_view::npos) return 0;
    auto has = [&](std::string_view k) { return head.find(k) != std::string_view::npos; };
    // Keys of Mastodon statuses only (X v1 users have "favourites_count" too: not used).
    if (has("\"reblogs_count\"") || has("\"in_reply_to_account_id\"")) return 85;
    if (has("\"ancestors\"") && has("\"descendants\"")) return 85;
    // ActivityPub: an archive's outbox.json, likes.json, actor.json (with their
    // @context), or activities without it.
    if (has("\"https://www.w3.org/ns/activitystreams\"")) return 80;
    if (has("\"orderedItems\"") && (HasKeyValue(head, "type", "Create") || HasKeyValue(head, "type", "Announce")))
      return 80;
    // Lists of accounts (favourited_by, reblogged_by): read only to say why not.
    if (has("\"acct\"") && has("\"statuses_count\"")) return 80;
    return 0;
  }

};

}  // namespace

std::unique_ptr<Reader> MakeMastodonReader() { return std::make_unique<MastodonReader>(); }

}  // namespace rapport
