#include "synth/sink.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include "fmt/format.h"

namespace rapport::synth {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Level 3 is zstd's default; gzip level 1 keeps gzip from being the bottleneck
// (level 6 compresses this text only slightly better at a third of the speed).
constexpr int kZstdLevel = 3;
constexpr int kGzipLevel = 1;
constexpr size_t kFileBuffer = 1 << 20;

}  // namespace

std::unique_ptr<OutputSink> OutputSink::Open(const std::string& path, std::string* error) {
  std::unique_ptr<OutputSink> sink(new OutputSink());
  sink->path_ = path;
  if (path == "-") {
    sink->file_ = stdout;
    sink->is_stdout_ = true;
  } else {
    // Devices, pipes and symlinks (/dev/null, a FIFO) are written in place: renaming a
    // temporary file over them would replace the device node or the link itself.
    struct stat st;
    const bool special = ::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    if (!special) sink->temp_path_ = fmt::format("{}.tmp.{}", path, ::getpid());
    sink->file_ = std::fopen(special ? path.c_str() : sink->temp_path_.c_str(), "wb");
    if (!sink->file_) {
      *error = fmt::format("cannot create {}: {}", path, std::strerror(errno));
      return nullptr;
    }
    std::setvbuf(sink->file_, nullptr, _IOFBF, kFileBuffer);
    if (EndsWith(path, ".zst")) {
      sink->codec_ = Codec::kZstd;
      ZSTD_CCtx* cctx = ZSTD_createCCtx();
      ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, kZstdLevel);
      // Compression runs on zstd's own threads, beside the generator, instead of
      // after it: 2.3 GB took 13.0 s single-threaded. Any worker count >= 1 gives the
      // same bytes; a libzstd built without threads ignores this and still works.
      ZSTD_CCtx_setParameter(cctx, ZSTD_c_nbWorkers, 2);
      sink->zstd_ = cctx;
    } else if (EndsWith(path, ".gz")) {
      sink->codec_ = Codec::kGzip;
      auto* zs = new z_stream{};
      // windowBits 15 + 16: a gzip header and trailer rather than a zlib one.
      if (deflateInit2(zs, kGzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        delete zs;
        *error = "cannot initialise gzip compression";
        return nullptr;
      }
      sink->gzip_ = zs;
    }
  }
  return sink;
}

OutputSink::~OutputSink() {
  if (zstd_) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(zstd_));
  if (gzip_) {
    deflateEnd(static_cast<z_stream*>(gzip_));
    delete static_cast<z_stream*>(gzip_);
  }
  if (!closed_ && !is_stdout_ && file_) {
    std::fclose(file_);
    if (!temp_path_.empty()) std::remove(temp_path_.c_str());
  }
}

bool OutputSink::WriteRaw(const void* data, size_t size) {
  if (size == 0) return true;
  if (std::fwrite(data, 1, size, file_) != size) {
    if (is_stdout_ && errno == EPIPE) {
      broken_pipe_ = true;
    } else {
      error_ = fmt::format("cannot write {}: {}", is_stdout_ ? "standard output" : path_,
                           std::strerror(errno));
    }
    return false;
  }
  bytes_out_ += size;
  return true;
}

bool OutputSink::Compress(std::string_view data, bool finish) {
  if (codec_ == Codec::kZstd) {
    auto* cctx = static_cast<ZSTD_CCtx*>(zstd_);
    compressed_.resize(ZSTD_CStreamOutSize());
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
      const size_t left =
          ZSTD_compressStream2(cctx, &out, &in, finish ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(left)) {
        error_ = fmt::format("zstd compression failed: {}", ZSTD_getErrorName(left));
        return false;
      }
      if (!WriteRaw(out.dst, out.pos)) return false;
      if (finish ? left == 0 : in.pos == in.size) return true;
    }
  }
  auto* zs = static_cast<z_stream*>(gzip_);
  compressed_.resize(1 << 18);
  zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs->avail_in = static_cast<uInt>(data.size());
  for (;;) {
    zs->next_out = reinterpret_cast<Bytef*>(compressed_.data());
    zs->avail_out = static_cast<uInt>(compressed_.size());
    const int rc = deflate(zs, finish ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) {
      error_ = "gzip compression failed";
      return false;
    }
    if (!WriteRaw(compressed_.data(), compressed_.size() - zs->avail_out)) return false;
    if (finish ? rc == Z_STREAM_END : zs->avail_in == 0 && zs->avail_out != 0) return true;
  }
}

bool OutputSink::Write(std::string_view data) {
  if (codec_ == Codec::kNone) return WriteRaw(data.data(), data.size());
  // zlib counts input in 32-bit lengths.
  while (!data.empty()) {
    const size_t n = std::min<size_t>(data.size(), 1 << 30);
    if (!Compress(data.substr(0, n), false)) return false;
    data.remove_prefix(n);
  }
  return true;
}

bool OutputSink::Close(std::string* error) {
  if (codec_ != Codec::kNone && error_.empty() && !Compress({}, true)) {
    *error = error_;
    return false;
  }
  if (!error_.empty()) {
    *error = error_;
    return false;
  }
  if (std::fflush(file_) != 0) {
    if (is_stdout_ && errno == EPIPE) {
      broken_pipe_ = true;
      closed_ = true;
      return true;
    }
    *error = fmt::format("cannot write {}: {}", is_stdout_ ? "standard output" : path_,
                         std::strerror(errno));
    return false;
  }
  if (is_stdout_) {
    closed_ = true;
    return true;
  }
  const bool close_ok = std::fclose(file_) == 0;
  file_ = nullptr;
  closed_ = true;
  if (temp_path_.empty() && close_ok) return true;
  if (!close_ok || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    *error = fmt::format("cannot write {}: {}", path_, std::strerror(errno));
    if (!temp_path_.empty()) std::remove(temp_path_.c_str());
    return false;
  }
  return true;
}

}  // namespace rapport::synth
