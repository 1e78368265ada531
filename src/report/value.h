// A metric value as the writers see it: null, a number, text, a list or a record.
// Ratios with a zero denominator are null (METRICS.md), never 0 and never NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "fmt/format.h"

namespace rapport {

// A record's key. A report repeats the same few hundred names in every scope (the
// TWCS head: 76 brands x 327 weeks x 2 slices, about 110 names each), so each name's
// text is held once per process and a key is a pointer to it: 8 bytes, where a
// string of its own took 32 plus a heap copy for names over 15 characters.
class Name {
 public:
  // Implicit, like the std::string it replaces as a key. Thread-safe.
  Name(std::string_view text);
  Name(const std::string& text) : Name(std::string_view(text)) {}
  Name(const char* text) : Name(std::string_view(text)) {}

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }
  operator std::string_view() const { return *text_; }

  // Texts are pooled: equal names are the same pointer.
  friend bool operator==(const Name& a, const Name& b) { return a.text_ == b.text_; }
  friend bool operator==(const Name& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(const Name& a, const char* b) { return *a.text_ == b; }
  friend bool operator==(const Name& a, const std::string& b) { return *a.text_ == b; }
  friend std::ostream& operator<<(std::ostream& os, const Name& n) { return os << *n.text_; }

 private:
  const std::string* text_;
};

class Value;
using ValueList = std::vector<Value>;
using ValueRecord = std::vector<std::pair<Name, Value>>;  // keeps insertion order

class Value {
 public:
  Value() = default;  // null
  Value(int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<int64_t>(v)) {}
  Value(size_t v) : v_(static_cast<int64_t>(v)) {}
  // NaN and infinities become null: they are never written.
  Value(double v) {
    if (std::isfinite(v)) v_ = v;
  }
  Value(std::string v) : v_(std::make_shared<const std::string>(std::move(v))) {}
  Value(const char* v) : v_(std::make_shared<const std::string>(v)) {}
  Value(bool b) : v_(b) {}
  Value(ValueList v) : v_(std::make_shared<ValueList>(std::move(v))) {}
  Value(ValueRecord v) : v_(std::make_shared<ValueRecord>(std::move(v))) {}

  static Value Ratio(double num, double den) { return den == 0 ? Value() : Value(num / den); }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_double() const { return std::holds_alternative<double>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_string() const { return std::holds_alternative<std::shared_ptr<const std::string>>(v_); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<ValueList>>(v_); }
  bool is_record() const { return std::holds_alternative<std::shared_ptr<ValueRecord>>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_); }
  bool as_bool() const { return std::get<bool>(v_); }
  const std::string& as_string() const { return *std::get<std::shared_ptr<const std::string>>(v_); }
  const ValueList& as_list() const { return *std::get<std::shared_ptr<ValueList>>(v_); }
  const ValueRecord& as_record() const { return *std::get<std::shared_ptr<ValueRecord>>(v_); }

 private:
  // Text, lists and records are shared, immutable once built: a Value is 24 bytes,
  // and a report holds millions of them (Name above).
  std::variant<std::monostate, int64_t, double, bool, std::shared_ptr<const std::string>,
               std::shared_ptr<ValueList>, std::shared_ptr<ValueRecord>>
      v_;
};
static_assert(sizeof(Value) == 24);

// Looks a key up in a record; nullptr when absent.
const Value* FindField(const ValueRecord& r, std::string_view key);
const Value* FindField(const ValueRecord& r, const Name& key);  // compares pointers
inline const Value* FindField(const ValueRecord& r, const char* key) {
  return FindField(r, std::string_view(key));
}
inline const Value* FindField(const ValueRecord& r, const std::string& key) {
  return FindField(r, std::string_view(key));
}

}  // namespace rapport

template <>
struct fmt::formatter<rapport::Name> : fmt::formatter<std::string_view> {
  auto format(const rapport::Name& n, format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(n.str(), ctx);
  }
};
