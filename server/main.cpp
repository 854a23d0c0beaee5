// heard-server: flags and wiring only; everything else is in heard_server_core.
#include "server/admin.h"
#include "server/heard_server.h"

#include <csignal>
#include <pthread.h>
#include <iostream>
#include <string>
#include <vector>

namespace {

int usage() {
    std::cerr << "usage:\n"
                 "  heard-server [--db sqlite:<path>|postgres:<conninfo>] [--listen <host>:<port>]\n"
                 "               --cert <pem> --key <pem> [--threads <n>]\n"
                 "  heard-server ... --dev-plain-http        (development only: no TLS)\n"
                 "  heard-server [--db ...] admin <command> ...   (see docs/sync-protocol.md)\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string db = "sqlite:heard-server.db";
    heard::server::ServerConfig config;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::invalid_argument("missing value for " + a);
            return args[++i];
        };
        try {
            if (a == "admin") {
                std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
                auto store = heard::server::openServerStore(db);
                return heard::server::runAdminCommand(rest, *store, std::cin, std::cout, std::cerr);
            } else if (a == "--db")
                db = value();
            else if (a == "--listen") {
                std::string hostPort = value();
                auto colon = hostPort.rfind(':');
                if (colon == std::string::npos) return usage();
                config.bindHost = hostPort.substr(0, colon);
                config.port = std::stoi(hostPort.substr(colon + 1));
            } else if (a == "--cert")
                config.certificatePath = value();
            else if (a == "--key")
                config.privateKeyPath = value();
            else if (a == "--threads")
                config.threads = static_cast<std::size_t>(std::stoul(value()));
            else if (a == "--dev-plain-http")
                config.plainHttpForDevelopment = true;
            else if (a == "--test-intake-delay-ms")
                config.intakeDelayForTesting = std::chrono::milliseconds(std::stoi(value()));
            else
                return usage();
        } catch (const std::exception& e) {
            std::cerr << "heard-server: " << e.what() << '\n';
            return usage();
        }
    }
    try {
        auto store = heard::server::openServerStore(db);
        // SIGINT/SIGTERM are taken synchronously with sigwait on this thread (blocked before any
        // server thread exists, so they inherit the mask): a clean stop, no work in a handler.
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
        heard::server::HeardServer server(config, *store);
        server.start();
        int received = 0;
        sigwait(&stopSignals, &received);
        server.stop();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "heard-server: " << e.what() << '\n';
        return 1;
    }
}
