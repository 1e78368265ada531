#include "report/value.h"

namespace rapport {

const Value* FindField(const ValueRecord& r, std::string_view key) {
  for (const auto& [k, v] : r)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace rapport
