// Sources (src/io/source.cpp): plain, gzip and zstd files detected by their magic
// bytes, concatenated members and frames, truncated or corrupt data as SourceError
// kCorrupt naming the file, and ingestion giving the same table whatever the wrapper.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/io_support.h"

namespace rapport {
namespace {

using test::DumpTable;
using test::Gzip;
using test::IngestFiles;
using test::ReadAll;
using test::TempDir;
using test::Zstd;
using ::testing::HasSubstr;

// Some kilobytes of native NDJSON, compressible but not trivially.
std::string Ndjson(int records = 300, int first = 0) {
  std::string text;
  for (int k = first; k < first + records; ++k)
    text += fmt::format(
        R"({{"platform":"x","id":"{}","type":"post","author":"u{}","created_at":{},"text":"message {} {}"}})"
        "\n",
        k, k % 17, 1509487847 + k * 61, k * 7919 % 1000, std::string(k % 23, 'z'));
  return text;
}

SourceError::Kind KindOfReadError(const std::string& path) {
  try {
    ReadAll(path);
  } catch (const SourceError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no SourceError reading " << path;
  return SourceError::Kind::kUnreadable;
}

TEST(Source, PlainFileIsReadAsIs) {
  TempDir dir;
  std::string data = Ndjson();
  std::string path = dir.Write("a.ndjson", data);
  EXPECT_EQ(OpenSource(path)->compression(), Compression::kNone);
  EXPECT_EQ(ReadAll(path), data);
  EXPECT_EQ(ReadAll(path, 1), data);  // one byte at a time
  EXPECT_EQ(ReadAll(path, 3), data);
}

TEST(Source, TinyFilesShorterThanTheMagicAreReadAsIs) {
  TempDir dir;
  for (std::string data : {std::string(""), std::string("x"), std::string("\x1f"),
                           std::string("\x28\xb5\x2f")}) {
    std::string path = dir.Write("tiny", data);
    EXPECT_EQ(ReadAll(path), data);
  }
}

TEST(Source, GzipIsDetectedByItsMagicNotItsName) {
  TempDir dir;
  std::string data = Ndjson();
  std::string path = dir.Write("plain-looking.txt", Gzip(data));
  EXPECT_EQ(OpenSource(path)->compression(), Compression::kGzip);
  EXPECT_EQ(ReadAll(path), data);
  EXPECT_EQ(ReadAll(path, 7), data);
}

TEST(Source, ConcatenatedGzipMembersAreReadOneAfterTheOther) {
  // gzip -c a b > ab
  TempDir dir;
  std::string a = Ndjson(100, 0), b = Ndjson(100, 100);
  std::string path = dir.Write("ab.gz", Gzip(a) + Gzip(b));
  EXPECT_EQ(ReadAll(path), a + b);
  EXPECT_EQ(ReadAll(path, 5), a + b);
}

TEST(Source, ZstdIsDetectedByItsMagic) {
  TempDir dir;
  std::string data = Ndjson();
  std::string path = dir.Write("data.bin", Zstd(data));
  EXPECT_EQ(OpenSource(path)->compression(), Compression::kZstd);
  EXPECT_EQ(ReadAll(path), data);
  EXPECT_EQ(ReadAll(path, 7), data);
}

TEST(Source, ConcatenatedZstdFramesAreReadOneAfterTheOther) {
  TempDir dir;
  std::string a = Ndjson(100, 0), b = Ndjson(100, 100);
  std::string path = dir.Write("ab.zst", Zstd(a) + Zstd(b));
  EXPECT_EQ(ReadAll(path), a + b);
}

TEST(Source, TruncatedZstdIsCorruptAndNamesTheFile) {
  TempDir dir;
  std::string z = Zstd(Ndjson(2000));
  ASSERT_GT(z.size(), 100u);
  std::string path = dir.Write("cut.zst", z.substr(0, z.size() / 2));
  try {
    ReadAll(path);
    FAIL() << "no error on a truncated zstd file";
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kCorrupt);
    EXPECT_THAT(e.what(), HasSubstr(path));
    EXPECT_THAT(e.what(), HasSubstr("truncated"));
  }
}

TEST(Source, ZstdCutInsideTheFrameHeaderIsCorrupt) {
  TempDir dir;
  std::string z = Zstd(Ndjson(50));
  std::string path = dir.Write("head.zst", z.substr(0, 6));
  EXPECT_EQ(KindOfReadError(path), SourceError::Kind::kCorrupt);
}

TEST(Source, CorruptZstdDataIsCorrupt) {
  TempDir dir;
  std::string z = Zstd(Ndjson(500));
  for (size_t k = 20; k < z.size(); k += 3) z[k] = static_cast<char>(z[k] ^ 0x5a);
  std::string path = dir.Write("bad.zst", z);
  EXPECT_EQ(KindOfReadError(path), SourceError::Kind::kCorrupt);
}

TEST(Source, TruncatedGzipIsCorrupt) {
  TempDir dir;
  std::string g = Gzip(Ndjson(2000));
  std::string path = dir.Write("cut.gz", g.substr(0, g.size() / 2));
  try {
    ReadAll(path);
    FAIL() << "no error on a truncated gzip file";
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kCorrupt);
    EXPECT_THAT(e.what(), HasSubstr(path));
  }
}

TEST(Source, GzipMissingItsTrailerIsCorrupt) {
  // Cut inside the 8-byte CRC/size trailer: every data byte is there, the member is not.
  TempDir dir;
  std::string g = Gzip(Ndjson(200));
  std::string path = dir.Write("notrailer.gz", g.substr(0, g.size() - 4));
  EXPECT_EQ(KindOfReadError(path), SourceError::Kind::kCorrupt);
}

TEST(Source, CorruptGzipIsCorrupt) {
  TempDir dir;
  std::string g = Gzip(Ndjson(500));
  for (size_t k = 12; k < g.size(); k += 5) g[k] = static_cast<char>(g[k] ^ 0x33);
  std::string path = dir.Write("bad.gz", g);
  EXPECT_EQ(KindOfReadError(path), SourceError::Kind::kCorrupt);
}

TEST(Source, MissingFileAndDirectoryAreTheirOwnKinds) {
  TempDir dir;
  try {
    OpenSource(dir.path() + "/nope.ndjson");
    FAIL();
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kNotFound);
    EXPECT_THAT(e.what(), HasSubstr("nope.ndjson"));
  }
  try {
    OpenSource(dir.path());
    FAIL();
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kIsDirectory);
  }
}

TEST(Source, IngestGivesTheSameTableFromPlainGzipAndZstd) {
  TempDir dir;
  std::string data = Ndjson(400);
  auto plain = IngestFiles({dir.Write("a.ndjson", data)});
  auto gz = IngestFiles({dir.Write("a.ndjson.gz", Gzip(data))});
  auto zst = IngestFiles({dir.Write("a.ndjson.zst", Zstd(data))});
  auto zst_small = IngestFiles({dir.Write("b.ndjson.zst", Zstd(data))}, 64);
  ASSERT_EQ(plain->table.size(), 400u);
  EXPECT_EQ(DumpTable(gz->table), DumpTable(plain->table));
  EXPECT_EQ(DumpTable(zst->table), DumpTable(plain->table));
  EXPECT_EQ(DumpTable(zst_small->table), DumpTable(plain->table));
  EXPECT_EQ(gz->result.files.at(0).compression, Compression::kGzip);
  EXPECT_EQ(zst->result.files.at(0).compression, Compression::kZstd);
  EXPECT_EQ(zst->result.files.at(0).bytes, data.size());  // decompressed bytes
}

TEST(Source, IngestOfTwcsThroughGzipMembers) {
  TempDir dir;
  std::string header =
      "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
  std::string a = header + "1,sam,True,Tue Oct 31 22:10:47 +0000 2017,\"two\nlines\",,\n";
  std::string b = "2,acme,False,Tue Oct 31 22:11:47 +0000 2017,ok,,1\n";
  auto plain = IngestFiles({dir.Write("t.csv", a + b)});
  auto gz = IngestFiles({dir.Write("t.csv.gz", Gzip(a) + Gzip(b))});
  ASSERT_EQ(plain->table.size(), 2u);
  EXPECT_EQ(DumpTable(gz->table), DumpTable(plain->table));
}

TEST(Source, IngestStopsOnATruncatedZstdFile) {
  // The cut falls inside the first block, read before the parallel pipeline starts.
  TempDir dir;
  std::string z = Zstd(Ndjson(3000));
  std::string path = dir.Write("cut.ndjson.zst", z.substr(0, z.size() * 2 / 3));
  try {
    IngestFiles({path});
    FAIL() << "ingest of a truncated zstd file did not throw";
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kCorrupt);
    EXPECT_THAT(e.what(), HasSubstr(path));
  }
}

TEST(Source, IngestStopsCleanlyWhenTheSourceFailsInsideThePipeline) {
  // Regression: a SourceError inside the pipeline used to leak the blocks in flight
  // (LeakSanitizer, scripts/test.sh).
  TempDir dir;
  std::string z = Zstd(Ndjson(3000));
  std::string path = dir.Write("cut.ndjson.zst", z.substr(0, z.size() * 2 / 3));
  try {
    IngestFiles({path}, 4096);
    FAIL() << "ingest of a truncated zstd file did not throw";
  } catch (const SourceError& e) {
    EXPECT_EQ(e.kind(), SourceError::Kind::kCorrupt);
    EXPECT_THAT(e.what(), HasSubstr(path));
  }
}

TEST(Source, EmptyFileGivesNoEventsAndNoError) {
  TempDir dir;
  auto in = IngestFiles({dir.Write("empty.ndjson", "")});
  EXPECT_EQ(in->table.size(), 0u);
  EXPECT_EQ(in->result.errors.total(), 0);
  EXPECT_EQ(in->result.files.at(0).format, "empty");
}

TEST(Source, UnrecognisedFormatAndUnknownFormatNameAreFormatErrors) {
  TempDir dir;
  std::string path = dir.Write("what.txt", "just some words\nand more\n");
  EXPECT_THROW(IngestFiles({path}), FormatError);
  EXPECT_THROW(IngestFiles({dir.Write("a.ndjson", Ndjson(3))}, 1 << 20, "no-such-format"), FormatError);
}

TEST(Source, SeveralFilesAreAppendedInOrder) {
  TempDir dir;
  auto both = IngestFiles({dir.Write("a.ndjson", Ndjson(5, 0)), dir.Write("b.ndjson.gz", Gzip(Ndjson(5, 5)))});
  auto one = IngestFiles({dir.Write("ab.ndjson", Ndjson(10, 0))});
  EXPECT_EQ(DumpTable(both->table), DumpTable(one->table));
  ASSERT_EQ(both->result.files.size(), 2u);
  EXPECT_EQ(both->result.files[0].records, 5);
  EXPECT_EQ(both->result.files[1].records, 5);
}

}  // namespace
}  // namespace rapport
