#include "report/progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fmt/format.h"

namespace rapport {
namespace {

std::string Bytes(double b) {
  if (b >= 1e9) return fmt::format("{:.2f} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.1f} MB", b / 1e6);
  if (b >= 1e3) return fmt::format("{:.0f} kB", b / 1e3);
  return fmt::format("{:.0f} B", b);
}

std::string Count(double n) {
  if (n >= 1e9) return fmt::format("{:.2f} G", n / 1e9);
  if (n >= 1e6) return fmt::format("{:.2f} M", n / 1e6);
  if (n >= 1e3) return fmt::format("{:.0f} k", n / 1e3);
  return fmt::format("{:.0f}", n);
}

std::string Clock(double s) {
  const auto t = static_cast<int64_t>(s + 0.5);
  if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
  return fmt::format("{}:{:02}", t / 60, t % 60);
}

int TerminalWidth() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}

}  // namespace

std::string FormatProgressLine(const ProgressSnapshot& s, std::string_view verb, int width) {
  const double secs = std::max(s.elapsed_seconds, 1e-3);
  const std::string events = fmt::format("{} events", Count(static_cast<double>(s.events)));
  if (s.reading_done)
    return fmt::format("rapport: read {} ({}) in {}; computing...", events,
                       Bytes(static_cast<double>(s.done_bytes)), Clock(s.elapsed_seconds))
        .substr(0, static_cast<size_t>(width));
  const std::string rate = fmt::format("{}/s", Count(static_cast<double>(s.events) / secs));
  std::string head, tail;
  double fraction = -1;
  if (s.total_bytes > 0) {
    fraction = std::clamp(static_cast<double>(s.done_bytes) / static_cast<double>(s.total_bytes), 0.0, 1.0);
    head = fmt::format("rapport: {} {} of {} {:3.0f}%", verb, Bytes(static_cast<double>(s.done_bytes)),
                       Bytes(static_cast<double>(s.total_bytes)), fraction * 100);
    // The ETA needs a rate: none before the first second or the first bytes.
    std::string eta = "ETA --:--";
    if (s.elapsed_seconds >= 1 && s.done_bytes > 0)
      eta = "ETA " + Clock(static_cast<double>(s.total_bytes - std::min(s.done_bytes, s.total_bytes)) /
                           (static_cast<double>(s.done_bytes) / secs));
    tail = fmt::format("{}  {}  {}", events, rate, eta);
  } else {
    head = fmt::format("rapport: {} {}", verb, Bytes(static_cast<double>(s.done_bytes)));
    tail = fmt::format("{}  {}  {}", events, rate, Clock(s.elapsed_seconds));
  }
  // The bar takes what is left of the line, between 10 and 30 columns.
  const int room = width - static_cast<int>(head.size() + tail.size()) - 4;
  std::string line = head;
  if (fraction >= 0 && room >= 10) {
    const int bar = std::min(room, 30);
    const int full = static_cast<int>(fraction * bar);
    line += fmt::format(" [{}{}]", std::string(static_cast<size_t>(full), '#'),
                        std::string(static_cast<size_t>(bar - full), ' '));
  }
  line += "  " + tail;
  if (line.size() > static_cast<size_t>(width)) line.resize(static_cast<size_t>(width));
  return line;
}

bool StderrIsInteractive() {
  if (!isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::strcmp(term, "dumb") == 0);
}

ProgressBar::ProgressBar(const ReadProgress& progress, std::string verb, bool enabled)
    : progress_(progress), verb_(std::move(verb)), start_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { Run(); });
}

ProgressBar::~ProgressBar() { Stop(); }

void ProgressBar::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
    std::fputs("\r\x1b[K", stderr);  // clear the line for whatever is printed next
    std::fflush(stderr);
  }
}

void ProgressBar::Run() {
  std::unique_lock lock(mu_);
  // Quick jobs finish before the first draw and never show a bar.
  if (cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; })) return;
  while (!stop_) {
    ProgressSnapshot s;
    s.done_bytes = progress_.done_bytes.load(std::memory_order_relaxed);
    s.total_bytes = progress_.total_bytes.load(std::memory_order_relaxed);
    s.events = progress_.events.load(std::memory_order_relaxed);
    s.reading_done = progress_.reading_done.load(std::memory_order_relaxed);
    s.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::string line = FormatProgressLine(s, verb_, TerminalWidth() - 1);
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
    std::fflush(stderr);
    cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; });
  }
}

}  // namespace rapport
