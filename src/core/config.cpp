#include "core/config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "fmt/format.h"
#include "toml++/toml.h"

namespace rapport {
namespace {

std::vector<std::string> Strings(const toml::table& t, std::string_view key, const std::string& where,
                                 bool handles) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  auto push = [&](const toml::node& n) {
    auto s = n.value<std::string>();
    if (!s) throw std::runtime_error(fmt::format("{}: \"{}\" must hold strings", where, key));
    std::string v = handles ? NormalizeHandle(*s) : NormalizeHandle(*s);
    if (!v.empty()) out.push_back(v);
  };
  if (const auto* arr = node->as_array()) {
    for (const auto& item : *arr) push(item);
  } else {
    push(*node);
  }
  return out;
}

// A list of a classifier lexicon: `key = [...]` replaces `list`, `extra_key = [...]`
// extends it. Words are lower-cased and trimmed; a phrase has at most 3 words (the
// classifiers match up to 3); emoji lists are taken as written.
void ReadLexiconList(const toml::table& t, const std::string& key, std::vector<std::string>& list,
                     bool words, const std::string& path, std::vector<std::string>& seen) {
  for (bool extra : {false, true}) {
    const std::string name = extra ? "extra_" + key : key;
    const toml::node* node = t.get(name);
    if (!node) continue;
    seen.push_back(name);
    const std::string where = fmt::format("{}:{}", path, node->source().begin.line);
    const auto* arr = node->as_array();
    if (!arr) throw std::runtime_error(fmt::format("{}: \"{}\" must be a list of strings", where, name));
    std::vector<std::string> values;
    for (const auto& item : *arr) {
      auto v = item.value<std::string>();
      if (!v) throw std::runtime_error(fmt::format("{}: \"{}\" must be a list of strings", where, name));
      std::string s = *v;
      if (words) {
        std::string norm;
        int count = 0;
        for (size_t i = 0; i < s.size();) {
          while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
          size_t j = i;
          while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
          if (j > i) {
            if (!norm.empty()) norm += ' ';
            for (size_t k = i; k < j; ++k)
              norm += static_cast<char>(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
            ++count;
          }
          i = j;
        }
        if (count > 3)
          throw std::runtime_error(fmt::format("{}: \"{}\": \"{}\" has more than 3 words", where, name, s));
        s = norm;
      }
      if (!s.empty()) values.push_back(std::move(s));
    }
    if (!extra) list.clear();
    list.insert(list.end(), values.begin(), values.end());
  }
}

void RejectUnknownKeys(const toml::table& t, const std::vector<std::string>& seen, std::string_view table,
                       const std::string& path) {
  for (const auto& [key, node] : t) {
    if (std::find(seen.begin(), seen.end(), key.str()) != seen.end()) continue;
    throw std::runtime_error(fmt::format("{}:{}: [classifiers.{}] has no setting \"{}\" (docs/classifiers.md)",
                                         path, node.source().begin.line, table, key.str()));
  }
}

}  // namespace

FileConfig LoadConfig(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  FileConfig cfg;
  auto read_brand = [&](const toml::table& t, bool competitor_default) {
    std::string where = fmt::format("{}:{}", path, t.source().begin.line);
    BrandSpec spec;
    auto name = t["name"].value<std::string>();
    if (!name || name->empty()) throw std::runtime_error(where + ": a brand needs a name");
    spec.name = *name;
    spec.accounts = Strings(t, "accounts", where, true);
    spec.terms = Strings(t, "terms", where, false);
    spec.hashtags = Strings(t, "hashtags", where, false);
    spec.competitor = t["competitor"].value_or(competitor_default);
    if (spec.accounts.empty())
      throw std::runtime_error(fmt::format("{}: brand \"{}\" has no accounts", where, spec.name));
    cfg.brands.push_back(std::move(spec));
  };
  for (auto [key, competitor] : {std::pair{"brand", false}, std::pair{"competitor", true}}) {
    if (const auto* arr = root[key].as_array()) {
      for (const auto& item : *arr) {
        if (const auto* t = item.as_table()) read_brand(*t, competitor);
      }
    }
  }
  if (const auto* opts = root["options"].as_table()) {
    if (auto v = (*opts)["by"].value<std::string>()) cfg.by = *v;
    if (auto v = (*opts)["tz"].value<std::string>()) cfg.tz = *v;
    if (auto v = (*opts)["business_hours"].value<std::string>()) cfg.business_hours = *v;
    if (auto v = (*opts)["sla"].value<std::string>()) cfg.sla = *v;
    if (auto v = (*opts)["response_horizon"].value<std::string>()) cfg.response_horizon = *v;
  }
  // E1 weights: only counters that some platform counts as an action (METRICS.md E1);
  // a misspelt or non-action key is an error rather than a silently ignored weight.
  if (const auto* weights = root["weights"].as_table()) {
    for (const auto& [key, node] : *weights) {
      std::string where = fmt::format("{}:{}", path, node.source().begin.line);
      auto counter = ParseCounter(key.str());
      if (!counter || !IsActionCounter(*counter))
        throw std::runtime_error(fmt::format(
            "{}: [weights] \"{}\" is not an action counter (likes, shares, quotes, replies, bookmarks, "
            "clicks, comments, saves, score)", where, key.str()));
      auto w = node.value<double>();
      if (!w || !std::isfinite(*w) || *w < 0)
        throw std::runtime_error(fmt::format("{}: [weights] \"{}\" must be a number >= 0", where, key.str()));
      cfg.weights[static_cast<int>(*counter)] = *w;
    }
  }
  if (const auto* classifiers = root["classifiers"].as_table()) {
    for (const auto& [key, node] : *classifiers) {
      if (key.str() != "intent" && key.str() != "promotional")
        throw std::runtime_error(fmt::format("{}:{}: [classifiers] has no table \"{}\" (intent, promotional)",
                                             path, node.source().begin.line, key.str()));
    }
    if (const auto* t = (*classifiers)["intent"].as_table()) {
      IntentLexicon lex = IntentLexicon::Default();
      std::vector<std::string> seen;
      ReadLexiconList(*t, "question_openers", lex.question_openers, true, path, seen);
      ReadLexiconList(*t, "question_phrases", lex.question_phrases, true, path, seen);
      ReadLexiconList(*t, "complaint_terms", lex.complaint_terms, true, path, seen);
      ReadLexiconList(*t, "praise_terms", lex.praise_terms, true, path, seen);
      ReadLexiconList(*t, "gratitude_terms", lex.gratitude_terms, true, path, seen);
      ReadLexiconList(*t, "negators", lex.negators, true, path, seen);
      ReadLexiconList(*t, "negated_complaints", lex.negated_complaints, true, path, seen);
      ReadLexiconList(*t, "praise_emoji", lex.praise_emoji, false, path, seen);
      ReadLexiconList(*t, "complaint_emoji", lex.complaint_emoji, false, path, seen);
      RejectUnknownKeys(*t, seen, "intent", path);
      cfg.intent = std::move(lex);
    }
    if (const auto* t = (*classifiers)["promotional"].as_table()) {
      PromotionalLexicon lex = PromotionalLexicon::Default();
      std::vector<std::string> seen;
      ReadLexiconList(*t, "terms", lex.terms, true, path, seen);
      for (auto [name, flag] : {std::pair{"percent_off", &lex.percent_off}, std::pair{"prices", &lex.prices}}) {
        if (const toml::node* n = t->get(name)) {
          auto b = n->value<bool>();
          if (!b)
            throw std::runtime_error(fmt::format("{}:{}: \"{}\" must be true or false", path,
                                                 n->source().begin.line, name));
          *flag = *b;
          seen.emplace_back(name);
        }
      }
      RejectUnknownKeys(*t, seen, "promotional", path);
      cfg.promotional = std::move(lex);
    }
  }
  return cfg;
}

std::optional<Seconds> ParseDuration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t unit = 1;
  char last = s.back();
  if (last == 's' || last == 'm' || last == 'h' || last == 'd' || last == 'w') {
    unit = last == 's' ? 1 : last == 'm' ? 60 : last == 'h' ? 3600 : last == 'd' ? 86400 : 604800;
    s.remove_suffix(1);
  }
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0) return std::nullopt;
  return v * unit;
}

}  // namespace rapport
