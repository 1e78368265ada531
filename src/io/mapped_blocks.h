// Where the ingest driver cuts a mapped file (io/source.h OpenMode::kMapPlain) into
// blocks of whole lines for line-splittable readers. Readers read up to `padding`
// bytes past a block's end (simdjson's padding): a block can stay a view into the
// mapping only when the mapping goes on that far; the file's end, which an unmapped
// page may follow at once, must be copied into a padded buffer.
#pragma once

#include <cstddef>
#include <string_view>

namespace rapport {

struct MappedCut {
  size_t end = 0;     // the block is [pos, end)
  bool copy = false;  // the file's last block: copy it, with padding after it
};

// The block from `pos` (< mapped.size()): about `block_bytes` of whole lines, cut after
// the last newline in them; a line longer than that whole. When fewer than `padding`
// bytes would follow it, the block takes the rest of the file and is to be copied.
MappedCut CutMappedBlock(std::string_view mapped, size_t pos, size_t block_bytes,
                         size_t padding);

}  // namespace rapport
