// The rapport command: one file per subcommand, each adding itself to the app.
// A subcommand's callback stores its exit status (docs/cli.md lists them).
#pragma once

#include "CLI/CLI.hpp"

namespace rapport::cli {

// Exit statuses (sysexits.h values where one fits).
enum ExitCode : int {
  kOk = 0,
  kUsage = 64,      // bad flags or values
  kDataError = 65,  // --strict and a bad record; a corrupt/truncated compressed file; unknown format;
                    // --db names a file that is not an event store
  kNoInput = 66,    // an input file is missing, unreadable or a directory
  kUnavailable = 69,  // serve: the address cannot be listened on
  kInternal = 70,   // a bug: please report it
  kCantCreate = 73, // the output could not be written
};

void AddReportCommand(CLI::App& app, int& exit_code);
void AddConvertCommand(CLI::App& app, int& exit_code);
void AddSynthCommand(CLI::App& app, int& exit_code);
void AddSentimentCommand(CLI::App& app, int& exit_code);
void AddIngestCommand(CLI::App& app, int& exit_code);
void AddServeCommand(CLI::App& app, int& exit_code);

}  // namespace rapport::cli
