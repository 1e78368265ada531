#include "io/raw_event_buffer.h"

#include <algorithm>
#include <cstring>

namespace rapport {
namespace {
constexpr size_t kBlockBytes = 1 << 20;
}  // namespace

std::string_view RawEventBuffer::Keep(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > left_) {
    size_t size = std::max(kBlockBytes, s.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    free_ = blocks_.back().get();
    left_ = size;
  }
  std::memcpy(free_, s.data(), s.size());
  std::string_view kept(free_, s.size());
  free_ += s.size();
  left_ -= s.size();
  return kept;
}

void RawEventBuffer::Add(const RawEvent& e) {
  RawEvent& k = events_.emplace_back(e);
  k.id = Keep(e.id);
  k.author = Keep(e.author);
  k.author_handle = Keep(e.author_handle);
  k.parent_id = Keep(e.parent_id);
  k.conversation_id = Keep(e.conversation_id);
  k.text = Keep(e.text);
  for (auto& m : k.mentions) m = Keep(m);
  for (auto& h : k.hashtags) h = Keep(h);
}

void RawEventBuffer::Replay(size_t begin, size_t end, EventSink& sink) const {
  for (size_t i = begin; i < end && i < events_.size(); ++i) sink.Add(events_[i]);
}

}  // namespace rapport
