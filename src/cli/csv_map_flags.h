// --map and --map-file, shared by report, convert and ingest: the column mapping of
// the `csv` reader (src/io/readers/csv_mapped.h, docs/formats.md "csv").
#pragma once

#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace rapport::cli {

struct CsvMapFlags {
  std::vector<std::string> maps;  // each "field=Column,field:=value,..."
  std::string map_file;           // TOML
};

void AddCsvMapOptions(CLI::App* cmd, CsvMapFlags& f);

// Parses the mapping and hands it to the csv reader. A mapping implies --input-format
// csv (another format with a mapping is a usage error). Returns false after printing
// "rapport: ..." on stderr when the mapping is wrong (exit kUsage).
bool ApplyCsvMapFlags(const CsvMapFlags& f, std::string& input_format);

}  // namespace rapport::cli
