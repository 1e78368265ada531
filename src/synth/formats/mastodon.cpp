// `--format mastodon`: Mastodon REST API statuses, one a line (NDJSON of what
// /api/v1/accounts/:id/statuses or a timeline answers), as one server answers them:
// numeric ids, `account` with `acct` local to the server, `content` as Mastodon's
// HTML (h-card mentions, hashtag links, links with their invisible spans), counters,
// `mentions[]`, `tags[]`, a reblog embedding the whole original under `reblog` (so the
// original is read twice) and a quote as Mastodon 4.4 writes it.
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

constexpr std::string_view kServer = "https://mastodon.example";

// Account ids are numbers like every Mastodon id; brand author ids are names.
void AppendAccountId(std::string& out, std::string_view handle) {
  AppendUint(out, 100000000000000000ULL + HashOfLower(handle) % 900000000000000000ULL);
}

// Status ids are 18-digit snowflakes: the generator's id past an offset.
void AppendStatusId(std::string& out, uint64_t id) { AppendUint(out, 112400000000000000ULL + id); }

class MastodonWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    out += "{\"id\":\"";
    AppendStatusId(out, e.id);
    out += "\",\"created_at\":\"";
    AppendIsoSeconds(out, e.t);
    out += ".000Z\",\"in_reply_to_id\":";
    const bool reply = e.type == EventType::kReply;
    if (reply) {
      out += '"';
      AppendStatusId(out, e.parent_id);
      out += "\",\"in_reply_to_account_id\":\"";
      AppendAccountId(out, e.parent_handle);
      out += '"';
    } else {
      out += "null,\"in_reply_to_account_id\":null";
    }
    out += ",\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":\"public\",\"language\":";
    out += e.type == EventType::kShare ? "null" : "\"en\"";
    out += ",\"uri\":\"";
    out += kServer;
    out += "/users/";
    out += e.handle;
    out += "/statuses/";
    AppendStatusId(out, e.id);
    if (e.type == EventType::kShare) out += "/activity";
    out += "\",\"url\":";
    if (e.type == EventType::kShare) {
      out += "null";
    } else {
      out += '"';
      out += kServer;
      out += "/@";
      out += e.handle;
      out += '/';
      AppendStatusId(out, e.id);
      out += '"';
    }
    out += ",\"replies_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    out += ",\"reblogs_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.shares, 0)));
    out += ",\"favourites_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"quotes_count\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.quotes, 0)));
    out += ",\"edited_at\":null,\"content\":\"";
    if (e.type != EventType::kShare) AppendContent(e.text, out);
    out += "\",\"reblog\":";
    if (e.type == EventType::kShare)
      out += e.parent_record;
    else
      out += "null";
    out += ",\"quote\":";
    if (e.type == EventType::kQuote) {
      out += "{\"state\":\"accepted\",\"quoted_status_id\":\"";
      AppendStatusId(out, e.parent_id);
      out += "\"}";
    } else {
      out += "null";
    }
    out += ",\"account\":";
    AppendAccount(e.handle, e.followers, out);
    out += ",\"mentions\":[";
    for (size_t i = 0; i < e.mention_count; ++i) {
      if (i) out += ',';
      out += "{\"id\":\"";
      AppendAccountId(out, e.mentions[i]);
      out += "\",\"username\":\"";
      out += e.mentions[i];
      out += "\",\"url\":\"";
      out += kServer;
      out += "/@";
      out += e.mentions[i];
      out += "\",\"acct\":\"";
      out += e.mentions[i];
      out += "\"}";
    }
    out += "],\"tags\":[";
    for (size_t i = 0; i < e.hashtag_count; ++i) {
      if (i) out += ',';
      out += "{\"name\":\"";
      out += e.hashtags[i];
      out += "\",\"url\":\"";
      out += kServer;
      out += "/tags/";
      out += e.hashtags[i];
      out += "\"}";
    }
    out += "],\"emojis\":[],\"media_attachments\":[],\"card\":null,\"poll\":null}\n";
    return true;
  }

 private:
  static void AppendAccount(std::string_view handle, int64_t followers, std::string& out) {
    out += "{\"id\":\"";
    AppendAccountId(out, handle);
    out += "\",\"username\":\"";
    out += handle;
    out += "\",\"acct\":\"";
    out += handle;
    out += "\",\"display_name\":\"";
    out += handle;
    out += "\",\"url\":\"";
    out += kServer;
    out += "/@";
    out += handle;
    out += "\",\"followers_count\":";
    AppendUint(out, static_cast<uint64_t>(followers));
    out += '}';
  }

  // The text as Mastodon renders a status: one paragraph, mentions as h-cards,
  // hashtags and links as anchors; quotes in attributes are JSON-escaped.
  static void AppendContent(std::string_view text, std::string& out) {
    out += "<p>";
    ForEachPiece(text, [&](const TextPiece& p) {
      const std::string_view name = p.text.substr(1);
      switch (p.kind) {
        case TextPiece::kMention:
          out += "<span class=\\\"h-card\\\" translate=\\\"no\\\"><a href=\\\"";
          out += kServer;
          out += "/@";
          out += name;
          out += "\\\" class=\\\"u-url mention\\\">@<span>";
          out += name;
          out += "</span></a></span>";
          break;
        case TextPiece::kHashtag:
          out += "<a href=\\\"";
          out += kServer;
          out += "/tags/";
          out += name;
          out += "\\\" class=\\\"mention hashtag\\\" rel=\\\"tag\\\">#<span>";
          out += name;
          out += "</span></a>";
          break;
        case TextPiece::kLink:
          out += "<a href=\\\"";
          out += p.text;
          out += "\\\" target=\\\"_blank\\\" rel=\\\"nofollow noopener\\\" translate=\\\"no\\\">"
                 "<span class=\\\"invisible\\\">https://</span><span class=\\\"\\\">";
          out += p.text.substr(8);
          out += "</span><span class=\\\"invisible\\\"></span></a>";
          break;
        default: {
          // &quot; is what Mastodon writes for a double quote; it never needs a JSON escape.
          AppendHtmlEscaped(out, p.text);
          break;
        }
      }
    });
    out += "</p>";
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewMastodonWriter() { return std::make_unique<MastodonWriter>(); }

}  // namespace rapport::synth
