// `--format twcs`: the "Customer Support on Twitter" CSV (Kaggle / ThoughtVector):
// tweet_id, author_id (a screen name for companies, a number for customers),
// inbound (True for everyone but the companies, as in the data set), created_at in
// Twitter's form, text, response_tweet_id (the replies, comma-separated) and
// in_response_to_tweet_id. The data set has no retweets, quotes, counters or
// follower counts.
#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

class TwcsWriter final : public FormatWriter {
 public:
  std::string_view Header() const override {
    return "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
           "in_response_to_tweet_id\n";
  }

  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kShare || e.type == EventType::kQuote) return false;
    AppendUint(out, e.id);
    out += ',';
    out += e.brand ? e.handle : e.author_id;
    out += e.brand ? ",False," : ",True,";
    AppendTwitterTime(out, e.t);
    out += ",\"";
    for (char c : e.text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\",";
    if (e.reply_count > 1) out += '"';
    for (size_t i = 0; i < e.reply_count; ++i) {
      if (i) out += ',';
      AppendUint(out, e.reply_ids[i]);
    }
    if (e.reply_count > 1) out += '"';
    out += ',';
    if (e.parent_id) AppendUint(out, e.parent_id);
    out += '\n';
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewTwcsWriter() { return std::make_unique<TwcsWriter>(); }

}  // namespace rapport::synth
