// HeardServer: the HTTPS API of heard-server over a ServerStore.
//
// Endpoints (docs/sync-protocol.md): GET /v1/health, POST /v1/enrol, POST /v1/push, POST /v1/pull.
// HTTPS only; plain HTTP needs ServerConfig::plainHttpForDevelopment. Logs are one JSON object
// per line with no personal data: device ids, counts, statuses and timings only.
#pragma once

#include "server/connection_guard.h"
#include "server/enrol_guard.h"
#include "base/hash.h"
#include "server/server_store.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace heard::server {

// Verifies an outbox body's own hash (BLAKE2b over its canonical serialisation, storage/chain.h)
// given its item type, parsed JSON and exact text. Returns an empty string when valid, else a
// short reason code. The default uses heard_storage's chain code.
using RecordHashVerifier = std::function<std::string(const std::string& itemType, const nlohmann::json& body,
                                                     const std::string& text)>;

struct ServerConfig {
    std::string bindHost = "127.0.0.1";
    int port = 8443; // 0: any free port (see HeardServer::port())
    bool plainHttpForDevelopment = false;
    std::string certificatePath;       // PEM; required unless plain HTTP
    std::string privateKeyPath;        // PEM; required unless plain HTTP
    std::size_t threads = 16;          // the worker pool's core; it grows to connectionLimits.maxWorkers
    ConnectionLimits connectionLimits; // handshake deadline, per-address limit (server/connection_guard.h)
    // Argon2id cost for the password check is in the stored hash itself; nothing to set here.
    RecordHashVerifier recordHashVerifier;                // empty: defaultRecordHashVerifier()
    std::function<void(const std::string& line)> logSink; // empty: stderr
    EnrolLimits enrolLimits; // sign-in lockout and the cap on concurrent password hashes
    // Tests only: the password check (to count or hold calls; empty: verifyPassword) and the
    // clock the lockout uses (Unix milliseconds; empty: the system clock).
    std::function<bool(const std::string& passwordHash, const std::string& password)> passwordCheckForTesting;
    std::function<std::int64_t()> clockForTesting;
    // Development and fault tests only: sleep this long before storing each pushed entry, so a
    // test can kill the server in the middle of a batch.
    std::chrono::milliseconds intakeDelayForTesting{0};
    // The managers' console under /console/ on the same listener (server/console/console.h).
    bool console = false;
    std::string safeguardingJsonPath; // empty: the shipped assets/safeguarding/safeguarding.json
};

class HeardServer {
public:
    HeardServer(ServerConfig config, ServerStore& store);
    ~HeardServer(); // stops
    HeardServer(const HeardServer&) = delete;
    HeardServer& operator=(const HeardServer&) = delete;

    // Binds and starts serving on a background thread. Throws std::runtime_error with a clear
    // reason (bad certificate, port in use, plain HTTP without the flag).
    void start();
    // Serves on the calling thread until stop() (for the executable).
    void run();
    void stop();
    int port() const { return m_port; }

    // The handlers, callable without a network (used by the HTTP routes and by tests).
    struct Reply {
        int status = 200;
        nlohmann::json body;
        std::int64_t retryAfterSeconds = 0; // > 0: sent as Retry-After (429 locked out, 503 busy)
    };
    // remoteAddress: the client's IP address, for the per-address lockout (empty: none).
    Reply handleEnrol(const std::string& requestBody, const std::string& remoteAddress = {});
    Reply handlePush(const std::string& deviceAuth, const std::string& requestBody);
    Reply handlePull(const std::string& deviceAuth, const std::string& requestBody);
    Reply handleHealth();
    // A locked tablet's question for device commands (issue 17.9): device id and command token
    // only. Answered for a revoked device too, so a lost tablet that was revoked can still be wiped.
    Reply handleDeviceCommand(const std::string& requestBody);

private:
    struct Impl;
    void bind();
    void log(nlohmann::json line);
    std::optional<Device> authenticate(const std::string& deviceAuth, Reply& failure);

    ServerConfig m_config;
    ServerStore& m_store;
    std::unique_ptr<Impl> m_impl;
    int m_port = 0;
};

// Hashes a password with Argon2id (crypto_pwhash_str, interactive limits unless told otherwise).
std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& passwordHash, const std::string& password);

// BLAKE2b-256 (hex) of text: device secrets are stored only as this, bodies are compared by it.
using base::blake2bHex; // the one copy (base/hash.h)

// The record hash check backed by heard_storage (see docs/security-model.md).
RecordHashVerifier defaultRecordHashVerifier();

} // namespace heard::server
