// Mapped plain files (src/io/source.cpp MappedSource, src/io/ingest.cpp ReadFile): the
// blocks are views into the mapping, the file's end a padded copy. The table, the
// errors, the byte counts and the progress must be those of the streamed read (the
// same bytes gzipped, or through a pipe as standard input), at every block size, for
// sizes that end exactly on a page (where a view's padding would fault).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>
#include <thread>

#include "../support/io_support.h"
#include "io/mapped_blocks.h"

namespace rapport {
namespace {

using test::DumpTable;
using test::ErrorLines;
using test::Gzip;
using test::IngestFiles;
using test::TempDir;
using ::testing::HasSubstr;

std::string Rec(int k, size_t text_bytes) {
  return fmt::format(
      R"({{"platform":"x","id":"{}","type":"post","author":"u{}","created_at":{},"text":"{}"}})", k,
      k % 13, 1509487847 + k * 61, std::string(text_bytes, static_cast<char>('a' + k % 26)));
}

// Records (a few bad, a blank line, a CRLF) until exactly `size` bytes; the last line
// has no newline when `final_newline` is false.
std::string FileOfSize(size_t size, bool final_newline) {
  std::string text;
  for (int k = 0;; ++k) {
    std::string line = k % 17 == 4 ? "{not json" : k % 23 == 9 ? "" : Rec(k, 10 + (k * 37) % 90);
    line += k % 19 == 3 ? "\r\n" : "\n";
    if (text.size() + line.size() + 200 > size) break;
    text += line;
  }
  // The last record, padded in its text to land on `size`.
  const size_t base = Rec(99999, 0).size() + (final_newline ? 1 : 0);
  text += Rec(99999, size - text.size() - base);
  if (final_newline) text += "\n";
  EXPECT_EQ(text.size(), size);
  return text;
}

// Ingests `path` mapped and its gzipped copy (streamed) at `block` bytes per block;
// both must give the same table, errors and byte count.
void ExpectSameAsStreamed(const TempDir& dir, const std::string& path, size_t block,
                          const std::string& format = "") {
  SCOPED_TRACE(fmt::format("{} at {} bytes per block", path, block));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_FALSE(OpenSource(path, OpenMode::kMapPlain)->mapped().empty());
  const std::string gz = dir.Write("streamed.gz", Gzip(bytes));
  auto mapped = IngestFiles({path}, block, format);
  auto streamed = IngestFiles({gz}, block, format);
  EXPECT_EQ(DumpTable(mapped->table), DumpTable(streamed->table));
  EXPECT_EQ(ErrorLines(mapped->result.errors), ErrorLines(streamed->result.errors));
  EXPECT_EQ(mapped->result.errors.total(), streamed->result.errors.total());
  EXPECT_EQ(mapped->result.files.at(0).bytes, bytes.size());
  EXPECT_EQ(mapped->result.files.at(0).records, streamed->result.files.at(0).records);
  EXPECT_EQ(mapped->result.files.at(0).format, streamed->result.files.at(0).format);
}

// Cuts `text` as the ingest driver does and checks every block: contiguous, non-empty,
// whole lines, at most `block` bytes unless it is one line, and a view only when
// `padding` bytes of the file follow it (else it is the last block, copied).
void ExpectCutsKeepThePadding(std::string_view text, size_t block, size_t padding) {
  SCOPED_TRACE(fmt::format("{} bytes in blocks of {}", text.size(), block));
  size_t pos = 0, blocks = 0;
  while (pos < text.size()) {
    const MappedCut cut = CutMappedBlock(text, pos, block, padding);
    ASSERT_GT(cut.end, pos);
    ASSERT_LE(cut.end, text.size());
    if (cut.copy) {
      ASSERT_EQ(cut.end, text.size());
    } else {
      ASSERT_GE(text.size() - cut.end, padding) << "a view whose padding passes the end";
      ASSERT_EQ(text[cut.end - 1], '\n');
    }
    const std::string_view b = text.substr(pos, cut.end - pos);
    if (b.size() > block && !cut.copy) {
      ASSERT_EQ(b.find('\n'), b.size() - 1);  // one line
    }
    pos = cut.end;
    ++blocks;
  }
  EXPECT_EQ(pos, text.size());
  if (text.size() > block + padding && text.find('\n') < text.size() - padding - 1) {
    EXPECT_GT(blocks, 1u);
  }
}

TEST(MappedIngest, BlockCutsNeverLeaveAViewWithoutItsPadding) {
  std::mt19937 rng(4096);
  for (int n = 0; n < 400; ++n) {
    std::string text;
    const size_t size = 1 + rng() % 20000;
    while (text.size() < size) {
      const unsigned r = static_cast<unsigned>(rng() % 20);
      text += std::string(r == 0 ? rng() % 5000 : rng() % 120, 'x');  // a few long lines
      text += '\n';
    }
    text.resize(size);
    for (size_t block : {size_t{1}, size_t{64}, size_t{100}, size_t{4096}, size + 1})
      ExpectCutsKeepThePadding(text, block, simdjson::SIMDJSON_PADDING);
  }
  // Newlines just before the end: the rest is shorter than the padding.
  ExpectCutsKeepThePadding(std::string(4000, 'x') + "\n" + std::string(95, 'y') + "\n", 4000, 64);
  EXPECT_TRUE(CutMappedBlock(std::string(100, 'x') + "\n" + std::string(63, 'y'), 0, 50, 64).copy);
  EXPECT_FALSE(CutMappedBlock(std::string(100, 'x') + "\n" + std::string(64, 'y'), 0, 50, 64).copy);
}

TEST(MappedIngest, SourceMapsOnlyNonEmptyUncompressedRegularFiles) {
  TempDir dir;
  const std::string data = FileOfSize(5000, true);
  const std::string plain = dir.Write("a.ndjson", data);
  auto src = OpenSource(plain, OpenMode::kMapPlain);
  EXPECT_EQ(src->mapped(), data);
  EXPECT_EQ(src->compression(), Compression::kNone);
  // Read still works on a mapped source, and counts what it took.
  std::string out(7000, '\0');
  size_t got = 0;
  while (size_t n = src->Read(out.data() + got, 1000)) got += n;
  EXPECT_EQ(out.substr(0, got), data);
  EXPECT_EQ(src->RawBytesRead(), data.size());
  // The default mode, a gzip file, an empty file: read, not mapped.
  EXPECT_TRUE(OpenSource(plain)->mapped().empty());
  auto gz = OpenSource(dir.Write("a.gz", Gzip(data)), OpenMode::kMapPlain);
  EXPECT_TRUE(gz->mapped().empty());
  EXPECT_EQ(gz->compression(), Compression::kGzip);
  EXPECT_TRUE(OpenSource(dir.Write("empty", ""), OpenMode::kMapPlain)->mapped().empty());
}

TEST(MappedIngest, PageMultipleSizesWithAndWithoutFinalNewline) {
  TempDir dir;
  for (size_t size : {size_t{4096}, size_t{3 * 4096}, size_t{16 * 4096}}) {
    for (bool nl : {false, true}) {
      const std::string path = dir.Write(fmt::format("p{}_{}.ndjson", size, nl), FileOfSize(size, nl));
      // One block (the whole file copied), blocks of views with a copied end, blocks
      // smaller than a line, and a block that leaves less than the padding at the end.
      for (size_t block : {size_t{8} << 20, size_t{1000}, size_t{100}, size - 40, size - 64,
                           size - 65, size - 1})
        ExpectSameAsStreamed(dir, path, block);
    }
  }
  // 16 pages in 256-byte blocks: every good record is there (ids are distinct).
  const std::string text = FileOfSize(16 * 4096, false);
  size_t records = 0;
  for (size_t at = text.find("{\"platform\""); at != std::string::npos;
       at = text.find("{\"platform\"", at + 1))
    ++records;
  auto t = IngestFiles({dir.path() + "/p65536_false.ndjson"}, 256);
  EXPECT_EQ(t->table.size(), records);
  EXPECT_GT(records, 400u);
  EXPECT_EQ(t->result.files.at(0).bytes, 65536u);
}

TEST(MappedIngest, EmptyFileIsEmpty) {
  TempDir dir;
  auto t = IngestFiles({dir.Write("e.ndjson", "")});
  EXPECT_EQ(t->table.size(), 0u);
  EXPECT_EQ(t->result.files.at(0).format, "empty");
  EXPECT_EQ(t->result.files.at(0).bytes, 0u);
  EXPECT_EQ(t->result.errors.total(), 0);
}

TEST(MappedIngest, OneVeryLongLineAndLongLinesBetweenShortOnes) {
  TempDir dir;
  // One line of 3 pages + 5 bytes... and exactly 4 pages, without a newline.
  for (size_t size : {size_t{3 * 4096 + 5}, size_t{4 * 4096}}) {
    std::string line = Rec(1, 0);
    line = Rec(1, size - line.size());
    ASSERT_EQ(line.size(), size);
    const std::string path = dir.Write(fmt::format("long{}.ndjson", size), line);
    for (size_t block : {size_t{8} << 20, size_t{4096}, size_t{100}}) {
      ExpectSameAsStreamed(dir, path, block);
      EXPECT_EQ(IngestFiles({path}, block)->table.size(), 1u);
    }
  }
  std::string text;
  for (int k = 0; k < 30; ++k) text += Rec(k, k % 5 == 2 ? 9000 : 20) + "\n";
  const std::string path = dir.Write("mixed.ndjson", text);
  for (size_t block : {size_t{8} << 20, size_t{4096}, size_t{300}}) {
    ExpectSameAsStreamed(dir, path, block);
    EXPECT_EQ(IngestFiles({path}, block)->table.size(), 30u);
  }
}

TEST(MappedIngest, OrderedReaderGetsTheSameTableFromViews) {
  // twcs CSV is read in order: fixed-size views, the file's end copied.
  TempDir dir;
  std::string csv =
      "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
  for (int k = 1;; ++k) {
    std::string row = fmt::format(
        "{},{},{},Tue Oct 31 22:{:02}:{:02} +0000 2017,\"hello {} \"\"quoted\"\"\nsecond line\",,\n",
        k, k % 2 ? "AcmeHelp" : fmt::format("u{}", k), k % 2 ? "False" : "True", k % 60, k % 60,
        std::string(k % 40, 'y'));
    if (csv.size() + row.size() + 100 > 2 * 4096) break;
    csv += row;
  }
  // The last row, its quoted text (spanning the end of a block) padded to end the file
  // on a page, without a final newline.
  const std::string head = "999999,u9,True,Tue Oct 31 22:00:00 +0000 2017,\"";
  csv += head + std::string(2 * 4096 - csv.size() - head.size() - 3, 'z') + "\",,";
  ASSERT_EQ(csv.size(), 2u * 4096);
  const std::string path = dir.Write("t.csv", csv);
  for (size_t block : {size_t{8} << 20, size_t{1000}, size_t{4096}, size_t{8192 - 30}})
    ExpectSameAsStreamed(dir, path, block, "twcs");
  EXPECT_GT(IngestFiles({path}, 1000, "twcs")->table.size(), 50u);
}

TEST(MappedIngest, StrictStopsAtTheSameLineAsTheStreamedRead) {
  TempDir dir;
  const std::string text = FileOfSize(4 * 4096, false);
  const std::string path = dir.Write("s.ndjson", text);
  const std::string gz = dir.Write("s.gz", Gzip(text));
  static const Enricher enricher(std::vector<BrandSpec>{});
  auto strict_message = [&](const std::string& p) {
    IngestOptions options;
    options.inputs = {p};
    options.strict = true;
    options.block_bytes = 700;
    EventTable table;
    try {
      Ingest(options, enricher, table);
    } catch (const StrictModeError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string mapped = strict_message(path), streamed = strict_message(gz);
  EXPECT_THAT(mapped, HasSubstr(path + ":5: "));  // the first bad record, line 5
  EXPECT_EQ(mapped.substr(path.size()), streamed.substr(gz.size()));
}

TEST(MappedIngest, ProgressCountsTheWholeFileOnce) {
  TempDir dir;
  const std::string path = dir.Write("p.ndjson", FileOfSize(5 * 4096, true));
  static const Enricher enricher(std::vector<BrandSpec>{});
  ReadProgress progress;
  IngestOptions options;
  options.inputs = {path};
  options.block_bytes = 1500;
  options.progress = &progress;
  EventTable table;
  IngestResult r = Ingest(options, enricher, table);
  EXPECT_EQ(progress.done_bytes.load(), 5u * 4096);
  EXPECT_EQ(progress.events.load(), r.files.at(0).records);
  EXPECT_EQ(r.bytes, 5u * 4096);
}

TEST(MappedIngest, SameTableAndErrorsAsStandardInput) {
  TempDir dir;
  const std::string text = FileOfSize(6 * 4096, false);
  const std::string path = dir.Write("in.ndjson", text);
  auto mapped = IngestFiles({path}, 2000);
  // The same bytes through a pipe on standard input.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const int saved_stdin = ::dup(STDIN_FILENO);
  ASSERT_EQ(::dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
  ::close(fds[0]);
  std::thread writer([&] {
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(fds[1]);
  });
  auto piped = IngestFiles({"-"}, 2000);
  writer.join();
  ::dup2(saved_stdin, STDIN_FILENO);
  ::close(saved_stdin);
  EXPECT_EQ(DumpTable(mapped->table), DumpTable(piped->table));
  EXPECT_EQ(ErrorLines(mapped->result.errors), ErrorLines(piped->result.errors));
  EXPECT_GT(mapped->result.errors.count(InputError::kInvalidJson), 5);
  EXPECT_EQ(mapped->result.files.at(0).bytes, piped->result.files.at(0).bytes);
}

TEST(MappedIngest, AFileThatShrinksWhileMappedIsAnErrorNotACrash) {
  TempDir dir;
  const std::string text = FileOfSize(3 * 4096, true);
  const std::string path = dir.Write("shrink.ndjson", text);
  auto src = OpenSource(path, OpenMode::kMapPlain);
  ASSERT_EQ(src->mapped().size(), text.size());
  src->TakeMapped(4096);  // still there
  ASSERT_EQ(::truncate(path.c_str(), 4096), 0);
  src->TakeMapped(4096);  // what is left is still readable
  try {
    src->TakeMapped(2 * 4096);
    FAIL() << "no error for a shrunk file";
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kCorrupt);
    EXPECT_THAT(e.what(), HasSubstr(path));
    EXPECT_THAT(e.what(), HasSubstr("shrank from 12288 to 4096 bytes"));
  }
  std::string buf(3 * 4096, '\0');
  EXPECT_THROW(src->Read(buf.data(), 1000), SourceError);  // bytes 4096.. are gone
}

}  // namespace
}  // namespace rapport
