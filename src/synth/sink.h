// Where `rapport synth` writes: standard output ("-"), or a file written under a
// temporary name and renamed into place once complete (a run that fails or is
// interrupted never leaves a half-written file under the final name). A name
// ending in .gz or .zst is compressed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace rapport::synth {

class OutputSink {
 public:
  enum class Codec { kNone, kGzip, kZstd };

  // nullptr and an error message when the file cannot be created.
  static std::unique_ptr<OutputSink> Open(const std::string& path, std::string* error);
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  bool Write(std::string_view data);
  // Flushes, finishes the compressed frame and renames the file into place.
  bool Close(std::string* error);

  // The reader went away (`rapport synth | head`): a normal end, not an error.
  bool broken_pipe() const { return broken_pipe_; }
  uint64_t bytes_out() const { return bytes_out_; }  // after compression
  Codec codec() const { return codec_; }
  const std::string& error() const { return error_; }

 private:
  OutputSink() = default;
  bool WriteRaw(const void* data, size_t size);
  bool Compress(std::string_view data, bool finish);

  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  std::string path_, temp_path_;
  Codec codec_ = Codec::kNone;
  void* zstd_ = nullptr;  // ZSTD_CCtx
  void* gzip_ = nullptr;  // z_stream
  std::string compressed_;
  uint64_t bytes_out_ = 0;
  bool broken_pipe_ = false;
  bool closed_ = false;
  std::string error_;
};

}  // namespace rapport::synth
