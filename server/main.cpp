// heard-server: flags and wiring only; everything else is in heard_server_core.
#include "server/admin.h"
#include "server/backup.h"
#include "server/heard_server.h"
#include "server/org_config.h"
#include "server/record_cipher.h"
#include "server/recovery_key.h"
#include "server/server_conf.h"
#include "sync/protocol.h"

#include <csignal>
#include <pthread.h>
#include <sys/stat.h>
#include <iostream>
#include <string>
#include <vector>

#ifndef HEARD_VERSION
#define HEARD_VERSION "0.0.0"
#endif

namespace {

int usage() {
    std::cerr
        << "usage:\n"
           "  heard-server [--db sqlite:<path>|postgres:<conninfo>] [--listen <host>:<port>]\n"
           "               --cert <pem> --key <pem> [--threads <n>] [--record-key <file>]\n"
           "               [--console]   (the managers' console under /console/)\n"
           "  heard-server ... --dev-plain-http        (development only: no TLS)\n"
           "  heard-server [--db ...] [--record-key <file>] admin <command> ...   (see "
           "docs/sync-protocol.md)\n"
           "  heard-server admin create-record-key <file>\n"
           "  heard-server admin create-recovery-key <secret key file>   (and <file>.pub)\n"
           "  heard-server admin enrolment-config --host <name> --port <n> --ca <ca.pem>\n"
           "  heard-server [--db ...] admin backup <file> | admin restore <file> | admin verify-chains\n"
           "  heard-server --version\n"
           "settings are read from "
        << heard::server::kDefaultConfigPath
        << " when it exists (--config <file> for another, --no-config for none); flags win\n";
    return 2;
}

// The store, with record bodies sealed at rest when a record key is given (server/record_cipher.h).
std::unique_ptr<heard::server::ServerStore> openStore(const std::string& db,
                                                      const std::string& recordKeyPath) {
    std::shared_ptr<const heard::server::RecordCipher> cipher;
    if (!recordKeyPath.empty())
        cipher = heard::server::RecordCipher::load(recordKeyPath); // before the database
    if (db.rfind("sqlite:", 0) == 0) heard::server::restrictDatabaseFiles(db.substr(7));
    auto store = heard::server::openServerStore(db);
    if (!cipher) return store;
    return heard::server::encryptRecordsAtRest(std::move(store), cipher);
}

} // namespace

int main(int argc, char** argv) {
    // Every file the server creates (SQLite database, WAL, record key) is its user's alone.
    ::umask(077);
    std::vector<std::string> args;
    try {
        args = heard::server::withConfigFile({argv + 1, argv + argc});
    } catch (const heard::server::ConfigFileError& e) {
        std::cerr << "heard-server: " << e.what() << '\n';
        return 2;
    }
    std::string db = "sqlite:heard-server.db";
    std::string recordKeyPath;
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
                // Commands that need no database.
                if (!rest.empty() && rest[0] == "create-record-key") {
                    if (rest.size() != 2) return usage();
                    heard::server::RecordCipher::createKeyFile(rest[1]);
                    std::cout << "created record key " << rest[1]
                              << " (mode 0600; keep it apart from database "
                                 "backups)\n";
                    return 0;
                }
                if (!rest.empty() && rest[0] == "create-recovery-key") {
                    if (rest.size() != 2) return usage();
                    const auto created = heard::server::createRecoveryKeyFiles(rest[1]);
                    std::cout << "created the organisation's recovery key pair\n"
                              << "secret key: " << created.secretPath
                              << " (mode 0600; move it onto offline media held by two named people, "
                                 "see docs/admin-guide.md)\n"
                              << "public key: " << created.publicPath << '\n'
                              << created.publicHex << '\n'
                              << "give the public key to heard-server: heard-server admin set-recovery-key "
                              << created.publicHex << '\n';
                    return 0;
                }
                if (!rest.empty() && (rest[0] == "backup" || rest[0] == "restore")) {
                    if (rest.size() != 2) return usage();
                    if (rest[0] == "backup")
                        return heard::server::backupDatabase(db, rest[1], std::cout, std::cerr);
                    const int restored = heard::server::restoreDatabase(db, rest[1], std::cout, std::cerr);
                    if (restored != 0) return restored;
                    auto store = openStore(db, recordKeyPath); // as the server will: schema, record key
                    heard::server::markRestored(*store);
                    std::cout
                        << "tablets that synced after this backup send again what it lacks at their next "
                           "sync\n";
                    return heard::server::runVerifyChainsCommand(*store, std::cout, std::cerr);
                }
                if (!rest.empty() && rest[0] == "verify-chains") {
                    auto store = openStore(db, recordKeyPath);
                    return heard::server::runVerifyChainsCommand(*store, std::cout, std::cerr);
                }
                if (!rest.empty() && rest[0] == "enrolment-config")
                    return heard::server::runEnrolmentConfigCommand({rest.begin() + 1, rest.end()}, std::cout,
                                                                    std::cerr);
                auto store = openStore(db, recordKeyPath);
                return heard::server::runAdminCommand(rest, *store, std::cin, std::cout, std::cerr);
            } else if (a == "--version") {
                std::cout << "heard-server " << HEARD_VERSION << "\nsync protocol "
                          << heard::sync::kProtocolVersion
                          << "\ncontent: none built in; tablets get what the administrator publishes (admin "
                             "publish-content)\n";
                return 0;
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
            else if (a == "--record-key")
                recordKeyPath = value();
            else if (a == "--threads")
                config.threads = static_cast<std::size_t>(std::stoul(value()));
            else if (a == "--console")
                config.console = true;
            else if (a == "--dev-plain-http")
                config.plainHttpForDevelopment = true;
            else if (a == "--test-intake-delay-ms")
                config.intakeDelayForTesting = std::chrono::milliseconds(std::stoi(value()));
            else
                return usage();
        } catch (const heard::server::RecordKeyError& e) {
            std::cerr << "heard-server: " << e.what() << '\n';
            return 1;
        } catch (const heard::server::RecoveryKeyError& e) {
            std::cerr << "heard-server: " << e.what() << '\n';
            return 1;
        } catch (const std::exception& e) {
            std::cerr << "heard-server: " << e.what() << '\n';
            return usage();
        }
    }
    try {
        auto store = openStore(db, recordKeyPath);
        if (recordKeyPath.empty())
            std::cerr
                << "heard-server: warning: no --record-key given: record bodies are stored unencrypted\n";
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
