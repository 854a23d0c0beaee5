// hardening.store_file_modes (issue 17.10): in a data folder that already existed, the
// database and its WAL were created 0644 (readable by every local user). Every store file
// is now 0600 whatever the folder and the umask.
#include "tests/storage/store_test_support.h"

#include <sys/stat.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {
int modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return int(st.st_mode & 0777);
}
} // namespace

TEST_CASE("store files are 0600 in a data folder that already exists") {
    TempDir tmp;
    const std::string dir = tmp.dataDir();
    std::filesystem::create_directories(dir);
    ::chmod(dir.c_str(), 0755);
    const mode_t previous = ::umask(022);
    {
        auto store = createStore(dir);
        addCaseload(*store);
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
        const std::string db = Store::databasePath(dir);
        for (const std::string& path : {db, db + "-wal", db + "-shm", Store::keyFilePath(dir)}) {
            CAPTURE(path);
            CHECK(modeOf(path) == 0600);
        }
    }
    // A store made by an earlier Heard with 0644 files is tightened at unlock.
    ::chmod(Store::databasePath(dir).c_str(), 0644);
    {
        auto store = unlockStore(dir);
        store->sign(store->createDraft(visitFor()).id, "Pat Example");
        const std::string db = Store::databasePath(dir);
        for (const std::string& path : {db, db + "-wal", db + "-shm"}) {
            CAPTURE(path);
            CHECK(modeOf(path) == 0600);
        }
    }
    ::umask(previous);
}
