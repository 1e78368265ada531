// `--format youtube`: YouTube Data API v3 items, one a line: a post is a video
// (videos.list: `snippet` with `channelId`, `title`, `publishedAt`, `statistics` as
// strings), a first-level reply is a comment thread (commentThreads.list: its
// `topLevelComment` under the video) and a deeper reply a comment (comments.list:
// `parentId` the thread's top-level comment: YouTube threads are one level deep, so
// a reply to a reply answers the thread, "@handle" first as YouTube writes it).
// YouTube has no quotes or share events, and a comment has only its likes.
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

// Ids look random, as YouTube's do (a scrambled generator id: 64 bits in 11 characters).
void AppendVideoId(std::string& out, uint64_t id) { AppendBase(out, ScrambleId(id), kBase64Url, 11); }

void AppendCommentId(std::string& out, uint64_t id) {
  out += "Ugz";
  AppendBase(out, ScrambleId(id), kBase64Url, 11);
  out += "4AaABAg";
}

// "UC" and 22 characters, derived from the author.
void AppendChannelId(std::string& out, std::string_view author) {
  const uint64_t h = HashOf(author);
  out += "UC";
  AppendBase(out, h >> 2, kBase64Url, 11);
  AppendBase(out, (h * 0x9E3779B97F4A7C15ULL) >> 2, kBase64Url, 11);
}

class YoutubeWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kShare || e.type == EventType::kQuote) return false;
    if (e.type == EventType::kPost) {
      out += "{\"kind\":\"youtube#video\",\"etag\":\"";
      AppendBase(out, HashOf(e.text), kBase64Url, 11);
      out += "\",\"id\":\"";
      AppendVideoId(out, e.id);
      out += "\",\"snippet\":{\"publishedAt\":\"";
      AppendIsoSeconds(out, e.t);
      out += "Z\",\"channelId\":\"";
      AppendChannelId(out, e.author_id);
      out += "\",\"title\":\"";
      out += e.text;
      out += "\",\"description\":\"\",\"channelTitle\":\"";
      out += e.handle;
      out += "\"},\"statistics\":{";
      if (e.impressions >= 0) {
        out += "\"viewCount\":\"";
        AppendUint(out, static_cast<uint64_t>(e.impressions));
        out += "\",";
      }
      out += "\"likeCount\":\"";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
      out += "\",\"commentCount\":\"";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
      out += "\"}}\n";
      return true;
    }
    if (e.depth == 1) {
      out += "{\"kind\":\"youtube#commentThread\",\"id\":\"";
      AppendCommentId(out, e.id);
      out += "\",\"snippet\":{\"channelId\":\"";
      AppendChannelId(out, e.root_author_id);
      out += "\",\"videoId\":\"";
      AppendVideoId(out, e.root_id);
      out += "\",\"topLevelComment\":{\"kind\":\"youtube#comment\",\"id\":\"";
      AppendCommentId(out, e.id);
      out += "\",";
      AppendSnippet(e, out);
      out += "},\"canReply\":true,\"totalReplyCount\":";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
      out += ",\"isPublic\":true}}\n";
      return true;
    }
    out += "{\"kind\":\"youtube#comment\",\"id\":\"";
    AppendCommentId(out, e.thread_id);
    out += '.';
    AppendBase(out, ScrambleId(e.id), kBase64Url, 11);
    AppendBase(out, HashOf(e.text), kBase64Url, 11);
    out += "\",";
    AppendSnippet(e, out);
    out += "}\n";
    return true;
  }

 private:
  static void AppendSnippet(const SynthEvent& e, std::string& out) {
    out += "\"snippet\":{\"channelId\":\"";
    AppendChannelId(out, e.root_author_id);
    out += "\",\"videoId\":\"";
    AppendVideoId(out, e.root_id);
    out += "\",\"textDisplay\":\"";
    if (e.depth > 1) AppendAddressed(out, e.parent_handle, e.text);
    AppendHtmlEscaped(out, e.text);
    out += "\",\"textOriginal\":\"";
    if (e.depth > 1) AppendAddressed(out, e.parent_handle, e.text);
    out += e.text;
    if (e.depth > 1) {
      out += "\",\"parentId\":\"";
      AppendCommentId(out, e.thread_id);
    }
    out += "\",\"authorDisplayName\":\"@";
    out += e.handle;
    out += "\",\"authorChannelUrl\":\"http://www.youtube.com/@";
    out += e.handle;
    out += "\",\"authorChannelId\":{\"value\":\"";
    AppendChannelId(out, e.author_id);
    out += "\"},\"canRate\":true,\"viewerRating\":\"none\",\"likeCount\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"publishedAt\":\"";
    AppendIsoSeconds(out, e.t);
    out += "Z\",\"updatedAt\":\"";
    AppendIsoSeconds(out, e.t);
    out += "Z\"}";
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewYoutubeWriter() { return std::make_unique<YoutubeWriter>(); }

}  // namespace rapport::synth
