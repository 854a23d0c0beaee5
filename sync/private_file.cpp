#include "sync/private_file.h"

#include "base/error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace heard::sync {

namespace {

[[noreturn]] void fail(const char* code, const std::string& what, int error) {
    throw base::Error(code, what + ": " + std::strerror(error));
}

void fsyncFolder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return; // the rename is done; only its durability is at stake
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace

void writePrivateFile(const std::string& path, const std::string& text) {
    const std::filesystem::path target(path);
    const std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
    std::error_code ec;
    if (!std::filesystem::exists(folder, ec)) {
        std::filesystem::create_directories(folder, ec);
        if (ec) throw base::Error("file_write", "cannot make the folder " + folder + ": " + ec.message());
        ::chmod(folder.c_str(), 0700);
    }
    const std::string temp = path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) fail("file_write", "cannot write " + temp, errno);
    ::fchmod(fd, 0600); // an older temporary file keeps its mode through O_CREAT
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            fail("file_write", "cannot write " + temp, error);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail("file_write", "cannot sync " + temp, error);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail("file_write", "cannot replace " + path, error);
    }
    fsyncFolder(folder);
}

std::optional<std::string> readSmallFile(const std::string& path, std::size_t maxBytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::nullopt;
        fail("file_read", "cannot read " + path, errno);
    }
    std::string text;
    char buffer[4096];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            fail("file_read", "cannot read " + path, error);
        }
        if (n == 0) break;
        if (text.size() + static_cast<std::size_t>(n) > maxBytes) {
            ::close(fd);
            throw base::Error("file_read", path + " is larger than " + std::to_string(maxBytes) + " bytes");
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

} // namespace heard::sync
