#include "io/input_error.h"

namespace rapport {

std::string_view InputErrorName(InputError e) {
  switch (e) {
    case InputError::kInvalidJson: return "invalid_json";
    case InputError::kMissingField: return "missing_field";
    case InputError::kBadTimestamp: return "bad_timestamp";
    case InputError::kWrongType: return "wrong_type";
    case InputError::kInvalidUtf8: return "invalid_utf8";
    case InputError::kDuplicate: return "duplicate";
    case InputError::kTooLarge: return "too_large";
    case InputError::kBadCsvRow: return "bad_csv_row";
  }
  return "unknown";
}

void InputErrors::Add(InputError reason, std::string_view file, int64_t line,
                      std::string message) {
  ++counts_[static_cast<int>(reason)];
  if (first_.size() < kKeptLocations)
    first_.push_back({std::string(file), line, reason, std::move(message)});
}

void InputErrors::Merge(const InputErrors& other) {
  for (int i = 0; i < kInputErrorCount; ++i) counts_[i] += other.counts_[i];
  for (const auto& loc : other.first_) {
    if (first_.size() >= kKeptLocations) break;
    first_.push_back(loc);
  }
}

void InputErrors::ShiftLines(int64_t first_line) {
  for (auto& loc : first_) loc.line += first_line;
}

int64_t InputErrors::total() const {
  int64_t n = 0;
  for (auto c : counts_) n += c;
  return n;
}

}  // namespace rapport
