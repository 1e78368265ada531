// Helpers of the VADER tests: where the shared reference data is, and its TSV format.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::testing {

// $RAPPORT_SHARED, else the shared/ folder beside the repository.
inline std::filesystem::path SharedDir() {
  const char* env = std::getenv("RAPPORT_SHARED");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path(RAPPORT_SHARED_DIR);
}

inline bool InCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string_view(ci) == "true";
}

// Skips the test when the shared data is missing, or fails it in CI (CI=true), where
// a missing folder means the parity checks silently stopped running.
#define RAPPORT_REQUIRE_SHARED(path)                                               \
  do {                                                                             \
    if (!std::filesystem::exists(path)) {                                          \
      if (::rapport::testing::InCi()) FAIL() << "shared data missing: " << (path); \
      GTEST_SKIP() << "shared data missing, skipped: " << (path)                   \
                   << " (set RAPPORT_SHARED to the shared/ folder)";               \
    }                                                                              \
  } while (0)

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Undoes the four escapes of the reference TSV files: \\ \t \n \r.
inline std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    if (s[k] == '\\' && k + 1 < s.size()) {
      char c = s[++k];
      out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
    } else {
      out.push_back(s[k]);
    }
  }
  return out;
}

inline std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    out.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) return out;
    pos = tab + 1;
  }
}

// Lines split on LF only (not on U+2028 & co.), without the header line.
inline std::vector<std::string_view> DataLines(std::string_view file) {
  std::vector<std::string_view> lines;
  size_t pos = file.find('\n');
  pos = pos == std::string_view::npos ? file.size() : pos + 1;
  while (pos < file.size()) {
    size_t nl = file.find('\n', pos);
    if (nl == std::string_view::npos) nl = file.size();
    lines.push_back(file.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

inline double ParseDouble(std::string_view s) {
  return std::stod(std::string(s));
}

}  // namespace rapport::testing
