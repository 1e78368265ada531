// Writers: one per output format behind one call. stdout carries only the report;
// diagnostics go to stderr (src/cli).
#pragma once

#include <string>

#include "report/results.h"

namespace rapport {

enum class OutputFormat { kText, kJson, kCsv, kHtml };

std::string WriteJson(const ResultSet& results);
std::string WriteCsv(const ResultSet& results);
std::string WriteText(const ResultSet& results, bool color);
// The self-contained HTML report with its charts (html_writer.cpp, docs/report.md).
std::string WriteHtml(const ResultSet& results);

// JSON text of one value (shortest round-trip doubles, null for null).
void AppendJson(std::string& out, const Value& v);
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace rapport
