// Outputs are written to a temporary file beside the target and renamed into place,
// so a reader never sees half a report (FORMATS.md "Bad input").
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Writes `data` to `path` atomically; returns an error message or "".
std::string WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace rapport
