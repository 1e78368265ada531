#include "synth/formats/format_writer.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace rapport::synth {

// Writers, one per file in this folder.
std::unique_ptr<FormatWriter> NewNativeWriter();
std::unique_ptr<FormatWriter> NewXv2Writer();
std::unique_ptr<FormatWriter> NewXv1Writer();
std::unique_ptr<FormatWriter> NewRedditWriter();
std::unique_ptr<FormatWriter> NewMastodonWriter();
std::unique_ptr<FormatWriter> NewBlueskyWriter();
std::unique_ptr<FormatWriter> NewYoutubeWriter();
std::unique_ptr<FormatWriter> NewFacebookWriter();
std::unique_ptr<FormatWriter> NewInstagramWriter();
std::unique_ptr<FormatWriter> NewTwcsWriter();
std::unique_ptr<FormatWriter> NewCsvWriter();

namespace {
struct FormatInfo {
  SynthFormat format;
  std::string_view name;
  std::optional<Platform> platform;
  std::unique_ptr<FormatWriter> (*make)();
};
const FormatInfo kFormats[] = {
    {SynthFormat::kNative, "rapport", std::nullopt, NewNativeWriter},
    {SynthFormat::kXv2, "x-v2", Platform::kX, NewXv2Writer},
    {SynthFormat::kXv1, "x-v1", Platform::kX, NewXv1Writer},
    {SynthFormat::kReddit, "reddit", Platform::kReddit, NewRedditWriter},
    {SynthFormat::kMastodon, "mastodon", Platform::kMastodon, NewMastodonWriter},
    {SynthFormat::kBluesky, "bluesky", Platform::kBluesky, NewBlueskyWriter},
    {SynthFormat::kYoutube, "youtube", Platform::kYoutube, NewYoutubeWriter},
    {SynthFormat::kFacebook, "facebook", Platform::kFacebook, NewFacebookWriter},
    {SynthFormat::kInstagram, "instagram", Platform::kInstagram, NewInstagramWriter},
    {SynthFormat::kTwcs, "twcs", Platform::kX, NewTwcsWriter},
    {SynthFormat::kCsv, "csv", std::nullopt, NewCsvWriter},
};
const FormatInfo& Info(SynthFormat f) {
  for (const auto& i : kFormats)
    if (i.format == f) return i;
  return kFormats[0];
}
}  // namespace

std::optional<SynthFormat> ParseSynthFormat(std::string_view name) {
  for (const auto& i : kFormats)
    if (i.name == name) return i.format;
  return std::nullopt;
}
std::string_view SynthFormatName(SynthFormat f) { return Info(f).name; }
std::string_view SynthFormatNames() {
  return "rapport, x-v2, x-v1, reddit, mastodon, bluesky, youtube, facebook, instagram, twcs, "
         "csv";
}
std::optional<Platform> FixedPlatform(SynthFormat f) { return Info(f).platform; }
std::unique_ptr<FormatWriter> NewFormatWriter(SynthFormat f) { return Info(f).make(); }

void AppendUint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void AppendInt(std::string& out, int64_t v) {
  if (v < 0)
    out += "null";
  else
    AppendUint(out, static_cast<uint64_t>(v));
}

CivilTime ToCivil(Seconds t) {
  const int64_t day = (t >= 0 ? t : t - 86399) / 86400, second = t - day * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const int64_t z = day + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  const int64_t weekday = ((day % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday
  return {static_cast<int>(y),          static_cast<int>(m),
          static_cast<int>(d),          static_cast<int>(second / 3600),
          static_cast<int>(second / 60 % 60), static_cast<int>(second % 60),
          static_cast<int>(weekday)};
}

namespace {
void Append2(std::string& out, int v) {
  const char d[2] = {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
  out.append(d, 2);
}
}  // namespace

void AppendIsoSeconds(std::string& out, Seconds t) {
  // Consecutive events mostly fall on the same day: its text is kept per thread.
  thread_local int64_t cached_day = INT64_MIN;
  thread_local char date[16];
  const int64_t day = (t >= 0 ? t : t - 86399) / 86400, second = t - day * 86400;
  if (day != cached_day) {
    const CivilTime c = ToCivil(t);
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT", c.year, c.month, c.day);
    cached_day = day;
  }
  out.append(date, 11);
  Append2(out, static_cast<int>(second / 3600));
  out += ':';
  Append2(out, static_cast<int>(second / 60 % 60));
  out += ':';
  Append2(out, static_cast<int>(second % 60));
}

void AppendTwitterTime(std::string& out, Seconds t) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilTime c = ToCivil(t);
  out += kDays[c.weekday];
  out += ' ';
  out += kMonths[c.month - 1];
  out += ' ';
  Append2(out, c.day);
  out += ' ';
  Append2(out, c.hour);
  out += ':';
  Append2(out, c.minute);
  out += ':';
  Append2(out, c.second);
  out += " +0000 ";
  AppendUint(out, static_cast<uint64_t>(c.year));
}

void AppendBase(std::string& out, uint64_t v, std::string_view digits, int width) {
  char buf[72];
  int n = 0;
  const uint64_t base = digits.size();
  do {
    buf[n++] = digits[v % base];
    v /= base;
  } while (v && n < 64);
  while (n < width && n < 64) buf[n++] = digits[0];
  while (n) out += buf[--n];
}

uint64_t HashOf(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t HashOfLower(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h *= 1099511628211ULL;
  }
  return h;
}

void AppendAddressed(std::string& out, std::string_view handle, std::string_view text) {
  if (text.size() > handle.size() && text[0] == '@' && text.compare(1, handle.size(), handle) == 0 &&
      text[handle.size() + 1] == ' ')
    return;
  out += '@';
  out += handle;
  out += ' ';
}

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

}  // namespace rapport::synth
