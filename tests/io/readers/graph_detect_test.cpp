// Detection of facebook and instagram against every sample there is: each claims only
// files of its own folder (facebook_instagram_graph_api/facebook or /instagram, and
// its fixtures), never another format's samples (X, Reddit, Mastodon, Bluesky,
// YouTube, TWCS, CSV exports, native NDJSON); csv is never detected.
#include <gtest/gtest.h>

#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

std::string Head(const std::filesystem::path& p) {
  auto src = OpenSource(p.string());
  std::string out(1 << 16, '\0');
  size_t n = 0;
  while (n < out.size()) {
    size_t got = src->Read(out.data() + n, out.size() - n);
    if (!got) break;
    n += got;
  }
  out.resize(n);
  return out;
}

int Score(std::string_view format, std::string_view head) { return FindReader(format)->Detect(head); }

// Which of facebook/instagram may claim a file ("" neither).
std::string Owner(const std::filesystem::path& p) {
  std::string s = p.string();
  if (s.find("facebook_instagram_graph_api/facebook/") != std::string::npos || s.find("fixtures/facebook/") != std::string::npos)
    return "facebook";
  if (s.find("facebook_instagram_graph_api/instagram/") != std::string::npos ||
      s.find("fixtures/instagram/") != std::string::npos)
    return "instagram";
  return "";
}

void CheckTree(const std::filesystem::path& root, std::map<std::string, int>& claimed, int& files) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    std::string head;
    try {
      head = Head(entry.path());
    } catch (const std::exception&) {
      continue;  // a deliberately broken compressed sample
    }
    ++files;
    std::string owner = Owner(entry.path());
    EXPECT_EQ(Score("csv", head), 0) << entry.path();
    for (std::string format : {"facebook", "instagram"}) {
      int s = Score(format, head);
      if (s == 0) continue;
      ++claimed[format];
      EXPECT_EQ(format, owner) << entry.path() << " claimed by " << format << " (" << s << ")";
      // No other reader scores higher on a file of ours.
      if (format == owner) {
        const Reader* best = DetectReader(head);
        ASSERT_NE(best, nullptr);
        EXPECT_EQ(best->name(), format) << entry.path();
      }
    }
  }
}

TEST(GraphDetect, RealSamplesAreClaimedOnlyByTheirOwnFolder) {
  auto real = testing::SharedDir() / "data" / "real";
  RAPPORT_REQUIRE_SHARED(real);
  std::map<std::string, int> claimed;
  int files = 0;
  CheckTree(real, claimed, files);
  // facebook: 36 files less pages (5), groups/group* (3), likes, live videos (6), the
  // two videos files without created_time = 19. instagram: 34 files less the hashtag
  // and user objects (3) = 31 (the tests of each folder list them).
  EXPECT_EQ(claimed["facebook"], 19);
  EXPECT_EQ(claimed["instagram"], 31);
  EXPECT_GT(files, 70);
}

TEST(GraphDetect, FixturesAndNativeSamplesAreNotClaimedByTheOther) {
  std::map<std::string, int> claimed;
  int files = 0;
  CheckTree(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures", claimed, files);
  EXPECT_EQ(claimed["facebook"], 3);
  EXPECT_EQ(claimed["instagram"], 3);
  auto seed = testing::SharedDir() / "data" / "seed";
  if (std::filesystem::exists(seed)) {
    for (const auto& entry : std::filesystem::directory_iterator(seed)) {
      if (!entry.is_regular_file()) continue;
      std::string head = Head(entry.path());
      for (auto format : {"facebook", "instagram", "csv"}) EXPECT_EQ(Score(format, head), 0) << entry.path();
    }
  }
}

TEST(GraphDetect, OtherJsonIsNotClaimed) {
  for (std::string_view head : {
           std::string_view(R"({"platform":"facebook","id":"1_2","type":"post","author":"1","created_at":"2017-10-31T22:10:47Z","text":"hi"})" "\n"),
           std::string_view(R"({"id":"1","text":"a tweet-like record","created_at":"2017-10-31T22:10:47Z"})" "\n"),
           std::string_view(R"({"data":[{"id":"1","text":"t","created_at":"2020-01-01T00:00:00.000Z","public_metrics":{"like_count":1}}]})"),
           std::string_view(R"({"kind": "youtube#commentThreadListResponse", "items": []})"),
           std::string_view("Page total likes,Type,Category,Post Month\n139441,Photo,2,12\n"),
       }) {
    EXPECT_EQ(Score("facebook", head), 0) << head;
    EXPECT_EQ(Score("instagram", head), 0) << head;
  }
}

}  // namespace
}  // namespace rapport
