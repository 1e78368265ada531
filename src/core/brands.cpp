#include "core/brands.h"

#include <cctype>

namespace rapport {

std::string NormalizeHandle(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (!s.empty() && (s.front() == '@' || s.front() == '#')) s.remove_prefix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<BrandSpec> ParseBrandFlag(std::string_view flag, bool competitor,
                                        std::string* error) {
  size_t eq = flag.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == flag.size()) {
    *error = "expected NAME=@account[,@account...], e.g. acme=@AcmeHelp,@Acme";
    return std::nullopt;
  }
  BrandSpec spec;
  spec.name = std::string(flag.substr(0, eq));
  spec.competitor = competitor;
  std::string_view rest = flag.substr(eq + 1);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    std::string h = NormalizeHandle(item);
    if (!h.empty()) {
      // "#tag" items are hashtags of the brand; plain words after "term:" are terms.
      if (!item.empty() && item.find('#') != std::string_view::npos)
        spec.hashtags.push_back(h);
      else if (item.substr(0, 5) == "term:")
        spec.terms.push_back(NormalizeHandle(item.substr(5)));
      else
        spec.accounts.push_back(h);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (spec.accounts.empty()) {
    *error = "brand '" + spec.name + "' names no account";
    return std::nullopt;
  }
  return spec;
}

}  // namespace rapport
