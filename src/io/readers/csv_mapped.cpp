// `csv`: any CSV/TSV with a column mapping (csv_mapped.h, docs/formats.md "csv"):
// platform insight exports and datasets whose columns rapport cannot guess. Never
// detected: a CSV says nothing about which column means what.
//
// libcsv parses the quoting. CR, LF and CRLF all end a row (the UCI Facebook metrics
// export ends its lines with bare CRs); a CR inside a quoted field is text. The
// delimiter is the header's most frequent of , ; and TAB unless the mapping names one.
#include "io/readers/csv_mapped.h"

#include <csv.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "io/ingest.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "toml++/toml.h"

namespace rapport {

// ---------------------------------------------------------------------------------
// The mapping

namespace {

constexpr std::string_view kTextFields[] = {"platform",  "id",        "type",           "author",
                                            "author_handle", "created_at", "parent_id", "conversation_id",
                                            "text",      "inbound",   "author_followers"};

bool IsMappable(std::string_view f) {
  for (auto t : kTextFields)
    if (t == f) return true;
  return ParseCounter(f).has_value();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

CsvMapping::Value ParseTemplate(std::string_view text) {
  CsvMapping::Value v;
  v.spec = std::string(text);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    if (open == std::string_view::npos) {
      v.pieces.push_back({CsvMapping::Piece::kText, std::string(text.substr(pos)), 0});
      break;
    }
    if (open > pos) v.pieces.push_back({CsvMapping::Piece::kText, std::string(text.substr(pos, open - pos)), 0});
    size_t close = text.find('}', open);
    if (close == std::string_view::npos)
      throw CsvMappingError(fmt::format("\"{}\": a '{{' without its '}}'", text));
    std::string_view ref = text.substr(open + 1, close - open - 1);
    CsvMapping::Piece p;
    // "{Column:02}": zero-padded to 2 (the last ':' followed only by digits).
    size_t colon = ref.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < ref.size() &&
        ref.find_first_not_of("0123456789", colon + 1) == std::string_view::npos) {
      std::string_view w = ref.substr(colon + 1);
      std::from_chars(w.data(), w.data() + w.size(), p.width);
      if (p.width > 64) throw CsvMappingError(fmt::format("\"{}\": a width over 64", text));
      ref = ref.substr(0, colon);
    }
    if (ref.empty()) throw CsvMappingError(fmt::format("\"{}\": an empty {{}}", text));
    if (ref == "@row") p.kind = CsvMapping::Piece::kRow;
    else if (ref == "@line") p.kind = CsvMapping::Piece::kLine;
    else if (ref == "@file") p.kind = CsvMapping::Piece::kFile;
    else if (ref.front() == '@')
      throw CsvMappingError(fmt::format("\"{}\": {{{}}} is none of {{@row}}, {{@line}}, {{@file}}", text, ref));
    else p.kind = CsvMapping::Piece::kColumn;
    p.text = std::string(ref);
    v.pieces.push_back(std::move(p));
    pos = close + 1;
  }
  return v;
}

void AddField(CsvMapping& m, std::string_view field, CsvMapping::Value v) {
  if (!IsMappable(field)) {
    std::string all;
    for (const auto& f : CsvMappableFields()) all += (all.empty() ? "" : ", ") + f;
    throw CsvMappingError(fmt::format("\"{}\" is not a native field (one of: {})", field, all));
  }
  if (m.fields.count(field))
    throw CsvMappingError(fmt::format("\"{}\" is mapped twice", field));
  m.fields.emplace(std::string(field), std::move(v));
}

CsvMapping::Value ColumnValue(std::string_view column) {
  CsvMapping::Value v;
  v.spec = fmt::format("{{{}}}", column);
  v.pieces.push_back({CsvMapping::Piece::kColumn, std::string(column), 0});
  return v;
}

std::mutex g_mapping_mutex;
std::shared_ptr<const CsvMapping> g_mapping;

}  // namespace

CsvMapping::Encoding ParseCsvEncoding(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_') n += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (n == "utf8") return CsvMapping::Encoding::kUtf8;
  if (n == "latin1" || n == "iso88591" || n == "windows1252" || n == "cp1252")
    return CsvMapping::Encoding::kWindows1252;
  throw CsvMappingError(fmt::format("encoding \"{}\": expected utf-8, latin-1 or windows-1252", name));
}

void Windows1252ToUtf8(std::string& s) {
  bool ascii = true;
  for (unsigned char c : s) ascii &= c < 0x80;
  if (ascii) return;
  // 0x80-0x9F are punctuation in Windows-1252 (curly quotes, dashes, the euro sign);
  // the five unassigned bytes become U+FFFD.
  static constexpr char16_t k80[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (unsigned char c : s) {
    const uint32_t cp = c < 0x80 ? c : c < 0xA0 ? k80[c - 0x80] : c;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  s = std::move(out);
}

std::vector<std::string> CsvMappableFields() {
  std::vector<std::string> v(std::begin(kTextFields), std::end(kTextFields));
  for (int c = 0; c < kCounterCount; ++c) v.emplace_back(CounterName(static_cast<Counter>(c)));
  return v;
}

void ParseCsvMap(std::string_view spec, CsvMapping& m) {
  size_t pos = 0;
  while (pos <= spec.size()) {
    // The pair ends at a comma outside {...}.
    size_t end = pos;
    int depth = 0;
    while (end < spec.size() && (spec[end] != ',' || depth > 0)) {
      if (spec[end] == '{') ++depth;
      if (spec[end] == '}' && depth > 0) --depth;
      ++end;
    }
    std::string_view pair = Trim(spec.substr(pos, end - pos));
    pos = end + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
      throw CsvMappingError(fmt::format("\"{}\": expected field=Column or field:=value", pair));
    bool fixed = pair[eq - 1] == ':';
    std::string_view field = Trim(pair.substr(0, fixed ? eq - 1 : eq));
    std::string_view value = Trim(pair.substr(eq + 1));
    if (field == "encoding") {
      m.encoding = ParseCsvEncoding(value);
      continue;
    }
    if (field == "delimiter") {
      if (value == "\\t" || value == "tab") value = "\t";
      if (value.size() != 1) throw CsvMappingError(fmt::format("delimiter \"{}\": one character", value));
      m.delimiter = value[0];
      continue;
    }
    if (!fixed && value.empty())
      throw CsvMappingError(fmt::format("\"{}\": no column named after '='", pair));
    AddField(m, field, fixed ? ParseTemplate(value) : ColumnValue(value));
  }
}

void LoadCsvMapFile(const std::string& path, CsvMapping& m) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw CsvMappingError(fmt::format("{}: {} (line {})", path, e.description(), e.source().begin.line));
  }
  for (auto&& [key, node] : root) {
    std::string_view k = key.str();
    if (k == "delimiter") {
      auto s = node.value<std::string>();
      if (!s || (s->size() != 1 && *s != "\\t" && *s != "tab"))
        throw CsvMappingError(fmt::format("{}: delimiter must be one character", path));
      m.delimiter = s->size() == 1 ? (*s)[0] : '\t';
    } else if (k == "encoding") {
      auto s = node.value<std::string>();
      if (!s) throw CsvMappingError(fmt::format("{}: encoding must be a string", path));
      try {
        m.encoding = ParseCsvEncoding(*s);
      } catch (const CsvMappingError& e) {
        throw CsvMappingError(fmt::format("{}: {}", path, e.what()));
      }
    } else if (k == "columns" || k == "values") {
      const toml::table* t = node.as_table();
      if (!t) throw CsvMappingError(fmt::format("{}: [{}] must be a table", path, k));
      for (auto&& [field, v] : *t) {
        auto s = v.value<std::string>();
        if (!s) throw CsvMappingError(fmt::format("{}: {}.{} must be a string", path, k, field.str()));
        try {
          AddField(m, field.str(), k == "columns" ? ColumnValue(*s) : ParseTemplate(*s));
        } catch (const CsvMappingError& e) {
          throw CsvMappingError(fmt::format("{}: {}", path, e.what()));
        }
      }
    } else {
      throw CsvMappingError(fmt::format("{}: unknown key \"{}\" (expected [columns], [values], delimiter, encoding)", path, k));
    }
  }
}

void ValidateCsvMapping(const CsvMapping& m) {
  std::string missing;
  for (auto f : {"platform", "id", "author", "created_at"})
    if (!m.fields.count(f)) missing += fmt::format("{}{}", missing.empty() ? "" : ", ", f);
  if (!missing.empty())
    throw CsvMappingError(fmt::format(
        "the column mapping does not give {} (map a column, field=Column, or a fixed value, field:=value)", missing));
}

void SetCsvMapping(std::shared_ptr<const CsvMapping> m) {
  std::lock_guard lock(g_mapping_mutex);
  g_mapping = std::move(m);
}

std::shared_ptr<const CsvMapping> CurrentCsvMapping() {
  std::lock_guard lock(g_mapping_mutex);
  return g_mapping;
}

// ---------------------------------------------------------------------------------
// The reader

namespace {

enum Field : int {
  kPlatform, kId, kType, kAuthor, kAuthorHandle, kCreatedAt, kParentId, kConversationId, kText,
  kInbound, kAuthorFollowers, kFirstCounter
};
constexpr int kFieldCount = kFirstCounter + kCounterCount;

int FieldIndex(std::string_view name) {
  for (int i = 0; i < kFirstCounter; ++i)
    if (kTextFields[i] == name) return i;
  auto c = ParseCounter(name);
  return c ? kFirstCounter + static_cast<int>(*c) : -1;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// "1,234", " 12 ", "12.0" -> 1234, 12, 12; nullopt for anything else.
std::optional<int64_t> ParseCount(std::string_view s) {
  std::string digits;
  s = Trim(s);
  size_t dot = s.find('.');
  if (dot != std::string_view::npos) {
    if (s.find_first_not_of('0', dot + 1) != std::string_view::npos) return std::nullopt;
    s = s.substr(0, dot);
  }
  for (char c : s) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != ',' && c != ' ' && c != '_') return std::nullopt;
  }
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

class CsvMappedReader final : public Reader {
 public:
  explicit CsvMappedReader(std::shared_ptr<const CsvMapping> m) : mapping_(std::move(m)) {
    csv_init(&parser_, CSV_APPEND_NULL);
  }
  ~CsvMappedReader() override { csv_free(&parser_); }

  std::string_view name() const override { return "csv"; }
  int Detect(std::string_view) const override { return 0; }
  bool LineSplittable() const override { return false; }
  std::unique_ptr<Reader> NewInstance() const override {
    return std::make_unique<CsvMappedReader>(CurrentCsvMapping());
  }

  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink, InputErrors& errors) override {
    if (!mapping_)
      throw FormatError(fmt::format(
          "{}: --input-format csv needs a column mapping: --map 'id=Post ID,created_at=Date,author=...,"
          "platform:=facebook,likes=Reactions' or --map-file map.toml (docs/formats.md \"csv\")",
          ctx.file));
    if (!delimiter_set_) {
      // The header line decides the delimiter; wait for it (or the end of the data).
      if (head_.size() < 65536) head_.append(block.substr(0, 65536 - head_.size()));
      if (head_.find_first_of("\r\n") == std::string::npos && head_.size() < 65536) {
        held_.append(block);
        return;
      }
      SetDelimiter();
      std::string held = std::move(held_);
      held_.clear();
      if (!held.empty()) Feed(held, ctx, sink, errors);
    }
    Feed(block, ctx, sink, errors);
  }

  void Finish(const BlockContext& ctx, EventSink& sink, InputErrors& errors) override {
    if (!mapping_) return;
    if (!delimiter_set_) {
      SetDelimiter();
      std::string held = std::move(held_);
      held_.clear();
      if (!held.empty()) Feed(held, ctx, sink, errors);
    }
    State st{&ctx, &sink, &errors};
    state_ = &st;
    csv_fini(&parser_, OnField, OnRecord, this);
    state_ = nullptr;
    if (!fatal_.empty()) throw FormatError(fatal_);
  }

 private:
  struct State {
    const BlockContext* ctx;
    EventSink* sink;
    InputErrors* errors;
  };

  void SetDelimiter() {
    delimiter_set_ = true;
    char d = mapping_->delimiter;
    if (d == 0) {
      std::string_view line = std::string_view(head_).substr(0, head_.find_first_of("\r\n"));
      size_t best = 0;
      d = ',';
      bool quoted = false;
      std::array<size_t, 3> n{};
      for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == ',') ++n[0];
        if (c == ';') ++n[1];
        if (c == '\t') ++n[2];
      }
      constexpr char kCandidates[] = {',', ';', '\t'};
      for (int i = 0; i < 3; ++i)
        if (n[i] > best) best = n[i], d = kCandidates[i];
    }
    csv_set_delim(&parser_, static_cast<unsigned char>(d));
  }

  void Feed(std::string_view block, const BlockContext& ctx, EventSink& sink, InputErrors& errors) {
    State st{&ctx, &sink, &errors};
    state_ = &st;
    if (pending_cr_ && !block.empty()) {
      pending_cr_ = false;
      at_line_start_ = block.front() != '\n';
    }
    size_t pos = 0;
    while (pos < block.size() && fatal_.empty()) {
      size_t t = block.find_first_of("\r\n", pos);
      size_t end = t == std::string_view::npos ? block.size() : t + 1;
      if (at_line_start_) {
        ++line_;
        at_line_start_ = false;
      }
      std::string_view piece = block.substr(pos, end - pos);
      if (csv_parse(&parser_, piece.data(), piece.size(), OnField, OnRecord, this) != piece.size()) {
        errors.Add(InputError::kBadCsvRow, ctx.file, line_,
                   fmt::format("CSV error: {}", csv_strerror(csv_error(&parser_))));
      }
      if (t != std::string_view::npos) {
        if (block[t] == '\n') at_line_start_ = true;
        else if (t + 1 < block.size()) at_line_start_ = block[t + 1] != '\n';
        else pending_cr_ = true;
      }
      pos = end;
    }
    state_ = nullptr;
    if (!fatal_.empty()) throw FormatError(fatal_);
  }

  static void OnField(void* data, size_t len, void* self_ptr) {
    auto* self = static_cast<CsvMappedReader*>(self_ptr);
    if (self->field_count_ == 0) self->record_start_line_ = self->line_;
    if (self->field_count_ >= self->fields_.size()) self->fields_.emplace_back();
    self->fields_[self->field_count_].assign(data ? static_cast<const char*>(data) : "", len);
    ++self->field_count_;
  }

  static void OnRecord(int, void* self_ptr) {
    auto* self = static_cast<CsvMappedReader*>(self_ptr);
    if (self->fatal_.empty()) self->Record();
    self->field_count_ = 0;
  }

  // The header: every column a mapping names must be there (exactly, else ignoring
  // case and surrounding spaces). A missing one stops the file (FormatError): each
  // row would fail the same way.
  void Header() {
    have_header_ = true;
    header_fields_ = field_count_;
    if (header_fields_ > 0 && fields_[0].starts_with("\xEF\xBB\xBF")) fields_[0].erase(0, 3);
    if (mapping_->encoding == CsvMapping::Encoding::kWindows1252)
      for (size_t i = 0; i < header_fields_; ++i) Windows1252ToUtf8(fields_[i]);
    file_stem_ = std::filesystem::path(std::string(state_->ctx->file)).filename().string();
    file_stem_ = file_stem_.substr(0, file_stem_.find('.'));
    plan_.assign(kFieldCount, {});
    header_names_.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(header_fields_));
    for (const auto& [name, value] : mapping_->fields) {
      int f = FieldIndex(name);
      if (f < 0) continue;
      Planned& p = plan_[f];
      p.mapped = true;
      p.value = &value;
      for (const auto& piece : value.pieces) {
        int col = -1;
        if (piece.kind == CsvMapping::Piece::kColumn) {
          for (size_t i = 0; i < header_fields_ && col < 0; ++i)
            if (fields_[i] == piece.text) col = static_cast<int>(i);
          for (size_t i = 0; i < header_fields_ && col < 0; ++i)
            if (EqualsIgnoreCase(Trim(fields_[i]), Trim(piece.text))) col = static_cast<int>(i);
          if (col < 0) {
            std::string columns;
            for (size_t i = 0; i < header_fields_ && i < 40; ++i)
              columns += fmt::format("{}\"{}\"", i ? ", " : "", fields_[i]);
            fatal_ = fmt::format("{}:{}: the mapping's {} names column \"{}\", which the header does not have "
                                 "(columns: {})",
                                 state_->ctx->file, record_start_line_, name, piece.text, columns);
            return;
          }
        }
        p.columns.push_back(col);
        if (col >= 0 && std::find(used_columns_.begin(), used_columns_.end(), col) == used_columns_.end())
          used_columns_.push_back(col);
      }
    }
  }

  // The value of field `f` for this row; false when it is not mapped.
  bool Value(int f, std::string& out) {
    const Planned& p = plan_[f];
    out.clear();
    if (!p.mapped) return false;
    for (size_t i = 0; i < p.value->pieces.size(); ++i) {
      const auto& piece = p.value->pieces[i];
      switch (piece.kind) {
        case CsvMapping::Piece::kText: out += piece.text; break;
        case CsvMapping::Piece::kRow: out += std::to_string(row_); break;
        case CsvMapping::Piece::kLine: out += std::to_string(record_start_line_); break;
        case CsvMapping::Piece::kFile: out += file_stem_; break;
        case CsvMapping::Piece::kColumn: {
          std::string_view v = Trim(fields_[p.columns[i]]);
          // A template's column is padded; an empty one stays empty.
          if (!v.empty() && static_cast<int>(v.size()) < piece.width) out.append(piece.width - v.size(), '0');
          out += v;
          break;
        }
      }
    }
    return true;
  }

  void Bad(InputError reason, std::string message) {
    state_->errors->Add(reason, state_->ctx->file, record_start_line_, std::move(message));
  }

  void Record() {
    if (!have_header_) {
      Header();
      return;
    }
    size_t n = field_count_;
    if (n == 1 && Trim(fields_[0]).empty()) return;  // a blank line
    ++row_;
    if (n != header_fields_) {
      Bad(InputError::kBadCsvRow, fmt::format("row has {} fields, the header has {}", n, header_fields_));
      return;
    }
    // Only the columns the mapping reads must be UTF-8 (after transcoding, always).
    for (int col : used_columns_) {
      if (mapping_->encoding == CsvMapping::Encoding::kWindows1252) Windows1252ToUtf8(fields_[col]);
      if (!IsValidUtf8(fields_[col])) {
        Bad(InputError::kInvalidUtf8, fmt::format("invalid UTF-8 in column \"{}\"", std::string_view(header_names_[col]).substr(0, 60)));
        return;
      }
    }
    for (int f = 0; f < kFieldCount; ++f) Value(f, values_[f]);
    RawEvent& e = e_;
    e.Clear();
    auto platform = ParsePlatform(values_[kPlatform]);
    if (!platform) {
      Bad(values_[kPlatform].empty() ? InputError::kMissingField : InputError::kWrongType,
          fmt::format("platform \"{}\" is not one of x, facebook, instagram, linkedin, youtube, tiktok, "
                      "reddit, mastodon, bluesky, blog, forum, other",
                      values_[kPlatform].substr(0, 40)));
      return;
    }
    e.platform = *platform;
    e.id = values_[kId];
    e.author = values_[kAuthor];
    if (e.id.empty() || e.author.empty()) {
      Bad(InputError::kMissingField, fmt::format("missing required field \"{}\" ({})", e.id.empty() ? "id" : "author",
                                                 plan_[e.id.empty() ? kId : kAuthor].value->spec));
      return;
    }
    const std::string& created = values_[kCreatedAt];
    auto ts = ParseTimestamp(created);
    if (!ts) {
      Bad(created.empty() ? InputError::kMissingField : InputError::kBadTimestamp,
          created.empty() ? fmt::format("missing required field \"created_at\" ({})", plan_[kCreatedAt].value->spec)
                          : fmt::format("bad timestamp \"{}\" (expected RFC 3339 like 2014-12-31T09:00:00Z, "
                                        "2014-12-31 09:00, a date, or epoch seconds)",
                                        created.substr(0, 60)));
      return;
    }
    e.created_at = *ts;
    e.author_handle = values_[kAuthorHandle];
    e.parent_id = values_[kParentId];
    e.conversation_id = values_[kConversationId];
    e.text = values_[kText];
    if (values_[kType].empty()) {
      e.type = e.parent_id.empty() ? EventType::kPost : EventType::kReply;
    } else if (auto t = ParseEventType(Trim(values_[kType]))) {
      e.type = *t;
    } else {
      Bad(InputError::kWrongType, fmt::format("type \"{}\" is not post, reply, quote, share or reaction",
                                              values_[kType].substr(0, 40)));
      return;
    }
    std::string_view inbound = Trim(values_[kInbound]);
    if (!inbound.empty()) {
      if (EqualsIgnoreCase(inbound, "true") || inbound == "1" || EqualsIgnoreCase(inbound, "yes")) {
        e.inbound = Inbound::kTrue;
      } else if (EqualsIgnoreCase(inbound, "false") || inbound == "0" || EqualsIgnoreCase(inbound, "no")) {
        e.inbound = Inbound::kFalse;
      } else {
        Bad(InputError::kWrongType, fmt::format("inbound \"{}\" is not true/false", inbound.substr(0, 40)));
        return;
      }
    }
    // Counts: an empty cell is unknown (never 0); anything but a count is a bad row.
    auto count = [&](int f, int64_t& out) {
      std::string_view v = Trim(values_[f]);
      if (v.empty()) return true;
      auto c = ParseCount(v);
      if (!c) {
        Bad(InputError::kWrongType,
            fmt::format("{} \"{}\" is not a count", f == kAuthorFollowers ? std::string_view("author_followers")
                                                                        : CounterName(static_cast<Counter>(f - kFirstCounter)),
                        v.substr(0, 40)));
        return false;
      }
      out = *c;
      return true;
    };
    if (!count(kAuthorFollowers, e.author_followers)) return;
    for (int c = 0; c < kCounterCount; ++c)
      if (!count(kFirstCounter + c, e.counters[c])) return;
    state_->sink->Add(e);
  }

  struct Planned {
    bool mapped = false;
    const CsvMapping::Value* value = nullptr;
    std::vector<int> columns;  // per piece: its column (-1 for other pieces)
  };

  std::shared_ptr<const CsvMapping> mapping_;
  csv_parser parser_;
  State* state_ = nullptr;
  bool delimiter_set_ = false;
  std::string head_, held_;
  std::vector<std::string> fields_;
  size_t field_count_ = 0;
  bool have_header_ = false;
  size_t header_fields_ = 0;
  std::vector<Planned> plan_;
  std::vector<int> used_columns_;
  std::vector<std::string> header_names_;
  std::array<std::string, kFieldCount> values_;
  std::string file_stem_;
  std::string fatal_;
  int64_t row_ = 0;
  int64_t line_ = 0;
  int64_t record_start_line_ = 1;
  bool at_line_start_ = true;
  bool pending_cr_ = false;
  RawEvent e_;
};

}  // namespace

std::unique_ptr<Reader> MakeCsvMappedReader() { return std::make_unique<CsvMappedReader>(CurrentCsvMapping()); }

}  // namespace rapport
