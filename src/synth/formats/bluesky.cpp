// `--format bluesky`: NDJSON of what app.bsky.feed.getAuthorFeed / getTimeline answer,
// one feed item a line: `{"post": view}` for posts, replies and quotes (an AT URI
// id, the author's DID and handle, the record with `createdAt`, `reply.root` and
// `reply.parent`, facets for mentions, tags and links at their UTF-8 byte offsets, an
// `app.bsky.embed.record` for a quote) and, for a repost, the original's view with a
// `reasonRepost` naming who reposted it (so the original is read twice).
#include <algorithm>

#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

// The sortable base-32 alphabet of AT Protocol record keys (TIDs) and DIDs.
constexpr std::string_view kBase32Sort = "234567abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBase32 = "abcdefghijklmnopqrstuvwxyz234567";

// did:plc: identifiers are 24 base-32 characters; derived from the handle so that a
// mention facet and the mentioned author's posts name the same DID.
void AppendDid(std::string& out, std::string_view handle) {
  const uint64_t h = HashOfLower(handle);
  out += "did:plc:";
  AppendBase(out, h >> 4, kBase32, 12);
  AppendBase(out, (h * 0x9E3779B97F4A7C15ULL) >> 4, kBase32, 12);
}

// A record key: 13 characters of the sortable alphabet (a scrambled generator id).
void AppendRkey(std::string& out, uint64_t id) { AppendBase(out, ScrambleId(id), kBase32Sort, 13); }

void AppendPostUri(std::string& out, std::string_view handle, uint64_t id) {
  out += "at://";
  AppendDid(out, handle);
  out += "/app.bsky.feed.post/";
  AppendRkey(out, id);
}

// "bafyrei" and 52 base-32 characters, like a CIDv1 of a dag-cbor record.
void AppendCid(std::string& out, uint64_t id) {
  out += "bafyrei";
  uint64_t h = ScrambleId(id);
  for (int i = 0; i < 4; ++i, h = ScrambleId(h)) AppendBase(out, h >> 1, kBase32, 13);
}

class BlueskyWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    if (e.type == EventType::kShare) {
      // A repost: the original's view as the feed item's post, and why it is there.
      out += "{\"post\":";
      std::string_view original = e.parent_record;
      if (original.starts_with("{\"post\":")) original = original.substr(8, original.size() - 9);
      out += original;
      out += ",\"reason\":{\"$type\":\"app.bsky.feed.defs#reasonRepost\",\"by\":{\"did\":\"";
      AppendDid(out, e.handle);
      out += "\",\"handle\":\"";
      out += e.handle;
      out += "\"},\"uri\":\"at://";
      AppendDid(out, e.handle);
      out += "/app.bsky.feed.repost/";
      AppendRkey(out, e.id);
      out += "\",\"indexedAt\":\"";
      AppendIsoSeconds(out, e.t);
      out += ".000Z\"}}\n";
      return true;
    }
    out += "{\"post\":{\"uri\":\"";
    AppendPostUri(out, e.handle, e.id);
    out += "\",\"cid\":\"";
    AppendCid(out, e.id);
    out += "\",\"author\":{\"did\":\"";
    AppendDid(out, e.handle);
    out += "\",\"handle\":\"";
    out += e.handle;
    out += "\",\"displayName\":\"";
    out += e.handle;
    out += "\",\"followersCount\":";
    AppendUint(out, static_cast<uint64_t>(e.followers));
    out += ",\"labels\":[]},\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"";
    AppendIsoSeconds(out, e.t);
    out += ".000Z\",\"langs\":[\"en\"],\"text\":\"";
    out += e.text;
    out += '"';
    AppendFacets(e.text, out);
    if (e.type == EventType::kReply) {
      out += ",\"reply\":{\"root\":{\"cid\":\"";
      AppendCid(out, e.root_id);
      out += "\",\"uri\":\"";
      AppendPostUri(out, e.root_handle, e.root_id);
      out += "\"},\"parent\":{\"cid\":\"";
      AppendCid(out, e.parent_id);
      out += "\",\"uri\":\"";
      AppendPostUri(out, e.parent_handle, e.parent_id);
      out += "\"}}";
    } else if (e.type == EventType::kQuote) {
      out += ",\"embed\":{\"$type\":\"app.bsky.embed.record\",\"record\":{\"cid\":\"";
      AppendCid(out, e.parent_id);
      out += "\",\"uri\":\"";
      AppendPostUri(out, e.parent_handle, e.parent_id);
      out += "\"}}";
    }
    out += "},\"replyCount\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.replies, 0)));
    out += ",\"repostCount\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.shares, 0)));
    out += ",\"likeCount\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.likes, 0)));
    out += ",\"quoteCount\":";
    AppendUint(out, static_cast<uint64_t>(std::max<int64_t>(e.quotes, 0)));
    if (e.saves >= 0) {
      out += ",\"bookmarkCount\":";
      AppendUint(out, static_cast<uint64_t>(e.saves));
    }
    out += ",\"indexedAt\":\"";
    AppendIsoSeconds(out, e.t);
    out += ".000Z\",\"labels\":[]}}\n";
    return true;
  }

 private:
  // Rich text facets: byte ranges of the text (templates write UTF-8, emoji included,
  // so byte offsets differ from character offsets, as on Bluesky).
  static void AppendFacets(std::string_view text, std::string& out) {
    size_t offset = 0;
    bool any = false;
    ForEachPiece(text, [&](const TextPiece& p) {
      const size_t start = offset;
      offset += p.text.size();
      if (p.kind == TextPiece::kPlain) return;
      out += any ? ",{\"index\":{\"byteStart\":" : ",\"facets\":[{\"index\":{\"byteStart\":";
      any = true;
      AppendUint(out, start);
      out += ",\"byteEnd\":";
      AppendUint(out, offset);
      out += "},\"features\":[{\"$type\":\"app.bsky.richtext.facet#";
      if (p.kind == TextPiece::kMention) {
        out += "mention\",\"did\":\"";
        AppendDid(out, p.text.substr(1));
      } else if (p.kind == TextPiece::kHashtag) {
        out += "tag\",\"tag\":\"";
        out += p.text.substr(1);
      } else {
        out += "link\",\"uri\":\"";
        out += p.text;
      }
      out += "\"}]}";
    });
    if (any) out += ']';
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewBlueskyWriter() { return std::make_unique<BlueskyWriter>(); }

}  // namespace rapport::synth
