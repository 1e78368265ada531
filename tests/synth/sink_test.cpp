// Where synth output goes: complete files only, compressed by extension, and
// special files written in place (never replaced by a rename).
#include "synth/sink.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rapport::synth {
namespace {

namespace fs = std::filesystem;

class SinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rapport_sink_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string Write(const fs::path& p, const std::string& text) {
    std::string error;
    auto sink = OutputSink::Open(p.string(), &error);
    EXPECT_TRUE(sink) << error;
    if (!sink) return "";
    // Several chunks, as the generator writes.
    for (size_t i = 0; i < text.size(); i += 1000)
      EXPECT_TRUE(sink->Write(std::string_view(text).substr(i, 1000)));
    EXPECT_TRUE(sink->Close(&error)) << error;
    return error;
  }
  static std::string Text() {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "{\"id\":\"" + std::to_string(i) + "\"}\n";
    return text;
  }
  fs::path dir_;
};

TEST_F(SinkTest, PlainFileAppearsOnlyWhenComplete) {
  const fs::path p = dir_ / "out.ndjson";
  std::string error;
  {
    auto sink = OutputSink::Open(p.string(), &error);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(sink->Write("partial\n"));
    EXPECT_FALSE(fs::exists(p)) << "visible before Close";
  }  // dropped without Close: nothing left behind
  EXPECT_FALSE(fs::exists(p));
  EXPECT_TRUE(fs::is_empty(dir_));
  Write(p, Text());
  EXPECT_EQ(Slurp(p), Text());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(SinkTest, GzipRoundTrip) {
  const fs::path p = dir_ / "out.ndjson.gz";
  Write(p, Text());
  gzFile gz = gzopen(p.c_str(), "rb");
  ASSERT_TRUE(gz);
  std::string back;
  char buf[65536];
  int n;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) back.append(buf, static_cast<size_t>(n));
  gzclose(gz);
  EXPECT_EQ(back, Text());
  EXPECT_LT(fs::file_size(p), Text().size() / 2);
}

TEST_F(SinkTest, ZstdRoundTrip) {
  const fs::path p = dir_ / "out.ndjson.zst";
  Write(p, Text());
  const std::string compressed = Slurp(p);
  const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  ASSERT_NE(size, ZSTD_CONTENTSIZE_ERROR);
  std::string back(Text().size(), '\0');
  const size_t got =
      ZSTD_decompress(back.data(), back.size(), compressed.data(), compressed.size());
  ASSERT_FALSE(ZSTD_isError(got)) << ZSTD_getErrorName(got);
  back.resize(got);
  EXPECT_EQ(back, Text());
}

TEST_F(SinkTest, SymlinkIsWrittenThroughNotReplaced) {
  // Stands in for /dev/null and FIFOs: a rename would replace the node itself.
  const fs::path target = dir_ / "target.ndjson", link = dir_ / "link.ndjson";
  { std::ofstream(target) << "old"; }
  fs::create_symlink(target, link);
  Write(link, "new\n");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Slurp(target), "new\n");
}

TEST_F(SinkTest, UnwritableDirectoryIsAnError) {
  std::string error;
  EXPECT_FALSE(OutputSink::Open((dir_ / "missing" / "out.ndjson").string(), &error));
  EXPECT_NE(error.find("missing"), std::string::npos) << error;
}

}  // namespace
}  // namespace rapport::synth
