#include "server/bearer_token.h"

#include <cstddef>

namespace rapport {

bool BearerTokenMatches(std::string_view authorization, std::string_view token) {
  if (token.empty()) return false;
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() < kScheme.size()) return false;
  // The scheme is case-insensitive (RFC 7235); it is not secret.
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    char k = kScheme[i];
    if (k >= 'A' && k <= 'Z') k = static_cast<char>(k + 32);
    if (c != k) return false;
  }
  std::string_view given = authorization.substr(kScheme.size());
  // Every byte of the expected token is compared whatever the given one holds; only
  // the length can differ in time, and it is not a secret worth hiding.
  unsigned diff = given.size() == token.size() ? 0u : 1u;
  for (size_t i = 0; i < token.size(); ++i) {
    unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff |= g ^ static_cast<unsigned char>(token[i]);
  }
  return diff == 0;
}

}  // namespace rapport
