// hardening.tour_cleanup (issue 17 item 10): the screenshot tour (heard --tour) shows the
// fictional demo in a throw-away store in the temporary folder; when the tour fails part-way, that
// store must still go. The real executable runs with TMPDIR pointing at a folder of the test's own,
// and the tour is made to fail once the demo store exists (its second screenshot's path is taken
// by a folder, so the PNG cannot be written).
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

std::size_t entries(const std::string& folder) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder))
        ++n;
    return n;
}

int runHeard(const std::string& tmp, const std::string& args) {
    const std::string command = "TMPDIR='" + tmp + "' SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy '" +
                                std::string(HEARD_EXE) + "' " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("a tour that fails part-way leaves nothing in the temporary folder") {
    heard::test::TempDir dir("heard-tour-test");
    const std::string tmp = dir.file("tmp"), shots = dir.file("shots");
    std::filesystem::create_directories(tmp);
    // The second stop (the caseload, after the demo store is made) cannot be saved.
    std::filesystem::create_directories(shots + "/02-landscape-caseload.png");
    const int code = runHeard(tmp, "--data-dir '" + dir.file("data") + "' --tour '" + shots + "'");
    CHECK(code == 1);
    CHECK(std::filesystem::exists(shots + "/01-landscape-unlock.png")); // it did start
    CHECK(entries(tmp) == 0);
}

TEST_CASE("a tour that cannot start leaves nothing in the temporary folder either") {
    heard::test::TempDir dir("heard-tour-test");
    const std::string tmp = dir.file("tmp"), notAFolder = dir.file("file");
    std::filesystem::create_directories(tmp);
    {
        std::FILE* f = std::fopen(notAFolder.c_str(), "w");
        REQUIRE(f);
        std::fclose(f);
    }
    CHECK(runHeard(tmp, "--data-dir '" + dir.file("data") + "' --tour '" + notAFolder + "/shots'") == 1);
    CHECK(entries(tmp) == 0);
}
