#include "sync_test_support.h"

#include "sync/protocol_enrol.h"
#include "storage/record_kinds.h"

#include "storage/chain.h"
#include "storage/keys.h"

#include <doctest/doctest.h>
#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace heard::synctest {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TestCert makeCert(const std::string& dir, const std::string& name) {
    TestCert cert{dir + "/" + name + ".crt", dir + "/" + name + ".key", {}};
    std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
                          " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost"
                          " -keyout '" +
                          cert.keyPath + "' -out '" + cert.certPath + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("openssl could not make a test certificate");
    cert.pem = readFile(cert.certPath);
    return cert;
}

TestCert makeCertSignedBy(const std::string& dir, const std::string& name, const TestCert& issuer, int serial,
                          const std::string& reuseKeyOf) {
    TestCert cert{dir + "/" + name + ".crt", reuseKeyOf.empty() ? dir + "/" + name + ".key" : reuseKeyOf, {}};
    const std::string csr = dir + "/" + name + ".csr", ext = dir + "/" + name + ".ext";
    std::ofstream(ext) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    const std::string newKey =
        reuseKeyOf.empty()
            ? "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" + cert.keyPath + "'"
            : "-key '" + cert.keyPath + "'";
    const std::string command = "openssl req -new " + newKey + " -subj /CN=127.0.0.1 -out '" + csr +
                                "' >/dev/null 2>&1 && openssl x509 -req -days 2 -in '" + csr + "' -CA '" +
                                issuer.certPath + "' -CAkey '" + issuer.keyPath + "' -set_serial " +
                                std::to_string(serial) + " -extfile '" + ext + "' -out '" + cert.certPath +
                                "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("openssl could not sign a test certificate");
    cert.pem = readFile(cert.certPath);
    return cert;
}

sync::OrgConfig orgConfigFor(const TestCert& ca, int port) {
    return {"127.0.0.1", port, ca.pem, sync::spkiSha256OfPem(ca.pem)};
}

const storage::RecoveryKeyPair& organisationRecoveryKeys() {
    static const storage::RecoveryKeyPair s_keys = storage::RecoveryKeyPair::generate();
    return s_keys;
}

std::string organisationRecoveryPublicKeyHex() {
    return storage::toHex(organisationRecoveryKeys().publicKey);
}

void seedOrganisation(server::ServerStore& store) {
    static const std::string passwordHash = server::hashPassword(kPassword); // Argon2id once per run
    store.createPractitioner({kPractitioner, kPractitionerName, passwordHash, true});
    store.createPractitioner({kOtherPractitioner, "Bo Madeup", passwordHash, true});
    for (int i = 1; i <= 3; ++i) {
        std::string n = std::to_string(i);
        store.allocateCase(
            {"case-a" + n, "TEST/00" + n, "child-a" + n, "Pip Invented " + n, "2016-0" + n + "-01"},
            kPractitioner);
    }
    store.allocateCase({"case-b1", "TEST/101", "child-b1", "Kit Fictional", ""}, kOtherPractitioner);
    store.setSetting("recovery_public_key", organisationRecoveryPublicKeyHex());
    store.publishContent({1, {{"tools.json", {{"faces", {"happy", "sad"}}}}}});
}

struct ServerHarness::Log {
    std::mutex mutex;
    std::vector<std::string> lines;
};

ServerHarness::ServerHarness(server::ServerStore& store, const TestCert& cert, server::ServerConfig config)
    : m_cert(cert), m_log(std::make_shared<Log>()) {
    config.bindHost = "127.0.0.1";
    config.port = 0;
    if (!config.plainHttpForDevelopment) {
        config.certificatePath = cert.certPath;
        config.privateKeyPath = cert.keyPath;
    }
    auto log = m_log;
    config.logSink = [log](const std::string& line) {
        std::lock_guard lock(log->mutex);
        log->lines.push_back(line);
    };
    m_server = std::make_unique<server::HeardServer>(config, store);
    m_server->start();
}

ServerHarness::~ServerHarness() {
    stop();
}

void ServerHarness::stop() {
    if (m_server) m_server->stop();
}

std::vector<std::string> ServerHarness::logLines() const {
    std::lock_guard lock(m_log->mutex);
    return m_log->lines;
}

sync::ServerEndpoint ServerHarness::endpoint() const {
    sync::ServerEndpoint e;
    e.host = "127.0.0.1";
    e.port = m_server->port();
    e.trustedCaPem = m_cert.pem;
    e.connectTimeout = std::chrono::milliseconds(2000);
    e.readTimeout = std::chrono::milliseconds(5000);
    return e;
}

std::string enrolDevice(const sync::ServerEndpoint& endpoint, const std::string& user,
                        const std::string& password) {
    sync::HttpsChannel channel(endpoint);
    auto result = channel.post(sync::kPathEnrol,
                               sync::toJson(sync::EnrolRequest{1, user, password, "test tablet"}).dump());
    REQUIRE_MESSAGE(result.transportOk, result.error);
    REQUIRE(result.status == 200);
    auto response = sync::enrolResponseFromJson(sync::parseObject(result.body));
    // Two-phase enrolment (issue 20): confirmed, as the tablet does once it has saved everything.
    const std::string auth = response.deviceId + ":" + response.deviceSecret;
    auto confirmed = channel.post(sync::kPathEnrolConfirm, "{\"protocol\":1}", auth);
    REQUIRE(confirmed.status == 200);
    return auth;
}

std::vector<storage::Record> makeChain(const std::string& caseId, const std::string& childId, int n,
                                       const std::string& author, int startSeq, const std::string& prevHash) {
    std::vector<storage::Record> out;
    std::string prev = prevHash;
    static int counter = 0;
    for (int i = 0; i < n; ++i) {
        storage::Record r;
        r.id = "rec-" + sync::randomHex(8) + "-" + std::to_string(++counter);
        r.version = 1;
        r.caseId = caseId;
        r.childId = childId;
        r.kind = storage::kinds::kVisit;
        r.status = storage::RecordStatus::Signed;
        r.author = author;
        r.createdAt = "2026-11-23T09:00:00Z";
        r.signedAt = "2026-11-23T09:30:00Z";
        r.signedBy = author;
        r.payload = {{"where", "family centre"}, {"whatHappened", "drew a house with a red door"}, {"n", i}};
        r.chainSeq = startSeq + i;
        r.prevHash = prev;
        r.hash = storage::recordHash(r);
        prev = r.hash;
        out.push_back(r);
    }
    return out;
}

sync::PushEntry toPushEntry(const storage::Record& record, std::int64_t outboxId) {
    sync::PushEntry e;
    e.outboxId = outboxId;
    e.itemType = "record";
    e.itemId = record.id;
    e.version = record.version;
    e.caseId = record.caseId;
    e.highRisk = record.highRisk;
    e.body = storage::recordOutboxBody(record);
    return e;
}

sync::PushResponse pushEntries(const sync::ServerEndpoint& endpoint, const std::string& auth,
                               const std::vector<sync::PushEntry>& entries) {
    sync::HttpsChannel channel(endpoint);
    sync::PushRequest request;
    request.batchId = sync::randomHex(8);
    request.entries = entries;
    auto result = channel.post(sync::kPathPush, sync::toJson(request).dump(), auth);
    if (!result.transportOk) throw std::runtime_error("push transport failed: " + result.error);
    if (result.status != 200)
        throw std::runtime_error("push status " + std::to_string(result.status) + ": " + result.body);
    auto response = sync::pushResponseFromJson(sync::requireOk(sync::parseObject(result.body)));
    if (response.batchId != request.batchId) throw std::runtime_error("batch id not echoed");
    return response;
}

std::unique_ptr<storage::Store> makeDeviceStore(const std::string& dir) {
    auto recovery = storage::RecoveryKeyPair::generate();
    return storage::Store::create(dir + "/device", kDevicePassphrase, recovery.publicKey,
                                  storage::KdfParams::fastForTests());
}

std::string signVisit(storage::Store& store, const std::string& caseId, const std::string& childId,
                      bool highRisk, const std::string& note) {
    storage::NewRecord draft;
    draft.caseId = caseId;
    draft.childId = childId;
    draft.kind = storage::kinds::kVisit;
    draft.author = kPractitioner;
    draft.highRisk = highRisk;
    draft.payload = {{"whatHappened", note}};
    auto record = store.createDraft(draft);
    store.sign(record.id, kPractitioner);
    return record.id;
}

} // namespace heard::synctest
