// Sources: bytes from a file, a compressed file (zstd, gzip; detected by magic bytes,
// not by name) or standard input ("-"). Streaming: never the whole file in memory (a
// mapped plain file is paged in as it is read and dropped behind, see OpenMode).
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

  // A plain regular file opened with OpenMode::kMapPlain: the whole file, readable in
  // place, of the size seen at open (bytes appended later are not read). Empty for
  // every other source. The caller hands out views into it instead of calling Read.
  virtual std::string_view mapped() const { return {}; }
  // Mapped sources: the bytes before `end` are taken (RawBytesRead, progress). Throws
  // SourceError when the file has shrunk below the mapped size (reading the lost
  // pages would kill the process with SIGBUS).
  virtual void TakeMapped(size_t /*end*/) {}
  // Mapped sources: the bytes before `end` are parsed and will not be read again; their
  // pages leave this process's memory (the page cache keeps them).
  virtual void ReleaseMapped(size_t /*end*/) {}

 protected:
  std::string name_;
};

enum class OpenMode {
  kStream,    // read(): every source
  kMapPlain,  // an uncompressed regular file of non-zero size is mapped (mapped()),
              // when the system allows; anything else is read as with kStream
};

// Opens `path` ("-" is standard input) and detects its compression.
std::unique_ptr<ByteSource> OpenSource(const std::string& path,
                                       OpenMode mode = OpenMode::kStream);
// The size of a regular file, 0 when unknown (stdin, pipes).
size_t SourceSize(const std::string& path);

}  // namespace rapport
