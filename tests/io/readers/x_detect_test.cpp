// Detection of x-v2, x-v1 and youtube against every sample there is: each claims only
// files of its own family, never another format's samples (TWCS, Reddit, Mastodon,
// Bluesky, Facebook, CSV exports, native NDJSON), and never two of them the same file.
#include <gtest/gtest.h>

#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

// The best score of each of the three formats (x-v2 and x-v1 have two registrations).
std::map<std::string, int> Scores(std::string_view head) {
  std::map<std::string, int> s = {{"x-v2", 0}, {"x-v1", 0}, {"youtube", 0}};
  for (const auto& r : AllReaders()) {
    auto it = s.find(std::string(r->name()));
    if (it != s.end()) it->second = std::max(it->second, r->Detect(head));
  }
  return s;
}

// The first 64 KiB, decompressed, as the ingest driver gives Detect.
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

// The format family a folder's files may be claimed by ("" none of the three).
std::string Family(const std::string& folder) {
  if (folder.rfind("twitter_v2_", 0) == 0 || folder == "x-v2") return "x-v2";
  if (folder.rfind("twitter_v1_", 0) == 0 || folder.rfind("twitter_archive_", 0) == 0 || folder == "x-v1")
    return "x-v1";
  if (folder == "youtube_api_python_youtube" || folder == "youtube") return "youtube";
  return "";
}

void CheckTree(const std::filesystem::path& root, int& claimed, int& files) {
  for (const auto& folder : std::filesystem::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    std::string family = Family(folder.path().filename().string());
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder.path())) {
      if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
      std::string head;
      try {
        head = Head(entry.path());
      } catch (const std::exception& e) {
        continue;  // a deliberately broken compressed sample
      }
      ++files;
      int mine = 0;
      for (const auto& [format, score] : Scores(head)) {
        if (score == 0) continue;
        ++mine;
        EXPECT_EQ(format, family) << entry.path() << " claimed by " << format << " (" << score << ")";
      }
      EXPECT_LE(mine, 1) << entry.path();
      claimed += mine > 0;
    }
  }
}

TEST(XDetect, RealSamplesAreClaimedOnlyByTheirOwnFamily) {
  auto real = testing::SharedDir() / "data" / "real";
  RAPPORT_REQUIRE_SHARED(real);
  int claimed = 0, files = 0;
  CheckTree(real, claimed, files);
  // twarc 22 + pytwitter 12 + python-twitter 27 + sferik 15 + gnip 3 + two tweets.js
  // + youtube 15 (the tests of each folder list the files and why the others are not).
  EXPECT_EQ(claimed, 22 + 12 + 27 + 15 + 3 + 2 + 15);
  EXPECT_GT(files, claimed);
}

TEST(XDetect, FixturesAndNativeSamplesAreNotClaimedByAnotherFamily) {
  int claimed = 0, files = 0;
  CheckTree(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures", claimed, files);
  auto seed = testing::SharedDir() / "data" / "seed";
  if (std::filesystem::exists(seed)) {
    for (const auto& entry : std::filesystem::directory_iterator(seed)) {
      if (!entry.is_regular_file()) continue;
      for (const auto& [format, score] : Scores(Head(entry.path())))
        EXPECT_EQ(score, 0) << entry.path() << " claimed by " << format;
    }
  }
}

TEST(XDetect, NativeNdjsonAndOtherJsonAreNotClaimed) {
  for (std::string_view head : {
           std::string_view(R"({"platform":"x","id":"1","type":"reply","author":"2","created_at":"2017-10-31T22:10:47Z","text":"hi","parent_id":"0","conversation_id":"0"})" "\n"),
           std::string_view(R"({"id":"1","text":"a tweet-like record","created_at":"2017-10-31T22:10:47Z"})" "\n"),
           std::string_view(R"([{"id":"109","created_at":"2022-11-01T00:00:00.000Z","content":"<p>toot</p>","account":{"id":"1","acct":"a"},"in_reply_to_id":null}])"),
           std::string_view(R"({"feed":[{"post":{"uri":"at://did:plc:x/app.bsky.feed.post/1","cid":"b","author":{"did":"did:plc:x","handle":"a.bsky.social"},"record":{"text":"hi","createdAt":"2023-01-01T00:00:00Z"}}}]})"),
           std::string_view(R"({"id":"abc","name":"t1_abc","parent_id":"t3_x","link_id":"t3_x","author":"a","created_utc":1134000000,"body":"text","score":3})" "\n"),
           std::string_view("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"),
           std::string_view(R"({"kind": "youtube#channelListResponse", "items": []})"),
       }) {
    for (const auto& [format, score] : Scores(head)) EXPECT_EQ(score, 0) << format << ": " << head;
  }
}

}  // namespace
}  // namespace rapport
