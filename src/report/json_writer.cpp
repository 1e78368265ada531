#include "fmt/format.h"
#include "report/writers.h"

namespace rapport {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
  }
  out += '"';
}

void AppendJson(std::string& out, const Value& v) {
  if (v.is_null()) {
    out += "null";
  } else if (v.is_int()) {
    fmt::format_to(std::back_inserter(out), "{}", v.as_int());
  } else if (v.is_double()) {
    // {fmt} prints the shortest text that reads back as the same double.
    fmt::format_to(std::back_inserter(out), "{}", v.as_double());
  } else if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else if (v.is_string()) {
    AppendJsonString(out, v.as_string());
  } else if (v.is_list()) {
    out += '[';
    bool first = true;
    for (const auto& item : v.as_list()) {
      if (!first) out += ',';
      first = false;
      AppendJson(out, item);
    }
    out += ']';
  } else {
    out += '{';
    bool first = true;
    for (const auto& [k, item] : v.as_record()) {
      if (!first) out += ',';
      first = false;
      AppendJsonString(out, k);
      out += ':';
      AppendJson(out, item);
    }
    out += '}';
  }
}

namespace {

void Indent(std::string& out, int level) { out.append(static_cast<size_t>(level) * 2, ' '); }

// Metrics of one scope as an object, one metric per line, nested values inline.
void AppendScope(std::string& out, const ScopeMetrics& m, int level,
                 const std::string* period_label) {
  out += "{\n";
  bool first = true;
  auto sep = [&] {
    if (!first) out += ",\n";
    first = false;
    Indent(out, level + 1);
  };
  if (period_label) {
    sep();
    out += "\"period\": ";
    AppendJsonString(out, *period_label);
  }
  for (const auto& [name, v] : m.metrics) {
    sep();
    AppendJsonString(out, name);
    out += ": ";
    AppendJson(out, v);
  }
  sep();
  out += "\"coverage\": ";
  AppendJson(out, Value(m.coverage));
  out += '\n';
  Indent(out, level);
  out += '}';
}

void AppendPeriods(std::string& out, const std::map<std::string, ScopeMetrics>& periods, int level) {
  out += "[";
  bool first = true;
  for (const auto& [label, m] : periods) {
    out += first ? "\n" : ",\n";
    first = false;
    Indent(out, level + 1);
    AppendScope(out, m, level + 1, &label);
  }
  if (!first) {
    out += '\n';
    Indent(out, level);
  }
  out += ']';
}

}  // namespace

std::string WriteJson(const ResultSet& r) {
  std::string out;
  out += "{\n  \"input\": ";
  AppendJson(out, Value(r.input));
  out += ",\n  \"options\": ";
  AppendJson(out, Value(r.options));
  out += ",\n  \"brands\": [";
  bool first = true;
  for (const auto& b : r.brands) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\n      \"name\": ";
    AppendJsonString(out, b.name);
    out += ",\n      \"accounts\": ";
    ValueList accounts;
    for (const auto& a : b.accounts) accounts.push_back(Value(a));
    AppendJson(out, Value(std::move(accounts)));
    out += ",\n      \"competitor\": ";
    out += b.competitor ? "true" : "false";
    out += ",\n      \"total\": ";
    AppendScope(out, b.total, 3, nullptr);
    out += ",\n      \"periods\": ";
    AppendPeriods(out, b.periods, 3);
    out += ",\n      \"platforms\": [";
    bool pfirst = true;
    for (const auto& [name, p] : b.platforms) {
      out += pfirst ? "\n" : ",\n";
      pfirst = false;
      out += "        {\n          \"platform\": ";
      AppendJsonString(out, name);
      out += ",\n          \"total\": ";
      AppendScope(out, p.total, 5, nullptr);
      out += ",\n          \"periods\": ";
      AppendPeriods(out, p.periods, 5);
      out += "\n        }";
    }
    out += pfirst ? "]" : "\n      ]";
    out += "\n    }";
  }
  out += first ? "]" : "\n  ]";
  // E0 across brands: one key per line, list items one per line.
  out += ",\n  \"profile\": {";
  bool pfirst = true;
  for (const auto& [key, v] : r.profile) {
    out += pfirst ? "\n    " : ",\n    ";
    pfirst = false;
    AppendJsonString(out, key);
    out += ": ";
    if (v.is_list() && !v.as_list().empty()) {
      out += '[';
      bool ifirst = true;
      for (const auto& item : v.as_list()) {
        out += ifirst ? "\n      " : ",\n      ";
        ifirst = false;
        AppendJson(out, item);
      }
      out += "\n    ]";
    } else {
      AppendJson(out, v);
    }
  }
  out += pfirst ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

}  // namespace rapport
