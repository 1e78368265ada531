#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rapport {
// Parses `data` with the reader named `format`, then builds roles, the thread index
// and every metric family on what was read.
int FuzzReader(std::string_view format, const uint8_t* data, size_t size);
}  // namespace rapport
