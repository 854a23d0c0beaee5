// The heard-server executable, started by a test: a command that runs to its end
// (runServerExecutable) or a server kept running in a child process (ServerProcess).
//
// Both always put --no-config first, so a machine with /etc/heard/server.conf installed (the
// heard-server package's conffile) never changes what a test starts. Every test that starts
// heard-server goes through here (ctest -R ship.no_config checks the sources).
#pragma once

#include "sync/https_channel.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace heard::synctest {

struct ServerRun {
    int exitCode = -1;
    std::string output; // stdout and stderr together
};

// Runs `<executable> --no-config <arguments>` through the shell (arguments are shell words:
// quote paths) and waits for it.
ServerRun runServerExecutable(const std::string& executable, const std::string& arguments);

class ServerProcess {
public:
    // Starts `<executable> --no-config <args...>` (no shell); stderr goes to /dev/null.
    ServerProcess(const std::string& executable, const std::vector<std::string>& args);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Sends signal and waits for the process (SIGTERM: a clean stop; SIGKILL: a crash).
    void kill(int signal);
    // Asks /v1/health every 100 ms for up to ~10 s.
    bool waitHealthy(const sync::ServerEndpoint& endpoint);

private:
    pid_t m_pid = -1;
};

} // namespace heard::synctest
