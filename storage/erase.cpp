#include "storage/erase.h"

#include "storage/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

namespace heard::storage {

namespace {

// Zeros over every byte of the file, in place, then fsync. False if it could not be done.
bool overwriteInPlace(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0;
    const std::vector<char> zeros(4096, 0);
    off_t done = 0;
    while (ok && done < info.st_size) {
        const std::size_t chunk = static_cast<std::size_t>(std::min<off_t>(info.st_size - done, 4096));
        const ssize_t n = ::pwrite(fd, zeros.data(), chunk, done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            ok = false;
        else
            done += n;
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool exists(const std::string& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0;
}

} // namespace

EraseReport cryptoEraseStore(const std::string& dataDir, const RemoveFile& remove) {
    EraseReport report;
    const std::string keys = Store::keyFilePath(dataDir), db = Store::databasePath(dataDir);
    // 1. The key material: every wrapped copy of the data key, and the chain heads.
    report.keyMaterialDestroyed = true;
    for (const std::string& path : {keys, keys + ".tmp"}) {
        if (!exists(path)) continue;
        const bool ok = overwriteInPlace(path);
        report.steps.push_back((ok ? "overwrite " : "overwrite failed ") + path);
        report.keyMaterialDestroyed = report.keyMaterialDestroyed && ok;
    }
    // 2. The files, now unreadable ciphertext (heard.device: sync/device_command.h's credential).
    const RemoveFile removeFile = remove ? remove : [](const std::string& path) {
        return ::unlink(path.c_str()) == 0 || errno == ENOENT;
    };
    for (const std::string& path : {db, db + "-wal", db + "-shm", db + "-journal", db + ".new", keys + ".tmp",
                                    keys, dataDir + "/heard.device"}) {
        if (!exists(path)) continue;
        bool removed = false;
        try {
            removed = removeFile(path);
        } catch (...) {
        }
        report.steps.push_back((removed ? "remove " : "keep ") + path);
        if (!removed) report.notRemoved.push_back(path);
    }
    const int folder = ::open(dataDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        (void)::fsync(folder);
        ::close(folder);
    }
    return report;
}

} // namespace heard::storage
