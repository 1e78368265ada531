#include "core/roles.h"

#include <algorithm>
#include <cctype>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"

namespace rapport {
namespace {
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

Roles ResolveRoles(const EventTable& table, std::vector<BrandSpec> configured) {
  Roles roles;
  const auto& c = table.columns();
  if (configured.empty()) {
    // Authors of inbound=false messages, in order of first appearance by id string so
    // the brand order does not depend on thread scheduling.
    std::vector<std::string> names;
    absl::flat_hash_map<std::string, int> seen;
    for (size_t row = 0; row < table.size(); ++row) {
      if (c.inbound[row] != Inbound::kFalse) continue;
      std::string name(table.AuthorString(row));
      if (seen.emplace(Lower(name), 1).second) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    for (auto& n : names) {
      BrandSpec spec;
      spec.accounts.push_back(Lower(n));
      spec.name = std::move(n);
      configured.push_back(std::move(spec));
    }
    roles.auto_brands = !configured.empty();
  }
  if (configured.size() > kMaxBrands)
    throw TooManyBrandsError(fmt::format(
        "{} brands{}; rapport handles at most {}: name the brands with --brand and "
        "--competitor or in rapport.toml",
        configured.size(),
        roles.auto_brands ? " (with no brand configured, every author of an inbound=false message is one)" : "",
        kMaxBrands));
  roles.brands = std::move(configured);

  absl::flat_hash_map<std::string, int16_t> account_brand;
  for (size_t b = 0; b < roles.brands.size(); ++b)
    for (const auto& a : roles.brands[b].accounts)
      account_brand.emplace(a, static_cast<int16_t>(b));

  const Dictionaries& dict = table.dictionaries();
  roles.handle_brand.assign(dict.handles.RefLimit(), kAudience);
  for (const auto& [account, brand] : account_brand) {
    uint32_t ref = dict.handles.Find(account);
    if (ref != kNoRef) roles.handle_brand[ref] = brand;
  }
  std::array<std::vector<uint8_t>, kPlatformCount> checked;
  for (int p = 0; p < kPlatformCount; ++p) {
    roles.author_brand[p].assign(dict.authors[p].RefLimit(), kAudience);
    checked[p].assign(dict.authors[p].RefLimit(), 0);
  }
  if (!account_brand.empty()) {
    // Once per author, with no allocation unless the id has capitals: tables of
    // millions of authors made this a visible serial step.
    std::string lowered;
    for (size_t row = 0; row < table.size(); ++row) {
      int p = static_cast<int>(c.platform[row]);
      uint32_t a = c.author[row];
      if (checked[p][a]) continue;
      checked[p][a] = 1;
      // An author is a brand account by its id (case-insensitive) or by its handle.
      char digits[20];
      std::string_view id = dict.authors[p].View(a, digits);
      if (std::any_of(id.begin(), id.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
        lowered = Lower(id);
        id = lowered;
      }
      if (auto it = account_brand.find(absl::string_view(id.data(), id.size()));
          it != account_brand.end()) {
        roles.author_brand[p][a] = it->second;
        continue;
      }
      uint32_t h = table.AuthorHandle(c.platform[row], a);
      if (h != kNoRef) roles.author_brand[p][a] = roles.handle_brand[h];
    }
  }
  return roles;
}

}  // namespace rapport
