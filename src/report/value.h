// A metric value as the writers see it: null, a number, text, a list or a record.
// Ratios with a zero denominator are null (METRICS.md), never 0 and never NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rapport {

class Value;
using ValueList = std::vector<Value>;
using ValueRecord = std::vector<std::pair<std::string, Value>>;  // keeps insertion order

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
  Value(std::string v) : v_(std::move(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(bool b) : v_(b) {}
  Value(ValueList v) : v_(std::make_shared<ValueList>(std::move(v))) {}
  Value(ValueRecord v) : v_(std::make_shared<ValueRecord>(std::move(v))) {}

  static Value Ratio(double num, double den) { return den == 0 ? Value() : Value(num / den); }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_double() const { return std::holds_alternative<double>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<ValueList>>(v_); }
  bool is_record() const { return std::holds_alternative<std::shared_ptr<ValueRecord>>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_); }
  bool as_bool() const { return std::get<bool>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const ValueList& as_list() const { return *std::get<std::shared_ptr<ValueList>>(v_); }
  const ValueRecord& as_record() const { return *std::get<std::shared_ptr<ValueRecord>>(v_); }

 private:
  std::variant<std::monostate, int64_t, double, bool, std::string, std::shared_ptr<ValueList>,
               std::shared_ptr<ValueRecord>>
      v_;
};

// Looks a key up in a record; nullptr when absent.
const Value* FindField(const ValueRecord& r, std::string_view key);

}  // namespace rapport
