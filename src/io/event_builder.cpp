#include "io/event_builder.h"

namespace rapport {

uint32_t EventBuilder::Keep(std::string_view s) {
  const auto offset = static_cast<uint32_t>(keys_.size());
  keys_.append(s);
  return offset;
}

uint32_t EventBuilder::Defer(int dict, std::string_view key, Slot slot, uint32_t index) {
  auto& list = requests_[dict];
  list.push_back({Keep(key), static_cast<uint32_t>(key.size()), index, slot});
  return static_cast<uint32_t>(list.size() - 1);
}

// A handle as the dictionary keys it: without its '@', ASCII lower-cased.
uint32_t EventBuilder::DeferLower(int dict, std::string_view handle, Slot slot, uint32_t index) {
  if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
  const uint32_t request = Defer(dict, handle, slot, index);
  for (size_t i = requests_[dict][request].offset; i < keys_.size(); ++i)
    if (keys_[i] >= 'A' && keys_[i] <= 'Z') keys_[i] = static_cast<char>(keys_[i] + 32);
  return request;
}

void EventBuilder::Add(const RawEvent& e) {
  EventBatch& batch = *batch_;
  EventColumns& c = batch.columns;
  const int p = static_cast<int>(e.platform);
  const auto row = static_cast<uint32_t>(c.id.size());
  batch.unresolved = true;

  brand_terms_.clear();
  enricher_.MatchBrandTerms(e, brand_terms_);
  const TextSignals s = enricher_.Analyze(e);

  Defer(p, e.id, Slot::kId, row);
  c.id.push_back(kNoRef);
  Row pending{row, Defer(kPlatformCount + p, e.author, Slot::kAuthor, row), 0, 0,
              static_cast<uint8_t>(p), 0};
  c.author.push_back(kNoRef);
  if (!e.parent_id.empty()) Defer(p, e.parent_id, Slot::kParent, row);
  c.parent.push_back(kNoRef);
  // The conversation id is often the event's own id or its parent's: no second lookup.
  if (!e.conversation_id.empty()) {
    if (e.conversation_id == e.id) pending.conversation = 1;
    else if (e.conversation_id == e.parent_id) pending.conversation = 2;
    else Defer(p, e.conversation_id, Slot::kConversation, row);
  }
  c.conversation.push_back(kNoRef);
  c.created_at.push_back(e.created_at);
  c.platform.push_back(e.platform);
  c.type.push_back(e.type);
  c.inbound.push_back(e.inbound);
  c.followers.push_back(e.author_followers >= 0 && e.author_followers < CounterColumns::kSpill32
                            ? static_cast<uint32_t>(e.author_followers)
                            : CounterColumns::kUnknown32);
  // The handle is kept until the author is interned: it is taken only from an author's
  // first event that has one (Flush).
  pending.handle_offset = Keep(e.author_handle);
  pending.handle_size = static_cast<uint32_t>(e.author_handle.size());
  batch.author_handle.push_back(kNoRef);
  rows_.push_back(pending);

  handles_.clear();
  if (e.has_mentions_field) {
    handles_.assign(e.mentions.begin(), e.mentions.end());
  } else {
    Enricher::ExtractHandles(e.text, handles_);
  }
  for (auto h : handles_) {
    if (h.empty()) continue;
    DeferLower(kHandlesDict, h, Slot::kTag, static_cast<uint32_t>(c.tags.size()));
    c.tags.push_back(kNoRef);
  }
  for (uint32_t b : brand_terms_) c.tags.push_back(b | kBrandTermBit);
  c.tags_begin.push_back(static_cast<uint32_t>(c.tags.size()));

  c.text_flags.push_back(s.flags);
  // The column exists only when texts are scored (4 bytes an event saved otherwise).
  if (enricher_.sentiment_enabled()) c.sentiment.push_back(s.sentiment);

  c.counters.AppendRow(e.counters);
  if (rows_.size() >= kFlushRows) Flush();
}

void EventBuilder::InternRequests(int dict, uint8_t* inserted) {
  const auto& list = requests_[dict];
  views_.clear();
  for (const Request& r : list) views_.emplace_back(keys_.data() + r.offset, r.size);
  refs_.resize(list.size());
  Dict(dict).InternMany(views_, refs_.data(), inserted);
  EventColumns& c = batch_->columns;
  for (size_t i = 0; i < list.size(); ++i) {
    const Request& r = list[i];
    switch (r.slot) {
      case Slot::kId: c.id[r.index] = refs_[i]; break;
      case Slot::kAuthor: c.author[r.index] = refs_[i]; break;
      case Slot::kParent: c.parent[r.index] = refs_[i]; break;
      case Slot::kConversation: c.conversation[r.index] = refs_[i]; break;
      case Slot::kTag: c.tags[r.index] = refs_[i]; break;
      case Slot::kAuthorHandle: batch_->author_handle[r.index] = refs_[i]; break;
    }
  }
}

void EventBuilder::Flush() {
  if (rows_.empty()) return;
  EventBatch& batch = *batch_;
  EventColumns& c = batch.columns;
  for (int d = 0; d < kHandlesDict; ++d) {
    if (d < kPlatformCount) {
      InternRequests(d, nullptr);  // ids
    } else {
      auto& author_new = author_new_[d - kPlatformCount];
      author_new.assign(requests_[d].size(), 0);
      InternRequests(d, author_new.data());
    }
  }
  InternRequests(kHandlesDict, nullptr);  // mentions
  requests_[kHandlesDict].clear();

  // In input order: an author's handle is interned from its first event (one lookup
  // per author, not per event); an author first seen without one is remembered, so
  // that its first event with a handle still gives it (the table keeps the earliest
  // in input order).
  for (const Row& r : rows_) {
    if (r.conversation == 1) c.conversation[r.row] = c.id[r.row];
    if (r.conversation == 2) c.conversation[r.row] = c.parent[r.row];
    const uint32_t author = c.author[r.row];
    bool take_handle = false;
    if (author_new_[r.platform][r.author_request]) {
      take_handle = r.handle_size > 0;
      if (!take_handle) dict_.NoteMissingHandle(r.platform, author);
    } else if (r.handle_size > 0) {
      take_handle = dict_.TakeMissingHandle(r.platform, author);
    }
    if (take_handle) {
      handle_.assign(keys_, r.handle_offset, r.handle_size);  // DeferLower appends to keys_
      DeferLower(kHandlesDict, handle_, Slot::kAuthorHandle, r.row);
    }
  }
  InternRequests(kHandlesDict, nullptr);  // the author handles of the loop above
  for (auto& list : requests_) list.clear();
  rows_.clear();
  keys_.clear();
  batch.unresolved = false;
}

}  // namespace rapport
