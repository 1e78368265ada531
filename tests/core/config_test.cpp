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
