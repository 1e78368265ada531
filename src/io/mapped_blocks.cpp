#include "io/mapped_blocks.h"

namespace rapport {

MappedCut CutMappedBlock(std::string_view mapped, size_t pos, size_t block_bytes,
                         size_t padding) {
  size_t end = mapped.size();
  if (end - pos > block_bytes) {
    const size_t last_nl = mapped.substr(pos, block_bytes).rfind('\n');
    if (last_nl != std::string_view::npos) {
      end = pos + last_nl + 1;
    } else if (const size_t nl = mapped.find('\n', pos + block_bytes);
               nl != std::string_view::npos) {
      end = nl + 1;  // a line longer than a block
    }
    if (mapped.size() - end < padding) end = mapped.size();
  }
  return {end, end == mapped.size()};
}

}  // namespace rapport
