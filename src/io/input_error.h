// Bad input: the reasons FORMATS.md names, counted, with the first locations kept
// so the summary can point the user at file:line.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

enum class InputError : uint8_t {
  kInvalidJson,
  kMissingField,
  kBadTimestamp,
  kWrongType,
  kInvalidUtf8,
  kDuplicate,
  kTooLarge,
  kBadCsvRow,
};
inline constexpr int kInputErrorCount = 8;

// The JSON key of a reason in `input.skipped`: "invalid_json", "missing_field", ...
std::string_view InputErrorName(InputError e);

struct ErrorLocation {
  std::string file;
  int64_t line = 0;  // 1-based; 0 when not line-oriented
  InputError reason;
  std::string message;  // what was wrong, e.g. "missing required field \"author\""
};

// Counts and first locations of bad records. One per reader thread, merged in input
// order, so the kept locations are the first ones in the files.
class InputErrors {
 public:
  static constexpr size_t kKeptLocations = 10;
  void Add(InputError reason, std::string_view file, int64_t line, std::string message);
  void AddCount(InputError reason, int64_t n) { counts_[static_cast<int>(reason)] += n; }
  void Merge(const InputErrors& other);
  // Lines inside a block are relative until the block's start line is known.
  void ShiftLines(int64_t first_line);
  int64_t count(InputError e) const { return counts_[static_cast<int>(e)]; }
  int64_t total() const;
  const std::vector<ErrorLocation>& first() const { return first_; }

 private:
  std::array<int64_t, kInputErrorCount> counts_{};
  std::vector<ErrorLocation> first_;
};

}  // namespace rapport
