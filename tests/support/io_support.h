// Test support for readers, sources and ingestion: temporary files, a sink that keeps
// what a reader decoded, a reader run on an in-memory text, and a printable dump of an
// event table so two tables can be compared row by row.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/event_table.h"
#include "core/raw_event.h"
#include "core/time.h"
#include "fmt/format.h"
#include "io/event_sink.h"
#include "io/ingest.h"
#include "io/input_error.h"
#include "io/readers/reader.h"
#include "io/source.h"
#include "simdjson.h"
#include "text/enricher.h"

namespace rapport::test {

// ---------------------------------------------------------------------------------
// Temporary files

// A directory removed with its files at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rapport-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `bytes` to a file named `name` in the directory; returns its path.
  std::string Write(const std::string& name, std::string_view bytes) const {
    std::string p = (path_ / name).string();
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + p);
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// ---------------------------------------------------------------------------------
// Compression

// One gzip member holding `data`.
inline std::string Gzip(std::string_view data) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int ret = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (ret != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  return out;
}

// One zstd frame holding `data`.
inline std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("ZSTD_compress");
  out.resize(n);
  return out;
}

// Everything a source yields, read in chunks of `chunk` bytes.
inline std::string ReadAll(const std::string& path, size_t chunk = 4096) {
  auto src = OpenSource(path);
  std::string out, buf(chunk, '\0');
  while (size_t got = src->Read(buf.data(), buf.size())) out.append(buf.data(), got);
  return out;
}

// ---------------------------------------------------------------------------------
// What a reader decoded

struct DecodedEvent {
  Platform platform;
  EventType type;
  std::string id, author, author_handle, parent_id, conversation_id, text;
  Seconds created_at;
  std::array<int64_t, kCounterCount> counters;
  int64_t author_followers;
  Inbound inbound;
  bool has_mentions_field;
  std::vector<std::string> mentions, hashtags;
  uint32_t urls;

  int64_t counter(Counter c) const { return counters[static_cast<int>(c)]; }
};

// Copies every RawEvent it receives (their views die after Add).
class CollectingSink final : public EventSink {
 public:
  void Add(const RawEvent& e) override {
    DecodedEvent d{e.platform,
                   e.type,
                   std::string(e.id),
                   std::string(e.author),
                   std::string(e.author_handle),
                   std::string(e.parent_id),
                   std::string(e.conversation_id),
                   std::string(e.text),
                   e.created_at,
                   e.counters,
                   e.author_followers,
                   e.inbound,
                   e.has_mentions_field,
                   {},
                   {},
                   e.urls};
    for (auto m : e.mentions) d.mentions.emplace_back(m);
    for (auto h : e.hashtags) d.hashtags.emplace_back(h);
    events.push_back(std::move(d));
  }
  std::vector<DecodedEvent> events;
};

struct Decoded {
  std::vector<DecodedEvent> events;
  InputErrors errors;
};

// The event with this id (throws when there is none, so a test fails with its name).
inline const DecodedEvent& ById(const std::vector<DecodedEvent>& events, std::string_view id) {
  auto it = std::find_if(events.begin(), events.end(), [&](const auto& e) { return e.id == id; });
  if (it == events.end()) throw std::runtime_error("no event " + std::string(id));
  return *it;
}

// The ids of the events, in order.
inline std::vector<std::string> Ids(const std::vector<DecodedEvent>& events) {
  std::vector<std::string> v;
  for (const auto& e : events) v.push_back(e.id);
  return v;
}

// Runs reader `format` ("rapport", "twcs") on `text`, fed in blocks of `block` bytes
// (cut at newlines for line-splittable formats, with lines shifted as the ingest
// driver does), each block followed by simdjson's padding as the driver allocates it.
inline Decoded Decode(std::string_view format, std::string_view text,
                      size_t block = std::string_view::npos) {
  const Reader* proto = FindReader(format);
  if (!proto) throw std::invalid_argument("no reader " + std::string(format));
  auto reader = proto->NewInstance();
  CollectingSink sink;
  Decoded out;
  BlockContext ctx{"test.in"};
  int64_t lines_before = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t n = std::min(block, text.size() - pos);
    if (proto->LineSplittable() && pos + n < text.size()) {
      size_t nl = text.substr(pos, n).rfind('\n');
      if (nl != std::string_view::npos) {
        n = nl + 1;
      } else {  // a line longer than a block: the block grows to its end
        size_t next = text.find('\n', pos);
        n = next == std::string_view::npos ? text.size() - pos : next - pos + 1;
      }
    }
    std::string padded(text.substr(pos, n));
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    InputErrors errors;
    reader->Parse(std::string_view(padded.data(), n), ctx, sink, errors);
    if (proto->LineSplittable()) {
      errors.ShiftLines(lines_before);
      for (char c : text.substr(pos, n)) lines_before += c == '\n';
    }
    out.errors.Merge(errors);
    pos += n;
  }
  reader->Finish(ctx, sink, out.errors);
  out.events = std::move(sink.events);
  return out;
}

// (reason, line) of every kept error location, in order.
inline std::vector<std::pair<InputError, int64_t>> ErrorLines(const InputErrors& errors) {
  std::vector<std::pair<InputError, int64_t>> v;
  for (const auto& loc : errors.first()) v.emplace_back(loc.reason, loc.line);
  return v;
}

// ---------------------------------------------------------------------------------
// Ingestion into a table

struct Ingested {
  EventTable table;
  IngestResult result;
};

inline std::unique_ptr<Ingested> IngestFiles(std::vector<std::string> paths, size_t block_bytes = 8 << 20,
                                             std::string format = "") {
  static const Enricher enricher(std::vector<BrandSpec>{});
  auto out = std::make_unique<Ingested>();
  IngestOptions options;
  options.inputs = std::move(paths);
  options.input_format = std::move(format);
  options.block_bytes = block_bytes;
  out->result = Ingest(options, enricher, out->table);
  return out;
}

// One line per row with every column, ids and handles as text: two tables with the
// same dump hold the same events in the same order.
inline std::vector<std::string> DumpTable(const EventTable& t) {
  std::vector<std::string> rows;
  const auto& c = t.columns();
  const auto& d = t.dictionaries();
  for (size_t r = 0; r < t.size(); ++r) {
    int p = static_cast<int>(c.platform[r]);
    std::string s = fmt::format(
        "{}|{}|{}|{}|{}|{}|{}|{}|flags={}|followers={}", PlatformName(c.platform[r]),
        EventTypeName(c.type[r]), t.IdString(r), t.AuthorString(r),
        c.parent[r] == kNoRef ? "-" : std::string(d.ids[p].Get(c.parent[r])),
        c.conversation[r] == kNoRef ? "-" : std::string(d.ids[p].Get(c.conversation[r])),
        FormatRfc3339(c.created_at[r]), static_cast<int>(c.inbound[r]), c.text_flags[r],
        c.followers[r] == CounterColumns::kUnknown32 ? std::string("?") : std::to_string(c.followers[r]));
    uint32_t h = t.AuthorHandle(c.platform[r], c.author[r]);
    s += "|handle=" + (h == kNoRef ? std::string("-") : std::string(d.handles.Get(h)));
    s += "|tags=";
    for (uint32_t k = c.tags_begin[r]; k < c.tags_begin[r + 1]; ++k) {
      uint32_t tag = c.tags[k];
      s += (tag & kBrandTermBit) ? fmt::format("brand{}", tag & ~kBrandTermBit)
                                 : std::string(d.handles.Get(tag));
      s += ',';
    }
    s += "|counters=";
    for (int k = 0; k < kCounterCount; ++k) {
      int64_t v = c.counters.Get(static_cast<Counter>(k), r);
      s += v == kUnknownCount ? std::string("?") : std::to_string(v);
      s += ',';
    }
    rows.push_back(std::move(s));
  }
  return rows;
}

}  // namespace rapport::test
