#include "io/writers/native_writer.h"

#include "fmt/format.h"
#include "report/writers.h"

namespace rapport {
namespace {

void Key(std::string& out, std::string_view key) {
  out += ",\"";
  out += key;
  out += "\":";
}

void StringOrNull(std::string& out, std::string_view s) {
  if (s.empty()) out += "null";
  else AppendJsonString(out, s);
}

void Count(std::string& out, int64_t v) {
  if (v == kUnknownCount) out += "null";
  else fmt::format_to(std::back_inserter(out), "{}", v);
}

}  // namespace

void AppendNativeEvent(const RawEvent& e, std::string& out) {
  out += "{\"platform\":";
  AppendJsonString(out, PlatformName(e.platform));
  Key(out, "id");
  AppendJsonString(out, e.id);
  Key(out, "type");
  AppendJsonString(out, EventTypeName(e.type));
  Key(out, "author");
  AppendJsonString(out, e.author);
  if (!e.author_handle.empty()) {
    Key(out, "author_handle");
    AppendJsonString(out, e.author_handle);
  }
  Key(out, "created_at");
  AppendJsonString(out, FormatRfc3339(e.created_at));
  Key(out, "parent_id");
  StringOrNull(out, e.parent_id);
  Key(out, "conversation_id");
  StringOrNull(out, e.conversation_id);
  Key(out, "text");
  AppendJsonString(out, e.text);
  // Without a mentions field the reader takes @handles from the text again, so the
  // key is written only when the source had one.
  if (e.has_mentions_field) {
    Key(out, "mentions");
    out += '[';
    for (size_t i = 0; i < e.mentions.size(); ++i) {
      if (i) out += ',';
      AppendJsonString(out, e.mentions[i]);
    }
    out += ']';
  }
  Key(out, "hashtags");
  out += '[';
  for (size_t i = 0; i < e.hashtags.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, e.hashtags[i]);
  }
  out += ']';
  Key(out, "urls");
  fmt::format_to(std::back_inserter(out), "{}", e.urls);
  Key(out, "metrics");
  out += '{';
  for (int c = 0; c < kCounterCount; ++c) {
    // The eight schema counters always (null when unknown); the others when known.
    if (c >= 8 && e.counters[c] == kUnknownCount) continue;
    if (c) out += ',';
    AppendJsonString(out, CounterName(static_cast<Counter>(c)));
    out += ':';
    Count(out, e.counters[c]);
  }
  out += '}';
  Key(out, "author_followers");
  Count(out, e.author_followers);
  Key(out, "inbound");
  out += e.inbound == Inbound::kTrue ? "true" : e.inbound == Inbound::kFalse ? "false" : "null";
  out += "}\n";
}

}  // namespace rapport
