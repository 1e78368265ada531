// The web assets compiled into the binary at build time (CMakeLists.txt,
// cmake/EmbedFile.cmake): Vega, Vega-Lite and vega-embed from web/node_modules, and the
// page code of web/report/ and web/dashboard/. Used by the HTML report (inlined) and
// by the dashboard server (served under /assets/).
#pragma once

#include <cstddef>
#include <string_view>

namespace rapport {
namespace embedded {
extern const unsigned char kVegaJs[];
extern const std::size_t kVegaJsSize;
extern const unsigned char kVegaLiteJs[];
extern const std::size_t kVegaLiteJsSize;
extern const unsigned char kVegaEmbedJs[];
extern const std::size_t kVegaEmbedJsSize;
extern const unsigned char kReportJs[];
extern const std::size_t kReportJsSize;
extern const unsigned char kReportCss[];
extern const std::size_t kReportCssSize;
extern const unsigned char kDashboardJs[];
extern const std::size_t kDashboardJsSize;
extern const unsigned char kDashboardCss[];
extern const std::size_t kDashboardCssSize;
}  // namespace embedded

// An embedded file as text.
inline std::string_view EmbeddedText(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace rapport
