// Native NDJSON out (FORMATS.md "The native event"): what `rapport convert` writes and
// the native reader reads back to the same event.
#pragma once

#include <string>

#include "core/raw_event.h"

namespace rapport {

// Appends one line (with its newline) for `e`.
void AppendNativeEvent(const RawEvent& e, std::string& out);

}  // namespace rapport
