// An output file written atomically (a temporary beside it, renamed on Commit) and
// compressed by its name: ".zst" (zstd), ".gz" (gzip), else plain. "-" is stdout.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace rapport {

class OutputFile {
 public:
  // Throws std::runtime_error naming the file when it cannot be created.
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // without Commit(), the temporary is removed: nothing half-written
  void Write(std::string_view data);
  // Flushes, closes and renames into place. Throws on failure.
  void Commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport
