#include "fuzz_reader.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::FuzzReader("facebook", data, size);
}
