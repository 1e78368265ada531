// Instagram Graph API (docs/formats.md "instagram"): media (/{user}/media, /{media},
// /{user}/tags, stories, hashtag top/recent media, business_discovery.media of another
// account, mentioned_media), comments (/{media}/comments, /{comment}/replies,
// mentioned_comment, comments{...} and replies{...} nested in a media or comment),
// with insights requested as a field of the media (insights.metric(...)). Any JSON
// layout (json_helpers.h) and Graph API shape (graph_api.h).
//
// A media is a post; a comment is a reply to its media (or, for a reply, to its
// comment). Authors: owner.id (handle: username), else username, else unknown
// (graph::kUnknownAuthor: /{user}/media does not repeat its owner). Users, hashtags
// and standalone insights responses (they name no media time or author) are counted
// as wrong_type and skipped; media without a timestamp (hashtag search results) as
// missing_field.
#include <string>

#include "fmt/format.h"
#include "io/readers/graph_api.h"
#include "io/readers/json_helpers.h"
#include "io/readers/registry.h"

namespace rapport {
namespace {

using namespace json;
using namespace std::string_view_literals;

// Media insights -> counters (the counters the media object itself gives win for
// likes and comments: they are read after).
constexpr graph::MetricCounter kMediaInsights[] = {
    {"impressions", Counter::kImpressions}, {"reach", Counter::kReach},
    {"saved", Counter::kSaves},             {"shares", Counter::kShares},
    {"video_views", Counter::kViews},       {"plays", Counter::kViews},
    {"views", Counter::kViews},             {"likes", Counter::kLikes},
    {"comments", Counter::kComments},
};

// Who the media belongs to, when the response says it once for all of them.
struct Context {
  std::string_view author, handle;
  int64_t followers = kUnknownCount;
  Inbound inbound = Inbound::kUnknown;
};

class InstagramReader final : public JsonRecordReader {
 public:
  InstagramReader() : JsonRecordReader(false) {}
  std::string_view name() const override { return "instagram"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<InstagramReader>(); }

  int Detect(std::string_view head) const override {
    Sniff s = SniffHead(head);
    if (!s.json || !s.js_prefix.empty()) return 0;
    for (const auto& r : s.records) {
      if (r.Has("business_discovery") || r.Has("mentioned_media") || r.Has("mentioned_comment")) return 85;
      if (graph::HasAt(r, "media_type", {"id"}) || graph::HasAt(r, "comments_count", {"like_count"}) ||
          graph::HasAt(r, "timestamp", {"caption", "username", "media_url", "like_count", "text"}))
        return 85;
      // Insights of media and users (a Facebook page's start post_ / page_).
      if (graph::HasAt(r, "period", {"values", "total_value"}) &&
          head.find("/insights/") != std::string_view::npos &&
          head.find("\"post_") == std::string_view::npos && head.find("\"page_") == std::string_view::npos)
        return 85;
    }
    return 0;
  }

 protected:
  void HandleRecord(dom::element root) override {
    dom::element error, wrapper;
    if (Object(root, "error", error)) {
      Fail(InputError::kWrongType,
           fmt::format("a Graph API error response: {}", Str(error, "message").substr(0, 200)));
      return;
    }
    // business_discovery: another business account, its media nested.
    if (Object(root, "business_discovery", wrapper)) {
      Context ctx;
      ctx.author = Id(wrapper, "id", arena_);
      ctx.handle = Str(wrapper, "username");
      if (ctx.author.empty()) ctx.author = ctx.handle;
      ctx.followers = Count(wrapper, "followers_count");
      dom::element media;
      dom::array data;
      if (Object(wrapper, "media", media) && Array(media, "data", data)) {
        for (dom::element m : data) HandleObject(m, ctx);
      } else {
        Fail(InputError::kWrongType,
             fmt::format("business_discovery of {} has no media: a user is not a post", ctx.handle));
      }
      return;
    }
    // Mentions of the account (root id): written by others, sent to it.
    for (auto key : {"mentioned_media"sv, "mentioned_comment"sv}) {
      if (!Object(root, key, wrapper)) continue;
      Context ctx;
      ctx.inbound = Inbound::kTrue;
      HandleObject(wrapper, ctx);
      return;
    }
    graph::ForEachObject(root, [this](dom::element item) { HandleObject(item, Context{}); });
  }

 private:
  static bool IsMedia(dom::element item) {
    return IsNonNull(item, "media_type") || IsNonNull(item, "caption") || IsNonNull(item, "comments_count") ||
           IsNonNull(item, "media_url") || IsNonNull(item, "media_product_type") ||
           IsNonNull(item, "shortcode") || IsNonNull(item, "permalink");
  }

  void HandleObject(dom::element item, const Context& ctx) {
    if (item.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "an item is not a JSON object");
      return;
    }
    if (graph::IsInsightsMetric(item)) {
      Fail(InputError::kWrongType,
           fmt::format("insights \"{}\" ({}) without their media: request them as a field of the media "
                       "(fields=id,timestamp,...,insights.metric(impressions,reach,saved)) to have them read",
                       Str(item, "name"), Str(item, "id")));
      return;
    }
    if (IsMedia(item)) {
      HandleMedia(item, ctx);
    } else if (IsNonNull(item, "text")) {
      HandleComment(item, ctx, {}, {});
    } else {
      Fail(InputError::kWrongType,
           fmt::format("object {} is not a media or a comment (users and hashtags carry no conversation): "
                       "skipped",
                       Str(item, "id")));
    }
  }

  bool Common(RawEvent& e, dom::element item, const Context& ctx, std::string_view what) {
    e.platform = Platform::kInstagram;
    e.id = Id(item, "id", arena_);
    if (e.id.empty()) {
      Fail(InputError::kMissingField, fmt::format("a {} without \"id\"", what));
      return false;
    }
    std::string_view ts_text = Str(item, "timestamp");
    if (ts_text.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("{} {}: missing required field \"timestamp\" (hashtag search results have none; "
                       "request fields=...,timestamp)",
                       what, e.id));
      return false;
    }
    auto ts = ParseTimestamp(ts_text);
    if (!ts) {
      Fail(InputError::kBadTimestamp,
           fmt::format("{} {}: bad timestamp \"{}\" (expected like 2021-08-19T09:00:22+0000)", what, e.id,
                       ts_text.substr(0, 60)));
      return false;
    }
    e.created_at = *ts;
    dom::element owner;
    std::string_view username = Str(item, "username");
    if (Object(item, "owner", owner) && !Id(owner, "id", arena_).empty()) {
      e.author = Id(owner, "id", arena_);
      e.author_handle = username;
    } else if (!username.empty()) {
      e.author = username;
      e.author_handle = username;
    } else if (!ctx.author.empty()) {
      e.author = ctx.author;
      e.author_handle = ctx.handle;
      e.author_followers = ctx.followers;
    } else {
      e.author = graph::kUnknownAuthor;
    }
    e.inbound = ctx.inbound;
    return true;
  }

  void HandleMedia(dom::element item, const Context& ctx) {
    RawEvent& e = e_;
    e.Clear();
    if (!Common(e, item, ctx, "media")) return;
    e.type = EventType::kPost;
    e.conversation_id = e.id;
    e.text = Str(item, "caption");
    graph::ApplyInsights(item, kMediaInsights, e.counters);
    int64_t likes = Count(item, "like_count"), comments = Count(item, "comments_count");
    if (likes != kUnknownCount) e.counters[static_cast<int>(Counter::kLikes)] = likes;
    if (comments != kUnknownCount) e.counters[static_cast<int>(Counter::kComments)] = comments;
    std::string id(e.id);
    Emit(e);
    // Comments requested with the media (fields=comments{...}); carousel children are
    // parts of this post, not posts.
    dom::element nested;
    dom::array data;
    if (Object(item, "comments", nested) && Array(nested, "data", data))
      for (dom::element c : data) HandleComment(c, Context{}, id, id);
  }

  // `parent` the media or comment it is nested under, `media` its media ("" at top level).
  void HandleComment(dom::element item, const Context& ctx, std::string parent, std::string media) {
    if (item.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "a comment is not a JSON object");
      return;
    }
    RawEvent& e = e_;
    e.Clear();
    if (!Common(e, item, ctx, "comment")) return;
    e.type = EventType::kReply;
    dom::element m;
    if (media.empty() && Object(item, "media", m)) media = std::string(Id(m, "id", arena_));
    // parent_id (a reply's comment) when requested, else the item it is nested under,
    // else its media.
    std::string_view parent_id = Id(item, "parent_id", arena_);
    if (parent_id.empty()) parent_id = arena_.Keep(parent.empty() ? media : parent);
    e.parent_id = parent_id;
    e.conversation_id = arena_.Keep(media);
    e.text = Str(item, "text");
    e.counters[static_cast<int>(Counter::kLikes)] = Count(item, "like_count");
    std::string id(e.id);
    Emit(e);
    dom::element replies;
    dom::array data;
    if (Object(item, "replies", replies) && Array(replies, "data", data))
      for (dom::element c : data) HandleComment(c, Context{}, id, media);
  }

  RawEvent e_;
};

}  // namespace

std::unique_ptr<Reader> MakeInstagramReader() { return std::make_unique<InstagramReader>(); }

}  // namespace rapport
