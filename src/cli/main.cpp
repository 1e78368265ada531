#include <csignal>
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "fmt/format.h"

int main(int argc, char** argv) {
  // A closed pipe (rapport report ... | head) is a normal end: writes fail with EPIPE
  // and the command stops quietly instead of being killed by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{
      "rapport: engagement metrics for social media data (METRICS.md E0-E12).\n"
      "Reads platform exports and research dumps; writes a terminal summary, JSON, CSV."};
  app.set_version_flag("--version", std::string("rapport ") + RAPPORT_VERSION);
  app.require_subcommand(1);
  int exit_code = rapport::cli::kOk;
  rapport::cli::AddReportCommand(app, exit_code);
  rapport::cli::AddConvertCommand(app, exit_code);
  rapport::cli::AddSynthCommand(app, exit_code);
  rapport::cli::AddSentimentCommand(app, exit_code);
  rapport::cli::AddIngestCommand(app, exit_code);
  rapport::cli::AddServeCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : rapport::cli::kUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "rapport: internal error: {}\n", e.what());
    return rapport::cli::kInternal;
  }
  std::fflush(stdout);
  return exit_code;
}
