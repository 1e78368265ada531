#include "io/source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "fmt/format.h"

namespace rapport {

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "none";
}

namespace {

constexpr size_t kInBuf = 1 << 20;

// Raw bytes of a file descriptor, with a small look-ahead for magic detection.
class FdReader {
 public:
  FdReader(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~FdReader() {
    if (fd_ > 0) ::close(fd_);
  }
  size_t Read(char* buf, size_t n) {
    size_t got = 0;
    if (!peek_.empty()) {
      got = std::min(n, peek_.size() - peek_pos_);
      std::memcpy(buf, peek_.data() + peek_pos_, got);
      peek_pos_ += got;
      if (peek_pos_ == peek_.size()) peek_.clear();
      raw_ += got;
      return got;
    }
    while (true) {
      ssize_t r = ::read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        if (errno == EISDIR)
          throw SourceError(SourceError::Kind::kIsDirectory,
                            fmt::format("{}: is a directory; give the files inside it", name_));
        throw SourceError(SourceError::Kind::kUnreadable,
                          fmt::format("{}: read failed: {}", name_, std::strerror(errno)));
      }
      raw_ += static_cast<size_t>(r);
      return static_cast<size_t>(r);
    }
  }
  // Reads up to n bytes ahead without consuming them.
  std::string_view Peek(size_t n) {
    peek_.resize(n);
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::read(fd_, peek_.data() + got, n - got);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        if (errno == EISDIR)
          throw SourceError(SourceError::Kind::kIsDirectory,
                            fmt::format("{}: is a directory; give the files inside it", name_));
        throw SourceError(SourceError::Kind::kUnreadable,
                          fmt::format("{}: read failed: {}", name_, std::strerror(errno)));
      }
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    peek_.resize(got);
    peek_pos_ = 0;
    return {peek_.data(), peek_.size()};
  }
  size_t raw() const { return raw_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  std::string peek_;
  size_t peek_pos_ = 0;
  size_t raw_ = 0;
};

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<FdReader> fd) : fd_(std::move(fd)) { name_ = fd_->name(); }
  size_t Read(char* buf, size_t n) override { return fd_->Read(buf, n); }
  size_t RawBytesRead() const override { return fd_->raw(); }
  Compression compression() const override { return Compression::kNone; }

 private:
  std::unique_ptr<FdReader> fd_;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<FdReader> fd) : fd_(std::move(fd)), in_(kInBuf) {
    name_ = fd_->name();
    dctx_ = ZSTD_createDCtx();
    // Pushshift / Arctic Shift dumps use long windows (FORMATS.md): allow up to 2 GiB.
    ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, 31);
  }
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }
  size_t Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (input_.pos == input_.size) {
        size_t got = fd_->Read(in_.data(), in_.size());
        if (got == 0) {
          if (last_ret_ != 0)
            throw SourceError(SourceError::Kind::kCorrupt,
                              fmt::format("{}: truncated zstd data (the file ends inside a "
                                          "frame); re-download or re-compress it",
                                          name_));
          return 0;
        }
        input_ = {in_.data(), got, 0};
      }
      size_t ret = ZSTD_decompressStream(dctx_, &out, &input_);
      if (ZSTD_isError(ret))
        throw SourceError(SourceError::Kind::kCorrupt,
                          fmt::format("{}: corrupt zstd data: {}", name_, ZSTD_getErrorName(ret)));
      last_ret_ = ret;
    }
    return out.pos;
  }
  size_t RawBytesRead() const override { return fd_->raw(); }
  Compression compression() const override { return Compression::kZstd; }

 private:
  std::unique_ptr<FdReader> fd_;
  std::vector<char> in_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  ZSTD_DCtx* dctx_;
  size_t last_ret_ = 0;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<FdReader> fd) : fd_(std::move(fd)), in_(kInBuf) {
    name_ = fd_->name();
    std::memset(&zs_, 0, sizeof(zs_));
    inflateInit2(&zs_, 16 + MAX_WBITS);
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  size_t Read(char* buf, size_t n) override {
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out == n) {
      if (zs_.avail_in == 0) {
        size_t got = fd_->Read(in_.data(), in_.size());
        if (got == 0) {
          if (!at_member_end_)
            throw SourceError(SourceError::Kind::kCorrupt,
                              fmt::format("{}: truncated gzip data (the file ends inside a "
                                          "member); re-download or re-compress it",
                                          name_));
          return 0;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(got);
      }
      int ret = inflate(&zs_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        at_member_end_ = true;
        inflateReset(&zs_);  // concatenated members (gzip -c a b > c) go on
      } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
        throw SourceError(SourceError::Kind::kCorrupt,
                          fmt::format("{}: corrupt gzip data: {}", name_,
                                      zs_.msg ? zs_.msg : "inflate failed"));
      } else if (zs_.avail_out != n || ret == Z_OK) {
        at_member_end_ = false;
      }
    }
    return n - zs_.avail_out;
  }
  size_t RawBytesRead() const override { return fd_->raw(); }
  Compression compression() const override { return Compression::kGzip; }

 private:
  std::unique_ptr<FdReader> fd_;
  std::vector<char> in_;
  z_stream zs_;
  bool at_member_end_ = false;
};

// A plain regular file mapped read-only. The size is the one seen at open: a file that
// grows is read up to it; one that shrinks is detected at the next block (TakeMapped,
// Read) and reported, since touching a page beyond the new end raises SIGBUS.
class MappedSource : public ByteSource {
 public:
  MappedSource(int fd, std::string name, const char* base, size_t size)
      : fd_(fd), base_(base), size_(size) {
    name_ = std::move(name);
  }
  ~MappedSource() override {
    ::munmap(const_cast<char*>(base_), size_);
    ::close(fd_);
  }
  size_t Read(char* buf, size_t n) override {
    n = std::min(n, size_ - taken_);
    if (n == 0) return 0;
    TakeMapped(taken_ + n);
    std::memcpy(buf, base_ + taken_ - n, n);
    return n;
  }
  size_t RawBytesRead() const override { return taken_; }
  Compression compression() const override { return Compression::kNone; }
  std::string_view mapped() const override { return {base_, size_}; }
  void TakeMapped(size_t end) override {
    struct stat st;
    if (::fstat(fd_, &st) == 0 && static_cast<size_t>(st.st_size) < std::min(end, size_))
      throw SourceError(SourceError::Kind::kCorrupt,
                        fmt::format("{}: the file shrank from {} to {} bytes while being read; "
                                    "read a copy that nothing writes to",
                                    name_, size_, st.st_size));
    taken_ = std::max(taken_, std::min(end, size_));
  }
  void ReleaseMapped(size_t end) override {
    static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t upto = std::min(end, size_) / page * page;
    if (upto <= released_) return;
    ::madvise(const_cast<char*>(base_) + released_, upto - released_, MADV_DONTNEED);
    released_ = upto;
  }

 private:
  int fd_;
  const char* base_;
  size_t size_;
  size_t taken_ = 0;
  size_t released_ = 0;
};

// Compression is told by magic bytes, never by the file's name.
bool IsZstdMagic(std::string_view head) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(head[i]); };
  return head.size() >= 4 && b(0) == 0x28 && b(1) == 0xB5 && b(2) == 0x2F && b(3) == 0xFD;
}
bool IsGzipMagic(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
         static_cast<unsigned char>(head[1]) == 0x8B;
}

// The mapping of `fd` when it is a non-empty regular uncompressed file, else nullptr
// (the caller reads it). Size 0 is never mapped: empty files and /proc-like files whose
// size says nothing are read.
std::unique_ptr<ByteSource> MapPlain(int fd, const std::string& name) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return nullptr;
  const auto size = static_cast<size_t>(st.st_size);
  void* base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (base == MAP_FAILED) return nullptr;
  const char* bytes = static_cast<const char*>(base);
  if (const std::string_view head(bytes, std::min<size_t>(size, 4));
      IsZstdMagic(head) || IsGzipMagic(head)) {
    ::munmap(base, size);
    return nullptr;
  }
  // Read ahead generously; pages behind are dropped by ReleaseMapped.
  ::madvise(base, size, MADV_SEQUENTIAL);
  return std::make_unique<MappedSource>(fd, name, bytes, size);
}

}  // namespace

std::unique_ptr<ByteSource> OpenSource(const std::string& path, OpenMode mode) {
  int fd;
  std::string name = path;
  if (path == "-") {
    fd = ::dup(STDIN_FILENO);
    name = "<stdin>";
  } else {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT)
        throw SourceError(SourceError::Kind::kNotFound, fmt::format("{}: no such file", path));
      throw SourceError(SourceError::Kind::kUnreadable,
                        fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    if (S_ISDIR(st.st_mode))
      throw SourceError(SourceError::Kind::kIsDirectory,
                        fmt::format("{}: is a directory; give the files inside it (e.g. {}/*)",
                                    path, path));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      throw SourceError(SourceError::Kind::kUnreadable,
                        fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  if (mode == OpenMode::kMapPlain && path != "-")
    if (auto mapped = MapPlain(fd, name)) return mapped;
  auto reader = std::make_unique<FdReader>(fd, name);
  std::string_view head = reader->Peek(4);
  if (IsZstdMagic(head)) return std::make_unique<ZstdSource>(std::move(reader));
  if (IsGzipMagic(head)) return std::make_unique<GzipSource>(std::move(reader));
  return std::make_unique<PlainSource>(std::move(reader));
}

size_t SourceSize(const std::string& path) {
  struct stat st;
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<size_t>(st.st_size);
}

}  // namespace rapport
