// rapport.toml: the brands (and optional defaults for report options). Flags given on
// the command line win over the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/brands.h"
#include "core/time.h"

namespace rapport {

struct FileConfig {
  std::vector<BrandSpec> brands;
  std::optional<std::string> by, tz, business_hours;
  std::optional<std::string> sla, response_horizon;
};

// Loads a rapport.toml; throws std::runtime_error with "file:line: what" on errors.
FileConfig LoadConfig(const std::string& path);

// "90s", "45m", "2h", "7d", or plain seconds; nullopt when malformed.
std::optional<Seconds> ParseDuration(std::string_view s);

}  // namespace rapport
