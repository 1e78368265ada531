#include "io/writers/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "fmt/format.h"

namespace rapport {

struct OutputFile::Impl {
  std::string path, tmp;
  int fd = -1;
  bool to_stdout = false, committed = false;
  enum { kPlain, kZstd, kGzip } codec = kPlain;
  ZSTD_CCtx* zstd = nullptr;
  z_stream gz{};
  std::vector<char> out = std::vector<char>(1 << 20);

  void Raw(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw std::runtime_error(fmt::format("{}: write failed: {}", path, std::strerror(errno)));
      p += w;
      n -= static_cast<size_t>(w);
    }
  }
  void Zstd(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    while (true) {
      ZSTD_outBuffer o{out.data(), out.size(), 0};
      size_t left = ZSTD_compressStream2(zstd, &o, &in, mode);
      if (ZSTD_isError(left)) throw std::runtime_error(fmt::format("{}: zstd: {}", path, ZSTD_getErrorName(left)));
      Raw(out.data(), o.pos);
      if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size) break;
    }
  }
  void Gzip(std::string_view data, int flush) {
    gz.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    gz.avail_in = static_cast<uInt>(data.size());
    while (true) {
      gz.next_out = reinterpret_cast<Bytef*>(out.data());
      gz.avail_out = static_cast<uInt>(out.size());
      int ret = deflate(&gz, flush);
      if (ret == Z_STREAM_ERROR) throw std::runtime_error(fmt::format("{}: gzip failed", path));
      Raw(out.data(), out.size() - gz.avail_out);
      if (flush == Z_FINISH ? ret == Z_STREAM_END : gz.avail_in == 0 && gz.avail_out != 0) break;
    }
  }
};

namespace {
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

OutputFile::OutputFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  if (path == "-") {
    m.to_stdout = true;
    m.fd = STDOUT_FILENO;
  } else {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      // A device or pipe is written in place (renaming over /dev/null would replace it).
      m.to_stdout = true;
      m.fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    } else {
      m.tmp = path + ".tmp.XXXXXX";
      m.fd = ::mkstemp(m.tmp.data());
    }
    if (m.fd < 0) throw std::runtime_error(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  if (EndsWith(path, ".zst")) {
    m.codec = Impl::kZstd;
    m.zstd = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(m.zstd, ZSTD_c_compressionLevel, 3);
  } else if (EndsWith(path, ".gz")) {
    m.codec = Impl::kGzip;
    deflateInit2(&m.gz, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  }
}

OutputFile::~OutputFile() {
  Impl& m = *impl_;
  if (m.zstd) ZSTD_freeCCtx(m.zstd);
  if (m.codec == Impl::kGzip) deflateEnd(&m.gz);
  if (!m.committed && !m.tmp.empty()) {
    ::close(m.fd);
    ::unlink(m.tmp.c_str());
  }
}

void OutputFile::Write(std::string_view data) {
  Impl& m = *impl_;
  if (data.empty()) return;
  switch (m.codec) {
    case Impl::kPlain: m.Raw(data.data(), data.size()); break;
    case Impl::kZstd: m.Zstd(data, ZSTD_e_continue); break;
    case Impl::kGzip: m.Gzip(data, Z_NO_FLUSH); break;
  }
}

void OutputFile::Commit() {
  Impl& m = *impl_;
  if (m.codec == Impl::kZstd) m.Zstd({}, ZSTD_e_end);
  if (m.codec == Impl::kGzip) m.Gzip({}, Z_FINISH);
  m.committed = true;
  if (m.tmp.empty()) {
    if (m.fd != STDOUT_FILENO) ::close(m.fd);
    return;
  }
  ::fchmod(m.fd, 0644);
  if (::fsync(m.fd) != 0 || ::close(m.fd) != 0 || ::rename(m.tmp.c_str(), m.path.c_str()) != 0) {
    std::string err = fmt::format("{}: cannot write: {}", m.path, std::strerror(errno));
    ::unlink(m.tmp.c_str());
    throw std::runtime_error(err);
  }
}

}  // namespace rapport
