#include "threads/conversation.h"

#include <algorithm>

namespace rapport {
namespace {
void AddUnique(std::vector<int16_t>& v, size_t from, int16_t b) {
  for (size_t k = from; k < v.size(); ++k)
    if (v[k] == b) return;
  v.push_back(b);
}
}  // namespace

uint32_t Conversation::PositionOf(uint32_t row) const {
  auto it = std::lower_bound(position_.begin(), position_.end(), static_cast<uint64_t>(row) << 32);
  if (it == position_.end() || *it >> 32 != row) return kNoRef;
  return static_cast<uint32_t>(*it);
}

void Conversation::Build(const AnalysisContext& ctx, size_t c) {
  const EventTable& table = ctx.table;
  const auto& col = table.columns();
  const Roles& roles = ctx.roles;
  rows_ = ctx.threads.conversation_rows(c);
  root_ = ctx.threads.conversation_root(c);
  const size_t n = rows_.size();

  author_brand_.resize(n);
  brands_.clear();
  position_.clear();
  brand_replies_.clear();
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows_[i];
    int16_t b = roles.BrandOfAuthor(col.platform[row], col.author[row]);
    author_brand_[i] = b;
    if (b != kAudience && IsMessage(col.type[row]) &&
        std::find(brands_.begin(), brands_.end(), b) == brands_.end())
      brands_.push_back(b);
    if (n > 1) position_.push_back(static_cast<uint64_t>(row) << 32 | i);
  }
  std::sort(position_.begin(), position_.end());
  std::sort(brands_.begin(), brands_.end());
  // Replies written by a brand, by the position of the message they answer.
  for (size_t i = 0; i < n && n > 1; ++i) {
    uint32_t row = rows_[i];
    if (author_brand_[i] == kAudience || col.type[row] != EventType::kReply) continue;
    uint32_t pr = ctx.threads.parent_row(row);
    if (pr == kNoRef) continue;
    if (uint32_t at = PositionOf(pr); at != kNoRef)
      brand_replies_.push_back({at, author_brand_[i]});
  }
  std::sort(brand_replies_.begin(), brand_replies_.end());

  pool_.clear();
  inbound_begin_.assign(n + 1, 0);
  mention_begin_.assign(n + 1, 0);
  targeted_.clear();
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows_[i];
    EventType type = col.type[row];
    inbound_begin_[i] = static_cast<uint32_t>(pool_.size());
    if (author_brand_[i] == kAudience && IsMessage(type)) {
      size_t from = pool_.size();
      // (a) it replies to (or quotes) the brand's content
      uint32_t pr = ctx.threads.parent_row(row);
      // (a brand's share of someone else's post is not the brand's content)
      if (pr != kNoRef && col.type[pr] != EventType::kShare) {
        int16_t pb = roles.BrandOfAuthor(col.platform[pr], col.author[pr]);
        if (pb != kAudience) AddUnique(pool_, from, pb);
      }
      // (b) it @mentions one of the brand's accounts
      for (uint32_t t = col.tags_begin[row]; t < col.tags_begin[row + 1]; ++t) {
        uint32_t tag = col.tags[t];
        if (tag & kBrandTermBit) continue;
        int16_t hb = roles.BrandOfHandle(tag);
        if (hb != kAudience) AddUnique(pool_, from, hb);
      }
      // (c) one of the brand's accounts replied to it
      auto it = std::lower_bound(brand_replies_.begin(), brand_replies_.end(),
                                 std::pair<uint32_t, int16_t>{static_cast<uint32_t>(i), INT16_MIN});
      for (; it != brand_replies_.end() && it->first == i; ++it) AddUnique(pool_, from, it->second);
      // (d) the platform marks it as sent to an organisation and only one brand took part
      if (col.inbound[row] == Inbound::kTrue && brands_.size() == 1) AddUnique(pool_, from, brands_[0]);
      for (size_t k = from; k < pool_.size(); ++k) AddUnique(targeted_, 0, pool_[k]);
    }
    inbound_begin_[i + 1] = static_cast<uint32_t>(pool_.size());
  }
  // Mentions (E6, E9): inbound brands plus brands named by a term or hashtag.
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows_[i];
    mention_begin_[i] = static_cast<uint32_t>(pool_.size());
    if (author_brand_[i] == kAudience && IsMessage(col.type[row])) {
      size_t from = pool_.size();
      for (uint32_t k = inbound_begin_[i]; k < inbound_begin_[i + 1]; ++k) pool_.push_back(pool_[k]);
      for (uint32_t t = col.tags_begin[row]; t < col.tags_begin[row + 1]; ++t) {
        uint32_t tag = col.tags[t];
        // Term matches name configured brands; an index beyond the roles' brands (an
        // enricher built from other brands than the roles) is ignored, never indexed.
        if ((tag & kBrandTermBit) && (tag & ~kBrandTermBit) < roles.brands.size())
          AddUnique(pool_, from, static_cast<int16_t>(tag & ~kBrandTermBit));
      }
    }
    mention_begin_[i + 1] = static_cast<uint32_t>(pool_.size());
  }
  turns_.clear();
  std::sort(targeted_.begin(), targeted_.end());
  for (int16_t b : targeted_) BuildTurns(ctx, b);
}

void Conversation::BuildTurns(const AnalysisContext& ctx, int16_t brand) {
  const auto& col = ctx.table.columns();
  const size_t n = rows_.size();
  const size_t first_turn = turns_.size();
  turn_of_.assign(n, -1);
  open_turn_.clear();
  for (size_t i = 0; i < n; ++i) {
    uint32_t row = rows_[i];
    if (author_brand_[i] == brand) {
      if (IsMessage(col.type[row])) open_turn_.clear();  // the brand spoke: turns close
      continue;
    }
    auto inbound = inbound_brands(i);
    if (std::find(inbound.begin(), inbound.end(), brand) == inbound.end()) continue;
    uint64_t author = static_cast<uint64_t>(col.platform[row]) << 32 | col.author[row];
    auto [it, opened] = open_turn_.emplace(author, static_cast<int32_t>(turns_.size()));
    if (opened) {
      Turn t;
      t.brand = brand;
      t.first_row = row;
      t.author = col.author[row];
      t.start = col.created_at[row];
      turns_.push_back(t);
    }
    turn_of_[i] = it->second;
    ++turns_[it->second].messages;
  }
  // Answered: the brand replied to any message of the turn; the first reply counts.
  for (size_t i = 0; i < n; ++i) {
    if (author_brand_[i] != brand) continue;
    uint32_t row = rows_[i];
    if (col.type[row] != EventType::kReply) continue;
    uint32_t pr = ctx.threads.parent_row(row);
    if (pr == kNoRef) continue;
    uint32_t at = PositionOf(pr);
    if (at == kNoRef || turn_of_[at] < 0) continue;
    Turn& t = turns_[turn_of_[at]];
    Seconds rt = col.created_at[row] - t.start;
    bool skew = rt < 0;
    if (skew) rt = 0;
    if (!t.answered || rt < t.response_time) {
      t.answered = true;
      t.response_time = rt;
      t.clock_skew = skew;
      t.reply_row = row;
    }
  }
  for (size_t k = first_turn; k < turns_.size(); ++k) {
    Turn& t = turns_[k];
    if (!t.answered) {
      t.pending = ctx.as_of - t.start < ctx.options.response_horizon;
    } else if (ctx.options.business_hours) {
      t.business_response_time = BusinessSeconds(*ctx.options.business_hours, ctx.options.tz,
                                                 t.start, t.start + t.response_time);
    }
  }
}

}  // namespace rapport
