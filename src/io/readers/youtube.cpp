// YouTube Data API v3 (docs/formats.md "youtube"): commentThreads.list,
// comments.list and videos.list responses, one per document or one per line, or
// arrays of their items. A top-level comment is a reply to its video (parent_id and
// conversation_id the videoId, even when the video is not in the data), or to its
// channel for a channel discussion comment; replies answer their top-level comment
// (snippet.parentId). A video is a post by its channel. Channels, search results,
// activities and playlists carry no conversation and are not read.
#include <string>

#include "fmt/format.h"
#include "io/readers/json_helpers.h"
#include "io/readers/registry.h"
#include "text/html_text.h"

namespace rapport {
namespace {

using namespace json;
using namespace std::string_view_literals;

constexpr std::string_view kReadKinds[] = {
    "youtube#commentThreadListResponse", "youtube#commentListResponse",
    "youtube#videoListResponse",         "youtube#commentThread",
    "youtube#comment",                   "youtube#video"};

bool IsReadKind(std::string_view kind) {
  for (auto k : kReadKinds)
    if (k == kind) return true;
  return false;
}

class YoutubeReader final : public JsonRecordReader {
 public:
  YoutubeReader() : JsonRecordReader(false) {}
  std::string_view name() const override { return "youtube"; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<YoutubeReader>(); }

  int Detect(std::string_view head) const override {
    Sniff s = SniffHead(head);
    if (!s.json) return 0;
    for (const auto& r : s.records)
      if (IsReadKind(r.kind)) return 90;
    return 0;
  }

 protected:
  void HandleRecord(dom::element root) override {
    dom::array arr;
    if (!root.get_array().get(arr)) {
      for (dom::element item : arr) HandleResource(item);
      return;
    }
    std::string_view kind = Str(root, "kind");
    dom::array items;
    if (kind.ends_with("ListResponse"sv) || (kind.empty() && Array(root, "items", items))) {
      if (!kind.empty() && !IsReadKind(kind)) {
        Fail(InputError::kWrongType,
             fmt::format("a {} is not comments or videos (channels, search results, activities "
                         "and playlists carry no conversation): skipped",
                         kind));
        return;
      }
      if (Array(root, "items", items))
        for (dom::element item : items) HandleResource(item);
      return;
    }
    HandleResource(root);
  }

 private:
  void HandleResource(dom::element item) {
    if (item.type() != dom::element_type::OBJECT) {
      Fail(InputError::kWrongType, "an item is not a JSON object");
      return;
    }
    std::string_view kind = Str(item, "kind");
    dom::element snippet;
    bool has_snippet = Object(item, "snippet", snippet);
    if (kind.empty() && has_snippet) {
      // Items written without their kind: recognised by their snippet.
      if (IsNonNull(snippet, "topLevelComment")) kind = "youtube#commentThread";
      else if (IsNonNull(snippet, "textOriginal") || IsNonNull(snippet, "textDisplay")) kind = "youtube#comment";
      else if (IsNonNull(snippet, "channelId") && IsNonNull(snippet, "title")) kind = "youtube#video";
    }
    if (kind == "youtube#commentThread"sv) {
      HandleThread(item);
    } else if (kind == "youtube#comment"sv) {
      EmitComment(item, {}, kUnknownCount);
    } else if (kind == "youtube#video"sv) {
      EmitVideo(item);
    } else {
      Fail(InputError::kWrongType,
           kind.empty() ? std::string("an item without \"kind\" that is not a comment or a video")
                        : fmt::format("a {} is not a comment or a video: skipped", kind));
    }
  }

  void HandleThread(dom::element thread) {
    dom::element snippet, top;
    if (!Object(thread, "snippet", snippet) || !Object(snippet, "topLevelComment", top)) {
      Fail(InputError::kMissingField, fmt::format("comment thread {}: missing required field "
                                                  "\"snippet.topLevelComment\"",
                                                  Str(thread, "id")));
      return;
    }
    // What the thread is about: a video, or a channel (discussion comments).
    std::string_view target = Str(snippet, "videoId");
    if (target.empty()) target = Str(snippet, "channelId");
    EmitComment(top, target, Count(snippet, "totalReplyCount"));
    dom::element replies;
    dom::array comments;
    if (Object(thread, "replies", replies) && Array(replies, "comments", comments))
      for (dom::element c : comments) EmitComment(c, target, kUnknownCount);
  }

  void EmitComment(dom::element c, std::string_view target, int64_t replies) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kYoutube;
    e.id = Str(c, "id");
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "a comment without \"id\"");
      return;
    }
    dom::element s;
    if (!Object(c, "snippet", s)) {
      Fail(InputError::kMissingField, fmt::format("comment {}: missing required field \"snippet\"", e.id));
      return;
    }
    dom::element channel;
    if (Object(s, "authorChannelId", channel)) e.author = Str(channel, "value");
    e.author_handle = Str(s, "authorDisplayName");
    // Without a channel id (a removed account) the display name stands for the author.
    if (e.author.empty()) e.author = e.author_handle;
    if (e.author.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("comment {}: missing required field \"snippet.authorChannelId\"", e.id));
      return;
    }
    std::string_view published = Str(s, "publishedAt");
    if (published.empty()) {
      Fail(InputError::kMissingField,
           fmt::format("comment {}: missing required field \"snippet.publishedAt\"", e.id));
      return;
    }
    auto ts = ParseTimestamp(published);
    if (!ts) {
      Fail(InputError::kBadTimestamp,
           fmt::format("comment {}: bad timestamp \"{}\" (expected like 2019-04-20T01:03:39.000Z)",
                       e.id, published.substr(0, 60)));
      return;
    }
    e.created_at = *ts;
    e.text = Str(s, "textOriginal");
    if (e.text.empty() && !Str(s, "textDisplay").empty()) {
      std::string text;  // only textDisplay (HTML): its plain text
      AppendHtmlText(Str(s, "textDisplay"), text);
      e.text = arena_.Keep(std::move(text));
    }
    if (target.empty()) target = Str(s, "videoId");
    if (target.empty()) target = Str(s, "channelId");
    // Every comment is a reply: a top-level one to its video (or channel), which
    // need not be in the data; the conversation is the video's.
    e.type = EventType::kReply;
    std::string_view parent = Str(s, "parentId");
    e.parent_id = parent.empty() ? target : parent;
    e.conversation_id = target;
    e.counters[static_cast<int>(Counter::kLikes)] = Count(s, "likeCount");
    if (parent.empty()) e.counters[static_cast<int>(Counter::kReplies)] = replies;
    Emit(e);
  }

  void EmitVideo(dom::element v) {
    RawEvent& e = e_;
    e.Clear();
    e.platform = Platform::kYoutube;
    e.id = Str(v, "id");
    if (e.id.empty()) {
      Fail(InputError::kMissingField, "a video without \"id\"");
      return;
    }
    dom::element s;
    if (!Object(v, "snippet", s) || Str(s, "channelId").empty()) {
      Fail(InputError::kMissingField,
           fmt::format("video {}: missing required field \"snippet.channelId\" (request part=snippet)", e.id));
      return;
    }
    e.author = Str(s, "channelId");
    e.author_handle = Str(s, "channelTitle");
    std::string_view published = Str(s, "publishedAt");
    auto ts = ParseTimestamp(published);
    if (!ts) {
      Fail(published.empty() ? InputError::kMissingField : InputError::kBadTimestamp,
           published.empty() ? fmt::format("video {}: missing required field \"snippet.publishedAt\"", e.id)
                             : fmt::format("video {}: bad timestamp \"{}\"", e.id, published.substr(0, 60)));
      return;
    }
    e.created_at = *ts;
    e.type = EventType::kPost;
    e.conversation_id = e.id;
    std::string_view title = Str(s, "title"), description = Str(s, "description");
    e.text = description.empty() ? title : arena_.Keep(fmt::format("{}\n\n{}", title, description));
    dom::element st;
    if (Object(v, "statistics", st)) {
      e.counters[static_cast<int>(Counter::kViews)] = Count(st, "viewCount");
      e.counters[static_cast<int>(Counter::kLikes)] = Count(st, "likeCount");
      e.counters[static_cast<int>(Counter::kComments)] = Count(st, "commentCount");
    }
    Emit(e);
  }

  RawEvent e_;
};

}  // namespace

std::unique_ptr<Reader> MakeYoutubeReader() { return std::make_unique<YoutubeReader>(); }

}  // namespace rapport
