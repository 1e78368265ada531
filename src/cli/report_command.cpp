#include "cli/commands.h"
#include "fmt/format.h"

namespace rapport::cli {
void AddReportCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("report", "Compute the engagement metrics of the inputs");
  cmd->callback([&exit_code] { exit_code = kInternal; });
}
}  // namespace rapport::cli
