// RawEventBuffer keeps what a reader decoded after the reader's own buffers are gone.
#include "io/raw_event_buffer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport {
namespace {

struct Collect final : EventSink {
  void Add(const RawEvent& e) override {
    ids.emplace_back(e.id);
    texts.emplace_back(e.text);
    mentions.push_back(e.mentions.empty() ? "" : std::string(e.mentions[0]));
    likes.push_back(e.counters[static_cast<int>(Counter::kLikes)]);
  }
  std::vector<std::string> ids, texts, mentions;
  std::vector<int64_t> likes;
};

TEST(RawEventBufferTest, KeepsCopiesThatOutliveTheReadersBuffers) {
  RawEventBuffer buffer;
  std::string big(3 << 20, 'x');  // larger than a block: a block of its own
  for (int i = 0; i < 1000; ++i) {
    std::string id = "id" + std::to_string(i), text = i == 500 ? big : "text " + std::to_string(i);
    std::string mention = "user" + std::to_string(i);
    RawEvent e;
    e.id = id;
    e.text = text;
    e.mentions.push_back(mention);
    e.counters[static_cast<int>(Counter::kLikes)] = i;
    buffer.Add(e);
    id.assign(id.size(), '?');  // the reader reuses its buffers
    text.assign(text.size(), '?');
    mention.assign(mention.size(), '?');
  }
  ASSERT_EQ(buffer.size(), 1000u);
  Collect out;
  buffer.Replay(0, 400, out);
  buffer.Replay(400, 5000, out);  // past the end: stops at the end
  ASSERT_EQ(out.ids.size(), 1000u);
  EXPECT_EQ(out.ids[0], "id0");
  EXPECT_EQ(out.ids[999], "id999");
  EXPECT_EQ(out.texts[7], "text 7");
  EXPECT_EQ(out.texts[500], big);
  EXPECT_EQ(out.mentions[123], "user123");
  EXPECT_EQ(out.likes[999], 999);
}

TEST(RawEventBufferTest, EmptyFieldsStayEmpty) {
  RawEventBuffer buffer;
  RawEvent e;
  e.id = "1";
  buffer.Add(e);
  Collect out;
  buffer.Replay(0, 1, out);
  EXPECT_EQ(out.texts[0], "");
  EXPECT_EQ(out.mentions[0], "");
  EXPECT_EQ(out.likes[0], kUnknownCount);
}

}  // namespace
}  // namespace rapport
