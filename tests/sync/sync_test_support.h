// Shared helpers for the sync and server tests: temporary directories, throw-away TLS
// certificates (made at run time with the openssl CLI), a loopback server harness, fictional
// organisation data and signed record chains. Every name here is invented.
#pragma once

#include "server/heard_server.h"
#include "server/server_store.h"
#include "storage/chain.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/store.h"
#include "sync/https_channel.h"
#include "sync/org_config.h"
#include "sync/protocol.h"
#include "tests/support/temp_dir.h"

#include <memory>
#include <string>
#include <vector>

namespace heard::synctest {

inline constexpr const char* kPractitioner = "pr-ada";
inline constexpr const char* kPractitionerName = "Ada Testperson";
inline constexpr const char* kOtherPractitioner = "pr-bo";
inline constexpr const char* kPassword = "correct-horse-battery-7";
inline constexpr const char* kDevicePassphrase = "device passphrase for tests";

// The shared temporary folder (tests/support/temp_dir.h), as heard-sync-XXXXXX.
struct TempDir : test::TempDir {
    TempDir() : test::TempDir("heard-sync") {}
};

struct TestCert {
    std::string certPath, keyPath, pem;
};
// A self-signed certificate for 127.0.0.1/localhost (EC P-256), valid for two days.
TestCert makeCert(const std::string& dir, const std::string& name);

// A certificate for 127.0.0.1/localhost signed by issuer's key (a makeCert certificate, which
// openssl marks CA:TRUE), with the given serial; reuseKeyOf, when given, is a key file to reuse
// (a renewal with the same key).
TestCert makeCertSignedBy(const std::string& dir, const std::string& name, const TestCert& issuer,
                          int serial = 4242, const std::string& reuseKeyOf = "");

std::string readFile(const std::string& path);

// The organisation configuration a tablet gets for a server on 127.0.0.1:port whose CA is ca.
sync::OrgConfig orgConfigFor(const TestCert& ca, int port);

// The fictional organisation's recovery key pair (made once per test process), and its public
// key in hex as the server sends it at enrolment.
const storage::RecoveryKeyPair& organisationRecoveryKeys();
std::string organisationRecoveryPublicKeyHex();

// Two practitioners, three cases for pr-ada (case-a1..a3, children child-a1..a3), one for pr-bo,
// the organisation recovery public key and content version 1.
void seedOrganisation(server::ServerStore& store);

// heard-server on 127.0.0.1, any free port, TLS with cert.
class ServerHarness {
public:
    ServerHarness(server::ServerStore& store, const TestCert& cert, server::ServerConfig config = {});
    ~ServerHarness();
    int port() const { return m_server->port(); }
    server::HeardServer& server() { return *m_server; }
    sync::ServerEndpoint endpoint() const; // trusts cert (as the organisation CA) for enrolment
    void stop();
    std::vector<std::string> logLines() const;

private:
    TestCert m_cert;
    struct Log;
    std::shared_ptr<Log> m_log;
    std::unique_ptr<server::HeardServer> m_server;
};

// Enrols through the real HTTPS API and returns "deviceId:secret".
std::string enrolDevice(const sync::ServerEndpoint& endpoint, const std::string& user = kPractitioner,
                        const std::string& password = kPassword);

// A chain of n signed records for one case, made with storage/chain.h exactly as the store does.
std::vector<storage::Record> makeChain(const std::string& caseId, const std::string& childId, int n,
                                       const std::string& author = kPractitioner, int startSeq = 1,
                                       const std::string& prevHash = "");
sync::PushEntry toPushEntry(const storage::Record& record, std::int64_t outboxId);

// POST a push of entries with the device credentials; returns the parsed response (throws on error).
sync::PushResponse pushEntries(const sync::ServerEndpoint& endpoint, const std::string& auth,
                               const std::vector<sync::PushEntry>& entries);

// A fresh encrypted device store (fast KDF) in dir.
std::unique_ptr<storage::Store> makeDeviceStore(const std::string& dir);

// Creates and signs a visit record for the case; returns its id.
std::string signVisit(storage::Store& store, const std::string& caseId, const std::string& childId,
                      bool highRisk = false, const std::string& note = "played with blocks");

} // namespace heard::synctest
