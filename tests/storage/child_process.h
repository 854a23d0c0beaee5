// A forked writer process that reports each write that returned success on a pipe, for
// the crash (SIGKILL) and full-disk tests. The child never returns into doctest.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <functional>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace heard::storage::test {

class Reporter {
public:
    explicit Reporter(int fd) : m_fd(fd) {}
    // One line per successful write; a pipe write under PIPE_BUF is atomic.
    void line(const std::string& text) {
        const std::string l = text + "\n";
        ssize_t ignored = ::write(m_fd, l.data(), l.size());
        (void)ignored;
    }

private:
    int m_fd;
};

struct ChildOutcome {
    std::vector<std::string> lines;
    bool killed = false;
    int exitCode = -1;
};

// Runs body in a child. If killAfterMs >= 0 the child is SIGKILLed after that long
// (counted from its first reported line if clockFromFirstLine, so slow start-up under a
// sanitizer or a busy machine does not eat the window); otherwise the parent waits for it
// to exit (body's return value is the exit code).
inline ChildOutcome runInChild(const std::function<int(Reporter&)>& body, int killAfterMs,
                               bool clockFromFirstLine = false) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        Reporter reporter(fds[1]);
        int code = 99;
        try {
            code = body(reporter);
        } catch (...) {
            code = 98;
        }
        ::_exit(code);
    }
    ::close(fds[1]);
    ChildOutcome outcome;
    std::string buffer;
    auto start = std::chrono::steady_clock::now();
    bool sentKill = false;
    bool clockStarted = !clockFromFirstLine;
    for (;;) {
        int timeout = 50;
        if (!clockStarted && !buffer.empty()) {
            clockStarted = true;
            start = std::chrono::steady_clock::now();
        }
        if (killAfterMs >= 0 && !sentKill && clockStarted) {
            const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - start)
                                     .count();
            if (elapsed >= killAfterMs) {
                ::kill(pid, SIGKILL);
                sentKill = true;
            } else {
                timeout = int(killAfterMs - elapsed);
            }
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, timeout);
        if (ready > 0) {
            char chunk[4096];
            const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
            if (n > 0) {
                buffer.append(chunk, size_t(n));
                continue;
            }
            break; // EOF: the child is gone
        }
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    outcome.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::istringstream in(buffer);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) outcome.lines.push_back(l);
    return outcome;
}

} // namespace heard::storage::test
