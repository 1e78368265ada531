// The native format: one normalized event per line (FORMATS.md "The native event"),
// what `rapport convert` writes. Parsed with simdjson On-Demand, one parser per
// reader instance, fields visited in document order.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "fmt/format.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "simdjson.h"

namespace rapport {
namespace {

namespace od = simdjson::ondemand;
using namespace std::string_view_literals;

// A record is never bigger than this; a longer line is skipped as too_large.
constexpr size_t kMaxRecordBytes = 16 << 20;

// A key of up to 16 bytes as two zero-padded words: a known key is recognised by two
// integer compares. `p` must have 16 readable bytes (blocks carry simdjson's padding).
struct ShortKey {
  uint64_t w0 = 0, w1 = 0;
  size_t size = SIZE_MAX;
  bool operator==(const ShortKey&) const = default;
};

ShortKey LoadShortKey(const char* p, size_t n) {
  ShortKey k;
  k.size = n;
  std::memcpy(&k.w0, p, 8);
  std::memcpy(&k.w1, p + 8, 8);
  if (n < 8) {
    k.w0 = n == 0 ? 0 : k.w0 & (~0ull >> (64 - 8 * n));
    k.w1 = 0;
  } else if (n < 16) {
    k.w1 = n == 8 ? 0 : k.w1 & (~0ull >> (64 - 8 * (n - 8)));
  }
  return k;
}

// Bytes of `w` equal to `c` get their high bit set. Only the lowest set bit is exact
// (a borrow can mark a byte above a true match), which is all PlainKeyLength reads.
constexpr uint64_t kOnes = 0x0101010101010101ull;
inline uint64_t BytesEqual(uint64_t w, unsigned char c) {
  const uint64_t x = w ^ (kOnes * c);
  return (x - kOnes) & ~x & (kOnes << 7);
}

// The length of the raw JSON key starting at `p` (after its opening quote) when it is
// at most 16 bytes with no backslash; otherwise npos (a long or escaped key, which no
// known key is). Eight bytes at a time, not a byte loop: this runs for every field of
// every record. `p` must have 17 readable bytes.
size_t PlainKeyLength(const char* p) {
  if constexpr (std::endian::native == std::endian::little) {
    for (size_t word = 0; word < 2; ++word) {
      uint64_t w;
      std::memcpy(&w, p + 8 * word, 8);
      const uint64_t quote = BytesEqual(w, '"'), backslash = BytesEqual(w, '\\');
      const uint64_t first = (quote | backslash) & -(quote | backslash);  // lowest bit
      if (first == 0) continue;
      if (first & backslash) return std::string_view::npos;
      return 8 * word + static_cast<size_t>(std::countr_zero(first)) / 8;
    }
    return p[16] == '"' ? 16 : std::string_view::npos;
  } else {
    for (size_t i = 0; i <= 16; ++i) {
      if (p[i] == '"') return i;
      if (p[i] == '\\') break;
    }
    return std::string_view::npos;
  }
}

// Writers repeat one key order, so each field position remembers the last key seen
// there and what it meant: a line like the previous one costs one compare per key.
class KeyCache {
 public:
  // The code of the key at field position `pos` (raw bytes, no escapes, up to 16).
  template <typename Classify>
  int Code(size_t pos, const char* p, size_t n, Classify classify) {
    const ShortKey k = LoadShortKey(p, n);
    if (pos < slots_.size() && slots_[pos].key == k) return slots_[pos].code;
    const int code = classify(std::string_view(p, n));
    if (pos < kPositions) {
      if (pos >= slots_.size()) slots_.resize(pos + 1);
      slots_[pos] = {k, code};
    }
    return code;
  }

 private:
  static constexpr size_t kPositions = 64;
  struct Slot {
    ShortKey key;
    int code = -1;
  };
  std::vector<Slot> slots_;
};

// The native fields, in FORMATS.md order.
enum FieldCode : int {
  kUnknownField = -1,
  kPlatform, kId, kType, kAuthor, kAuthorHandle, kCreatedAt, kParentId, kConversationId,
  kText, kMentions, kHashtags, kUrls, kMetrics, kAuthorFollowers, kInbound,
};
constexpr std::string_view kFieldNames[] = {
    "platform",  "id",   "type",     "author",   "author_handle", "created_at",
    "parent_id", "conversation_id", "text", "mentions", "hashtags", "urls",
    "metrics",   "author_followers", "inbound"};

int FieldCodeOf(std::string_view key) {
  for (size_t i = 0; i < std::size(kFieldNames); ++i)
    if (kFieldNames[i] == key) return static_cast<int>(i);
  return kUnknownField;
}

class NativeReader final : public Reader {
 public:
  std::string_view name() const override { return "rapport"; }
  bool LineSplittable() const override { return true; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<NativeReader>(); }

  int Detect(std::string_view head) const override {
    size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r')) ++i;
    if (i >= head.size() || head[i] != '{') return 0;
    std::string_view line = head.substr(i, head.find('\n', i) - i);
    int score = 10;
    if (line.find("\"platform\"") != std::string_view::npos) score += 30;
    if (line.find("\"type\"") != std::string_view::npos) score += 20;
    if (line.find("\"created_at\"") != std::string_view::npos) score += 10;
    if (line.find("\"author\"") != std::string_view::npos) score += 20;
    return score;
  }

  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
             InputErrors& errors) override {
    ParseLines(block, ctx, sink, errors);
  }

  int64_t ParseLines(std::string_view block, const BlockContext& ctx, EventSink& sink,
                     InputErrors& errors) override {
    // Blocks have SIMDJSON_PADDING readable bytes after their end (allocated so, or a
    // view into a mapped file that goes on beyond it: ingest.cpp), so simdjson may read
    // a line's capacity as all the bytes to the block's end and its padding.
    return ForEachRecordLine(block, kMaxRecordBytes, ctx, errors,
                             [&](std::string_view line, int64_t line_no, size_t rest) {
                               ParseLine(line, rest + simdjson::SIMDJSON_PADDING, ctx, line_no,
                                         sink, errors);
                             });
  }

 private:
  void Fail(InputErrors& errors, const BlockContext& ctx, int64_t line, InputError reason,
            std::string message) {
    errors.Add(reason, ctx.file, line, std::move(message));
  }

  // A string, or a number written as text (ids are sometimes numbers).
  // Values are taken as simdjson_result<value>, straight from the field's result:
  // unpacking each field into an od::field first cost a store-forwarding stall per
  // field (GCC copies the 24-byte value through the stack) and cost 0.5 CPU-s of 8 on
  // 5M events (docs/performance.md). Always inlined so the value stays in registers.
  using Value = simdjson::simdjson_result<od::value>;

  [[gnu::always_inline]] static simdjson::error_code GetIdLike(Value& v, std::string_view& out,
                                                               std::string& scratch) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::string) return v.get_string().get(out);
    if (t == od::json_type::number) {
      std::string_view raw = v.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' ||
                              raw.back() == '\r'))
        raw.remove_suffix(1);
      scratch.assign(raw);
      out = scratch;
      return simdjson::SUCCESS;
    }
    if (t == od::json_type::null) {
      out = {};
      return simdjson::SUCCESS;
    }
    return simdjson::INCORRECT_TYPE;
  }

  [[gnu::always_inline]] static bool GetCount(Value& v, int64_t& out) {
    od::json_type t;
    if (v.type().get(t)) return false;
    if (t == od::json_type::null) {
      out = kUnknownCount;
      return true;
    }
    if (t != od::json_type::number) return false;
    int64_t i;
    if (!v.get_int64().get(i)) {
      out = i;
      return true;
    }
    double d;
    if (v.get_double().get(d)) return false;
    out = static_cast<int64_t>(d);
    return true;
  }

  void ParseLine(std::string_view line, size_t capacity, const BlockContext& ctx, int64_t line_no,
                 EventSink& sink, InputErrors& errors) {
    od::document doc;
    auto err = parser_.iterate(line.data(), line.size(), capacity).get(doc);
    od::object obj;
    if (!err) err = doc.get_object().get(obj);
    if (err) {
      if (err == simdjson::UTF8_ERROR)
        Fail(errors, ctx, line_no, InputError::kInvalidUtf8, "invalid UTF-8");
      else if (err == simdjson::INCORRECT_TYPE)
        Fail(errors, ctx, line_no, InputError::kInvalidJson, "a record must be a JSON object");
      else
        Fail(errors, ctx, line_no, InputError::kInvalidJson,
             fmt::format("not JSON: {}", simdjson::error_message(err)));
      return;
    }
    e_.Clear();
    bool has_platform = false, has_id = false, has_type = false, has_author = false,
         has_created = false;
    std::string_view bad_field;
    InputError bad_reason = InputError::kWrongType;
    std::string bad_detail;
    size_t field_pos = 0;
    for (auto field_res : obj) {
      od::raw_json_string raw_key;
      if ((err = field_res.key().get(raw_key))) break;
      // The raw key, without unescaping (a copy per field): known keys are short and
      // have no escapes, so a long key or one with a backslash matches none and is
      // skipped.
      const char* kstart = raw_key.raw();
      const size_t klen = PlainKeyLength(kstart);
      const std::string_view key =
          klen == std::string_view::npos ? std::string_view() : std::string_view(kstart, klen);
      const int code = klen == std::string_view::npos
                           ? kUnknownField
                           : field_keys_.Code(field_pos, kstart, klen, FieldCodeOf);
      ++field_pos;
      Value v = field_res.value();
      if (code == kPlatform) {
        std::string_view s;
        if (v.get_string().get(s)) { bad_field = "platform"; break; }
        auto pl = ParsePlatform(s);
        e_.platform = pl ? *pl : Platform::kOther;
        has_platform = true;
      } else if (code == kId) {
        if (GetIdLike(v, e_.id, id_scratch_) || e_.id.empty()) { bad_field = "id"; break; }
        // Copy out: later string fields reuse the parser's string buffer safely, but
        // ids written as numbers live in id_scratch_ already.
        id_copy_.assign(e_.id);
        e_.id = id_copy_;
        has_id = true;
      } else if (code == kType) {
        std::string_view s;
        if (v.get_string().get(s)) { bad_field = "type"; break; }
        auto t = ParseEventType(s);
        if (!t) {
          bad_field = "type";
          bad_detail = fmt::format("unknown type \"{}\" (expected post, reply, quote, share, "
                                   "reaction or session)", s);
          break;
        }
        e_.type = *t;
        has_type = true;
      } else if (code == kAuthor) {
        if (GetIdLike(v, e_.author, author_scratch_) || e_.author.empty()) {
          bad_field = "author";
          break;
        }
        has_author = true;
      } else if (code == kAuthorHandle) {
        if (GetIdLike(v, e_.author_handle, handle_scratch_)) { bad_field = "author_handle"; break; }
      } else if (code == kCreatedAt) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = "created_at"; break; }
        std::optional<Seconds> ts;
        std::string_view raw;
        if (t == od::json_type::string) {
          if (v.get_string().get(raw)) { bad_field = "created_at"; break; }
          ts = ParseTimestamp(raw);
        } else if (t == od::json_type::number) {
          int64_t n;
          double d;
          if (!v.get_int64().get(n)) ts = n;
          else if (!v.get_double().get(d) && d > -9e18 && d < 9e18) ts = static_cast<int64_t>(d);
          raw = "number";
          if (ts && !PlausibleInstant(*ts)) ts.reset();
        }
        if (!ts) {
          bad_field = "created_at";
          bad_reason = InputError::kBadTimestamp;
          bad_detail = fmt::format("bad timestamp \"{}\" (expected RFC 3339 like "
                                   "2017-10-31T22:10:47Z, a date, or epoch seconds, "
                                   "between 1990 and 2099)",
                                   raw.substr(0, 60));
          break;
        }
        e_.created_at = *ts;
        has_created = true;
      } else if (code == kParentId) {
        if (GetIdLike(v, e_.parent_id, parent_scratch_)) { bad_field = "parent_id"; break; }
      } else if (code == kConversationId) {
        if (GetIdLike(v, e_.conversation_id, conv_scratch_)) {
          bad_field = "conversation_id";
          break;
        }
      } else if (code == kText) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = "text"; break; }
        if (t == od::json_type::string) {
          if (v.get_string().get(e_.text)) { bad_field = "text"; break; }
        } else if (t != od::json_type::null) {
          bad_field = "text";
          break;
        }
      } else if (code == kMentions || code == kHashtags) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = key; break; }
        if (t == od::json_type::null) continue;
        od::array arr;
        if (v.get_array().get(arr)) { bad_field = key; break; }
        auto& out = code == kMentions ? e_.mentions : e_.hashtags;
        if (code == kMentions) e_.has_mentions_field = true;
        bool ok = true;
        for (auto item : arr) {
          std::string_view s;
          if (item.get_string().get(s)) { ok = false; break; }
          out.push_back(s);
        }
        if (!ok) { bad_field = key; break; }
      } else if (code == kUrls) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = "urls"; break; }
        if (t == od::json_type::number) {
          int64_t n;
          if (v.get_int64().get(n) || n < 0) { bad_field = "urls"; break; }
          e_.urls = static_cast<uint32_t>(n);
        } else if (t == od::json_type::array) {
          size_t n;
          od::array arr;
          if (v.get_array().get(arr) || arr.count_elements().get(n)) { bad_field = "urls"; break; }
          e_.urls = static_cast<uint32_t>(n);
        } else if (t != od::json_type::null) {
          bad_field = "urls";
          break;
        }
      } else if (code == kMetrics) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = "metrics"; break; }
        if (t == od::json_type::null) continue;
        od::object m;
        if (v.get_object().get(m)) { bad_field = "metrics"; break; }
        bool ok = true;
        size_t metric_pos = 0;
        for (auto mf_res : m) {
          od::raw_json_string raw_mk;
          if (mf_res.key().get(raw_mk)) { ok = false; break; }
          // The raw key when short with no escape (nearly always), else the unescaped one.
          std::string_view mk;
          const char* mk_start = raw_mk.raw();
          const size_t mk_len = PlainKeyLength(mk_start);
          if (mk_len != std::string_view::npos) mk = std::string_view(mk_start, mk_len);
          else if (mf_res.unescaped_key().get(mk)) { ok = false; break; }
          const int counter_code =
              mk_len != std::string_view::npos
                  ? metric_keys_.Code(metric_pos, mk_start, mk_len,
                                      [](std::string_view k) {
                                        auto c = ParseCounter(k);
                                        return c ? static_cast<int>(*c) : -1;
                                      })
                  : [&] {
                      auto c = ParseCounter(mk);
                      return c ? static_cast<int>(*c) : -1;
                    }();
          std::optional<Counter> counter;
          if (counter_code >= 0) counter = static_cast<Counter>(counter_code);
          ++metric_pos;
          int64_t value;
          Value mv = mf_res.value();
          if (!GetCount(mv, value)) {
            ok = false;
            bad_detail = fmt::format("metrics.{} must be a number or null", mk);
            break;
          }
          if (counter) e_.counters[static_cast<int>(*counter)] = value;
        }
        if (!ok) { bad_field = "metrics"; break; }
      } else if (code == kAuthorFollowers) {
        if (!GetCount(v, e_.author_followers)) { bad_field = "author_followers"; break; }
      } else if (code == kInbound) {
        od::json_type t;
        if (v.type().get(t)) { bad_field = "inbound"; break; }
        if (t == od::json_type::boolean) {
          bool b;
          if (v.get_bool().get(b)) { bad_field = "inbound"; break; }
          e_.inbound = b ? Inbound::kTrue : Inbound::kFalse;
        } else if (t != od::json_type::null) {
          bad_field = "inbound";
          break;
        }
      }
      // Unknown keys (lang, verified, session fields, ...) are skipped.
    }
    if (err) {
      Fail(errors, ctx, line_no,
           err == simdjson::UTF8_ERROR ? InputError::kInvalidUtf8 : InputError::kInvalidJson,
           err == simdjson::UTF8_ERROR ? "invalid UTF-8"
                                       : fmt::format("not JSON: {}", simdjson::error_message(err)));
      return;
    }
    // Anything after the object (a second object glued on, a stray '}') makes the line
    // invalid: keeping the first object would silently drop the rest.
    if (!err && bad_field.empty()) {
      const char* rest;
      if (!doc.current_location().get(rest)) {
        Fail(errors, ctx, line_no, InputError::kInvalidJson,
             "not JSON: characters after the end of the object (two records on one line?)");
        return;
      }
    }
    if (!bad_field.empty()) {
      if (bad_detail.empty())
        bad_detail = fmt::format("field \"{}\" has the wrong type", bad_field);
      Fail(errors, ctx, line_no, bad_reason, std::move(bad_detail));
      return;
    }
    const char* missing = !has_platform ? "platform"
                          : !has_id     ? "id"
                          : !has_type   ? "type"
                          : !has_author ? "author"
                          : !has_created ? "created_at"
                                         : nullptr;
    if (missing) {
      Fail(errors, ctx, line_no, InputError::kMissingField,
           fmt::format("missing required field \"{}\"", missing));
      return;
    }
    sink.Add(e_);
  }

  od::parser parser_;
  RawEvent e_;
  KeyCache field_keys_, metric_keys_;
  std::string id_scratch_, id_copy_, author_scratch_, handle_scratch_, parent_scratch_,
      conv_scratch_;
};

}  // namespace

std::unique_ptr<Reader> MakeNativeReader() { return std::make_unique<NativeReader>(); }

}  // namespace rapport
