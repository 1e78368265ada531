#include "server/ndjson_post.h"

#include <cstring>
#include <memory>

#include "fmt/format.h"
#include "io/readers/reader.h"
#include "report/writers.h"
#include "simdjson.h"

namespace rapport {
namespace {

class StoringSink final : public EventSink {
 public:
  StoringSink(EventStore& store, PostResult& result) : store_(store), result_(result) {}
  void Add(const RawEvent& e) override {
    switch (store_.Put(e)) {
      case PutOutcome::kInserted: ++result_.inserted; break;
      case PutOutcome::kUpdated: ++result_.updated; break;
      case PutOutcome::kUnchanged: ++result_.unchanged; break;
    }
  }

 private:
  EventStore& store_;
  PostResult& result_;
};

}  // namespace

PostResult StoreNdjsonBody(EventStore& store, std::string_view body) {
  PostResult result;
  // simdjson reads past the end of a record: one padded copy of the body.
  std::string buf;
  buf.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  buf.assign(body);
  buf.append(simdjson::SIMDJSON_PADDING, '\0');
  const char* p = buf.data();
  const char* end = p + body.size();
  auto reader = FindReader("rapport")->NewInstance();
  StoringSink sink(store, result);
  store.Begin();
  try {
    int64_t line_no = 0;
    while (p < end) {
      const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)));
      const char* line_end = nl ? nl : end;
      ++line_no;
      std::string_view line(p, static_cast<size_t>(line_end - p));
      p = nl ? nl + 1 : end;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      ++result.received;
      // One line at a time, so every bad line is located (InputErrors keeps only the
      // first few locations of a block).
      InputErrors errors;
      reader->Parse(line, BlockContext{"body"}, sink, errors);
      if (errors.total() == 0) continue;
      ++result.rejected;
      if (result.errors.size() < PostResult::kMaxListedErrors) {
        const auto& first = errors.first();
        result.errors.push_back({line_no, first.empty() ? InputError::kInvalidJson : first[0].reason,
                                 first.empty() ? "bad record" : first[0].message});
      }
    }
    store.Commit();
  } catch (...) {
    store.Rollback();
    throw;
  }
  return result;
}

std::string PostResultJson(const PostResult& r) {
  std::string out = fmt::format(
      "{{\"received\":{},\"stored\":{},\"updated\":{},\"unchanged\":{},\"rejected\":{},\"errors\":[",
      r.received, r.inserted, r.updated, r.unchanged, r.rejected);
  for (size_t i = 0; i < r.errors.size(); ++i) {
    const auto& e = r.errors[i];
    if (i) out += ',';
    fmt::format_to(std::back_inserter(out), "{{\"line\":{},\"reason\":\"{}\",\"message\":", e.line,
                   InputErrorName(e.reason));
    AppendJsonString(out, e.message);
    out += '}';
  }
  fmt::format_to(std::back_inserter(out), "],\"errors_truncated\":{}}}\n",
                 static_cast<size_t>(r.rejected) > r.errors.size() ? "true" : "false");
  return out;
}

}  // namespace rapport
