// The managers' console (issue 15): plain server-rendered HTML and CSS served by heard-server on
// its own listener (same TLS), under /console/. Sessions, sign-in lockout counters and the record
// index live in the database, so several heard-server instances can serve one console.
//
// Security (item 2): password (Argon2id) then a TOTP code (RFC 6238); the session cookie is
// HttpOnly, Secure, SameSite=Strict and ends after 15 idle minutes; every form carries a CSRF
// token and a cross-site Origin is refused; every response has Content-Security-Policy
// default-src 'self' and Cache-Control no-store; wrong passwords and codes lock with a growing
// delay (server/enrol_guard.h); every record view is written to the server's audit log.
#pragma once

#include "server/console/note_signer.h"
#include "server/enrol_guard.h"
#include "server/server_store.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace heard::server::console {

struct ConsoleConfig {
    std::function<std::int64_t()> clockMs; // Unix milliseconds (tests move it)
    EnrolLimits limits;                    // lockout: the same rules as tablet sign-in
    bool secureCookies = true;             // false only on the plain-HTTP development server
    std::string safeguardingJsonPath;      // the referral routes' deadlines (as the tablet)
    std::function<bool(const std::string& hash, const std::string& password)> passwordCheck;
    // The record hash check (heard_server.h's RecordHashVerifier): "" valid, else a reason.
    std::function<std::string(const std::string& itemType, const nlohmann::json& body,
                              const std::string& text)>
        verifyRecordHash;
    std::shared_ptr<const NoteSigner> noteSigner; // signs the managers' notes (note_signer.h)
    std::function<void(nlohmann::json)> log;
    std::chrono::minutes idleTimeout{15};
};

class Console {
public:
    Console(ServerStore& store, ConsoleConfig config);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;
    void registerRoutes(httplib::Server& http);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace heard::server::console
