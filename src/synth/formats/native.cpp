// `--format rapport`: the native event of FORMATS.md, one a line, every key present.
#include "synth/formats/format_writer.h"

namespace rapport::synth {
namespace {

class NativeWriter final : public FormatWriter {
 public:
  bool Write(const SynthEvent& e, std::string& out) override {
    out += "{\"platform\":\"";
    out += PlatformName(e.platform);
    out += "\",\"id\":\"";
    AppendUint(out, e.id);
    out += "\",\"type\":\"";
    out += EventTypeName(e.type);
    out += "\",\"author\":\"";
    out += e.author_id;
    out += "\",\"author_handle\":\"@";
    out += e.handle;
    out += "\",\"created_at\":\"";
    AppendIsoSeconds(out, e.t);
    out += "Z\",\"parent_id\":";
    if (e.parent_id) {
      out += '"';
      AppendUint(out, e.parent_id);
      out += '"';
    } else {
      out += "null";
    }
    out += ",\"conversation_id\":\"";
    AppendUint(out, e.conversation_id);
    out += "\",\"text\":\"";
    out += e.text;
    out += "\",\"mentions\":[";
    for (size_t i = 0; i < e.mention_count; ++i) {
      if (i) out += ',';
      out += '"';
      out += e.mentions[i];
      out += '"';
    }
    out += "],\"hashtags\":[";
    for (size_t i = 0; i < e.hashtag_count; ++i) {
      if (i) out += ',';
      out += '"';
      out += e.hashtags[i];
      out += '"';
    }
    out += "],\"urls\":";
    AppendUint(out, e.urls);
    out += ",\"metrics\":{\"likes\":";
    AppendInt(out, e.likes);
    out += ",\"shares\":";
    AppendInt(out, e.shares);
    out += ",\"quotes\":";
    AppendInt(out, e.quotes);
    out += ",\"replies\":";
    AppendInt(out, e.replies);
    out += ",\"impressions\":";
    AppendInt(out, e.impressions);
    out += ",\"reach\":";
    AppendInt(out, e.reach);
    out += ",\"clicks\":";
    AppendInt(out, e.clicks);
    // X calls saved posts bookmarks (E1 counts them for X under that name).
    out += e.platform == Platform::kX ? ",\"bookmarks\":" : ",\"saves\":";
    AppendInt(out, e.saves);
    out += "},\"author_followers\":";
    AppendUint(out, static_cast<uint64_t>(e.followers));
    out += ",\"lang\":\"en\",\"inbound\":";
    out += e.inbound > 0 ? "true" : e.inbound == 0 ? "false" : "null";
    out += "}\n";
    return true;
  }
};

}  // namespace

std::unique_ptr<FormatWriter> NewNativeWriter() { return std::make_unique<NativeWriter>(); }

}  // namespace rapport::synth
