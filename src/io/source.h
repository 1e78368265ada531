// Sources: bytes from a file, a compressed file (zstd, gzip; detected by magic bytes,
// not by name) or standard input ("-"). Streaming: never the whole file in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rapport {

enum class Compression { kNone, kGzip, kZstd };
std::string_view CompressionName(Compression c);

// A file-level problem: missing, unreadable, a directory, truncated or corrupt
// compressed data. The message names the file.
class SourceError : public std::runtime_error {
 public:
  enum class Kind { kNotFound, kUnreadable, kIsDirectory, kCorrupt };
  SourceError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n decompressed bytes; 0 only at the end. Throws SourceError.
  virtual size_t Read(char* buf, size_t n) = 0;
  // Compressed bytes consumed so far (for progress and throughput).
  virtual size_t RawBytesRead() const = 0;
  virtual Compression compression() const = 0;
  const std::string& name() const { return name_; }

 protected:
  std::string name_;
};

// Opens `path` ("-" is standard input) and detects its compression.
std::unique_ptr<ByteSource> OpenSource(const std::string& path);
// The size of a regular file, 0 when unknown (stdin, pipes).
size_t SourceSize(const std::string& path);

}  // namespace rapport
