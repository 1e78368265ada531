// rapport.toml (src/core/config.cpp): the E1 [weights] table.
#include "core/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace rapport {
namespace {

// Writes `text` to a fresh temporary file and returns its path.
std::string TempToml(const std::string& text) {
  char path[] = "/tmp/rapport_config_testXXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  close(fd);
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigWeights, ReadByCounterNameOthersUnset) {
  std::string path = TempToml(
      "[[brand]]\nname = \"acme\"\naccounts = [\"@Acme\"]\n\n[weights]\nlikes = 0.5\nshares = 2\n");
  FileConfig cfg = LoadConfig(path);
  std::remove(path.c_str());
  EXPECT_EQ(cfg.weights[static_cast<int>(Counter::kLikes)], 0.5);
  EXPECT_EQ(cfg.weights[static_cast<int>(Counter::kShares)], 2.0);
  EXPECT_FALSE(cfg.weights[static_cast<int>(Counter::kReplies)].has_value());
}

TEST(ConfigWeights, UnknownOrNonActionCounterIsAnErrorWithItsLine) {
  std::string path = TempToml("[weights]\nlikes = 1\nimpressions = 3\n");
  try {
    LoadConfig(path);
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":3: [weights] \"impressions\" is not an action counter", 0), 0u)
        << e.what();
  }
  std::remove(path.c_str());
}

TEST(ConfigWeights, NegativeOrTextWeightIsAnError) {
  for (const char* bad : {"likes = -1\n", "likes = \"two\"\n"}) {
    std::string path = TempToml(std::string("[weights]\n") + bad);
    EXPECT_THROW(LoadConfig(path), std::runtime_error) << bad;
    std::remove(path.c_str());
  }
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

// [classifiers]: the intent and promotional lexicons (docs/classifiers.md).
TEST(ConfigClassifiers, ListsAreReplacedOrExtendedAndNormalised) {
  std::string path = TempToml(
      "[classifiers.intent]\n"
      "extra_complaint_terms = [\"Kaput\", \"  still   BROKEN \"]\n"
      "praise_terms = [\"brilliant\"]\n"
      "[classifiers.promotional]\n"
      "terms = [\"bogo\"]\n"
      "extra_terms = [\"freebie\"]\n"
      "prices = false\n");
  FileConfig cfg = LoadConfig(path);
  std::remove(path.c_str());
  ASSERT_TRUE(cfg.intent && cfg.promotional);
  const IntentLexicon def = IntentLexicon::Default();
  std::vector<std::string> complaints = def.complaint_terms;
  complaints.push_back("kaput");
  complaints.push_back("still broken");
  EXPECT_EQ(cfg.intent->complaint_terms, complaints);
  EXPECT_EQ(cfg.intent->praise_terms, std::vector<std::string>{"brilliant"});
  EXPECT_EQ(cfg.intent->question_openers, def.question_openers);  // untouched
  EXPECT_EQ(cfg.promotional->terms, (std::vector<std::string>{"bogo", "freebie"}));
  EXPECT_FALSE(cfg.promotional->prices);
  EXPECT_TRUE(cfg.promotional->percent_off);
}

TEST(ConfigClassifiers, AbsentTablesLeaveTheDefaults) {
  std::string path = TempToml("[[brand]]\nname = \"acme\"\naccounts = [\"@Acme\"]\n");
  FileConfig cfg = LoadConfig(path);
  std::remove(path.c_str());
  EXPECT_FALSE(cfg.intent.has_value());
  EXPECT_FALSE(cfg.promotional.has_value());
}

std::string ErrorOf(const std::string& toml) {
  std::string path = TempToml(toml);
  std::string what;
  try {
    LoadConfig(path);
  } catch (const std::runtime_error& e) {
    what = e.what();
  }
  std::remove(path.c_str());
  return what;
}

TEST(ConfigClassifiers, MistakesAreErrorsWithTheirLine) {
  EXPECT_NE(ErrorOf("[classifiers.intent]\n\ncomplaint_term = [\"x\"]\n").find(
                ":3: [classifiers.intent] has no setting \"complaint_term\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("[classifiers.intnet]\nterms = []\n").find("[classifiers] has no table \"intnet\""),
            std::string::npos);
  EXPECT_NE(ErrorOf("[classifiers.promotional]\nterms = [\"buy one get one\"]\n").find(
                "has more than 3 words"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[classifiers.promotional]\nterms = \"bogo\"\n").find("must be a list of strings"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[classifiers.promotional]\nprices = \"no\"\n").find("must be true or false"),
            std::string::npos);
}

}  // namespace
}  // namespace rapport
