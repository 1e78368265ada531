// The progress line on stderr for long work (`report`, `convert`, `ingest`): bytes
// read, events per second, ETA. Shown only when stderr is a terminal, so logs and
// pipes never see it (docs/cli.md, Progress).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "io/read_progress.h"

namespace rapport {

struct ProgressSnapshot {
  uint64_t done_bytes = 0;
  uint64_t total_bytes = 0;  // 0: unknown (stdin), no percentage and no ETA
  int64_t events = 0;
  double elapsed_seconds = 0;
  bool reading_done = false;
};

// One line, at most `width` columns, e.g.
// "reading 1.2 GB of 2.3 GB  53% [#######       ] 2.4 M events  812 k/s  ETA 0:07".
std::string FormatProgressLine(const ProgressSnapshot& s, std::string_view verb, int width);

// True when stderr is a terminal and TERM is not "dumb".
bool StderrIsInteractive();

// Redraws the line a few times a second on a thread of its own until destroyed (or
// Stop()), then clears it so later messages start on a clean line.
class ProgressBar {
 public:
  ProgressBar(const ReadProgress& progress, std::string verb, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void Stop();

 private:
  void Run();
  const ReadProgress& progress_;
  std::string verb_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace rapport
