// `--format x-v1`: X API v1.1 statuses, one a line, as a v1.1 stream or twarc1 writes
// them: `id_str`, the author expanded under `user`, `created_at` in Twitter's own
// form, reply ids, `quoted_status_id_str`, and a retweet embedding the whole
// original under `retweeted_status` (which is why the original is read twice).
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

class Xv1Writer final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    out += "{\"created_at\":\"";
    AppendTwitterTime(out, e.t);
    out += "\",\"id\":";
    AppendUint(out, e.id);
    out += ",\"id_str\":\"";
    AppendUint(out, e.id);
    out += "\",\"text\":\"";
    if (e.type == EventType::kShare) {
      out += "RT @";
      out += e.parent_handle;
      out += ':';
    } else {
      out += e.text;
    }
    out += "\",\"truncated\":false,\"entities\":{\"hashtags\":[";
    for (size_t i = 0; i < e.hashtag_count; ++i) {
      if (i) out += ',';
      out += "{\"text\":\"";
      out += e.hashtags[i];
      out += "\"}";
    }
    out += "],\"user_mentions\":[";
    for (size_t i = 0; i < e.mention_count; ++i) {
      if (i) out += ',';
      out += "{\"screen_name\":\"";
      out += e.mentions[i];
      out += "\"}";
    }
    out += "],\"urls\":[";
    for (uint32_t i = 0; i < e.urls; ++i) out += i ? ",{}" : "{}";
    out += "]},\"in_reply_to_status_id\":";
    const bool reply = e.type == EventType::kReply;
    if (reply) {
      AppendUint(out, e.parent_id);
      out += ",\"in_reply_to_status_id_str\":\"";
      AppendUint(out, e.parent_id);
      out += "\",\"in_reply_to_user_id_str\":\"";
      out += e.parent_author_id;
      out += "\",\"in_reply_to_screen_name\":\"";
      out += e.parent_handle;
      out += '"';
    } else {
      out += "null,\"in_reply_to_status_id_str\":null,\"in_reply_to_user_id_str\":null,"
             "\"in_reply_to_screen_name\":null";
    }
    out += ",\"user\":{\"id_str\":\"";
    out += e.author_id;
    out += "\",\"screen_name\":\"";
    out += e.handle;
    out += "\",\"followers_count\":";
    AppendUint(out, static_cast<uint64_t>(e.followers));
    out += "},\"is_quote_status\":";
    if (e.type == EventType::kQuote) {
      out += "true,\"quoted_status_id\":";
      AppendUint(out, e.parent_id);
      out += ",\"quoted_status_id_str\":\"";
      AppendUint(out, e.parent_id);
      out += '"';
    } else {
      out += "false";
    }
    if (e.type == EventType::kShare) {
      out += ",\"retweeted_status\":";
      out += e.parent_record;
    }
    // Premium/enterprise statuses carry quote and reply counts; REST v1.1 does not.
    out += ",\"quote_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.quotes, 0)));
    out += ",\"reply_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    out += ",\"retweet_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.shares, 0)));
    out += ",\"favorite_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"lang\":\"en\"}\n";
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewXv1Writer() { return std::make_unique<Xv1Writer>(); }

}  // namespace rapport::synth
