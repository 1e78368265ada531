// Roles: which authors are brands (own or competitor) and which are audience, and
// which handles name a brand account. Built once the table is complete.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/brands.h"
#include "core/event_table.h"

namespace rapport {

inline constexpr int16_t kAudience = -1;
// Brand indices are 16-bit throughout the engine (a brand per message and per scope).
inline constexpr size_t kMaxBrands = 32767;

// More brands than kMaxBrands: configured, or found as inbound=false authors.
class TooManyBrandsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Roles {
  std::vector<BrandSpec> brands;
  // Brand index of an author, per platform, indexed by author ref; kAudience else.
  std::array<std::vector<int16_t>, kPlatformCount> author_brand;
  // Brand index of a handle ref (a brand account named by an @mention), or kAudience.
  std::vector<int16_t> handle_brand;
  bool auto_brands = false;  // brands were taken from inbound=false authors

  int16_t BrandOfAuthor(Platform p, uint32_t author) const {
    const auto& v = author_brand[static_cast<int>(p)];
    return author < v.size() ? v[author] : kAudience;
  }
  int16_t BrandOfHandle(uint32_t handle) const {
    return handle < handle_brand.size() ? handle_brand[handle] : kAudience;
  }
};

// With no brand configured, every author of an `inbound: false` message is a brand of
// its own (TWCS company accounts), named by its author id. Throws TooManyBrandsError
// past kMaxBrands.
Roles ResolveRoles(const EventTable& table, std::vector<BrandSpec> configured);

}  // namespace rapport
