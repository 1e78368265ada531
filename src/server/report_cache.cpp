#include "server/report_cache.h"

namespace rapport {

std::shared_ptr<const std::string> ReportCache::Find(const std::string& key, uint64_t version) {
  std::lock_guard lock(mu_);
  if (version != version_) return nullptr;
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ReportCache::Put(const std::string& key, uint64_t version, std::shared_ptr<const std::string> json) {
  std::lock_guard lock(mu_);
  if (version < version_) return;  // computed on a table that has moved on since
  if (version > version_) {
    entries_.clear();
    version_ = version;
  }
  // Many distinct queries: start again rather than grow without bound.
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(json);
}

}  // namespace rapport
