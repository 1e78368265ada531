// Brands: who the analysis is about. A brand is a named set of accounts plus the
// terms and hashtags that make a mention of it (METRICS.md conventions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

struct BrandSpec {
  std::string name;
  std::vector<std::string> accounts;  // handles or author ids, without '@', lower-cased
  std::vector<std::string> terms;     // lower-cased, matched word-bounded
  std::vector<std::string> hashtags;  // lower-cased, without '#'
  bool competitor = false;
};

// Lower-cases ASCII and strips one leading '@' (handles) or '#' (hashtags).
std::string NormalizeHandle(std::string_view s);

// Parses "NAME=@a,@b" (the --brand / --competitor flag). Error text on failure.
std::optional<BrandSpec> ParseBrandFlag(std::string_view flag, bool competitor,
                                        std::string* error);

}  // namespace rapport
