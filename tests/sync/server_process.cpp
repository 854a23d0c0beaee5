#include "tests/sync/server_process.h"

#include "sync/protocol.h"

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace heard::synctest {

namespace {
constexpr const char* kNoConfig = "--no-config";
} // namespace

ServerRun runServerExecutable(const std::string& executable, const std::string& arguments) {
    ServerRun result;
    const std::string command = "'" + executable + "' " + kNoConfig + " " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

ServerProcess::ServerProcess(const std::string& executable, const std::vector<std::string>& args) {
    // Everything execv needs is made before fork: the child only calls async-signal-safe functions.
    std::vector<std::string> words{executable, kNoConfig};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
}

ServerProcess::~ServerProcess() {
    kill(SIGTERM);
}

void ServerProcess::kill(int signal) {
    if (m_pid <= 0) return;
    ::kill(m_pid, signal);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
}

bool ServerProcess::waitHealthy(const sync::ServerEndpoint& endpoint) {
    for (int i = 0; i < 100; ++i) {
        sync::HttpsChannel channel(endpoint);
        auto r = channel.get(sync::kPathHealth);
        if (r.transportOk && r.status == 200) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

} // namespace heard::synctest
