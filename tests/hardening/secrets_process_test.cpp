// Issue 17.5: the app turns off core dumps before anything secret exists. A child process
// (fork) calls the same function main.cpp calls and reports what the kernel then says.
#include "platform/process_hardening.h"

#include <doctest/doctest.h>

#include <cstdlib>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

TEST_CASE("hardenProcess: no core file and not dumpable") {
    // The parent first allows core dumps so the test shows the call, not the environment.
    rlimit allowed{};
    REQUIRE(getrlimit(RLIMIT_CORE, &allowed) == 0);
    allowed.rlim_cur = allowed.rlim_max;
    setrlimit(RLIMIT_CORE, &allowed);

    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Exit code: bit 0 the call failed, bit 1 a core limit remains, bit 2 still dumpable.
        int code = heard::platform::hardenProcess() ? 0 : 1;
        rlimit core{};
        if (getrlimit(RLIMIT_CORE, &core) != 0 || core.rlim_cur != 0 || core.rlim_max != 0) code |= 2;
        if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) code |= 4;
        _exit(code);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK_MESSAGE((WEXITSTATUS(status) & 1) == 0, "hardenProcess reported a failure");
    CHECK_MESSAGE((WEXITSTATUS(status) & 2) == 0, "RLIMIT_CORE is not 0");
    CHECK_MESSAGE((WEXITSTATUS(status) & 4) == 0, "the process is still dumpable");
}

TEST_CASE("hardenProcess: a crash writes no core file") {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        heard::platform::hardenProcess();
        std::abort();
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK_FALSE(WCOREDUMP(status));
}
