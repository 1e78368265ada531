#include "io/readers/json_helpers.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "fmt/format.h"

namespace rapport::json {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsIdentStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '.'; }

// "window.YTD.tweets.part0 " -> true: the left side of a JavaScript assignment.
bool IsAssignmentTarget(std::string_view s) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  if (s.empty() || !IsIdentStart(s.front())) return false;
  for (char c : s)
    if (!IsIdentChar(c)) return false;
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------
// RecordSplitter

void RecordSplitter::Append(const char* from, const char* to) {
  if (too_large_ || to <= from) return;
  size_t n = static_cast<size_t>(to - from);
  if (record_.size() + n > max_record_) {
    too_large_ = true;
    record_.clear();
    record_.shrink_to_fit();
    return;
  }
  record_.append(from, n);
}

void RecordSplitter::Emit(Handler& h) {
  if (too_large_) {
    h.Bad(record_line_, InputError::kTooLarge,
          fmt::format("record larger than the limit of {} bytes", max_record_));
  } else {
    size_t n = record_.size();
    record_.append(simdjson::SIMDJSON_PADDING, ' ');
    h.Record(std::string_view(record_.data(), n), record_line_);
  }
  record_.clear();
  too_large_ = false;
}

void RecordSplitter::Feed(std::string_view block, Handler& h) {
  if (!bom_checked_) {
    // A UTF-8 byte order mark (Windows tools write one) is not part of the JSON. It
    // may arrive split over blocks.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    while (!block.empty() && bom_seen_ < 3 && block[0] == kBom[bom_seen_]) {
      ++bom_seen_;
      block.remove_prefix(1);
    }
    if (bom_seen_ < 3 && block.empty()) return;
    bom_checked_ = true;
    if (bom_seen_ < 3 && bom_seen_ > 0) Feed(kBom.substr(0, bom_seen_), h);  // not a BOM
  }
  size_t i = 0;
  while (i < block.size()) {
    char c = block[i];
    if (mode_ == Mode::kStart) {
      if (IsSpace(c)) {
        if (c == '\n') ++line_;
        ++i;
        continue;
      }
      mode_ = IsIdentStart(c) ? Mode::kPrefix : Mode::kValues;
      continue;
    }
    if (mode_ == Mode::kPrefix) {
      if (c == '=') {
        if (IsAssignmentTarget(prefix_)) {
          mode_ = Mode::kValues;
        } else {
          h.Bad(line_, InputError::kInvalidJson, "not JSON (nor a JavaScript assignment of JSON)");
          mode_ = Mode::kValues;
          in_garbage_ = true;
        }
        prefix_.clear();
        ++i;
        continue;
      }
      if (c == '\n' || prefix_.size() > 256) {
        h.Bad(line_, InputError::kInvalidJson, "not JSON (nor a JavaScript assignment of JSON)");
        prefix_.clear();
        mode_ = Mode::kValues;
        in_garbage_ = true;
        continue;
      }
      prefix_.push_back(c);
      ++i;
      continue;
    }
    if (mode_ == Mode::kValues) {
      FeedValues(block.substr(i), h);
      return;
    }
    FeedLines(block.substr(i), h);
    return;
  }
}

void RecordSplitter::FeedValues(std::string_view block, Handler& h) {
  const char* p = block.data();
  const char* end = p + block.size();
  const char* seg = in_record_ ? p : nullptr;  // start of the record bytes in this block
  while (p < end) {
    const char c = *p;
    if (in_garbage_) {
      const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)));
      if (!nl) return;
      ++line_;
      in_garbage_ = false;
      p = nl + 1;
      continue;
    }
    if (in_record_ || in_scalar_) {
      if (in_string_) {
        if (escape_) {
          escape_ = false;
          if (*p == '\n') ++line_;
          ++p;
          continue;
        }
        // Fast path through the body of a string.
        while (p < end && *p != '"' && *p != '\\' && *p != '\n') ++p;
        if (p == end) break;
        const char s = *p;
        if (s == '\\') {
          escape_ = true;
        } else if (s == '"') {
          in_string_ = false;
        }
        if (s == '\n') ++line_;
        ++p;
        continue;
      }
      if (in_scalar_) {
        if (c == '"') {
          in_string_ = true;
        } else if (c == ',') {
          in_scalar_ = false;
        } else if (c == ']') {
          in_scalar_ = false;
          depth_ = 0;
          top_array_ = false;
        } else if (c == '\n') {
          ++line_;
        }
        ++p;
        continue;
      }
      switch (c) {
        case '"':
          in_string_ = true;
          break;
        case '{':
        case '[':
          ++depth_;
          break;
        case '}':
        case ']':
          if (--depth_ == record_base_) {
            Append(seg, p + 1);
            in_record_ = false;
            const bool top_level = record_base_ == 0;
            const bool one_line = record_line_ == line_;
            Emit(h);
            // NDJSON: the first value is a whole line. From here on, lines are records.
            if (!first_record_done_ && top_level && one_line) {
              first_record_done_ = true;
              mode_ = Mode::kLines;
              FeedLines(std::string_view(p + 1, static_cast<size_t>(end - p - 1)), h);
              return;
            }
            first_record_done_ = true;
            ++p;
            seg = nullptr;
            continue;
          }
          break;
        case '\n':
          ++line_;
          break;
        default:
          break;
      }
      ++p;
      continue;
    }
    // Between records.
    if (IsSpace(c)) {
      if (c == '\n') ++line_;
      ++p;
      continue;
    }
    if (depth_ == 0) {
      if (c == '{') {
        in_record_ = true;
        record_base_ = 0;
        depth_ = 1;
        record_line_ = line_;
        seg = p;
      } else if (c == '[') {
        // A top-level array: its elements are the records.
        depth_ = 1;
        top_array_ = true;
      } else if (c == ';' || c == ',') {
        // `window.YTD.x.part0 = [...];` and stray separators.
      } else {
        h.Bad(line_, InputError::kInvalidJson,
              fmt::format("not JSON: unexpected '{}' where a JSON value should start",
                          (c >= 0x20 && c < 0x7f) ? std::string(1, c) : fmt::format("\\x{:02x}", static_cast<unsigned char>(c))));
        in_garbage_ = true;
        continue;
      }
      ++p;
      continue;
    }
    // depth_ == 1 inside a top-level array.
    if (c == ',') {
      ++p;
      continue;
    }
    if (c == ']') {
      depth_ = 0;
      top_array_ = false;
      ++p;
      continue;
    }
    if (c == '{' || c == '[') {
      in_record_ = true;
      record_base_ = 1;
      depth_ = 2;
      record_line_ = line_;
      seg = p;
      ++p;
      continue;
    }
    h.Bad(line_, InputError::kWrongType, "an array element is not a JSON object");
    in_scalar_ = true;
    if (c == '"') in_string_ = true;
    ++p;
  }
  if (in_record_ && seg) Append(seg, end);
}

void RecordSplitter::FeedLines(std::string_view block, Handler& h) {
  const char* p = block.data();
  const char* end = p + block.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)));
    if (record_.empty() && !too_large_) record_line_ = line_;
    if (!nl) {
      Append(p, end);
      return;
    }
    Append(p, nl);
    // Blank lines and a trailing CR are not records.
    while (!record_.empty() && IsSpace(record_.back())) record_.pop_back();
    size_t first = record_.find_first_not_of(" \t\r");
    if (too_large_ || first != std::string::npos) Emit(h);
    record_.clear();
    ++line_;
    p = nl + 1;
  }
}

void RecordSplitter::Finish(Handler& h) {
  if (mode_ == Mode::kPrefix && !prefix_.empty()) {
    h.Bad(line_, InputError::kInvalidJson, "not JSON (nor a JavaScript assignment of JSON)");
  } else if (mode_ == Mode::kValues && (in_record_ || too_large_)) {
    if (too_large_) {
      Emit(h);
    } else {
      h.Bad(record_line_, InputError::kInvalidJson,
            "the input ends inside this JSON value (a truncated file?)");
    }
  } else if (mode_ == Mode::kLines) {
    while (!record_.empty() && IsSpace(record_.back())) record_.pop_back();
    if (too_large_ || record_.find_first_not_of(" \t\r") != std::string::npos) Emit(h);
  }
  record_.clear();
  in_record_ = in_string_ = escape_ = in_scalar_ = in_garbage_ = too_large_ = false;
  depth_ = 0;
}

// ---------------------------------------------------------------------------------
// SniffHead

bool SniffedRecord::HasMatching(std::string_view prefix, std::string_view suffix) const {
  for (auto it = paths.lower_bound(prefix); it != paths.end(); ++it) {
    std::string_view p = *it;
    if (p.substr(0, prefix.size()) != prefix) break;
    if (p.size() >= prefix.size() + suffix.size() && p.substr(p.size() - suffix.size()) == suffix)
      return true;
  }
  return false;
}

Sniff SniffHead(std::string_view head) {
  Sniff s;
  size_t i = 0;
  const size_t n = head.size();
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  int line = 1;
  auto skip_space = [&] {
    while (i < n && IsSpace(head[i])) {
      if (head[i] == '\n') ++line;
      ++i;
    }
  };
  skip_space();
  if (i < n && IsIdentStart(head[i])) {
    size_t start = i;
    while (i < n && i - start < 256 && IsIdentChar(head[i])) ++i;
    std::string_view target = head.substr(start, i - start);
    while (i < n && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i >= n || head[i] != '=') return s;
    ++i;
    s.js_prefix = std::string(target);
    skip_space();
  }
  if (i >= n || (head[i] != '{' && head[i] != '[')) return s;
  s.json = true;

  struct Frame {
    bool object;
    bool pushed;  // a key component was pushed for this container
  };
  std::vector<Frame> stack;
  std::vector<std::string_view> comps;
  bool in_record = false;
  size_t record_frame = 0;   // stack size outside the current record
  std::string_view key;      // the last key read in an object
  bool have_key = false;     // the next value belongs to `key`
  bool expect_key = false;   // an object awaits a key
  bool first_value_done = false;
  int first_value_line = 0;
  size_t first_value_pos = std::string_view::npos;
  constexpr size_t kMaxRecords = 32;
  constexpr size_t kMaxDepth = 64;

  while (i < n) {
    const char c = head[i];
    if (IsSpace(c)) {
      if (c == '\n') ++line;
      ++i;
      continue;
    }
    if (c == '"') {
      size_t start = ++i;
      bool esc = false;
      while (i < n) {
        if (esc) {
          esc = false;
        } else if (head[i] == '\\') {
          esc = true;
        } else if (head[i] == '"') {
          break;
        }
        ++i;
      }
      if (i >= n) break;  // the head ends inside a string
      std::string_view str = head.substr(start, i - start);
      ++i;
      if (!stack.empty() && stack.back().object && expect_key) {
        key = str;
        have_key = true;
        expect_key = false;
        if (in_record && comps.size() < 3) {
          std::string path;
          for (auto k : comps) {
            path.append(k);
            path.push_back('.');
          }
          path.append(str);
          s.records.back().paths.insert(std::move(path));
        }
      } else {
        if (in_record && have_key && comps.empty() && stack.size() == record_frame + 1 &&
            key == "kind")
          s.records.back().kind = std::string(str);
        have_key = false;
      }
      continue;
    }
    if (c == ':') {
      ++i;
      continue;
    }
    if (c == ',') {
      if (!stack.empty() && stack.back().object) expect_key = true;
      have_key = false;
      ++i;
      continue;
    }
    if (c == '{' || c == '[') {
      if (stack.size() >= kMaxDepth) break;
      if (stack.empty() && first_value_line == 0) {
        first_value_line = line;
        first_value_pos = i;
      }
      bool starts_record = false;
      if (c == '{' && (stack.empty() || (stack.size() == 1 && !stack[0].object))) starts_record = true;
      if (starts_record) {
        if (s.records.size() >= kMaxRecords) break;
        s.records.emplace_back();
        in_record = true;
        record_frame = stack.size();
        comps.clear();
      }
      bool pushed = false;
      if (in_record && !starts_record && have_key) {
        comps.push_back(key);
        pushed = true;
      }
      have_key = false;
      stack.push_back({c == '{', pushed});
      expect_key = c == '{';
      ++i;
      continue;
    }
    if (c == '}' || c == ']') {
      if (stack.empty()) break;
      Frame f = stack.back();
      stack.pop_back();
      if (f.pushed && !comps.empty()) comps.pop_back();
      ++i;
      have_key = false;
      expect_key = false;
      if (in_record && stack.size() == record_frame) {
        s.records.back().complete = true;
        in_record = false;
      }
      if (stack.empty() && !first_value_done) {
        first_value_done = true;
        if (line == first_value_line && s.js_prefix.empty()) {
          size_t j = i;
          while (j < n && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r')) ++j;
          s.first_line_complete = j >= n || head[j] == '\n';
        }
      }
      continue;
    }
    // A number or literal: skipped. At the top level it is not a record.
    if (stack.empty()) {
      if (c == ';' || c == ',') {
        ++i;
        continue;
      }
      break;
    }
    while (i < n && !IsSpace(head[i]) && head[i] != ',' && head[i] != '}' && head[i] != ']') ++i;
    have_key = false;
  }
  // A first object longer than the head without a newline: a compact line (twarc2
  // writes responses of several hundred KiB per line). A JSON value holds no raw
  // newline, so cutting at newlines keeps it whole. A long first array is left to the
  // general reader, which streams its elements.
  if (!first_value_done && first_value_pos != std::string_view::npos && s.js_prefix.empty() &&
      head[first_value_pos] == '{' && head.find('\n', first_value_pos) == std::string_view::npos)
    s.first_line_complete = true;
  return s;
}

// ---------------------------------------------------------------------------------
// DOM accessors

bool Field(dom::element e, std::string_view key, dom::element& out) {
  dom::object o;
  if (e.get_object().get(o)) return false;
  return !o.at_key(key).get(out);
}

bool Object(dom::element e, std::string_view key, dom::element& out) {
  return Field(e, key, out) && out.type() == dom::element_type::OBJECT;
}

bool Array(dom::element e, std::string_view key, dom::array& out) {
  dom::element v;
  return Field(e, key, v) && !v.get_array().get(out);
}

std::string_view Str(dom::element e, std::string_view key) {
  dom::element v;
  std::string_view s;
  if (!Field(e, key, v) || v.get_string().get(s)) return {};
  return s;
}

std::string_view IdText(dom::element v, Arena& arena) {
  switch (v.type()) {
    case dom::element_type::STRING: {
      std::string_view s;
      if (v.get_string().get(s)) return {};
      return s;
    }
    case dom::element_type::INT64: {
      int64_t i;
      if (v.get_int64().get(i)) return {};
      return arena.Keep(std::to_string(i));
    }
    case dom::element_type::UINT64: {
      uint64_t u;
      if (v.get_uint64().get(u)) return {};
      return arena.Keep(std::to_string(u));
    }
    default:
      return {};
  }
}

std::string_view Id(dom::element e, std::string_view key, Arena& arena) {
  dom::element v;
  if (!Field(e, key, v)) return {};
  return IdText(v, arena);
}

int64_t CountOf(dom::element v) {
  switch (v.type()) {
    case dom::element_type::INT64: {
      int64_t i;
      if (v.get_int64().get(i) || i < 0) return kUnknownCount;
      return i;
    }
    case dom::element_type::UINT64: {
      uint64_t u;
      if (v.get_uint64().get(u)) return kUnknownCount;
      return u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
    }
    case dom::element_type::DOUBLE: {
      double d;
      if (v.get_double().get(d) || !std::isfinite(d) || d < 0 || d >= 9.2e18) return kUnknownCount;
      return static_cast<int64_t>(d);
    }
    case dom::element_type::STRING: {
      std::string_view s;
      if (v.get_string().get(s) || s.empty() || s.size() > 18) return kUnknownCount;
      int64_t out = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      if (ec != std::errc() || ptr != s.data() + s.size() || out < 0) return kUnknownCount;
      return out;
    }
    default:
      return kUnknownCount;
  }
}

int64_t Count(dom::element e, std::string_view key) {
  dom::element v;
  if (!Field(e, key, v)) return kUnknownCount;
  return CountOf(v);
}

bool IsNonNull(dom::element e, std::string_view key) {
  dom::element v;
  return Field(e, key, v) && !v.is_null();
}

std::string_view After(std::string_view s, char sep) {
  size_t k = s.rfind(sep);
  return k == std::string_view::npos ? s : s.substr(k + 1);
}

// ---------------------------------------------------------------------------------
// JsonRecordReader

void JsonRecordReader::Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
                             InputErrors& errors) {
  ctx_ = &ctx;
  sink_ = &sink;
  errors_ = &errors;
  if (!line_mode_) {
    splitter_.Feed(block, *this);
    return;
  }
  // Blocks of whole lines, with SIMDJSON_PADDING readable bytes after their end (the
  // ingest driver allocates them so): each line is parsed in place.
  const char* p = block.data();
  const char* end = p + block.size();
  int64_t line_no = 0;
  while (p < end) {
    const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* line_end = nl ? nl : end;
    ++line_no;
    std::string_view line(p, static_cast<size_t>(line_end - p));
    p = nl ? nl + 1 : end;
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    if (line_no == 1 && block.data() == line.data() && line.substr(0, 3) == "\xEF\xBB\xBF")
      line.remove_prefix(3);
    if (line.size() > kMaxRecordBytes) {
      Bad(line_no, InputError::kTooLarge,
          fmt::format("record of {} bytes is larger than the limit of {} bytes", line.size(),
                      kMaxRecordBytes));
      continue;
    }
    ParseRecord(line.data(), line.size(), line_no);
  }
}

void JsonRecordReader::Finish(const BlockContext& ctx, EventSink& sink, InputErrors& errors) {
  ctx_ = &ctx;
  sink_ = &sink;
  errors_ = &errors;
  if (!line_mode_) splitter_.Finish(*this);
}

void JsonRecordReader::Record(std::string_view text, int64_t line) {
  ParseRecord(text.data(), text.size(), line);
}

void JsonRecordReader::Bad(int64_t line, InputError reason, std::string message) {
  errors_->Add(reason, ctx_->file, line, std::move(message));
}

void JsonRecordReader::Fail(InputError reason, std::string message) {
  errors_->Add(reason, ctx_->file, line_, std::move(message));
}

void JsonRecordReader::ParseRecord(const char* data, size_t size, int64_t line) {
  line_ = line;
  arena_.Clear();
  dom::element root;
  auto err = parser_.parse(data, size, false).get(root);
  if (err) {
    if (err == simdjson::UTF8_ERROR)
      Fail(InputError::kInvalidUtf8, "invalid UTF-8");
    else
      Fail(InputError::kInvalidJson, fmt::format("not JSON: {}", simdjson::error_message(err)));
    return;
  }
  if (root.type() != dom::element_type::OBJECT && root.type() != dom::element_type::ARRAY) {
    Fail(InputError::kInvalidJson, "a record must be a JSON object or array");
    return;
  }
  HandleRecord(root);
}

}  // namespace rapport::json
