// rapport.toml: the brands (and optional defaults for report options). Flags given on
// the command line win over the file.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/actions.h"
#include "core/brands.h"
#include "core/event.h"
#include "core/time.h"
#include "text/intent.h"
#include "text/promotional.h"

namespace rapport {

struct FileConfig {
  std::vector<BrandSpec> brands;
  std::optional<std::string> by, tz, business_hours;
  std::optional<std::string> sla, response_horizon;
  // [weights]: E1 action weights by counter name (likes = 1, shares = 2, ...); unset
  // counters weigh 1.
  std::array<std::optional<double>, kCounterCount> weights;
  // [classifiers.intent], [classifiers.promotional]: the lexicons, each list replaced
  // (`complaint_terms = [...]`) or extended (`extra_complaint_terms = [...]`);
  // unset when the table is absent (docs/classifiers.md, Configuration).
  std::optional<IntentLexicon> intent;
  std::optional<PromotionalLexicon> promotional;
};

// Loads a rapport.toml; throws std::runtime_error with "file:line: what" on errors.
FileConfig LoadConfig(const std::string& path);

// "90s", "45m", "2h", "7d", or plain seconds; nullopt when malformed.
std::optional<Seconds> ParseDuration(std::string_view s);

}  // namespace rapport
