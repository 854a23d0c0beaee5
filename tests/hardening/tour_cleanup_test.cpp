// hardening.tour_cleanup (issue 17 item 10): the screenshot tour (heard --tour) shows the
// fictional demo in a throw-away store in the temporary folder; when the tour fails part-way, that
// store must still go. The real executable runs with TMPDIR pointing at a folder of the test's own,
// and the tour is made to fail once the demo store exists (its second screenshot's path is taken
// by a folder, so the PNG cannot be written).
//
// Where the store went is not taken on trust: while heard runs, the test watches the files it
// has open (/proc/<pid>/fd) and notes every folder holding a store database. After heard has
// exited, each such folder must be gone, wherever it was. (Scanning only $TMPDIR passed on the
// old code, which made its tour store in /tmp whatever TMPDIR said and left it there on failure.)
#include "storage/store.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::size_t entries(const std::string& folder) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
        ++n;
    return n;
}

struct Run {
    int exitCode = -1;
    std::set<std::string> storeFolders; // folders of every store database heard had open
};

// Adds the folder of each store database the process has open.
void noteOpenStores(pid_t pid, std::set<std::string>& folders) {
    std::error_code ec;
    const std::string fdDir = "/proc/" + std::to_string(pid) + "/fd";
    for (fs::directory_iterator it(fdDir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code linkError;
        const fs::path target = fs::read_symlink(it->path(), linkError);
        if (linkError) continue;
        const std::string name = target.filename().string();
        if (name == heard::storage::kDatabaseFileName || name == std::string(heard::storage::kKeyFileName))
            folders.insert(target.parent_path().string());
    }
}

// Runs heard with TMPDIR=tmp, watching its open files until it exits (at most 150 s).
Run runHeard(const std::string& tmp, const std::vector<std::string>& args) {
    Run run;
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::setenv("TMPDIR", tmp.c_str(), 1);
        ::setenv("SDL_VIDEODRIVER", "dummy", 1);
        ::setenv("SDL_AUDIODRIVER", "dummy", 1);
        const int devNull = ::open("/dev/null", O_WRONLY);
        if (devNull >= 0) {
            ::dup2(devNull, 1);
            ::dup2(devNull, 2);
        }
        std::vector<char*> argv{const_cast<char*>(HEARD_EXE)};
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(HEARD_EXE, argv.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);
    int status = 0;
    for (;;) {
        noteOpenStores(pid, run.storeFolders);
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            FAIL("heard --tour did not finish within 150 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace

TEST_CASE("a tour that fails part-way leaves its demo store nowhere") {
    heard::test::TempDir dir("heard-tour-test");
    const std::string tmp = dir.file("tmp"), shots = dir.file("shots");
    fs::create_directories(tmp);
    // The second stop (the caseload, after the demo store is made) cannot be saved.
    fs::create_directories(shots + "/02-landscape-caseload.png");
    const Run run = runHeard(tmp, {"--data-dir", dir.file("data"), "--tour", shots});
    CHECK(run.exitCode == 1);
    CHECK(fs::exists(shots + "/01-landscape-unlock.png")); // it did start
    // The demo store was made (the watch saw it), in the temporary folder the test gave it...
    REQUIRE_MESSAGE(!run.storeFolders.empty(), "heard never had a store open: the tour did not get far");
    for (const auto& folder : run.storeFolders) {
        CHECK_MESSAGE(folder.rfind(tmp + "/", 0) == 0, "the tour store was made outside $TMPDIR: " << folder);
        // ...and is gone now that the tour has failed.
        CHECK_MESSAGE(!fs::exists(folder), "the failed tour left its demo store in " << folder);
    }
    CHECK(entries(tmp) == 0);
    CHECK(!fs::exists(dir.file("data") + "/" + heard::storage::kDatabaseFileName)); // never the user's store
}

TEST_CASE("a tour that cannot start leaves nothing in the temporary folder either") {
    heard::test::TempDir dir("heard-tour-test");
    const std::string tmp = dir.file("tmp"), notAFolder = dir.file("file");
    fs::create_directories(tmp);
    {
        std::FILE* f = std::fopen(notAFolder.c_str(), "w");
        REQUIRE(f);
        std::fclose(f);
    }
    const Run run = runHeard(tmp, {"--data-dir", dir.file("data"), "--tour", notAFolder + "/shots"});
    CHECK(run.exitCode == 1);
    for (const auto& folder : run.storeFolders)
        CHECK_MESSAGE(!fs::exists(folder), "the failed tour left its demo store in " << folder);
    CHECK(entries(tmp) == 0);
}
