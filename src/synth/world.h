// The simulated world `rapport synth` writes about: options, the brands and how
// each behaves, the audience (heavy-tailed activity and followers), the calendar
// (diurnal and weekly rhythms, business hours) and injected incidents. Everything
// here is a pure function of the options and the seed, so any conversation can be
// generated on any thread and come out the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "core/event.h"
#include "core/time.h"
#include "synth/formats/format_writer.h"
#include "synth/random.h"

namespace rapport::synth {

// "Mon-Fri 09:00-17:00": days (a range or a comma list) and one daily window, local.
struct BusinessHours {
  uint8_t days = 0x1F;  // bit 0 = Monday ... bit 6 = Sunday
  int open_minute = 9 * 60;
  int close_minute = 17 * 60;
};
std::optional<BusinessHours> ParseBusinessHours(std::string_view s, std::string* error);

struct PlatformWeight {
  Platform platform;
  double weight;
};
// "x=85,mastodon=10,bluesky=5" (weights need not sum to 100).
std::optional<std::vector<PlatformWeight>> ParsePlatformMix(std::string_view s, std::string* error);

struct SynthOptions {
  uint64_t events = 10000;
  uint64_t seed = 1;
  int brands = 3;       // own brands
  int competitors = 2;  // competitor brands
  // Inclusive local dates, days since 1970-01-01. The default range is fixed (12 ISO
  // weeks ending Sunday 2024-06-30) so output never depends on today's date.
  int64_t first_day = DaysFromCivil(2024, 4, 8);
  int64_t last_day = DaysFromCivil(2024, 6, 30);
  std::string tz_name = "UTC";
  absl::TimeZone tz = absl::UTCTimeZone();
  BusinessHours business_hours;
  std::vector<PlatformWeight> platforms = {
      {Platform::kX, 85}, {Platform::kMastodon, 10}, {Platform::kBluesky, 5}};
  uint64_t audience = 0;  // distinct audience accounts; 0 = events / 4, at least 300
  int incidents = 2;      // complaint bursts, one per own brand from the first
  int threads = 0;        // 0 = all cores; never changes the output
  // What the events are written as: native NDJSON or one of the formats rapport reads
  // (src/synth/formats/, docs/synth.md); a format of one platform puts every story there.
  SynthFormat format = SynthFormat::kNative;
};

// How one brand behaves. Drawn once from the seed, so brands differ (E0 ranks them).
struct SynthBrand {
  std::string name;                     // "acme": config label and term
  std::string display;                  // "Acme": how texts write it
  std::vector<std::string> handles;     // without '@', main account first: Acme, AcmeHelp
  std::vector<std::string> author_ids;  // lower-cased handles
  int support = 0;                      // index of the account that answers customers
  bool competitor = false;
  double weight = 1;              // share of the conversations about brands
  double popularity = 1;          // scales replies, likes and shares of its posts
  double answer_in_hours = 0.9;   // P(answer) for a message arriving in business hours
  double answer_off_hours = 0.7;  // ... outside them
  double median_delay_s = 1800;   // response delay in business hours (lognormal median)
  double promo_share = 0.4;       // broadcasts that are promotional
  double positivity = 0.5;        // P(positive) among opinionated audience messages
  double resolve = 0.5;           // P(customer reports the problem solved after a reply)
  double dialogue = 0.5;          // P(answering a question/complaint under its posts)
  double followers = 50000;       // main account at the start of the range
  double follower_growth = 0.03;  // relative growth over the range
};

struct Incident {
  int brand;
  Seconds start, end;
};

class World {
 public:
  explicit World(const SynthOptions& options);

  const SynthOptions& options() const { return options_; }
  const std::vector<SynthBrand>& brands() const { return brands_; }
  const std::vector<Incident>& incidents() const { return incidents_; }
  Seconds range_start() const { return start_; }
  Seconds range_end() const { return end_; }  // inclusive
  uint64_t audience() const { return ranks_.size(); }

  // Audience accounts are ranks of a Zipf-Mandelbrot law: rank 0 is the most active.
  uint64_t DrawUser(Rng& rng) const { return ranks_.Draw(rng); }
  // Author id (digits), handle (without '@') and followers of an audience rank;
  // appended to out, which is not cleared.
  void AppendUserId(uint64_t rank, std::string& out) const;
  void AppendUserHandle(uint64_t rank, std::string& out) const;
  int64_t UserFollowers(uint64_t rank) const;
  int64_t BrandFollowers(int brand, int account, Seconds t) const;

  size_t DrawBrand(Rng& rng) const;
  Platform DrawPlatform(Rng& rng) const;

  enum class Rhythm : uint8_t { kAudience, kOffice };
  // A moment in the range following the daily and weekly rhythm of its authors.
  Seconds DrawTime(Rng& rng, Rhythm rhythm) const;
  // A moment within an incident.
  Seconds DrawIncidentTime(Rng& rng, const Incident& incident) const;

  bool InBusinessHours(Seconds t) const;
  // The next opening of business hours strictly after t.
  Seconds NextOpening(Seconds t) const;
  // When brand answers a message sent at t, or nullopt if it never does. `eagerness`
  // scales the probability of an answer (complaints > praise).
  std::optional<Seconds> AnswerTime(const SynthBrand& brand, Seconds t, double eagerness,
                                    Rng& rng) const;

 private:
  SynthOptions options_;
  std::vector<SynthBrand> brands_;
  std::vector<double> brand_weights_;
  std::vector<double> platform_weights_;
  std::vector<Incident> incidents_;
  ZipfRanks ranks_;
  Seconds start_, end_;
  int64_t days_;
  uint64_t user_salt_;
};

// rapport.toml [[brand]] tables describing the world's brands, with the injected
// incidents as comments (ground truth for E8).
std::string BrandsToml(const World& world, std::string_view command_line);

}  // namespace rapport::synth
