// JSON texts for the readers that decode whole documents with simdjson On-Demand
// (reddit, mastodon, bluesky): a non-line-splittable input is either one document
// (JSON spanning lines, held until Finish) or one text per line (NDJSON, decoded as
// lines arrive), decided on the first line; and what their decoders share (field
// accessors, DocumentDecoder, ItemsDecoder), so that each format writes only what is
// its own. The x-v1/x-v2/youtube readers split records differently (json_helpers.h:
// array elements streamed one by one).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fmt/format.h"
#include "io/input_error.h"
#include "io/readers/reader.h"
#include "simdjson.h"

namespace rapport::json {

// A line is never bigger than this; a longer line is skipped as too_large.
inline constexpr size_t kMaxLineBytes = 16 << 20;
// A whole JSON document is held in memory to be parsed: above this it is refused
// (NDJSON has no such limit).
inline constexpr size_t kMaxDocumentBytes = size_t{1} << 30;

// The first byte at or after `i` that is not a byte order mark or white space.
size_t SkipSpace(std::string_view s, size_t i = 0);

// Where the `{` or `[` that opens the first value of `s` is (after a byte order mark and
// white space), or npos when `s` does not start like a JSON object or array.
size_t OpeningBracket(std::string_view s);

// True when `line` holds a whole JSON object or array: its brackets close on it.
bool BracketsClose(std::string_view line);

// For Detect(): `"key"` followed by `:` and `"value"` in `s`, white space allowed around
// the colon.
bool HasKeyValue(std::string_view s, std::string_view key, std::string_view value);

class JsonTexts {
 public:
  // `ndjson_hint` ends the too-large message: how to write this input as NDJSON
  // (e.g. "jq -c '.feed[]'").
  explicit JsonTexts(std::string_view ndjson_hint) : hint_(ndjson_hint) {}

  // `decode(text, first_line)`: `text` is followed by SIMDJSON_PADDING bytes.
  template <class Decode>
  void Add(std::string_view block, const BlockContext& ctx, InputErrors& errors, Decode&& decode) {
    if (mode_ == Mode::kDocument) {
      if (too_large_) return;
      if (buf_.size() + block.size() > kMaxDocumentBytes) {
        too_large_ = true;
        std::string().swap(buf_);
        return;
      }
      buf_.append(block);
      return;
    }
    buf_.append(block);
    if (mode_ == Mode::kUndecided) {
      size_t i = SkipSpace(buf_);
      size_t nl = buf_.find('\n', i);
      if (nl == std::string::npos) {
        if (buf_.size() > kMaxLineBytes) mode_ = Mode::kDocument;  // a long first line
        return;
      }
      const bool json_start = buf_[i] == '{' || buf_[i] == '[';
      mode_ = !json_start || BracketsClose(std::string_view(buf_).substr(i, nl - i)) ? Mode::kLines
                                                                                   : Mode::kDocument;
      if (mode_ == Mode::kDocument) return;
    }
    DecodeLines(ctx, errors, decode, /*last=*/false);
  }

  template <class Decode>
  void Finish(const BlockContext& ctx, InputErrors& errors, Decode&& decode) {
    if (mode_ == Mode::kLines) {
      DecodeLines(ctx, errors, decode, /*last=*/true);
      return;
    }
    if (too_large_) {
      errors.Add(InputError::kTooLarge, ctx.file, 1,
                 fmt::format("a JSON document larger than {} MiB; write it as NDJSON (one "
                             "record per line, e.g. {}) to stream it",
                             kMaxDocumentBytes >> 20, hint_));
      return;
    }
    // A document, or a single line without a newline.
    size_t i = SkipSpace(buf_);
    if (i >= buf_.size()) return;
    const int64_t first_line =
        1 + std::count(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(i), '\n');
    const size_t size = buf_.size();
    buf_.append(simdjson::SIMDJSON_PADDING, '\0');
    decode(std::string_view(buf_.data() + i, size - i), first_line);
    std::string().swap(buf_);
  }

 private:
  enum class Mode { kUndecided, kLines, kDocument };

  template <class Decode>
  void DecodeLines(const BlockContext& ctx, InputErrors& errors, Decode& decode, bool last) {
    const size_t size = buf_.size();
    buf_.append(simdjson::SIMDJSON_PADDING, '\0');
    size_t pos = 0;
    while (pos < size) {
      size_t nl = buf_.find('\n', pos);
      if (nl >= size) {
        if (!last) break;
        nl = size;
      }
      ++line_;
      std::string_view line(buf_.data() + pos, nl - pos);
      pos = nl + 1;
      if (skipping_) {  // the end of a line already known to be too long
        skipping_ = false;
        errors.Add(InputError::kTooLarge, ctx.file, line_,
                   fmt::format("record larger than the limit of {} bytes", kMaxLineBytes));
        continue;
      }
      line = RecordOfLine(line, kMaxLineBytes, ctx, line_, errors);
      if (!line.empty()) decode(line, line_);
    }
    buf_.resize(size);
    buf_.erase(0, std::min(pos, size));
    // A line that does not end is dropped once too long (counted when it ends).
    if (!last && buf_.size() > kMaxLineBytes) {
      skipping_ = true;
      buf_.clear();
    }
  }

  std::string_view hint_;
  Mode mode_ = Mode::kUndecided;
  std::string buf_;
  int64_t line_ = 0;
  bool too_large_ = false;
  bool skipping_ = false;
};

// The line of a pointer into the text being decoded, counted forward as errors come.
class LineMap {
 public:
  void Reset(std::string_view text, int64_t first_line) {
    begin_ = last_ = text.data();
    end_ = begin_ + text.size();
    last_line_ = fallback_ = first_line;
  }
  // A pointer outside the text (e.g. a cassette body: its own buffer) gets `fallback`.
  void set_fallback(int64_t line) { fallback_ = line; }
  int64_t fallback() const { return fallback_; }
  int64_t LineOf(const char* p) {
    if (!p || p < begin_ || p >= end_) return fallback_;
    if (p < last_) {  // errors come in document order; recount if not
      last_line_ -= Count(p, last_);
    } else {
      last_line_ += Count(last_, p);
    }
    last_ = p;
    return last_line_;
  }

 private:
  static int64_t Count(const char* a, const char* b) {
    int64_t n = 0;
    while ((a = static_cast<const char*>(memchr(a, '\n', static_cast<size_t>(b - a))))) {
      ++n;
      ++a;
    }
    return n;
  }
  const char *begin_ = nullptr, *end_ = nullptr, *last_ = nullptr;
  int64_t last_line_ = 1, fallback_ = 1;
};

// After a document's value was read (with `err` its outcome): TRAILING_CONTENT when
// anything but white space follows the value ("{} {}", garbage), and in *at where the
// error is, or nullptr when simdjson has no location to give (past the end).
inline simdjson::error_code CheckDocumentEnd(simdjson::ondemand::document& doc,
                                             simdjson::error_code err, const char** at) {
  // Past the end, current_location() fails: a location means content is left.
  if (const char* rest; !err && !doc.current_location().get(rest)) err = simdjson::TRAILING_CONTENT;
  *at = nullptr;
  if (err && doc.current_location().get(*at)) *at = nullptr;
  return err;
}

// ---------------------------------------------------------------- field accessors
// Inline: the decoders call them for every field of every record.

// A field's key as written. Known keys have no escapes: a key with a backslash is cut
// there, matches none and is skipped.
inline std::string_view RawKey(simdjson::ondemand::field& field) {
  const char* start = field.key().raw();
  const char* end = start;
  while (*end != '"' && *end != '\\') ++end;
  return {start, static_cast<size_t>(end - start)};
}

// A string into `out`; null leaves `out` as it is. False for any other type (the field
// is of the wrong type).
inline bool GetString(simdjson::ondemand::value v, std::string_view& out) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  return t == simdjson::ondemand::json_type::string && !v.get_string().get(out);
}

// A count into `out`: an integer, or a number with a fraction (truncated); null leaves
// `out` as it is. False for any other type or a number out of int64's range.
inline bool GetCount(simdjson::ondemand::value v, int64_t& out) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::number) return false;
  int64_t i;
  double d;
  if (!v.get_int64().get(i)) {
    out = i;
    return true;
  }
  if (!v.get_double().get(d) && d > -9e18 && d < 9e18) {
    out = static_cast<int64_t>(d);
    return true;
  }
  return false;
}

// A root that is an array of items or one item: `read_item(value, depth)` for each
// element (depth 1) or for the root itself (depth 0), up to the first error.
template <class ReadItem>
simdjson::error_code ReadRootItems(simdjson::ondemand::value root, ReadItem&& read_item) {
  simdjson::ondemand::json_type t;
  if (auto e = root.type().get(t)) return e;
  if (t != simdjson::ondemand::json_type::array) return read_item(root, 0);
  simdjson::ondemand::array arr;
  if (auto e = root.get_array().get(arr)) return e;
  for (auto el : arr) {
    simdjson::ondemand::value v;
    if (auto e = el.get(v)) return e;
    if (auto e = read_item(v, 1)) return e;
  }
  return simdjson::SUCCESS;
}

// What the decoders of JsonTexts share: the context, sink and error list of the text
// being decoded, its line map, its parse, and the wording of errors.
class DocumentDecoder {
 protected:
  // `max_depth`: how deep the decoder follows nesting (DEPTH_ERROR past it).
  explicit DocumentDecoder(int max_depth) : max_depth_(max_depth) {}

  // Decode's frame: `text` (followed by SIMDJSON_PADDING readable bytes, its first byte
  // on `first_line`) is parsed, its root value read by `read_root(value)` (which returns
  // simdjson's outcome), and nothing but white space may follow it. False, with the
  // error reported on its line, when the text is not JSON or reading it failed.
  template <class ReadRoot>
  bool ReadDocument(std::string_view text, int64_t first_line, const BlockContext& ctx,
                    EventSink& sink, InputErrors& errors, ReadRoot&& read_root) {
    ctx_ = &ctx;
    sink_ = &sink;
    errors_ = &errors;
    lines_.Reset(text, first_line);
    simdjson::ondemand::document doc;
    auto err = parser_.iterate(text.data(), text.size(), text.size() + simdjson::SIMDJSON_PADDING)
                   .get(doc);
    simdjson::ondemand::value root;
    if (!err) err = doc.get_value().get(root);
    if (err) {
      JsonError(err, first_line);
      return false;
    }
    err = read_root(root);
    if (const char* at; (err = CheckDocumentEnd(doc, err, &at))) {
      JsonError(err, lines_.LineOf(at));
      return false;
    }
    return true;
  }
  // False, with the error reported, when a field of a record had the wrong type.
  bool FieldTypesRight(std::string_view bad_field, int64_t line) {
    if (bad_field.empty()) return true;
    Error(InputError::kWrongType, line, fmt::format("field \"{}\" has the wrong type", bad_field));
    return false;
  }
  void MissingField(int64_t line, std::string_view field) {
    Error(InputError::kMissingField, line, fmt::format("missing required field \"{}\"", field));
  }
  // Once per document: `count` things (> 0) of a kind the format holds but the reader
  // does not read, said by `message` (which formats the count).
  void NoteNotRead(int64_t count, int64_t line, fmt::format_string<int64_t&> message) {
    if (count > 0) Error(InputError::kWrongType, line, fmt::format(message, count));
  }
  void Error(InputError reason, int64_t line, std::string message) {
    errors_->Add(reason, ctx_->file, line, std::move(message));
  }
  void JsonError(simdjson::error_code err, int64_t line) {
    if (err == simdjson::UTF8_ERROR)
      Error(InputError::kInvalidUtf8, line, "invalid UTF-8");
    else if (err == simdjson::DEPTH_ERROR)
      Error(InputError::kTooLarge, line, fmt::format("JSON nested deeper than {} levels", max_depth_));
    else if (err == simdjson::SCALAR_DOCUMENT_AS_VALUE || err == simdjson::INCORRECT_TYPE)
      Error(InputError::kInvalidJson, line, "a record must be a JSON object or array");
    else
      Error(InputError::kInvalidJson, line, fmt::format("not JSON: {}", simdjson::error_message(err)));
  }

  simdjson::ondemand::parser parser_;
  LineMap lines_;
  const BlockContext* ctx_ = nullptr;
  EventSink* sink_ = nullptr;
  InputErrors* errors_ = nullptr;

 private:
  int max_depth_;
};

// The decoder of a format whose documents hold one item or an array of items (bluesky,
// mastodon). `Format` reads each item into a `Tally` of what the document held
// (`ReadItem(value, depth, tally)`, depth 0 for a root item, 1 for an element) and,
// once the document was read, notes what it held but did not read
// (`NoteWhatWasNotRead(tally, first_line)`).
template <class Format, class Tally>
class ItemsDecoder : public DocumentDecoder {
 public:
  void Decode(std::string_view text, int64_t first_line, const BlockContext& ctx, EventSink& sink,
              InputErrors& errors) {
    Format& format = static_cast<Format&>(*this);
    Tally tally;
    auto read_item = [&](simdjson::ondemand::value v, int depth) {
      return format.ReadItem(v, depth, tally);
    };
    auto read_root = [&](simdjson::ondemand::value root) { return ReadRootItems(root, read_item); };
    if (ReadDocument(text, first_line, ctx, sink, errors, read_root))
      format.NoteWhatWasNotRead(tally, first_line);
  }

 protected:
  using DocumentDecoder::DocumentDecoder;
};

// The reader of a format whose inputs are JsonTexts (one document, or one text per
// line), each decoded by a Decoder (`Decode(text, first_line, ctx, sink, errors)`).
template <class Decoder>
class JsonTextsReader : public Reader {
 public:
  // `ndjson_hint`: how to write the input as NDJSON, for the too-large message.
  explicit JsonTextsReader(std::string_view ndjson_hint) : texts_(ndjson_hint) {}
  bool LineSplittable() const override { return false; }

  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
             InputErrors& errors) override {
    texts_.Add(block, ctx, errors, [&](std::string_view text, int64_t line) {
      decoder_.Decode(text, line, ctx, sink, errors);
    });
  }
  void Finish(const BlockContext& ctx, EventSink& sink, InputErrors& errors) override {
    texts_.Finish(ctx, errors, [&](std::string_view text, int64_t line) {
      decoder_.Decode(text, line, ctx, sink, errors);
    });
  }

 private:
  JsonTexts texts_;
  Decoder decoder_;
};

}  // namespace rapport::json
