// `--format csv`: a social-listening / insights export as a spreadsheet would hold it:
// one row per post, reply, quote or share, named columns, dates without a zone,
// `yes`/`no` flags and empty cells for unknown counters. rapport reads it with the
// column mapping kCsvMapping (`--map`, docs/synth.md), the way any export is read.
#include "synth/formats/format_writer.h"

namespace rapport::synth {

const char kCsvMapping[] =
    "id=Post ID,platform=Network,type=Post Type,parent_id=Parent ID,"
    "conversation_id=Conversation ID,created_at=Published (UTC),author=Author ID,"
    "author_handle=Author,author_followers=Followers,inbound=Inbound,text=Message,"
    "likes=Likes,shares=Shares,quotes=Quotes,replies=Replies,impressions=Impressions,"
    "reach=Reach,clicks=Link Clicks,bookmarks=Bookmarks,saves=Saves";

namespace {

constexpr std::string_view kNetworks[] = {"X", "Facebook", "Instagram", "LinkedIn",
                                          "YouTube", "TikTok", "Reddit", "Mastodon",
                                          "Bluesky", "Blog", "Forum", "Other"};
constexpr std::string_view kTypes[] = {"Post", "Reply", "Quote", "Share", "Reaction", "Session"};

void AppendCell(std::string& out, int64_t v) {
  if (v >= 0) AppendUint(out, static_cast<uint64_t>(v));
}

class CsvWriter final : public FormatWriter {
 public:
  std::string_view Header() const override {
    return "Post ID,Network,Post Type,Parent ID,Conversation ID,Published (UTC),Author ID,"
           "Author,Followers,Inbound,Message,Likes,Shares,Quotes,Replies,Impressions,Reach,"
           "Link Clicks,Bookmarks,Saves\n";
  }

  bool Write(const SynthEvent& e, std::string& out) override {
    AppendUint(out, e.id);
    out += ',';
    out += kNetworks[static_cast<size_t>(e.platform)];
    out += ',';
    out += kTypes[static_cast<size_t>(e.type)];
    out += ',';
    if (e.parent_id) AppendUint(out, e.parent_id);
    out += ',';
    AppendUint(out, e.conversation_id);
    out += ',';
    AppendIsoSeconds(out, e.t);
    out[out.size() - 9] = ' ';  // "2024-05-24 12:57:35", as spreadsheets write it
    out += ',';
    out += e.author_id;
    out += ",@";
    out += e.handle;
    out += ',';
    AppendUint(out, static_cast<uint64_t>(e.followers));
    out += e.inbound > 0 ? ",yes," : e.inbound == 0 ? ",no," : ",,";
    out += '"';
    for (char c : e.text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\",";
    AppendCell(out, e.likes);
    out += ',';
    AppendCell(out, e.shares);
    out += ',';
    AppendCell(out, e.quotes);
    out += ',';
    AppendCell(out, e.replies);
    out += ',';
    AppendCell(out, e.impressions);
    out += ',';
    AppendCell(out, e.reach);
    out += ',';
    AppendCell(out, e.clicks);
    // X's saved posts are bookmarks (E1 counts them for X under that name).
    out += ',';
    if (e.platform == Platform::kX) AppendCell(out, e.saves);
    out += ',';
    if (e.platform != Platform::kX) AppendCell(out, e.saves);
    out += '\n';
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewCsvWriter() { return std::make_unique<CsvWriter>(); }

}  // namespace rapport::synth
