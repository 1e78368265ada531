// `--format facebook`: Facebook Graph API objects, one a line, as a page's export
// holds them (NDJSON of the items of /{page}/feed and /{post}/comments): every story
// is on the page of the brand it is about, so a post is "<page>_<post>" (the brand's
// own posts and visitors' posts on its page), with `from`, `created_time` (+0000),
// `message`, `message_tags`, reaction / comment summaries and `shares.count`;
// comments "<post>_<comment>" with `like_count`, `comment_count`, a permalink naming
// the post and, for a reply, `parent`. Facebook threads are one level deep: a reply
// to a reply answers the first-level comment. Shares are on the sharers' own
// timelines, which a page's feed does not list (only `shares.count`), and there are
// no quotes: neither is written.
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

// Page and user ids are 15-digit numbers; derived from the handle so that `from.id`
// and a tag of the same account agree.
void AppendFbId(std::string& out, std::string_view handle) {
  AppendUint(out, 100000000000000ULL + HashOfLower(handle) % 900000000000000ULL);
}

// Post and comment numbers are 18 digits today: the generator's id past an offset.
void AppendObjectId(std::string& out, uint64_t id) { AppendUint(out, 122100000000000000ULL + id); }

void AppendTime(std::string& out, Seconds t) {
  AppendIsoSeconds(out, t);
  out += "+0000";
}

class FacebookWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kQuote || e.type == EventType::kShare) return false;
    if (e.type == EventType::kReply) {
      WriteComment(e, out);
      return true;
    }
    out += "{\"id\":\"";
    AppendFbId(out, e.page_handle);
    out += '_';
    AppendObjectId(out, e.id);
    out += "\",\"created_time\":\"";
    AppendTime(out, e.t);
    out += '"';
    AppendFrom(e, out);
    out += ",\"message\":\"";
    out += e.text;
    out += '"';
    AppendTags(e, out);
    out += ",\"status_type\":\"mobile_status_update\"";
    out += ",\"permalink_url\":\"https://www.facebook.com/";
    AppendFbId(out, e.page_handle);
    out += "/posts/";
    AppendObjectId(out, e.id);
    out += "/\",\"reactions\":{\"data\":[],\"summary\":{\"total_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += "}},\"comments\":{\"data\":[],\"summary\":{\"order\":\"ranked\",\"total_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    out += "}}";
    if (e.shares > 0) {  // the API leaves `shares` out of a post nobody shared
      out += ",\"shares\":{\"count\":";
      AppendUint(out, static_cast<uint64_t>(e.shares));
      out += '}';
    }
    out += "}\n";
    return true;
  }

 private:
  static void AppendFrom(const SynthEvent& e, std::string& out) {
    out += ",\"from\":{\"name\":\"";
    out += e.handle;
    out += "\",\"id\":\"";
    AppendFbId(out, e.handle);
    out += "\"}";
  }

  static void AppendTags(const SynthEvent& e, std::string& out) {
    if (!e.mention_count) return;
    out += ",\"message_tags\":[";
    size_t offset = 0, n = 0;
    ForEachPiece(e.text, [&](const TextPiece& p) {
      const size_t start = offset;
      offset += p.text.size();  // Facebook counts UTF-16 units; the handles are ASCII
      if (p.kind != TextPiece::kMention) return;
      if (n++) out += ',';
      out += "{\"id\":\"";
      AppendFbId(out, p.text.substr(1));
      out += "\",\"name\":\"";
      out += p.text.substr(1);
      out += "\",\"type\":\"page\",\"offset\":";
      AppendUint(out, start);
      out += ",\"length\":";
      AppendUint(out, p.text.size());
      out += '}';
    });
    out += ']';
  }

  static void WriteComment(const SynthEvent& e, std::string& out) {
    out += "{\"id\":\"";
    AppendObjectId(out, e.root_id);
    out += '_';
    AppendObjectId(out, e.id);
    out += "\",\"created_time\":\"";
    AppendTime(out, e.t);
    out += '"';
    AppendFrom(e, out);
    out += ",\"message\":\"";
    out += e.text;
    out += '"';
    AppendTags(e, out);
    out += ",\"like_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"comment_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    if (e.depth > 1) {
      out += ",\"parent\":{\"id\":\"";
      AppendObjectId(out, e.root_id);
      out += '_';
      AppendObjectId(out, e.thread_id);
      out += "\"}";
    }
    out += ",\"permalink_url\":\"https://www.facebook.com/";
    AppendFbId(out, e.page_handle);
    out += "/posts/";
    AppendObjectId(out, e.root_id);
    out += "/?comment_id=";
    AppendObjectId(out, e.depth > 1 ? e.thread_id : e.id);
    if (e.depth > 1) {
      out += "&reply_comment_id=";
      AppendObjectId(out, e.id);
    }
    out += "\"}\n";
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewFacebookWriter() { return std::make_unique<FacebookWriter>(); }

}  // namespace rapport::synth
