#include "io/ingest.h"

#include <cstring>
#include <filesystem>
#include <exception>
#include <memory>
#include <utility>

#include "fmt/format.h"
#include "io/event_builder.h"
#include "io/readers/reader.h"
#include "simdjson.h"
#include "tbb/enumerable_thread_specific.h"
#include "tbb/parallel_pipeline.h"
#include "tbb/task_arena.h"

namespace rapport {
namespace {

// A block of whole lines, with simdjson's padding after it.
struct Block {
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

struct ParsedBlock {
  EventBatch batch;
  InputErrors errors;
  int64_t lines = 0;
};

// Publishes the on-disk bytes consumed: those of the files already read plus the
// current source's own count (compressed bytes for .zst/.gz, so the bar's total is the
// files' sizes on disk).
struct ProgressTracker {
  ReadProgress* p = nullptr;
  uint64_t base = 0;
  void Read(const ByteSource& source) const {
    if (p) p->done_bytes.store(base + source.RawBytesRead(), std::memory_order_relaxed);
  }
  void Events(int64_t n) const {
    if (p) p->events.fetch_add(n, std::memory_order_relaxed);
  }
  void EndFile(const ByteSource& source) { base += source.RawBytesRead(); Read(source); }
};

// Counts what a reader sends on, for the progress of `rapport convert`.
class CountingSink : public EventSink {
 public:
  explicit CountingSink(EventSink& inner) : inner_(inner) {}
  void Add(const RawEvent& e) override {
    ++count_;
    inner_.Add(e);
  }
  int64_t TakeCount() { return std::exchange(count_, 0); }

 private:
  EventSink& inner_;
  int64_t count_ = 0;
};

std::unique_ptr<char[]> AllocBlock(size_t n) {
  auto p = std::unique_ptr<char[]>(new char[n + simdjson::SIMDJSON_PADDING]);
  std::memset(p.get() + n, 0, simdjson::SIMDJSON_PADDING);
  return p;
}

int64_t CountLines(std::string_view s) {
  int64_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while ((p = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p))))) {
    ++n;
    ++p;
  }
  if (!s.empty() && s.back() != '\n') ++n;
  return n;
}

std::string FirstErrorText(const InputErrors& errors) {
  if (errors.first().empty()) return "bad record";
  const auto& loc = errors.first().front();
  return fmt::format("{}:{}: {} ({})", loc.file, loc.line, loc.message,
                     InputErrorName(loc.reason));
}

}  // namespace

uint64_t TotalInputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& path : inputs) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_regular_file(path, ec)) return 0;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return 0;
    total += size;
  }
  return total;
}

InputFileInfo ReadEvents(const std::string& path, const std::string& input_format, EventSink& out,
                         InputErrors& errors, bool strict, ReadProgress* progress) {
  ProgressTracker tracker{progress, progress ? progress->done_bytes.load() : 0};
  CountingSink sink(out);
  const Reader* forced = nullptr;
  if (!input_format.empty() && !(forced = FindReader(input_format)))
    throw FormatError(fmt::format("unknown input format \"{}\"", input_format));
  auto source = OpenSource(path);
  InputFileInfo info;
  info.path = path;
  info.compression = source->compression();
  const size_t kBlock = 8 << 20;
  auto buf = AllocBlock(kBlock);
  size_t size = 0;
  while (size < kBlock) {
    size_t got = source->Read(buf.get() + size, kBlock - size);
    if (got == 0) break;
    size += got;
  }
  info.bytes = size;
  if (size == 0) {
    info.format = "empty";
    return info;
  }
  const Reader* proto = forced ? forced : DetectReader({buf.get(), std::min<size_t>(size, 1 << 16)});
  if (!proto)
    throw FormatError(fmt::format("{}: format not recognised; name it with --input-format", source->name()));
  info.format = std::string(proto->name());
  BlockContext ctx{source->name()};
  auto reader = proto->NewInstance();
  int64_t lines_before = 0;
  std::string carry;
  bool eof = size < kBlock;
  while (true) {
    std::string_view view(buf.get(), size);
    if (proto->LineSplittable() && !eof) {
      size_t last_nl = view.rfind('\n');
      size_t keep = last_nl == std::string_view::npos ? 0 : last_nl + 1;
      carry.assign(view.substr(keep));
      view = view.substr(0, keep);
    }
    InputErrors block_errors;
    reader->Parse(view, ctx, sink, block_errors);
    tracker.Read(*source);
    tracker.Events(sink.TakeCount());
    if (proto->LineSplittable()) {
      block_errors.ShiftLines(lines_before);
      lines_before += CountLines(view);
    }
    errors.Merge(block_errors);
    if (strict && errors.total() > 0) throw StrictModeError(FirstErrorText(errors));
    if (eof) break;
    // Next block: the carried partial line, then fresh bytes.
    size_t need = std::max(kBlock, carry.size() + 1);
    buf = AllocBlock(need + kBlock);
    std::memcpy(buf.get(), carry.data(), carry.size());
    size = carry.size();
    carry.clear();
    while (size < need) {
      size_t got = source->Read(buf.get() + size, need + kBlock - size);
      if (got == 0) {
        eof = true;
        break;
      }
      size += got;
      info.bytes += got;
    }
  }
  reader->Finish(ctx, sink, errors);
  tracker.EndFile(*source);
  tracker.Events(sink.TakeCount());
  if (strict && errors.total() > 0) throw StrictModeError(FirstErrorText(errors));
  return info;
}

IngestResult Ingest(const IngestOptions& options, const Enricher& enricher, EventTable& table) {
  IngestResult result;
  const Reader* forced = nullptr;
  if (!options.input_format.empty()) {
    forced = FindReader(options.input_format);
    if (!forced) {
      std::string names;
      for (const auto& r : AllReaders()) names += fmt::format("{}{}", names.empty() ? "" : ", ", r->name());
      throw FormatError(fmt::format("unknown input format \"{}\" (known: {})", options.input_format, names));
    }
  }
  Dictionaries& dict = table.dictionaries();

  ProgressTracker tracker{options.progress, 0};
  for (const std::string& path : options.inputs) {
    auto source = OpenSource(path);
    InputFileInfo info;
    info.path = path;
    info.compression = source->compression();
    const std::string& file = source->name();

    // The first block: detection looks at its start.
    std::string carry;
    auto first = AllocBlock(options.block_bytes);
    size_t first_size = 0;
    while (first_size < options.block_bytes) {
      size_t got = source->Read(first.get() + first_size, options.block_bytes - first_size);
      if (got == 0) break;
      first_size += got;
      tracker.Read(*source);
    }
    info.bytes += first_size;
    tracker.Read(*source);
    if (first_size == 0) {
      tracker.EndFile(*source);
      info.format = forced ? std::string(forced->name()) : "empty";
      result.files.push_back(info);
      continue;
    }
    const Reader* proto = forced ? forced : DetectReader({first.get(), std::min<size_t>(first_size, 1 << 16)});
    if (!proto)
      throw FormatError(fmt::format(
          "{}: format not recognised (first bytes: \"{}\"); name it with --input-format",
          file, std::string(first.get(), std::min<size_t>(first_size, 40))));
    info.format = std::string(proto->name());
    BlockContext ctx{file};
    // Size the table from the first block's line length and the file size (plain files
    // only; compressed sizes are unknown), with 3% to spare.
    if (size_t file_size = SourceSize(path); file_size > 0 && info.compression == Compression::kNone) {
      int64_t lines = CountLines({first.get(), first_size});
      if (lines > 0) {
        double per_line = static_cast<double>(first_size) / static_cast<double>(lines);
        table.Reserve(table.size() + static_cast<size_t>(static_cast<double>(file_size) / per_line * 1.03));
      }
    }
    const size_t events_before = table.size();

    if (proto->LineSplittable()) {
      tbb::enumerable_thread_specific<std::unique_ptr<Reader>> readers(
          [&] { return proto->NewInstance(); });
      tbb::enumerable_thread_specific<std::unique_ptr<EventBuilder>> builders(
          [&] { return std::make_unique<EventBuilder>(dict, enricher); });
      bool first_pending = true;
      bool eof = false;
      int64_t lines_before = 0;
      bool strict_stop = false;
      std::exception_ptr source_error;
      InputErrors file_errors;
      tbb::parallel_pipeline(
          static_cast<size_t>(tbb::this_task_arena::max_concurrency()) * 2,
          tbb::make_filter<void, std::shared_ptr<Block>>(
              tbb::filter_mode::serial_in_order,
              [&](tbb::flow_control& fc) -> std::shared_ptr<Block> {
                if (strict_stop || source_error || (eof && carry.empty())) {
                  fc.stop();
                  return nullptr;
                }
                try {
                auto block = std::make_shared<Block>();
                if (first_pending) {
                  block->data = std::move(first);
                  block->size = first_size;
                  first_pending = false;
                  if (first_size < options.block_bytes) eof = true;
                } else {
                  block->data = AllocBlock(options.block_bytes + carry.size());
                  std::memcpy(block->data.get(), carry.data(), carry.size());
                  block->size = carry.size();
                  carry.clear();
                  size_t capacity = options.block_bytes + block->size;
                  size_t target = std::max(options.block_bytes, block->size + 1);
                  while (!eof && block->size < target) {
                    size_t got = source->Read(block->data.get() + block->size,
                                              capacity - block->size);
                    if (got == 0) eof = true;
                    block->size += got;
                    info.bytes += got;
                    tracker.Read(*source);
                  }
                }
                // Cut after the last newline; the rest waits for the next block. A
                // block without any newline grows until one comes (a very long line).
                if (!eof) {
                  std::string_view view(block->data.get(), block->size);
                  size_t last_nl = view.rfind('\n');
                  if (last_nl == std::string_view::npos) {
                    carry.assign(view);
                    block->size = 0;
                  } else {
                    carry.assign(view.substr(last_nl + 1));
                    block->size = last_nl + 1;
                  }
                }
                return block;
                } catch (...) {
                  // A source error (truncated .zst, a read failure) stops the pipeline
                  // cleanly: blocks in flight finish and are freed; it is rethrown after.
                  source_error = std::current_exception();
                  fc.stop();
                  return nullptr;
                }
              }) &
              tbb::make_filter<std::shared_ptr<Block>, std::shared_ptr<ParsedBlock>>(
                  tbb::filter_mode::parallel,
                  [&](std::shared_ptr<Block> block) {
                    auto parsed = std::make_shared<ParsedBlock>();
                    if (!block || block->size == 0) return parsed;
                    std::string_view view(block->data.get(), block->size);
                    EventBuilder& builder = *builders.local();
                    builder.set_batch(&parsed->batch);
                    readers.local()->Parse(view, ctx, builder, parsed->errors);
                    parsed->lines = CountLines(view);
                    return parsed;
                  }) &
              tbb::make_filter<std::shared_ptr<ParsedBlock>, void>(
                  tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ParsedBlock> parsed) {
                    parsed->errors.ShiftLines(lines_before);
                    lines_before += parsed->lines;
                    file_errors.Merge(parsed->errors);
                    if (options.strict && file_errors.total() > 0) strict_stop = true;
                    tracker.Events(static_cast<int64_t>(parsed->batch.columns.size()));
                    if (!strict_stop) table.Append(std::move(parsed->batch));
                  }));
      if (source_error) std::rethrow_exception(source_error);
      result.errors.Merge(file_errors);
      if (options.strict && file_errors.total() > 0)
        throw StrictModeError(FirstErrorText(file_errors));
    } else {
      auto reader = proto->NewInstance();
      EventBuilder builder(dict, enricher);
      InputErrors file_errors;
      EventBatch batch;
      builder.set_batch(&batch);
      std::string_view view(first.get(), first_size);
      reader->Parse(view, ctx, builder, file_errors);
      auto buf = AllocBlock(options.block_bytes);
      while (!(options.strict && file_errors.total() > 0)) {
        size_t got = source->Read(buf.get(), options.block_bytes);
        if (got == 0) break;
        info.bytes += got;
        reader->Parse({buf.get(), got}, ctx, builder, file_errors);
        tracker.Read(*source);
        if (batch.columns.size() > (1u << 20)) {
          tracker.Events(static_cast<int64_t>(batch.columns.size()));
          table.Append(std::move(batch));
          batch = EventBatch();
          builder.set_batch(&batch);
        }
      }
      if (!(options.strict && file_errors.total() > 0))
        reader->Finish(ctx, builder, file_errors);
      tracker.Events(static_cast<int64_t>(batch.columns.size()));
      table.Append(std::move(batch));
      result.errors.Merge(file_errors);
      if (options.strict && file_errors.total() > 0)
        throw StrictModeError(FirstErrorText(file_errors));
    }
    tracker.EndFile(*source);
    info.records = static_cast<int64_t>(table.size() - events_before);
    result.bytes += info.bytes;
    result.files.push_back(std::move(info));
  }
  std::vector<FoldedRecord> examples;
  int64_t folded = table.Finalize(&examples);
  result.errors.AddCount(InputError::kDuplicate, folded - static_cast<int64_t>(examples.size()));
  for (const auto& ex : examples) {
    // The file is found from the row: files' rows are appended in order.
    std::string file;
    size_t row_end = 0;
    for (const auto& f : result.files) {
      row_end += static_cast<size_t>(f.records);
      if (ex.row < row_end) {
        file = f.path;
        break;
      }
    }
    result.errors.Add(InputError::kDuplicate, file, 0,
                      fmt::format("id \"{}\" seen again: the later record's counters replace "
                                  "the earlier ones",
                                  ex.id));
  }
  result.events = static_cast<int64_t>(table.size());
  return result;
}

}  // namespace rapport
