// `--format x-v2`: one tweet a line as twarc2 flattens an X API v2 response: the
// tweet's fields, its author expanded under "author", referenced tweets by id.
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

class Xv2Writer final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    out += "{\"id\":\"";
    AppendUint(out, e.id);
    out += "\",\"author_id\":\"";
    out += e.author_id;
    out += "\",\"created_at\":\"";
    AppendIsoSeconds(out, e.t);
    out += ".000Z\",\"conversation_id\":\"";
    AppendUint(out, e.conversation_id);
    out += "\",\"text\":\"";
    if (e.type == EventType::kShare && e.parent_id) {
      // A retweet's text is "RT @author: ...": the original's author is enough here.
      out += "RT @";
      out += e.parent_handle;
      out += ':';
    } else {
      out += e.text;
    }
    out += '"';
    if (e.parent_id) {
      const char* kind = e.type == EventType::kShare   ? "retweeted"
                         : e.type == EventType::kQuote ? "quoted"
                                                       : "replied_to";
      out += ",\"referenced_tweets\":[{\"type\":\"";
      out += kind;
      out += "\",\"id\":\"";
      AppendUint(out, e.parent_id);
      out += "\"}]";
    }
    out += ",\"entities\":{\"mentions\":[";
    for (size_t i = 0; i < e.mention_count; ++i) {
      if (i) out += ',';
      out += "{\"username\":\"";
      out += e.mentions[i];
      out += "\"}";
    }
    out += "],\"hashtags\":[";
    for (size_t i = 0; i < e.hashtag_count; ++i) {
      if (i) out += ',';
      out += "{\"tag\":\"";
      out += e.hashtags[i];
      out += "\"}";
    }
    out += "]},\"public_metrics\":";
    AppendMetrics(e, out);
    out += ",\"lang\":\"en\",\"author\":{\"id\":\"";
    out += e.author_id;
    out += "\",\"username\":\"";
    out += e.handle;
    out += "\",\"public_metrics\":{\"followers_count\":";
    AppendUint(out, static_cast<uint64_t>(e.followers));
    out += "}}}\n";
    return true;
  }

 private:
  // The v2 names of the counters; the API gives impressions and bookmarks only to the
  // account's owner, so they are written for brand posts only (as an owner's export).
  static void AppendMetrics(const SynthEvent& e, std::string& out) {
    out += "{\"retweet_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.shares, 0)));
    out += ",\"reply_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    out += ",\"like_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"quote_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.quotes, 0)));
    if (e.saves >= 0) {
      out += ",\"bookmark_count\":";
      AppendUint(out, static_cast<uint64_t>(e.saves));
    }
    if (e.impressions >= 0) {
      out += ",\"impression_count\":";
      AppendUint(out, static_cast<uint64_t>(e.impressions));
    }
    out += '}';
    // Link clicks are for the owner's eyes only: non_public_metrics, as in an owner's
    // export (the native file's "clicks").
    if (e.clicks >= 0) {
      out += ",\"non_public_metrics\":{\"impression_count\":";
      AppendUint(out, static_cast<uint64_t>(e.impressions));
      out += ",\"url_link_clicks\":";
      AppendUint(out, static_cast<uint64_t>(e.clicks));
      out += '}';
    }
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewXv2Writer() { return std::make_unique<Xv2Writer>(); }

}  // namespace rapport::synth
