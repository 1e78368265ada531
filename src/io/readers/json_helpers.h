// Shared by the readers of JSON API payloads (x-v2, x-v1, youtube): one reader base
// that finds the JSON records of a file whatever its layout, a head sniffer for
// Detect(), and small accessors over simdjson's DOM.
//
// Layouts a JsonRecordReader accepts (docs/formats.md "JSON layouts"):
//   - NDJSON: one value per line. Chosen when the file's first value starts and ends on
//     one line; from then on every line is a record, so a broken line costs only itself;
//   - one or several JSON documents, pretty-printed or not, one after the other;
//   - a top-level array: each element is a record (streamed, never the whole array);
//   - the same behind a JavaScript assignment (`window.YTD.tweets.part0 = [ ... ]`, the
//     X personal archive).
// A record is parsed with simdjson's DOM parser (the readers look keys up in any order:
// a v2 response's includes.users come after the data they describe).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/readers/reader.h"
#include "simdjson.h"

namespace rapport::json {

namespace dom = simdjson::dom;

// A record (one line, one document, one array element) is never bigger than this;
// a bigger one is skipped as too_large.
inline constexpr size_t kMaxRecordBytes = 64 << 20;

// ---------------------------------------------------------------------------------
// Splitting a byte stream into JSON records.

class RecordSplitter {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    // `text` is followed by at least SIMDJSON_PADDING readable bytes. `line` is the
    // 1-based line the record starts on.
    virtual void Record(std::string_view text, int64_t line) = 0;
    virtual void Bad(int64_t line, InputError reason, std::string message) = 0;
  };

  explicit RecordSplitter(size_t max_record_bytes = kMaxRecordBytes) : max_record_(max_record_bytes) {}
  // Blocks in file order; a record may span blocks.
  void Feed(std::string_view block, Handler& h);
  // End of input: a record left open is reported as truncated.
  void Finish(Handler& h);

 private:
  enum class Mode : uint8_t { kStart, kPrefix, kValues, kLines };
  void FeedValues(std::string_view block, Handler& h);
  void FeedLines(std::string_view block, Handler& h);
  void Emit(Handler& h);
  void Append(const char* from, const char* to);

  size_t max_record_;
  Mode mode_ = Mode::kStart;
  int64_t line_ = 1;
  bool bom_checked_ = false;
  int bom_seen_ = 0;
  std::string prefix_;  // a JavaScript assignment being read: "window.YTD.tweets.part0 ="
  // kValues state.
  int depth_ = 0;           // open brackets, the top-level array included
  bool top_array_ = false;  // depth 1 is a top-level array whose elements are records
  bool in_record_ = false;
  int record_base_ = 0;     // depth_ outside the record
  bool in_string_ = false;
  bool escape_ = false;
  bool in_scalar_ = false;  // a bare value where a record should be
  bool in_garbage_ = false; // skipping bytes that are not JSON until the line ends
  bool first_record_done_ = false;
  bool too_large_ = false;
  int64_t record_line_ = 0;
  std::string record_;
};

// ---------------------------------------------------------------------------------
// Sniffing the head of a file for Detect(): which keys the first records have, even
// when the head ends inside one.

struct SniffedRecord {
  // Key paths from the record's root, arrays skipped, up to three keys:
  // "data", "data.author_id", "includes.users.username".
  std::set<std::string, std::less<>> paths;
  std::string kind;       // the value of a root-level "kind" string key (YouTube)
  bool complete = false;  // the record ends inside the head
  bool Has(std::string_view path) const { return paths.find(path) != paths.end(); }
  // Some path has this prefix and this suffix ("id." ... ".id_str").
  bool HasMatching(std::string_view prefix, std::string_view suffix) const;
};

struct Sniff {
  std::string js_prefix;  // "window.YTD.tweets.part0" when the text is a JS assignment
  bool json = false;      // it starts like JSON (after any BOM, whitespace, JS prefix)
  // The first value starts and ends on one line, followed only by spaces before the
  // line's end, or it is an object whose line goes on past the end of the head: NDJSON
  // (or one compact document), which blocks cut at newlines can split.
  bool first_line_complete = false;
  std::vector<SniffedRecord> records;  // the first records (up to 32)
};

Sniff SniffHead(std::string_view head);

// ---------------------------------------------------------------------------------
// DOM accessors. All return "absent" (empty view, kUnknownCount, false) on a missing
// key or a wrong type, so readers decide what is an error.

// Strings that must outlive a DOM lookup (ids written as numbers, joined texts), kept
// until the next record.
class Arena {
 public:
  std::string_view Keep(std::string s) {
    store_.push_back(std::move(s));
    return store_.back();
  }
  void Clear() { store_.clear(); }

 private:
  std::deque<std::string> store_;
};

bool Field(dom::element e, std::string_view key, dom::element& out);
// An object value (as an element, for the accessors above).
bool Object(dom::element e, std::string_view key, dom::element& out);
bool Array(dom::element e, std::string_view key, dom::array& out);
// A string value (empty when absent, null or not a string).
std::string_view Str(dom::element e, std::string_view key);
// A string, or an integer written as a number (ids): the digits.
std::string_view IdText(dom::element e, Arena& arena);
std::string_view Id(dom::element e, std::string_view key, Arena& arena);
// A count: a number (fractions truncated) or a string of digits ("12" in archives and
// YouTube statistics); kUnknownCount when absent, null or anything else.
int64_t CountOf(dom::element e);
int64_t Count(dom::element e, std::string_view key);
bool IsNonNull(dom::element e, std::string_view key);
// The text after the last `sep`: "tag:search.twitter.com,2005:123" -> "123".
std::string_view After(std::string_view s, char sep);

// ---------------------------------------------------------------------------------
// The reader base.

class JsonRecordReader : public Reader, private RecordSplitter::Handler {
 public:
  // line_mode: the line-splittable variant (every line one record, blocks come from
  // any thread); otherwise blocks come in order and records are found by splitting.
  explicit JsonRecordReader(bool line_mode) : line_mode_(line_mode) {}
  bool LineSplittable() const override { return line_mode_; }
  // Detect() for a format known by its first records (x-v1, x-v2): 0 unless
  // `is_format(record)` holds for one of them; then 80, and for the line-splittable
  // variant 85 when the first value is a whole line (it outbids the general reader on
  // NDJSON), else 0.
  template <class IsFormat>
  int DetectByRecords(std::string_view head, IsFormat&& is_format) const {
    Sniff s = SniffHead(head);
    if (!s.json || std::none_of(s.records.begin(), s.records.end(), is_format)) return 0;
    if (line_mode_) return s.first_line_complete ? 85 : 0;
    return 80;
  }
  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
             InputErrors& errors) final;
  void Finish(const BlockContext& ctx, EventSink& sink, InputErrors& errors) final;

 protected:
  // One parsed record: an object or an array.
  virtual void HandleRecord(dom::element root) = 0;
  // For HandleRecord: where the record is, and where its events and errors go.
  void Fail(InputError reason, std::string message);
  void Emit(const RawEvent& e) { sink_->Add(e); }
  const BlockContext& context() const { return *ctx_; }
  int64_t record_line() const { return line_; }
  Arena arena_;

 private:
  void Record(std::string_view text, int64_t line) override;
  void Bad(int64_t line, InputError reason, std::string message) override;
  void ParseRecord(const char* data, size_t size, int64_t line);

  bool line_mode_;
  RecordSplitter splitter_;
  dom::parser parser_;
  std::string copy_;
  const BlockContext* ctx_ = nullptr;
  EventSink* sink_ = nullptr;
  InputErrors* errors_ = nullptr;
  int64_t line_ = 0;
};

}  // namespace rapport::json
