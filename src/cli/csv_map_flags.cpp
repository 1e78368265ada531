#include "cli/csv_map_flags.h"

#include <memory>

#include "fmt/format.h"
#include "io/readers/csv_mapped.h"

namespace rapport::cli {

void AddCsvMapOptions(CLI::App* cmd, CsvMapFlags& f) {
  cmd->add_option("--map", f.maps,
                  "CSV column mapping (implies --input-format csv): 'id=Post ID,created_at=Date,"
                  "likes=Reactions,platform:=facebook' (field=Column; field:=fixed value or template "
                  "with {Column}); repeatable");
  cmd->add_option("--map-file", f.map_file,
                  "CSV column mapping in a TOML file: [columns] field = \"Column\", [values] field = "
                  "\"text {Column}\", delimiter = \";\"");
}

bool ApplyCsvMapFlags(const CsvMapFlags& f, std::string& input_format) {
  if (f.maps.empty() && f.map_file.empty()) {
    SetCsvMapping(nullptr);
    return true;
  }
  if (!input_format.empty() && input_format != "csv") {
    fmt::print(stderr, "rapport: --map and --map-file are for --input-format csv, not \"{}\"\n", input_format);
    return false;
  }
  auto m = std::make_shared<CsvMapping>();
  try {
    if (!f.map_file.empty()) LoadCsvMapFile(f.map_file, *m);
    for (const auto& spec : f.maps) ParseCsvMap(spec, *m);
    ValidateCsvMapping(*m);
  } catch (const CsvMappingError& e) {
    fmt::print(stderr, "rapport: --map: {}\n", e.what());
    return false;
  }
  SetCsvMapping(std::move(m));
  input_format = "csv";
  return true;
}

}  // namespace rapport::cli
