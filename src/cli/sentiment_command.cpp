// `rapport sentiment [FILE|-]`: VADER scores of one text per line, as the reference
// vaderSentiment 3.3.1 returns them (docs/sentiment.md). stdout carries one line of
// scores per input line, in input order; diagnostics go to stderr prefixed "rapport:".
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "fmt/format.h"
#include "text/vader.h"

namespace rapport::cli {
namespace {

struct SentimentFlags {
  std::string input = "-";
  std::string format = "tsv";
  bool raw = false;
  bool license = false;
};

int Fail(int code, const std::string& message) {
  fmt::print(stderr, "rapport: {}\n", message);
  return code;
}

// One output line: "neg\tneu\tpos\tcompound" or a JSON object with the keys in the
// reference's order, numbers as Python's repr prints them.
void AppendScores(const Scores& s, bool raw, bool json, std::string& out) {
  static constexpr const char* kKeys[] = {"neg", "neu", "pos", "compound"};
  static constexpr int kPlaces[] = {3, 3, 3, 4};  // polarity_scores' rounding
  const double values[] = {s.neg, s.neu, s.pos, s.compound};
  char buf[48];
  if (json) out.push_back('{');
  for (int k = 0; k < 4; ++k) {
    if (json) {
      out.append(k ? ", \"" : "\"").append(kKeys[k]).append("\": ");
    } else if (k) {
      out.push_back('\t');
    }
    out.append(buf, raw ? FormatPythonFloat(values[k], buf)
                        : FormatRoundedPython(values[k], kPlaces[k], buf));
  }
  out.append(json ? "}\n" : "\n");
}

int Run(const SentimentFlags& f) {
  if (f.license) {
    std::string_view text = Vader::License();
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
    return kOk;
  }
  const bool json = f.format == "json";
  const bool from_stdin = f.input == "-";
  FILE* in = stdin;
  if (!from_stdin) {
    struct stat st;
    if (stat(f.input.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return Fail(kNoInput, fmt::format("{}: is a directory", f.input));
    in = std::fopen(f.input.c_str(), "rb");
    if (!in) return Fail(kNoInput, fmt::format("{}: {}", f.input, std::strerror(errno)));
  }
  std::unique_ptr<FILE, int (*)(FILE*)> closer(from_stdin ? nullptr : in, &std::fclose);

  const Vader& vader = Vader::Default();
  std::string out;
  out.reserve(1 << 20);
  auto score = [&](std::string_view line) {
    AppendScores(vader.PolarityScores(line), f.raw, json, out);
  };
  auto flush = [&]() {
    if (!out.empty() && std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return false;
    out.clear();
    return true;
  };

  // Lines end at LF only (a CR stays in the text, where it is whitespace to VADER);
  // a last line without LF is scored too.
  std::vector<char> chunk(1 << 20);
  std::string carry;
  while (true) {
    size_t got = std::fread(chunk.data(), 1, chunk.size(), in);
    if (got == 0) break;
    std::string_view data(chunk.data(), got);
    size_t pos = 0;
    while (true) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string_view::npos) break;
      std::string_view line = data.substr(pos, nl - pos);
      if (!carry.empty()) {
        carry.append(line);
        score(carry);
        carry.clear();
      } else {
        score(line);
      }
      pos = nl + 1;
    }
    carry.append(data.substr(pos));
    if (out.size() >= (1 << 19) && !flush()) {
      if (errno == EPIPE) return kOk;  // the reader went away (`| head`): a normal end
      return Fail(kCantCreate, fmt::format("cannot write the output: {}", std::strerror(errno)));
    }
  }
  if (std::ferror(in))
    return Fail(kNoInput, fmt::format("{}: read error: {}", from_stdin ? "standard input" : f.input,
                                      std::strerror(errno)));
  if (!carry.empty()) score(carry);
  if (!flush() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) return kOk;
    return Fail(kCantCreate, fmt::format("cannot write the output: {}", std::strerror(errno)));
  }
  return kOk;
}

}  // namespace

void AddSentimentCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "sentiment",
      "VADER sentiment of one text per line: neg, neu, pos and compound, as vaderSentiment "
      "3.3.1 returns them");
  auto f = std::make_shared<SentimentFlags>();
  cmd->add_option("file", f->input, "Input file, one text per line (default -: standard input)");
  cmd->add_option("-f,--format", f->format,
                  "Output: tsv (neg TAB neu TAB pos TAB compound) or json")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
  cmd->add_flag("--raw", f->raw,
                "Unrounded values (shortest round-trip digits) instead of the reference's "
                "rounding to 3/3/3/4 places");
  cmd->add_flag("--license", f->license, "Print the licence of the VADER lexicons and exit");
  cmd->callback([f, &exit_code] { exit_code = Run(*f); });
}

}  // namespace rapport::cli
