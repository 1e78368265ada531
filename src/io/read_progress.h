// How far reading has got, shared between the reading threads and whoever shows it
// (the progress bar of src/cli/progress_bar.h). Atomics only: updating costs a
// relaxed store per block, nothing per record.
#pragma once

#include <atomic>
#include <cstdint>

namespace rapport {

struct ReadProgress {
  // On-disk bytes of all inputs (compressed as stored); 0 when unknown (stdin).
  std::atomic<uint64_t> total_bytes{0};
  // On-disk bytes consumed so far, all inputs.
  std::atomic<uint64_t> done_bytes{0};
  // Events decoded so far (before repeated ids are folded).
  std::atomic<int64_t> events{0};
  // Set once reading is over and the rest of the job runs.
  std::atomic<bool> reading_done{false};
};

}  // namespace rapport
