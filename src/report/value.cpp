#include "report/value.h"

#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_set.h"

namespace rapport {

Name::Name(std::string_view text) {
  // Each thread keeps the names it has seen; the shared pool is locked only for a
  // name new to the thread. Pooled strings never move (node_hash_set) and are never
  // freed: keys are metric, field, platform, counter and bad-input reason names, a
  // bounded set (data values such as ids and labels are Values, not keys).
  thread_local absl::flat_hash_map<std::string_view, const std::string*> seen;
  if (auto it = seen.find(text); it != seen.end()) {
    text_ = it->second;
    return;
  }
  static std::mutex mu;
  static auto* pool = new absl::node_hash_set<std::string>();
  {
    std::lock_guard lock(mu);
    text_ = &*pool->emplace(text).first;
  }
  seen.emplace(*text_, text_);
}

const Value* FindField(const ValueRecord& r, std::string_view key) {
  for (const auto& [k, v] : r)
    if (k == key) return &v;
  return nullptr;
}

const Value* FindField(const ValueRecord& r, const Name& key) {
  for (const auto& [k, v] : r)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace rapport
