// Reports already computed, by query, for one version of the live table: a repeated
// GET /v1/report is a lookup until new events arrive, then every entry is dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"

namespace rapport {

class ReportCache {
 public:
  // The report for `key` computed on table version `version`, or nullptr.
  std::shared_ptr<const std::string> Find(const std::string& key, uint64_t version);
  void Put(const std::string& key, uint64_t version, std::shared_ptr<const std::string> json);

  static constexpr size_t kMaxEntries = 64;

 private:
  std::mutex mu_;
  uint64_t version_ = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> entries_;
};

}  // namespace rapport
