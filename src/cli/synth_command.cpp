#include "cli/commands.h"
#include "fmt/format.h"

namespace rapport::cli {
void AddSynthCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("synth", "Generate realistic synthetic social data (native NDJSON)");
  cmd->callback([&exit_code] {
    fmt::print(stderr, "rapport: synth is not built yet\n");
    exit_code = kInternal;
  });
}
}  // namespace rapport::cli
