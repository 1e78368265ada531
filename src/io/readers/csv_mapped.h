// The column mapping of the `csv` reader (docs/formats.md "csv"): which CSV column,
// or which fixed value, gives each native field and counter. Written on the command
// line (--map 'id=Post ID,likes=Reactions,platform:=facebook') or in a TOML file
// (--map-file), set once before reading with SetCsvMapping.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

struct CsvMapping {
  // A value: literal text and column references, "{Post Month:02}" (zero-padded to 2)
  // or the row's own "{@row}" (data row number, 1-based), "{@line}", "{@file}" (the
  // file's name without directory and extensions).
  struct Piece {
    enum Kind { kText, kColumn, kRow, kLine, kFile } kind = kText;
    std::string text;  // the text, or the column's name
    int width = 0;     // zero-pad a column's value to this width
  };
  struct Value {
    std::vector<Piece> pieces;
    std::string spec;  // as written, for messages
  };
  std::map<std::string, Value, std::less<>> fields;  // native field or counter -> value
  char delimiter = 0;  // 0: the header's most frequent of , ; TAB
  // The file's text encoding: UTF-8, or Windows-1252 (also given as latin-1 or
  // iso-8859-1, as browsers read those labels), turned into UTF-8 as it is read.
  enum class Encoding { kUtf8, kWindows1252 } encoding = Encoding::kUtf8;
};

// "utf-8", "latin-1", "windows-1252", ... (case-insensitive). Throws CsvMappingError.
CsvMapping::Encoding ParseCsvEncoding(std::string_view name);
// Windows-1252 bytes to UTF-8, in place.
void Windows1252ToUtf8(std::string& s);

class CsvMappingError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The native fields a mapping may give: platform, id, type, author, author_handle,
// created_at, parent_id, conversation_id, text, inbound, author_followers, and the
// counters (likes, shares, ... score).
std::vector<std::string> CsvMappableFields();

// Adds "field=Column" (a column) and "field:=text {Column} text" (a fixed value or a
// template) pairs, comma-separated (a comma inside {...} does not separate), to `m`.
// Throws CsvMappingError naming what is wrong.
void ParseCsvMap(std::string_view spec, CsvMapping& m);
// A TOML file: [columns] field = "Column"; [values] field = "text {Column}";
// delimiter = ";" at the top level. Throws CsvMappingError.
void LoadCsvMapFile(const std::string& path, CsvMapping& m);
// Checks that id, created_at, author and platform are given. Throws CsvMappingError.
void ValidateCsvMapping(const CsvMapping& m);

// The mapping the `csv` reader uses (process-wide; nullptr: none, and reading --input-
// format csv fails with a message saying to give one).
void SetCsvMapping(std::shared_ptr<const CsvMapping> m);
std::shared_ptr<const CsvMapping> CurrentCsvMapping();

}  // namespace rapport
