// Facebook Graph API (docs/formats.md "facebook"): posts of a page, user or group
// feed (/{id}/posts, /{id}/feed, /{post-id}, ?ids=), comments (/{object}/comments,
// nested comments{...} of a post, replies of a comment) and videos, in any JSON layout
// (json_helpers.h) and any Graph API shape (an envelope with data[], a multi-id
// lookup, one object). Pages, groups, likes and standalone insights responses carry no
// conversation: counted as wrong_type and skipped.
//
// Ids: a post id is "<owner>_<post>" (the owner is the page, user or group whose feed
// it is); a comment id "<post>_<comment>". Comments read without a page token have no
// "id" and no "from": the id and the reply link come from permalink_url
// (".../<owner>/posts/<post>/?comment_id=<c>&reply_comment_id=<r>").
// Authors: `from` when present; otherwise a post is its owner's and a comment's author
// is unknown (graph::kUnknownAuthor). inbound=false when the author is the feed's
// owner (the page's own posts and replies), true when someone else wrote on it,
// unknown when the payload does not say.
#include <string>

#include "fmt/format.h"
#include "io/readers/graph_api.h"
#include "io/readers/json_helpers.h"
#include "io/readers/registry.h"

namespace rapport {
namespace {

using namespace json;
using namespace std::string_view_literals;

// Post insights (requested as fields=insights.metric(...)) -> counters.
constexpr graph::MetricCounter kPostInsights[] = {
    {"post_impressions", Counter::kImpressions},
    {"post_impressions_unique", Counter::kReach},
    {"post_clicks", Counter::kClicks},
    {"post_video_views", Counter::kViews},
};

// What permalink_url says about a comment.
struct Permalink {
  std::string_view owner, post, comment, reply;
};

std::string_view QueryParam(std::string_view url, std::string_view name) {
  size_t q = url.find('?');
  while (q != std::string_view::npos) {
    std::string_view rest = url.substr(q + 1);
    if (rest.substr(0, name.size()) == name && rest.size() > name.size() && rest[name.size()] == '=') {
      rest.remove_prefix(name.size() + 1);
      return rest.substr(0, rest.find_first_of("&#"));
    }
    q = url.find('&', q + 1);
  }
  return {};
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Permalink ParsePermalink(std::string_view url) {
  Permalink p;
  // https://www.facebook.com/<owner>/posts/<post>/?comment_id=..
  size_t posts = url.find("/posts/");
  if (posts != std::string_view::npos) {
    std::string_view head = url.substr(0, posts);
    p.owner = head.substr(head.rfind('/') + 1);
    std::string_view tail = url.substr(posts + 7);
    p.post = tail.substr(0, tail.find_first_of("/?#"));
    if (!AllDigits(p.owner)) p.owner = {};  // a vanity name, not an id
    if (!AllDigits(p.post)) p.post = {};
  }
  p.comment = QueryParam(url, "comment_id");
  p.reply = QueryParam(url, "reply_comment_id");
  if (!AllDigits(p.comment)) p.comment = {};
  if (!AllDigits(p.reply)) p.reply = {};
  return p;
}

// "<owner>_<post>" -> "<owner>" (empty for an id without the underscore).
std::string_view OwnerOf(std::string_view post_id) {
  size_t u = post_id.find('_');
  return u == std::string_view::npos ? std::string_view() : post_id.substr(0, u);
}

class FacebookReader final : public JsonRecordReader {
 public:
  FacebookReader() : JsonRecordReader(false) {}
  std::string_view name() const override { return "facebook"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<FacebookReader>(); }

  int Detect(std::string_view head) const override {
    Sniff s = SniffHead(head);
    if (!s.json || !s.js_prefix.empty()) return 0;
    for (const auto& r : s.records) {
      // Posts and comments: created_time with a Graph API post or comment field.
      if (graph::HasAt(r, "created_time",
                       {"message", "story", "permalink_url", "reactions", "shares", "status_type",
                        "comment_count", "like_count", "from", "message_tags", "attachments"}))
        return 85;
      // Insights of posts and pages (their metric names start post_ / page_).
      if (graph::HasAt(r, "period", {"values", "total_value"}) &&
          (head.find("\"post_") != std::string_view::npos || head.find("\"page_") != std::string_view::npos))
        return 85;
    }
    return 0;
  }

 protected:
  void HandleRecord(dom::element root) override {
    dom::element error;
    if (Object(root, "error", error)) {
      Fail(InputError::kWrongType,
           fmt::format("a Graph API error response: {}", Str(error, "message").substr(0, 200)));
      return;
    }
    graph::ForEachObject(root, [this](dom::element item) { HandleObject(item); });
  }

 private:
  void HandleObject(dom::element item) {
    if (item.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "an item is not a JSON object");
      return;
    }
    if (graph::IsInsightsMetric(item)) {
      Fail(InputError::kWrongType,
           fmt::format("insights \"{}\" ({}) without their post: request them as a field of the post "
                       "(fields=...,insights.metric(post_impressions,post_impressions_unique)) to have them read",
                       Str(item, "name"), Str(item, "id")));
      return;
    }
    if (IsComment(item)) {
      HandleComment(item, {}, {}, {});
      return;
    }
    // Live video objects (/{page}/live_videos): a broadcast's status, no post time; the
    // video's post comes through /{page}/posts or /{page}/videos.
    if (IsNonNull(item, "embed_html") || IsNonNull(item, "creation_time") || IsNonNull(item, "live_views")) {
      Fail(InputError::kWrongType,
           fmt::format("object {} is a live video broadcast, not a post (read its post from /posts or "
                       "/videos): skipped",
                       Str(item, "id")));
      return;
    }
    bool content = IsNonNull(item, "message") || IsNonNull(item, "story") || IsNonNull(item, "from") ||
                   IsNonNull(item, "status_type") || IsNonNull(item, "reactions") ||
                   IsNonNull(item, "title") || IsNonNull(item, "description");
    if (!IsNonNull(item, "created_time")) {
      std::string_view id = Str(item, "id");
      if (content && !IsNonNull(item, "name"))
        Fail(InputError::kMissingField, fmt::format("post {}: missing required field \"created_time\"", id));
      else
        Fail(InputError::kWrongType,
             fmt::format("object {} is not a post or a comment (pages, groups, likes and live videos "
                         "carry no conversation): skipped",
                         id));
      return;
    }
    // Groups have a created_time too: a name and a member count, no content.
    if (IsNonNull(item, "member_count") || (IsNonNull(item, "name") && !content)) {
      Fail(InputError::kWrongType,
           fmt::format("object {} is a group or a page, not a post: skipped", Str(item, "id")));
      return;
    }
    HandlePost(item);
  }

  static bool IsComment(dom::element item) {
    if (IsNonNull(item, "comment_count") || IsNonNull(item, "parent") || IsNonNull(item, "like_count"))
      return true;
    return Str(item, "permalink_url").find("comment_id=") != std::string_view::npos;
  }

  bool Required(RawEvent& e, dom::element item, std::string_view what) {
    std::string_view created = Str(item, "created_time");
    if (created.empty()) {
      Fail(InputError::kMissingField, fmt::format("{} {}: missing required field \"created_time\"", what, e.id));
      return false;
    }
    auto ts = ParseTimestamp(created);
    if (!ts) {
      Fail(InputError::kBadTimestamp,
           fmt::format("{} {}: bad timestamp \"{}\" (expected like 2021-07-09T19:09:52+0000)", what, e.id,
                       created.substr(0, 60)));
      return false;
    }
    e.created_at = *ts;
    return true;
  }

  // from.id / from.name; `owner` is the feed's owner when known.
  void SetAuthor(RawEvent& e, dom::element item, std::string_view owner, std::string_view fallback) {
    dom::element from;
    if (Object(item, "from", from) && !Id(from, "id", arena_).empty()) {
      e.author = Id(from, "id", arena_);
      e.author_handle = Str(from, "name");
    } else {
      e.author = fallback.empty() ? graph::kUnknownAuthor : fallback;
    }
    if (!owner.empty() && e.author != graph::kUnknownAuthor)
      e.inbound = e.author == owner ? Inbound::kFalse : Inbound::kTrue;
  }

  void HandlePost(dom::element item) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kFacebook;
    e.id = Id(item, "id", arena_);
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "a post without \"id\"");
      return;
    }
    if (!Required(e, item, "post")) return;
    std::string_view owner = OwnerOf(e.id);
    SetAuthor(e, item, owner, owner);
    e.text = Str(item, "message");
    if (e.text.empty()) e.text = Str(item, "story");
    if (e.text.empty()) {  // a video: its title and description
      std::string_view title = Str(item, "title"), description = Str(item, "description");
      e.text = title.empty() ? description
               : description.empty() ? title
                                     : arena_.Keep(fmt::format("{}\n\n{}", title, description));
    }
    // A share of another post carries that post's id in parent_id.
    std::string_view shared = Id(item, "parent_id", arena_);
    e.type = shared.empty() ? EventType::kPost : EventType::kShare;
    e.parent_id = shared;
    e.conversation_id = e.id;
    // Reactions of every type are the "likes" counter (METRICS.md E1 facebook); the
    // older likes edge when reactions were not requested.
    int64_t reactions = graph::SummaryTotal(item, "reactions");
    e.counters[static_cast<int>(Counter::kLikes)] =
        reactions != kUnknownCount ? reactions : graph::SummaryTotal(item, "likes");
    e.counters[static_cast<int>(Counter::kComments)] = graph::SummaryTotal(item, "comments");
    dom::element shares;
    if (Object(item, "shares", shares)) e.counters[static_cast<int>(Counter::kShares)] = Count(shares, "count");
    graph::ApplyInsights(item, kPostInsights, e.counters);
    // Tagged pages and people: their ids, as authors are ids.
    dom::array tags;
    if (Array(item, "message_tags", tags)) {
      e.has_mentions_field = true;
      for (dom::element t : tags) {
        std::string_view id = Id(t, "id", arena_);
        if (!id.empty()) e.mentions.push_back(id);
      }
    }
    std::string post_id(e.id), post_owner(owner);
    Emit(e);
    // Comments requested with the post (fields=comments{...}).
    dom::element comments;
    dom::array data;
    if (Object(item, "comments", comments) && Array(comments, "data", data))
      for (dom::element c : data) HandleComment(c, post_id, post_owner, post_id);
  }

  // `parent` is the post or comment this one is nested under, `post` its post (""
  // at top level); `owner` the feed owner when known from the post.
  void HandleComment(dom::element item, std::string parent, std::string owner, std::string post) {
    if (item.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "a comment is not a JSON object");
      return;
    }
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kFacebook;
    Permalink link = ParsePermalink(Str(item, "permalink_url"));
    e.id = Id(item, "id", arena_);
    // "<post>_<comment>": the post part comes from the id when there is one.
    std::string_view post_part = OwnerOf(e.id);
    if (post_part.empty()) post_part = link.post;
    if (e.id.empty()) {
      std::string_view c = link.reply.empty() ? link.comment : link.reply;
      if (!c.empty() && !link.post.empty()) e.id = arena_.Keep(fmt::format("{}_{}", link.post, c));
    }
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "a comment without \"id\" (and no permalink_url to take it from)");
      return;
    }
    if (!Required(e, item, "comment")) return;
    if (owner.empty()) owner = link.owner;
    std::string_view post_id = post;
    if (post_id.empty() && !link.owner.empty() && !link.post.empty())
      post_id = arena_.Keep(fmt::format("{}_{}", link.owner, link.post));
    // The item replied to: `parent` of a reply, the comment the permalink names for a
    // reply, the post it is nested under, the post of the permalink.
    dom::element p;
    if (Object(item, "parent", p) && !Id(p, "id", arena_).empty()) {
      e.parent_id = Id(p, "id", arena_);
    } else if (!link.reply.empty() && !link.comment.empty() && !post_part.empty()) {
      e.parent_id = arena_.Keep(fmt::format("{}_{}", post_part, link.comment));
    } else if (!parent.empty()) {
      e.parent_id = arena_.Keep(parent);
    } else {
      e.parent_id = post_id;
    }
    e.conversation_id = post_id;
    e.type = EventType::kReply;
    SetAuthor(e, item, owner, {});
    e.text = Str(item, "message");
    // like_count; older API versions give "likes" as a number on comments.
    int64_t likes = Count(item, "like_count");
    e.counters[static_cast<int>(Counter::kLikes)] = likes != kUnknownCount ? likes : Count(item, "likes");
    e.counters[static_cast<int>(Counter::kComments)] = Count(item, "comment_count");
    dom::array tags;
    if (Array(item, "message_tags", tags)) {
      e.has_mentions_field = true;
      for (dom::element t : tags) {
        std::string_view id = Id(t, "id", arena_);
        if (!id.empty()) e.mentions.push_back(id);
      }
    }
    std::string id(e.id), conversation(post_id);
    Emit(e);
    // Replies requested with the comment (comments{comments{...}}).
    dom::element replies;
    dom::array data;
    if (Object(item, "comments", replies) && Array(replies, "data", data))
      for (dom::element c : data) HandleComment(c, id, owner, conversation);
  }

  RawEvent e_;
};

}  // namespace

std::unique_ptr<Reader> MakeFacebookReader() { return std::make_unique<FacebookReader>(); }

}  // namespace rapport
