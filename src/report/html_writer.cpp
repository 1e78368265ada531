// The self-contained HTML report (docs/report.md): one file with the report JSON, the
// chart specs, Vega, Vega-Lite, vega-embed and the page's script and style inlined,
// so it opens offline and makes no request. The scripts come from web/ at build time
// (cmake/EmbedFile.cmake); nothing is fetched when the page opens.
#include <cctype>
#include <cstddef>
#include <string_view>

#include "report/charts.h"
#include "report/web_assets.h"
#include "report/writers.h"

namespace rapport {

namespace {

// JSON inside <script>: every "<" is written \u003c (it only occurs inside strings),
// so no text of the data can close the element or open a comment.
void AppendJsonForScript(std::string& out, std::string_view json) {
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
}

// Code inside <script> or <style>: only "</script" or "</style" could end it early
// (the bundled libraries hold neither; a regular expression like /</ must stay
// intact, so nothing else is touched).
void AppendCode(std::string& out, std::string_view code, std::string_view tag) {
  size_t pos = 0;
  while (true) {
    size_t hit = code.find("</", pos);
    while (hit != std::string_view::npos) {
      std::string_view rest = code.substr(hit + 2, tag.size());
      bool same = rest.size() == tag.size();
      for (size_t i = 0; same && i < rest.size(); ++i)
        same = std::tolower(static_cast<unsigned char>(rest[i])) == tag[i];
      if (same) break;
      hit = code.find("</", hit + 2);
    }
    if (hit == std::string_view::npos) break;
    out.append(code.substr(pos, hit - pos));
    out += "<\\/";
    pos = hit + 2;
  }
  out.append(code.substr(pos));
}

void AppendEscapedHtml(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string WriteHtml(const ResultSet& results) {
  using namespace embedded;
  // The page reads the whole-range records, the inputs and E0; the series it draws
  // are in the chart specs. Leaving periods and platforms out keeps a report of many
  // brands over years at a few MB instead of hundreds (the full figures are
  // --format json).
  ResultSet page = results;
  for (auto& b : page.brands) {
    b.periods.clear();
    b.platforms.clear();
  }
  std::string data = "{\"report\":";
  data += WriteJson(page);
  data += ",\"charts\":";
  AppendJson(data, BuildCharts(results));
  data += '}';

  std::string title = "rapport engagement report";
  if (const Value* range = FindField(results.input, "range"); range && range->is_record()) {
    const Value* from = FindField(range->as_record(), "from");
    const Value* to = FindField(range->as_record(), "to");
    if (from && to && from->is_string() && to->is_string())
      title += ", " + from->as_string().substr(0, 10) + " to " + to->as_string().substr(0, 10);
  }

  std::string out;
  out.reserve(kVegaJsSize + kVegaLiteJsSize + kVegaEmbedJsSize + data.size() + 64 * 1024);
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // No request may leave the page: the policy blocks any that slipped in.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:\">\n"
         "<meta name=\"generator\" content=\"rapport\">\n<title>";
  AppendEscapedHtml(out, title);
  out += "</title>\n<style>\n";
  AppendCode(out, EmbeddedText(kReportCss, kReportCssSize), "style");
  out += "</style>\n</head>\n<body>\n<main id=\"report\" class=\"rapport-report\">"
         "<noscript>This report draws its charts with JavaScript; the figures are also in "
         "<code>rapport report --format json</code>.</noscript></main>\n";
  out += "<script type=\"application/json\" id=\"rapport-data\">";
  AppendJsonForScript(out, data);
  out += "</script>\n";
  for (std::string_view script :
       {EmbeddedText(kVegaJs, kVegaJsSize), EmbeddedText(kVegaLiteJs, kVegaLiteJsSize),
        EmbeddedText(kVegaEmbedJs, kVegaEmbedJsSize), EmbeddedText(kReportJs, kReportJsSize)}) {
    out += "<script>\n";
    AppendCode(out, script, "script");
    out += "\n</script>\n";
  }
  out += "<script>\nrenderReport(document.getElementById('report'), "
         "JSON.parse(document.getElementById('rapport-data').textContent));\n</script>\n"
         "</body>\n</html>\n";
  return out;
}

}  // namespace rapport
