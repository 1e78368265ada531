#include "cli/commands.h"
#include "fmt/format.h"

namespace rapport::cli {
void AddSentimentCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("sentiment", "VADER sentiment of one text per line");
  cmd->callback([&exit_code] {
    fmt::print(stderr, "rapport: sentiment is not built yet\n");
    exit_code = kInternal;
  });
}
}  // namespace rapport::cli
