// The reader extension point: one class per input format (FORMATS.md), in one file
// under src/io/readers/, registered in registry.cpp. A reader turns bytes into
// RawEvents (through an EventBuilder) and bad records into counted InputErrors.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_table.h"
#include "io/event_sink.h"
#include "io/input_error.h"

namespace rapport {

// Lines in `s`: its newlines, plus one when it ends without one.
int64_t CountLines(std::string_view s);

// Where a block came from, for error messages. Lines are 1-based within the block;
// the ingest driver shifts them to file lines once earlier blocks are counted.
struct BlockContext {
  std::string_view file;
};

// The record one line of a line-per-record input holds: the line without a trailing
// '\r', or an empty view for a blank line and for one longer than `max_bytes` (counted
// as too_large at `line_no`).
std::string_view RecordOfLine(std::string_view line, size_t max_bytes, const BlockContext& ctx,
                              int64_t line_no, InputErrors& errors);

// Calls record(text, line_no, rest) for each record line of `block` (RecordOfLine),
// where `rest` is the number of bytes from the line's start to the block's end.
// Returns the block's lines as CountLines counts them (blank ones too).
template <class F>
int64_t ForEachRecordLine(std::string_view block, size_t max_bytes, const BlockContext& ctx,
                          InputErrors& errors, F&& record) {
  const char* p = block.data();
  const char* const end = p + block.size();
  int64_t line_no = 0;
  while (p < end) {
    // A mapped file's pages come cold from the page cache: ask for the lines ahead
    // (hardware prefetchers stop at page boundaries). A hint: never faults.
    __builtin_prefetch(p + 2048);
    __builtin_prefetch(p + 2048 + 64);
    const auto rest = static_cast<size_t>(end - p);
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', rest));
    const char* line_end = nl ? nl : end;
    ++line_no;
    const std::string_view text = RecordOfLine({p, static_cast<size_t>(line_end - p)}, max_bytes,
                                               ctx, line_no, errors);
    if (!text.empty()) record(text, line_no, rest);
    p = nl ? nl + 1 : end;
  }
  return line_no;
}

class Reader {
 public:
  virtual ~Reader() = default;
  // The format's name as users write it with --input-format: "rapport", "twcs", ...
  virtual std::string_view name() const = 0;
  // How sure the reader is that `head` (the first bytes, decompressed) is its format:
  // 0 = not mine, 100 = certain. The highest score wins.
  virtual int Detect(std::string_view head) const = 0;
  // True when every record is one line: blocks cut at newlines are parsed in parallel
  // by independent readers (NewInstance). Otherwise blocks come in order, to one
  // instance, and Finish() flushes what is left.
  virtual bool LineSplittable() const = 0;
  virtual std::unique_ptr<Reader> NewInstance() const = 0;
  virtual void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
                     InputErrors& errors) = 0;
  // Parse for line-splittable readers, returning the lines of `block` as CountLines
  // counts them (blank ones too), which number the next blocks' lines. Readers that
  // split the block into lines anyway return their count instead of a second scan.
  virtual int64_t ParseLines(std::string_view block, const BlockContext& ctx, EventSink& sink,
                             InputErrors& errors) {
    Parse(block, ctx, sink, errors);
    return CountLines(block);
  }
  virtual void Finish(const BlockContext&, EventSink&, InputErrors&) {}
};

// All readers, in the priority order of FORMATS.md.
const std::vector<std::unique_ptr<Reader>>& AllReaders();
const Reader* FindReader(std::string_view name);
// The best reader for `head`, or nullptr when none recognises it.
const Reader* DetectReader(std::string_view head);

// Shared by readers: validates UTF-8 (records with invalid UTF-8 are skipped).
bool IsValidUtf8(std::string_view s);

}  // namespace rapport
