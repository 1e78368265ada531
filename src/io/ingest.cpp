#include "io/ingest.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <exception>
#include <memory>
#include <utility>

#include "fmt/format.h"
#include "io/event_builder.h"
#include "io/mapped_blocks.h"
#include "io/raw_event_buffer.h"
#include "io/readers/reader.h"
#include "simdjson.h"
#include "tbb/enumerable_thread_specific.h"
#include "tbb/parallel_for.h"
#include "tbb/parallel_pipeline.h"
#include "tbb/task_arena.h"

namespace rapport {
namespace {

// A block of whole lines with simdjson's padding (readable bytes) after it: owned (read
// from a stream, or the end of a mapped file) or a view into a mapped file.
struct Block {
  std::unique_ptr<char[]> data;
  const char* view = nullptr;
  size_t size = 0;
  size_t end = 0;  // mapped files: the offset just after the block
  const char* bytes() const { return data ? data.get() : view; }
};

struct ParsedBlock {
  EventBatch batch;
  InputErrors errors;
  int64_t lines = 0;
  size_t end = 0;  // as Block::end
};

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

// Adds a source's on-disk bytes to the shared count as they are consumed (compressed
// bytes for .zst/.gz, so the bar's total is the files' sizes on disk). One per file:
// files are read concurrently.
struct ProgressTracker {
  ReadProgress* p = nullptr;
  uint64_t reported = 0;  // this source's bytes already added
  void Read(const ByteSource& source) {
    if (!p) return;
    const uint64_t now = source.RawBytesRead();
    if (now > reported) {
      p->done_bytes.fetch_add(now - reported, std::memory_order_relaxed);
      reported = now;
    }
  }
  void Events(int64_t n) const {
    if (p) p->events.fetch_add(n, std::memory_order_relaxed);
  }
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
  auto p = std::unique_ptr<char[]>(new char[n + kPadding]);
  std::memset(p.get() + n, 0, kPadding);
  return p;
}

// The next block of a mapped file from `pos` (mapped_blocks.h): a view into the
// mapping, or the file's end copied into a padded block.
void NextMappedBlock(std::string_view mapped, size_t pos, size_t block_bytes, Block& block) {
  const MappedCut cut = CutMappedBlock(mapped, pos, block_bytes, kPadding);
  block.size = cut.end - pos;
  block.end = cut.end;
  if (cut.copy) {
    block.data = AllocBlock(block.size);
    std::memcpy(block.data.get(), mapped.data() + pos, block.size);
  } else {
    block.view = mapped.data() + pos;
  }
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
  ProgressTracker tracker{progress};
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
  tracker.Read(*source);
  tracker.Events(sink.TakeCount());
  if (strict && errors.total() > 0) throw StrictModeError(FirstErrorText(errors));
  return info;
}

namespace {

// The shape of every reading pipeline here: `produce` (one thread, in input order)
// returns the next item, or nullptr at the end; `work` runs on any core; `settle` (one
// thread, in input order) takes the result and returns false to stop reading
// (--strict). Nothing is settled after a stop. An exception in `produce` (a truncated
// .zst, a read error, a file that shrank) stops the pipeline cleanly: items in flight
// finish and are freed, and it is rethrown once the pipeline is done.
template <class In, class Out, class Produce, class Work, class Settle>
void RunInOrder(Produce&& produce, Work&& work, Settle&& settle) {
  std::atomic<bool> stop{false};  // set by the last stage, read by the first
  std::exception_ptr source_error;
  tbb::parallel_pipeline(
      static_cast<size_t>(tbb::this_task_arena::max_concurrency()) * 2,
      tbb::make_filter<void, std::shared_ptr<In>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::shared_ptr<In> {
            std::shared_ptr<In> item;
            if (!stop.load(std::memory_order_relaxed)) {
              try {
                item = produce();
              } catch (...) {
                source_error = std::current_exception();
              }
            }
            if (!item) fc.stop();
            return item;
          }) &
          tbb::make_filter<std::shared_ptr<In>, std::shared_ptr<Out>>(
              tbb::filter_mode::parallel,
              [&](std::shared_ptr<In> in) { return work(std::move(in)); }) &
          tbb::make_filter<std::shared_ptr<Out>, void>(
              tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Out> out) {
                if (!stop.load(std::memory_order_relaxed) && !settle(*out))
                  stop.store(true, std::memory_order_relaxed);
              }));
  if (source_error) std::rethrow_exception(source_error);
}

// What reading one input gave. Files are read concurrently and their outcomes taken
// in input order, so the table, the errors and every figure are those of a
// one-file-after-another read.
struct FileOutcome {
  InputFileInfo info;
  InputErrors errors;
  std::exception_ptr failure;  // SourceError, FormatError: rethrown in input order
};

// Reads one input, handing its batches to `append` in file order. `reserve` is the
// table when this is the only input (sized from the first block's line length).
FileOutcome ReadFile(const std::string& path, const IngestOptions& options, const Reader* forced,
                     Dictionaries& dict, const Enricher& enricher, EventTable* reserve,
                     const std::function<void(EventBatch&&)>& append) {
  FileOutcome outcome;
  try {
    ProgressTracker tracker{options.progress};
    InputFileInfo& info = outcome.info;
    // A plain file is mapped: blocks are views into it, without the kernel's copy into
    // a buffer and the copy of each block's carried partial line (docs/formats.md).
    auto source = OpenSource(path, OpenMode::kMapPlain);
    const std::string_view mapped = source->mapped();
    info.path = path;
    info.compression = source->compression();
    const std::string& file = source->name();

    // The first block: detection looks at its start (a mapped file's is a padded copy).
    std::string carry;
    auto first = AllocBlock(options.block_bytes);
    size_t first_size = 0;
    if (!mapped.empty()) {
      first_size = std::min(mapped.size(), options.block_bytes);
      std::memcpy(first.get(), mapped.data(), first_size);
    } else {
      while (first_size < options.block_bytes) {
        size_t got = source->Read(first.get() + first_size, options.block_bytes - first_size);
        if (got == 0) break;
        first_size += got;
        tracker.Read(*source);
      }
      info.bytes += first_size;
      tracker.Read(*source);
    }
    if (first_size == 0) {
      info.format = forced ? std::string(forced->name()) : "empty";
      return outcome;
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
    if (size_t file_size = SourceSize(path);
        reserve && file_size > 0 && info.compression == Compression::kNone) {
      int64_t lines = CountLines({first.get(), first_size});
      if (lines > 0) {
        double per_line = static_cast<double>(first_size) / static_cast<double>(lines);
        reserve->Reserve(reserve->size() +
                         static_cast<size_t>(static_cast<double>(file_size) / per_line * 1.03));
      }
    }
    auto take = [&](EventBatch&& batch) {
      const auto n = static_cast<int64_t>(batch.columns.size());
      tracker.Events(n);
      info.records += n;
      append(std::move(batch));
    };

    if (proto->LineSplittable()) {
      tbb::enumerable_thread_specific<std::unique_ptr<Reader>> readers(
          [&] { return proto->NewInstance(); });
      tbb::enumerable_thread_specific<std::unique_ptr<EventBuilder>> builders(
          [&] { return std::make_unique<EventBuilder>(dict, enricher); });
      bool first_pending = true;
      bool eof = false;
      size_t mapped_pos = 0;  // mapped files: where the next block starts
      if (!mapped.empty()) first.reset();
      int64_t lines_before = 0;
      InputErrors& file_errors = outcome.errors;
      auto produce = [&]() -> std::shared_ptr<Block> {
        if (eof && carry.empty()) return nullptr;
        auto block = std::make_shared<Block>();
        if (!mapped.empty()) {
          NextMappedBlock(mapped, mapped_pos, options.block_bytes, *block);
          source->TakeMapped(block->end);
          mapped_pos = block->end;
          eof = mapped_pos == mapped.size();
          info.bytes = mapped_pos;
          tracker.Read(*source);
          return block;
        }
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
            size_t got = source->Read(block->data.get() + block->size, capacity - block->size);
            if (got == 0) eof = true;
            block->size += got;
            info.bytes += got;
            tracker.Read(*source);
          }
        }
        // Cut after the last newline; the rest waits for the next block. A block
        // without any newline grows until one comes (a very long line).
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
      };
      auto parse = [&](std::shared_ptr<Block> block) {
        auto parsed = std::make_shared<ParsedBlock>();
        if (block->size == 0) return parsed;
        std::string_view view(block->bytes(), block->size);
        EventBuilder& builder = *builders.local();
        builder.set_batch(&parsed->batch);
        parsed->lines = readers.local()->ParseLines(view, ctx, builder, parsed->errors);
        builder.Flush();
        parsed->end = block->end;
        return parsed;
      };
      auto settle = [&](ParsedBlock& parsed) {
        parsed.errors.ShiftLines(lines_before);
        lines_before += parsed.lines;
        file_errors.Merge(parsed.errors);
        if (options.strict && file_errors.total() > 0) return false;
        take(std::move(parsed.batch));
        if (parsed.end) source->ReleaseMapped(parsed.end);
        return true;
      };
      RunInOrder<Block, ParsedBlock>(produce, parse, settle);
    } else {
      // A reader that must see the file in order (a JSON document, a CSV whose quoted
      // fields span lines) decodes on this thread, a block at a time; what it decodes
      // is interned and enriched (sentiment, intent, brand terms: most of the work) on
      // all cores, in slices of kSliceEvents, and appended in order.
      constexpr size_t kSliceEvents = 16384;
      struct Decoded {
        RawEventBuffer events;
        InputErrors errors;
        std::vector<EventBatch> batches;
      };
      auto reader = proto->NewInstance();
      tbb::enumerable_thread_specific<std::unique_ptr<EventBuilder>> builders(
          [&] { return std::make_unique<EventBuilder>(dict, enricher); });
      InputErrors& file_errors = outcome.errors;
      auto buf = AllocBlock(options.block_bytes);
      bool first_pending = true, done = false;
      auto produce = [&]() -> std::shared_ptr<Decoded> {
        if (done) return nullptr;
        auto d = std::make_shared<Decoded>();
        if (first_pending) {
          first_pending = false;
          if (!mapped.empty()) {
            source->TakeMapped(first_size);
            info.bytes = first_size;
          }
          reader->Parse({first.get(), first_size}, ctx, d->events, d->errors);
          return d;
        }
        if (!mapped.empty()) {
          // Fixed-size views (the reader carries partial records itself), the file's
          // end copied into `buf` for its padding.
          const size_t pos = info.bytes;
          if (pos == mapped.size()) {
            reader->Finish(ctx, d->events, d->errors);
            done = true;
            return d;
          }
          const size_t end = std::min(mapped.size(), pos + options.block_bytes);
          std::string_view view = mapped.substr(pos, end - pos);
          if (mapped.size() - end < kPadding) {
            std::memcpy(buf.get(), view.data(), view.size());
            view = {buf.get(), view.size()};
          }
          source->TakeMapped(end);
          info.bytes = end;
          tracker.Read(*source);
          reader->Parse(view, ctx, d->events, d->errors);
          source->ReleaseMapped(end);
          return d;
        }
        size_t got = source->Read(buf.get(), options.block_bytes);
        tracker.Read(*source);
        if (got == 0) {
          reader->Finish(ctx, d->events, d->errors);
          done = true;
          return d;
        }
        info.bytes += got;
        reader->Parse({buf.get(), got}, ctx, d->events, d->errors);
        return d;
      };
      auto enrich = [&](std::shared_ptr<Decoded> d) {
        const size_t n = d->events.size();
        d->batches.resize((n + kSliceEvents - 1) / kSliceEvents);
        tbb::parallel_for(size_t{0}, d->batches.size(), [&](size_t k) {
          EventBuilder& builder = *builders.local();
          builder.set_batch(&d->batches[k]);
          d->events.Replay(k * kSliceEvents, (k + 1) * kSliceEvents, builder);
          builder.Flush();
        });
        return d;
      };
      auto settle = [&](Decoded& d) {
        file_errors.Merge(d.errors);
        if (options.strict && file_errors.total() > 0) return false;
        for (auto& b : d.batches) take(std::move(b));
        return true;
      };
      RunInOrder<Decoded, Decoded>(produce, enrich, settle);
    }
    tracker.Read(*source);
  } catch (...) {
    outcome.failure = std::current_exception();
  }
  return outcome;
}

}  // namespace

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

  // One input: its batches go to the table as they are parsed. Several: up to 2 x
  // cores files are read at once; a file's batches wait until the files before it
  // are in (the serial stage), so the table is in input order and memory stays bounded.
  const size_t n = options.inputs.size();
  auto settle = [&](FileOutcome& o, std::vector<EventBatch>* batches) {
    if (o.failure) std::rethrow_exception(o.failure);
    result.errors.Merge(o.errors);
    if (options.strict && o.errors.total() > 0) throw StrictModeError(FirstErrorText(o.errors));
    if (batches)
      for (auto& b : *batches) table.Append(std::move(b));
    result.bytes += o.info.bytes;
    result.files.push_back(std::move(o.info));
  };
  if (n == 1) {
    FileOutcome o = ReadFile(options.inputs[0], options, forced, dict, enricher, &table,
                             [&](EventBatch&& b) { table.Append(std::move(b)); });
    settle(o, nullptr);
  } else if (n > 1) {
    struct Pending {
      FileOutcome outcome;
      std::vector<EventBatch> batches;
    };
    size_t next = 0;
    std::exception_ptr stop;  // the first failure in input order; later files are dropped
    RunInOrder<size_t, Pending>(
        [&]() { return next == n ? nullptr : std::make_shared<size_t>(next++); },
        [&](std::shared_ptr<size_t> i) {
          auto p = std::make_shared<Pending>();
          p->outcome = ReadFile(options.inputs[*i], options, forced, dict, enricher, nullptr,
                                [&](EventBatch&& b) { p->batches.push_back(std::move(b)); });
          return p;
        },
        [&](Pending& p) {
          try {
            settle(p.outcome, &p.batches);
            return true;
          } catch (...) {
            stop = std::current_exception();
            return false;
          }
        });
    if (stop) std::rethrow_exception(stop);
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
