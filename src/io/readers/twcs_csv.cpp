// "Customer Support on Twitter" (TWCS, Kaggle / ThoughtVector) CSV. Real copies are
// messy: a pandas index column in front, ids written as floats ("3.0"), quoted
// multi-line text, and bare CR characters inside unquoted text (tweet 3399 of the
// Kaggle file). libcsv parses the quoting; only '\n' ends a record so a bare CR stays
// inside its field instead of cutting the row in two.
#include <csv.h>

#include <array>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"

namespace rapport {
namespace {

enum Column { kTweetId, kAuthorId, kInbound, kCreatedAt, kText, kResponseIds, kInResponseTo, kNumColumns };
constexpr std::array<std::string_view, kNumColumns> kColumnNames = {
    "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
    "in_response_to_tweet_id"};

int OnlyNewlineTerminates(unsigned char c) { return c == '\n'; }

// "3.0" -> "3": pandas wrote integer ids of a column with gaps as floats.
std::string_view NormalizeId(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  size_t dot = s.find('.');
  if (dot != std::string_view::npos && s.find_first_not_of('0', dot + 1) == std::string_view::npos)
    s = s.substr(0, dot);
  return s;
}

class TwcsReader final : public Reader {
 public:
  TwcsReader() {
    csv_init(&parser_, CSV_APPEND_NULL);
    csv_set_term_func(&parser_, OnlyNewlineTerminates);
  }
  ~TwcsReader() override { csv_free(&parser_); }

  std::string_view name() const override { return "twcs"; }
  bool LineSplittable() const override { return false; }
  std::unique_ptr<Reader> NewInstance() const override { return std::make_unique<TwcsReader>(); }

  int Detect(std::string_view head) const override {
    std::string_view line = head.substr(0, head.find('\n'));
    int found = 0;
    for (auto name : kColumnNames)
      if (line.find(name) != std::string_view::npos) ++found;
    return found >= 5 ? 90 : 0;
  }

  void Parse(std::string_view block, const BlockContext& ctx, EventSink& sink,
             InputErrors& errors) override {
    State st{this, &ctx, &sink, &errors};
    state_ = &st;
    // Fed a line at a time so each record knows the line it starts on. A CRLF that
    // ends a record is fed as LF: libcsv would otherwise read the CR after a closing
    // quote as more of a quoted field and swallow the rows after it. Inside a quoted
    // field (libcsv's state says so) the CR is text and stays. A CR at the very end of
    // a block waits for the next block's first byte.
    size_t pos = 0;
    if (pending_cr_ && !block.empty()) {
      pending_cr_ = false;
      if (block.front() != '\n' || InsideQuotes()) Feed("\r", ctx, errors);
    }
    while (pos < block.size()) {
      size_t nl = block.find('\n', pos);
      size_t end = nl == std::string_view::npos ? block.size() : nl + 1;
      if (at_line_start_) {
        ++line_;
        at_line_start_ = false;
      }
      std::string_view piece = block.substr(pos, end - pos);
      if (nl != std::string_view::npos && piece.size() >= 2 && piece[piece.size() - 2] == '\r') {
        Feed(piece.substr(0, piece.size() - 2), ctx, errors);
        Feed(InsideQuotes() ? "\r\n" : "\n", ctx, errors);
      } else if (nl == std::string_view::npos && !piece.empty() && piece.back() == '\r') {
        Feed(piece.substr(0, piece.size() - 1), ctx, errors);
        pending_cr_ = true;
      } else {
        Feed(piece, ctx, errors);
      }
      if (nl != std::string_view::npos) at_line_start_ = true;
      pos = end;
    }
    state_ = nullptr;
  }

  void Finish(const BlockContext& ctx, EventSink& sink, InputErrors& errors) override {
    State st{this, &ctx, &sink, &errors};
    state_ = &st;
    if (pending_cr_) Feed("\r", ctx, errors);
    pending_cr_ = false;
    csv_fini(&parser_, OnField, OnRecord, this);
    state_ = nullptr;
  }

 private:
  // libcsv's public parser state: inside a quoted field that has not been closed
  // (pstate 2 = FIELD_BEGUN in libcsv.c).
  bool InsideQuotes() const { return parser_.quoted && parser_.pstate == 2; }

  void Feed(std::string_view bytes, const BlockContext& ctx, InputErrors& errors) {
    if (bytes.empty()) return;
    if (csv_parse(&parser_, bytes.data(), bytes.size(), OnField, OnRecord, this) != bytes.size())
      errors.Add(InputError::kBadCsvRow, ctx.file, line_,
                 fmt::format("CSV error: {}", csv_strerror(csv_error(&parser_))));
  }

  struct State {
    TwcsReader* self;
    const BlockContext* ctx;
    EventSink* sink;
    InputErrors* errors;
  };

  static void OnField(void* data, size_t len, void* self_ptr) {
    auto* self = static_cast<TwcsReader*>(self_ptr);
    if (self->field_count_ == 0) self->record_start_line_ = self->line_;
    if (self->field_count_ >= self->fields_.size()) self->fields_.emplace_back();
    self->fields_[self->field_count_].assign(static_cast<const char*>(data), len);
    ++self->field_count_;
  }

  static void OnRecord(int, void* self_ptr) {
    auto* self = static_cast<TwcsReader*>(self_ptr);
    self->Record();
    self->field_count_ = 0;
  }

  void Record() {
    State& st = *state_;
    size_t n = field_count_;
    // A trailing CR of a CRLF file stays on the last field: drop it.
    if (n > 0 && !fields_[n - 1].empty() && fields_[n - 1].back() == '\r') fields_[n - 1].pop_back();
    if (!have_header_) {
      have_header_ = true;
      column_.fill(-1);
      header_fields_ = n;
      for (size_t i = 0; i < n; ++i)
        for (int c = 0; c < kNumColumns; ++c)
          if (fields_[i] == kColumnNames[c]) column_[c] = static_cast<int>(i);
      for (int c : {kTweetId, kAuthorId, kCreatedAt})
        if (column_[c] < 0)
          st.errors->Add(InputError::kMissingField, st.ctx->file, record_start_line_,
                         fmt::format("the header has no \"{}\" column", kColumnNames[c]));
      return;
    }
    const int64_t line = record_start_line_;
    if (n == 1 && fields_[0].empty()) return;  // blank line
    if (n != header_fields_) {
      st.errors->Add(InputError::kBadCsvRow, st.ctx->file, line,
                     fmt::format("row has {} fields, the header has {}", n, header_fields_));
      return;
    }
    auto field = [&](Column c) -> std::string_view {
      return column_[c] < 0 ? std::string_view() : std::string_view(fields_[column_[c]]);
    };
    for (size_t i = 0; i < n; ++i) {
      if (!IsValidUtf8(fields_[i])) {
        st.errors->Add(InputError::kInvalidUtf8, st.ctx->file, line, "invalid UTF-8");
        return;
      }
    }
    e_.Clear();
    e_.platform = Platform::kX;
    e_.id = NormalizeId(field(kTweetId));
    e_.author = field(kAuthorId);
    if (e_.id.empty() || e_.author.empty()) {
      st.errors->Add(InputError::kMissingField, st.ctx->file, line,
                     fmt::format("missing required field \"{}\"", e_.id.empty() ? "tweet_id" : "author_id"));
      return;
    }
    auto ts = ParseTimestamp(field(kCreatedAt));
    if (!ts) {
      st.errors->Add(InputError::kBadTimestamp, st.ctx->file, line,
                     fmt::format("bad timestamp \"{}\" (expected like Tue Oct 31 22:10:47 +0000 2017)",
                                 field(kCreatedAt).substr(0, 60)));
      return;
    }
    e_.created_at = *ts;
    // Company accounts are screen names, customers numeric ids: the author id is the
    // handle that @mentions name.
    e_.author_handle = e_.author;
    std::string_view inbound = field(kInbound);
    if (inbound == "True" || inbound == "true" || inbound == "TRUE")
      e_.inbound = Inbound::kTrue;
    else if (inbound == "False" || inbound == "false" || inbound == "FALSE")
      e_.inbound = Inbound::kFalse;
    e_.text = field(kText);
    // The first id of in_response_to_tweet_id (it is a single id in the real data).
    std::string_view parent = field(kInResponseTo);
    parent = parent.substr(0, parent.find(','));
    e_.parent_id = NormalizeId(parent);
    e_.type = e_.parent_id.empty() ? EventType::kPost : EventType::kReply;
    st.sink->Add(e_);
  }

  csv_parser parser_;
  State* state_ = nullptr;
  std::vector<std::string> fields_;
  size_t field_count_ = 0;
  bool have_header_ = false;
  size_t header_fields_ = 0;
  std::array<int, kNumColumns> column_{};
  int64_t line_ = 0;
  int64_t record_start_line_ = 1;
  bool at_line_start_ = true;
  bool pending_cr_ = false;
  RawEvent e_;
};

}  // namespace

std::unique_ptr<Reader> MakeTwcsReader() { return std::make_unique<TwcsReader>(); }

}  // namespace rapport
