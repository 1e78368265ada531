// `--format instagram`: Instagram Graph API objects, one a line (NDJSON of the items of
// /{user}/media and /{media}/comments, requested with username): media with
// `media_type`, `caption`, `timestamp` (+0000), `like_count`, `comments_count`,
// `permalink`; comments with `text`, `username`, `like_count`, `media.id` and, for a
// reply, `parent_id`. Instagram threads are one level deep (a reply to a reply
// answers the first-level comment), and it has no quotes, no share events and no
// follower count on media or comments.
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

// Instagram ids are 17-digit numbers.
constexpr uint64_t kMediaBase = 17900000000000000ULL, kCommentBase = 18000000000000000ULL;

void AppendTime(std::string& out, Seconds t) {
  AppendIsoSeconds(out, t);
  out += "+0000";
}

class InstagramWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kShare || e.type == EventType::kQuote) return false;
    if (e.type == EventType::kPost) {
      out += "{\"id\":\"";
      AppendUint(out, kMediaBase + e.id);
      out += "\",\"caption\":\"";
      out += e.text;
      out += "\",\"media_type\":\"IMAGE\",\"media_product_type\":\"FEED\",\"timestamp\":\"";
      AppendTime(out, e.t);
      out += "\",\"username\":\"";
      out += e.handle;
      out += "\",\"like_count\":";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
      out += ",\"comments_count\":";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
      out += ",\"permalink\":\"https://www.instagram.com/p/";
      AppendBase(out, e.id, kBase64Url, 11);
      out += "/\"}\n";
      return true;
    }
    out += "{\"id\":\"";
    AppendUint(out, kCommentBase + e.id);
    out += "\",\"text\":\"";
    if (e.depth > 1) AppendAddressed(out, e.parent_handle, e.text);  // as the app does
    out += e.text;
    out += "\",\"timestamp\":\"";
    AppendTime(out, e.t);
    out += "\",\"username\":\"";
    out += e.handle;
    out += "\",\"like_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"media\":{\"id\":\"";
    AppendUint(out, kMediaBase + e.root_id);
    out += "\"}";
    if (e.depth > 1) {
      out += ",\"parent_id\":\"";
      AppendUint(out, kCommentBase + e.thread_id);
      out += '"';
    }
    out += "}\n";
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewInstagramWriter() { return std::make_unique<InstagramWriter>(); }

}  // namespace rapport::synth
