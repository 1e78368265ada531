// `--format reddit`: a Pushshift / Arctic Shift dump, one record a line: submissions
// (`title`, `selftext`, `num_comments`) and comments (`body`, `parent_id` with its
// t1_/t3_ prefix, `link_id`), base-36 ids, `created_utc` in epoch seconds. Reddit has
// no quotes or share events (crossposts are counted in `num_crossposts`), no
// followers and no likes: `score` stands for the likes drawn.
#include <algorithm>
#include <iterator>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

// Reddit ids are sequential base-36 numbers (7 characters in 2024): an offset keeps
// the generator's ids in that range.
constexpr uint64_t kIdBase = 36ULL * 36 * 36 * 36 * 36 * 36 * 10;

void AppendRedditId(std::string& out, uint64_t id) { AppendBase(out, kIdBase + id, kBase36, 7); }

constexpr std::string_view kSubreddits[] = {"technology", "CustomerService", "mildlyinfuriating",
                                            "BuyItForLife", "gadgets", "AskReddit"};

class RedditWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kShare || e.type == EventType::kQuote) return false;
    const std::string_view sub = kSubreddits[e.conversation_id % std::size(kSubreddits)];
    out += "{\"author\":\"";
    out += e.handle;
    out += "\",\"created_utc\":";
    AppendUint(out, static_cast<uint64_t>(e.t));
    out += ",\"id\":\"";
    AppendRedditId(out, e.id);
    out += '"';
    if (e.type == EventType::kPost) {
      out += ",\"name\":\"t3_";
      AppendRedditId(out, e.id);
      out += "\",\"title\":\"";
      out += e.text;
      out += "\",\"selftext\":\"\",\"is_self\":true,\"num_comments\":";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
      out += ",\"num_crossposts\":";
      AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.shares, 0)));
      out += ",\"permalink\":\"/r/";
      out += sub;
      out += "/comments/";
      AppendRedditId(out, e.id);
      out += "/\"";
    } else {
      out += ",\"body\":\"";
      out += e.text;
      out += "\",\"link_id\":\"t3_";
      AppendRedditId(out, e.root_id);
      out += "\",\"parent_id\":\"";
      out += e.depth == 1 ? "t3_" : "t1_";
      AppendRedditId(out, e.parent_id);
      out += '"';
    }
    out += ",\"score\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)) + 1);
    out += ",\"subreddit\":\"";
    out += sub;
    out += "\",\"subreddit_id\":\"t5_";
    AppendBase(out, HashOf(sub) % 1000000000, kBase36, 6);
    out += "\"}\n";
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewRedditWriter() { return std::make_unique<RedditWriter>(); }

}  // namespace rapport::synth
