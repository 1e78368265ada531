#include "report/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "fmt/format.h"

namespace rapport {

std::string WriteFileAtomically(const std::string& path, std::string_view data) {
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming
  // over it would replace the device with a file.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return fmt::format("{}: is a directory", path);
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    size_t done = 0;
    while (done < data.size()) {
      ssize_t w = ::write(fd, data.data() + done, data.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        ::close(fd);
        return fmt::format("{}: write failed: {}", path, std::strerror(errno));
      }
      done += static_cast<size_t>(w);
    }
    ::close(fd);
    return {};
  }
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return fmt::format("{}: cannot create: {}", path, std::strerror(errno));
  size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      std::string err = fmt::format("{}: write failed: {}", path, std::strerror(errno));
      ::close(fd);
      ::unlink(tmp.c_str());
      return err;
    }
    done += static_cast<size_t>(w);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = fmt::format("{}: write failed: {}", path, std::strerror(errno));
    ::unlink(tmp.c_str());
    return err;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = fmt::format("{}: cannot rename into place: {}", path, std::strerror(errno));
    ::unlink(tmp.c_str());
    return err;
  }
  return {};
}

}  // namespace rapport
