// Write access to the API: "Authorization: Bearer <token>", compared in constant time
// so the time of a refusal says nothing about how much of a guess was right.
#pragma once

#include <string_view>

namespace rapport {

// True when `authorization` (the header's value) is "Bearer " + `token`. An empty
// `token` (none configured) matches nothing.
bool BearerTokenMatches(std::string_view authorization, std::string_view token);

}  // namespace rapport
