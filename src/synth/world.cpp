#include "synth/world.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/time/civil_time.h"
#include "fmt/format.h"
#include "synth/lexicon.h"

namespace rapport::synth {
namespace {

constexpr std::string_view kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int DayIndex(std::string_view s) {
  if (s.size() < 3) return -1;
  char lower[3];
  for (int i = 0; i < 3; ++i) lower[i] = static_cast<char>(std::tolower(s[i]));
  for (int i = 0; i < 7; ++i)
    if (std::string_view(lower, 3) == kDayNames[i]) return i;
  return -1;
}

std::optional<int> ParseClock(std::string_view s) {  // "09:00" -> 540; "24:00" allowed
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (std::from_chars(s.data(), s.data() + 2, h).ptr != s.data() + 2) return std::nullopt;
  if (std::from_chars(s.data() + 3, s.data() + 5, m).ptr != s.data() + 5) return std::nullopt;
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

// Audience activity by local hour: low at night, peaks at lunch and in the evening.
constexpr double kAudienceHours[24] = {3, 2,   1.2, 0.8, 0.6, 0.7, 1.5, 3, 4.5, 5.5, 6, 6.5,
                                       7, 6.5, 6,   6,   6.2, 6.8, 7.5, 8, 8.2, 7.5, 6, 4.5};
// Brand broadcasts: office hours, a little in the evening.
constexpr double kOfficeHours[24] = {0, 0, 0, 0, 0, 0, 0.2, 1, 4,   6,   7,   6,
                                     5, 6, 6, 5, 4, 3, 1.5, 1, 0.8, 0.4, 0.1, 0};

std::string Capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(out[0]));
  return out;
}

}  // namespace

std::optional<BusinessHours> ParseBusinessHours(std::string_view s, std::string* error) {
  auto fail = [&](std::string_view why) {
    *error = fmt::format("bad business hours \"{}\": {} (expected e.g. \"Mon-Fri 09:00-17:00\")", s,
                         why);
    return std::nullopt;
  };
  size_t space = s.find(' ');
  if (space == std::string_view::npos) return fail("no space between days and hours");
  std::string_view days = s.substr(0, space), hours = s.substr(space + 1);
  BusinessHours bh;
  bh.days = 0;
  while (!days.empty()) {
    size_t comma = days.find(',');
    std::string_view item = days.substr(0, comma);
    size_t dash = item.find('-');
    int a = DayIndex(item.substr(0, dash));
    int b = dash == std::string_view::npos ? a : DayIndex(item.substr(dash + 1));
    if (a < 0 || b < 0) return fail("unknown day");
    for (int d = a;; d = (d + 1) % 7) {  // "Sat-Mon" wraps over Sunday
      bh.days |= static_cast<uint8_t>(1u << d);
      if (d == b) break;
    }
    if (comma == std::string_view::npos) break;
    days.remove_prefix(comma + 1);
  }
  size_t dash = hours.find('-');
  if (dash == std::string_view::npos) return fail("hours need a start and an end");
  auto open = ParseClock(hours.substr(0, dash)), close = ParseClock(hours.substr(dash + 1));
  if (!open || !close) return fail("hours are HH:MM");
  if (*open >= *close) return fail("opening must be before closing");
  bh.open_minute = *open;
  bh.close_minute = *close;
  return bh;
}

std::optional<std::vector<PlatformWeight>> ParsePlatformMix(std::string_view s,
                                                            std::string* error) {
  std::vector<PlatformWeight> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    std::string_view item = s.substr(0, comma);
    size_t eq = item.find('=');
    std::string_view name = item.substr(0, eq);
    double w = 1;
    if (eq != std::string_view::npos) {
      std::string_view num = item.substr(eq + 1);
      auto r = std::from_chars(num.data(), num.data() + num.size(), w);
      if (r.ec != std::errc() || r.ptr != num.data() + num.size() || !(w >= 0)) {
        *error = fmt::format("bad platform weight \"{}\" (expected e.g. x=85,mastodon=15)", item);
        return std::nullopt;
      }
    }
    auto p = ParsePlatform(name);
    if (!p) {
      *error = fmt::format("unknown platform \"{}\" (e.g. x, mastodon, bluesky)", name);
      return std::nullopt;
    }
    out.push_back({*p, w});
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  double total = 0;
  for (auto& p : out) total += p.weight;
  if (out.empty() || total <= 0) {
    *error = "the platform mix needs at least one platform with a positive weight";
    return std::nullopt;
  }
  return out;
}

namespace {
uint64_t AudienceSize(const SynthOptions& o) {
  return o.audience ? o.audience : std::max<uint64_t>(300, o.events / 4);
}
// The shift grows with the audience so that the most active account writes a few
// tenths of a percent of a large data set, not several percent, while a small one
// still has a visible head (top 1% of authors > 10% of messages).
double ZipfShift(uint64_t audience) {
  return std::clamp(static_cast<double>(audience) / 1000.0, 3.0, 30.0);
}
}  // namespace

World::World(const SynthOptions& options)
    : options_(options), ranks_(AudienceSize(options), ZipfShift(AudienceSize(options))) {
  const absl::CivilDay epoch(1970, 1, 1);
  start_ = absl::ToUnixSeconds(absl::FromCivil(epoch + options.first_day, options.tz));
  end_ = absl::ToUnixSeconds(absl::FromCivil(epoch + options.last_day + 1, options.tz)) - 1;
  days_ = options.last_day - options.first_day + 1;
  user_salt_ = Mix(options.seed, 0x75736572);  // "user"

  // Names, handles and terms depend on the brand's position only, so a config written
  // for one seed describes every seed; behaviour below comes from the seed.
  const auto names = BrandNames();
  const auto suffixes = SupportSuffixes();
  const int total = options.brands + options.competitors;
  Rng rng(Mix(options.seed, 0x6272616e64));  // "brand"
  for (int i = 0; i < total; ++i) {
    SynthBrand b;
    b.name = names[static_cast<size_t>(i) % names.size()];
    if (static_cast<size_t>(i) >= names.size())
      b.name += std::to_string(static_cast<size_t>(i) / names.size() + 1);
    b.display = Capitalized(b.name);
    b.handles.push_back(b.display);
    if (i % 3 != 1) {  // two of three brands have a separate care account
      b.handles.push_back(b.display + suffixes[static_cast<size_t>(i / 3) % suffixes.size()]);
      b.support = 1;
    }
    for (auto& h : b.handles) {
      std::string id = h;
      for (char& c : id) c = static_cast<char>(std::tolower(c));
      b.author_ids.push_back(std::move(id));
    }
    b.competitor = i >= options.brands;
    // Bigger brands first, with noise: buzz and share of voice differ.
    b.weight = std::pow(0.8, i) * rng.LogNormal(1.0, 0.25);
    b.popularity = rng.LogNormal(1.0, 0.35);
    b.answer_in_hours = 0.88 + 0.11 * rng.Uniform();
    b.answer_off_hours = 0.70 + 0.22 * rng.Uniform();
    b.median_delay_s = rng.LogNormal(16 * 60, 0.35);
    b.promo_share = 0.25 + 0.45 * rng.Uniform();
    b.positivity = 0.35 + 0.35 * rng.Uniform();
    b.resolve = 0.40 + 0.40 * rng.Uniform();
    b.dialogue = 0.55 + 0.35 * rng.Uniform();
    b.followers = rng.LogNormal(80000, 1.0);
    b.follower_growth = 0.01 + 0.07 * rng.Uniform();
    brand_weights_.push_back(b.weight);
    brands_.push_back(std::move(b));
  }
  for (const auto& p : options.platforms) platform_weights_.push_back(p.weight);

  // Incidents: for the first own brands, a few hours of complaints on a day late
  // enough to have four weeks of history before it (E8's seasonal baseline).
  Rng irng(Mix(options.seed, 0x696e6364));  // "incd"
  const int incidents = std::min(options.incidents, options.brands);
  for (int i = 0; i < incidents; ++i) {
    const int64_t lo = std::min<int64_t>(28, days_ / 2), hi = std::max<int64_t>(lo, days_ - 3);
    const int64_t day = irng.Between(lo, hi);
    const int hour = static_cast<int>(irng.Between(8, 15));
    const absl::CivilSecond cs =
        absl::CivilSecond(epoch + options.first_day + day) + static_cast<int64_t>(hour) * 3600;
    const Seconds s = absl::ToUnixSeconds(absl::FromCivil(cs, options.tz));
    incidents_.push_back({i, s, std::min(end_, s + irng.Between(3, 6) * 3600)});
  }
}

void World::AppendUserId(uint64_t rank, std::string& out) const {
  // An odd multiplier is a bijection modulo 2^32: distinct ranks, distinct ids.
  const uint32_t scrambled =
      static_cast<uint32_t>(rank) * 2654435761u ^ static_cast<uint32_t>(user_salt_);
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, 1000000000ULL + scrambled);
  out.append(buf, r.ptr);
}

void World::AppendUserHandle(uint64_t rank, std::string& out) const {
  // rank -> (base word pair, number) is a bijection, so handles are unique; the most
  // active accounts get handles without digits, as long-standing accounts often do.
  const auto adj = HandleAdjectives(), noun = HandleNouns();
  const uint64_t m = adj.size() * noun.size();
  const uint64_t base = (rank % m * 777 + user_salt_ % m) % m;  // 777 is coprime to m
  out += adj[base % adj.size()];
  out += '_';
  out += noun[base / adj.size()];
  if (const uint64_t hi = rank / m) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, hi);
    out.append(buf, r.ptr);
  }
}

int64_t World::UserFollowers(uint64_t rank) const {
  uint64_t s = Mix(user_salt_, rank);
  Rng rng(s);
  // Heavy-tailed (median ~150); very active accounts tend to be followed more.
  const double boost = 1.0 + 20.0 / (static_cast<double>(rank) + 20.0);
  return static_cast<int64_t>(rng.LogNormal(150.0 * boost, 1.6));
}

int64_t World::BrandFollowers(int brand, int account, Seconds t) const {
  const SynthBrand& b = brands_[static_cast<size_t>(brand)];
  const double progress =
      static_cast<double>(t - start_) / static_cast<double>(std::max<Seconds>(1, end_ - start_));
  const double f = b.followers * (1.0 + b.follower_growth * progress);
  return static_cast<int64_t>(account == 0 ? f : f * 0.08);
}

size_t World::DrawBrand(Rng& rng) const {
  return rng.Weighted(brand_weights_.data(), brand_weights_.size());
}

Platform World::DrawPlatform(Rng& rng) const {
  return options_.platforms[rng.Weighted(platform_weights_.data(), platform_weights_.size())]
      .platform;
}

Seconds World::DrawTime(Rng& rng, Rhythm rhythm) const {
  const absl::CivilDay epoch(1970, 1, 1);
  for (;;) {
    const int64_t d = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(days_)));
    const absl::CivilDay day = epoch + options_.first_day + d;
    const bool weekend = absl::GetWeekday(day) >= absl::Weekday::saturday;
    // Slow growth over the range (returning and new engagers, E9), quieter weekends,
    // and brands that mostly post on weekdays.
    double accept = 0.85 + 0.15 * static_cast<double>(d) / static_cast<double>(days_);
    if (weekend) accept *= rhythm == Rhythm::kOffice ? 0.25 : 0.8;
    if (!rng.Chance(accept)) continue;
    const size_t hour = rng.Weighted(rhythm == Rhythm::kOffice ? kOfficeHours : kAudienceHours);
    const absl::CivilSecond cs = absl::CivilSecond(day) + static_cast<int64_t>(hour) * 3600 +
                                 static_cast<int64_t>(rng.Below(3600));
    return absl::ToUnixSeconds(absl::FromCivil(cs, options_.tz));
  }
}

Seconds World::DrawIncidentTime(Rng& rng, const Incident& incident) const {
  // Front-loaded: the outage is noticed at once, complaints fade as it is fixed.
  const double u = rng.Uniform();
  return incident.start +
         static_cast<Seconds>(u * u * static_cast<double>(incident.end - incident.start));
}

bool World::InBusinessHours(Seconds t) const {
  const absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(t), options_.tz);
  const int wd = static_cast<int>(absl::GetWeekday(absl::CivilDay(cs)));  // monday = 0
  const int minute = cs.hour() * 60 + cs.minute();
  const BusinessHours& bh = options_.business_hours;
  return (bh.days >> wd & 1) && minute >= bh.open_minute && minute < bh.close_minute;
}

Seconds World::NextOpening(Seconds t) const {
  const absl::CivilSecond cs = absl::ToCivilSecond(absl::FromUnixSeconds(t), options_.tz);
  const BusinessHours& bh = options_.business_hours;
  for (int k = 0; k <= 7; ++k) {
    const absl::CivilDay day = absl::CivilDay(cs) + k;
    if (!(bh.days >> static_cast<int>(absl::GetWeekday(day)) & 1)) continue;
    const Seconds open = absl::ToUnixSeconds(absl::FromCivil(
        absl::CivilSecond(day) + static_cast<int64_t>(bh.open_minute) * 60, options_.tz));
    if (open > t) return open;
  }
  return t + 86400;
}

std::optional<Seconds> World::AnswerTime(const SynthBrand& brand, Seconds t, double eagerness,
                                         Rng& rng) const {
  const bool open = InBusinessHours(t);
  const double p =
      std::min(1.0, (open ? brand.answer_in_hours : brand.answer_off_hours) * eagerness);
  if (!rng.Chance(p)) return std::nullopt;
  double delay;
  if (open) {
    delay = rng.LogNormal(brand.median_delay_s, 1.0);
  } else if (rng.Chance(0.6)) {
    // Most off-hours messages wait for the team to come in.
    delay = static_cast<double>(NextOpening(t) - t) + rng.LogNormal(brand.median_delay_s, 0.9);
  } else {
    delay = rng.LogNormal(brand.median_delay_s * 2.5, 1.2);  // an on-call agent
  }
  return t + std::max<Seconds>(30, static_cast<Seconds>(delay));
}

std::string BrandsToml(const World& world, std::string_view command_line) {
  std::string out;
  out += "# Brands of a synthetic data set";
  if (!command_line.empty()) out += fmt::format(", made by: {}", command_line);
  out += "\n# Injected incidents (bursts of complaints, ground truth for E8):\n";
  if (world.incidents().empty()) out += "#   none\n";
  for (const Incident& inc : world.incidents())
    out +=
        fmt::format("#   {} from {} to {}\n", world.brands()[static_cast<size_t>(inc.brand)].name,
                    FormatRfc3339(inc.start), FormatRfc3339(inc.end));
  for (const SynthBrand& b : world.brands()) {
    out += "\n[[brand]]\n";
    out += fmt::format("name = \"{}\"\n", b.name);
    out += "accounts = [";
    // Mastodon names an account by its address on its server (docs/synth.md, Formats).
    const std::string_view server =
        world.options().format == SynthFormat::kMastodon ? "@mastodon.example" : "";
    for (size_t i = 0; i < b.handles.size(); ++i)
      out += fmt::format("{}\"@{}{}\"", i ? ", " : "", b.handles[i], server);
    out += "]\n";
    out += fmt::format("terms = [\"{}\"]\n", b.name);
    out += fmt::format("hashtags = [\"#{}\"]\n", b.name);
    if (b.competitor) out += "competitor = true\n";
  }
  return out;
}

}  // namespace rapport::synth
