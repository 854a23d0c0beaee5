// sync.client: the device side against the real encrypted Store and a real heard-server
// (SQLite backend) over loopback TLS: enrolment, push, quarantine, pull, reallocation, remote
// commands and the SyncService thread.
#include "sync_test_support.h"
#include "sync/certificate_pin.h"

#include "sync/protocol_content.h"
#include "sync/sync_client.h"
#include "sync/sync_service.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

using namespace heard;
using namespace heard::synctest;

namespace {

struct World {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::unique_ptr<server::ServerStore> serverStore = server::openSqliteServerStore(dir.file("server.db"));
    std::unique_ptr<ServerHarness> harness;
    std::unique_ptr<storage::Store> device = makeDeviceStore(dir.path());
    World() {
        seedOrganisation(*serverStore);
        harness = std::make_unique<ServerHarness>(*serverStore, cert);
    }
    sync::ServerEndpoint endpoint() const { return harness->endpoint(); }
};

std::set<std::string> receivedRecordIds(server::ServerStore& store) {
    std::set<std::string> ids;
    for (const auto& e : store.receivedSince(0, 100000))
        if (e.itemType == "record") ids.insert(e.itemId);
    return ids;
}

} // namespace

TEST_CASE(
    "enrolment saves identity, pin, allocations, recovery key and content; bad password saves nothing") {
    World w;
    sync::SyncClient client(*w.device, w.endpoint());
    auto bad = client.enrol(kPractitioner, "wrong-password-here", "tablet 1");
    CHECK(bad.failure == sync::SyncFailure::Unauthorised);
    CHECK(!client.enrolled());
    CHECK(w.device->cases().empty());

    auto ok = client.enrol(kPractitioner, kPassword, "tablet 1");
    REQUIRE_MESSAGE(ok.ok(), ok.message);
    CHECK(client.enrolled());
    CHECK(w.device->cases().size() == 3);
    REQUIRE(w.device->childById("child-a2").has_value());
    CHECK(w.device->childById("child-a2")->displayName == "Pip Invented 2");
    CHECK(w.device->setting(sync::setting::kRecoveryPublicKey) ==
          std::optional<std::string>(organisationRecoveryPublicKeyHex()));
    // The seeded content (version 1) is unsigned: refused, and not asked for again (issue 20).
    CHECK_FALSE(w.device->setting(sync::setting::kContentVersion).has_value());
    CHECK(w.device->setting(sync::setting::kContentRefused) == std::optional<std::string>("1"));
    CHECK(w.device->contentUpdates().empty());
    // The organisation's CA and its key are pinned (here the server's certificate is its own CA),
    // not the leaf: a renewed certificate under the same CA needs no re-enrolment.
    auto pin = w.device->setting(sync::setting::kPinnedCaPem);
    REQUIRE(pin.has_value());
    CHECK(sync::certificateFingerprint(*pin) == sync::certificateFingerprint(w.cert.pem));
    CHECK(w.device->setting(sync::setting::kPinnedSpki) == sync::spkiSha256OfPem(w.cert.pem));
    CHECK_FALSE(w.device->setting(sync::setting::kPinnedCert).has_value());
}

TEST_CASE("push sends the whole outbox, high-risk first, and clears entries only on acknowledgement") {
    World w;
    sync::SyncClient client(*w.device, w.endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i)
        ids.push_back(signVisit(*w.device, "case-a1", "child-a1"));
    std::string urgent =
        signVisit(*w.device, "case-a3", "child-a3", /*highRisk=*/true, "said they feel unsafe at home");
    for (int i = 0; i < 3; ++i)
        ids.push_back(signVisit(*w.device, "case-a2", "child-a2"));
    ids.push_back(urgent);
    std::size_t pending = w.device->outboxPendingCount();
    REQUIRE(pending >= ids.size());

    client.setBatchLimit(3); // several bounded batches
    std::vector<std::size_t> progress;
    auto result = client.push(100, [&](std::size_t done, std::size_t) { progress.push_back(done); });
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(result.acknowledged == pending);
    CHECK(w.device->outboxPendingCount() == 0);
    CHECK(progress.size() >= 3);
    CHECK(std::is_sorted(progress.begin(), progress.end()));
    auto received = receivedRecordIds(*w.serverStore);
    CHECK(received == std::set<std::string>(ids.begin(), ids.end()));
    // The high-risk record reached the server first (preceded only by its own audit entries,
    // which travel with it).
    auto stored = w.serverStore->receivedSince(0, 100000);
    auto firstRecord =
        std::find_if(stored.begin(), stored.end(), [](const auto& e) { return e.itemType == "record"; });
    REQUIRE(firstRecord != stored.end());
    CHECK(firstRecord->itemId == urgent);
    // Nothing to send: a second push is a no-op and stores nothing new.
    std::size_t before = w.serverStore->receivedCount();
    auto again = client.push();
    CHECK(again.ok());
    CHECK(again.acknowledged == 0);
    CHECK(w.serverStore->receivedCount() == before);
}

TEST_CASE("a rejected or oversized entry is quarantined with its reason and the rest goes on") {
    World w;
    sync::SyncClient client(*w.device, w.endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    // case-b1 belongs to another practitioner: the server refuses records for it.
    w.device->putCase(storage::Case{"case-b1", "TEST/101", "not ours", {}, false, ""});
    w.device->putChild(storage::Child{"child-b1", "case-b1", "Kit Fictional", "", {}});
    std::string refused = signVisit(*w.device, "case-b1", "child-b1");
    std::string big =
        signVisit(*w.device, "case-a2", "child-a2", false, std::string(sync::kMaxEntryBodyBytes + 10, 'x'));
    std::string fine = signVisit(*w.device, "case-a1", "child-a1");

    auto result = client.push();
    REQUIRE_MESSAGE(result.ok(), result.message);
    // Three: the two records, and the audit entry of signing the case-b1 record (an audit entry
    // about another practitioner's case is refused too).
    CHECK(result.quarantined == 3);
    auto quarantined = w.device->outboxQuarantined();
    REQUIRE(quarantined.size() == 3);
    std::map<std::string, std::string> reasons;
    for (const auto& q : quarantined) {
        reasons[q.itemId] = q.quarantineReason;
        if (q.itemType == "audit") {
            CHECK(q.body.find("case=case-b1") != std::string::npos);
            CHECK(q.quarantineReason.find("not_allocated") != std::string::npos);
        }
    }
    CHECK(reasons[refused].find("not_allocated") != std::string::npos);
    CHECK(reasons[big].find("too large") != std::string::npos);
    CHECK(w.device->outboxPendingCount() == 0);
    CHECK(receivedRecordIds(*w.serverStore) == std::set<std::string>{fine});
    // The device has lost nothing: both records are still in the store.
    CHECK(w.device->recordById(refused).has_value());
    CHECK(w.device->recordById(big).has_value());
}

TEST_CASE("pull: reallocation removes a case only once its records are synced; content and commands apply") {
    World w;
    std::atomic<int> locks{0}, wipes{0};
    std::vector<std::string> removedByApp;
    sync::DeviceActions actions;
    actions.lock = [&] { ++locks; };
    actions.wipe = [&] { ++wipes; };
    actions.removeCase = [&](const std::string& caseId) { removedByApp.push_back(caseId); };
    sync::SyncClient client(*w.device, w.endpoint(), actions);
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    std::string unsynced = signVisit(*w.device, "case-a2", "child-a2");

    w.serverStore->allocateCase({"case-a2", "TEST/002", "child-a2", "Pip Invented 2", ""},
                                kOtherPractitioner);
    w.serverStore->allocateCase({"case-a9", "TEST/009", "child-a9", "Rue Pretend", ""}, kPractitioner);
    // Signed by the organisation's CA (here the server's own certificate): kept (issue 20).
    w.serverStore->publishContent(sync::signContentUpdate(
        {2, {{"tools.json", {{"faces", {"calm"}}}}}, {}, {}}, readFile(w.cert.keyPath), w.cert.pem));
    auto pulled = client.pull();
    REQUIRE_MESSAGE(pulled.ok(), pulled.message);
    CHECK(w.device->caseById("case-a9").has_value());
    CHECK(w.device->setting(sync::setting::kContentVersion) == std::optional<std::string>("2"));
    CHECK(removedByApp.empty()); // case-a2 still has an unsynced record
    CHECK(w.device->outboxPendingCount() > 0);

    REQUIRE(client.push().ok());
    CHECK(receivedRecordIds(*w.serverStore).count(unsynced) == 1);
    CHECK(removedByApp == std::vector<std::string>{"case-a2"});
    REQUIRE(client.pull().ok()); // tells the server the removal happened
    std::string deviceId = *w.device->setting(sync::setting::kDeviceId);
    CHECK(w.serverStore->confirmedRemovals(deviceId) == std::vector<std::string>{"case-a2"});

    CHECK(locks == 0);
    w.serverStore->setDeviceCommand(deviceId, sync::DeviceCommand::Lock);
    REQUIRE(client.pull().ok());
    CHECK(locks == 1);
    w.serverStore->setDeviceCommand(deviceId, sync::DeviceCommand::Wipe);
    REQUIRE(client.pull().ok());
    CHECK(wipes == 1);
}

TEST_CASE("without an app hook a synced reallocated case still leaves the store (issue 20)") {
    World w;
    sync::SyncClient client(*w.device, w.endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    REQUIRE(w.device->caseById("case-a3").has_value());
    w.serverStore->allocateCase({"case-a3", "TEST/003", "child-a3", "Pip Invented 3", ""},
                                kOtherPractitioner);
    REQUIRE(client.pull().ok());
    CHECK_FALSE(w.device->caseById("case-a3").has_value());
    CHECK_FALSE(w.device->childById("child-a3").has_value());
}

TEST_CASE("SyncService syncs on its own thread, reports status and wakes the app") {
    World w;
    {
        sync::SyncClient client(*w.device, w.endpoint());
        REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    }
    for (int i = 0; i < 5; ++i)
        signVisit(*w.device, "case-a1", "child-a1");
    sync::BackoffPolicy policy;
    policy.periodic = std::chrono::milliseconds(60000);
    // Before the service: its destructor reports the stop through the callback, which must not
    // outlive the counter (ASan: stack-use-after-scope).
    std::atomic<int> wakes{0};
    sync::SyncService service(*w.device, w.endpoint(), {}, policy);
    service.setOnChange([&] { ++wakes; });
    CHECK(service.status().state == sync::SyncState::Stopped);
    service.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (service.cyclesCompleted() < 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto status = service.status();
    CHECK(status.state == sync::SyncState::Idle);
    CHECK(status.pendingCount == 0);
    CHECK(status.lastError.empty());
    CHECK(!status.lastSuccess.empty());
    CHECK(wakes.load() > 0);
    CHECK(receivedRecordIds(*w.serverStore).size() == 5);

    // "Sync now" runs another cycle at once, without waiting for the periodic timer.
    signVisit(*w.device, "case-a2", "child-a2");
    auto cycles = service.cyclesCompleted();
    service.syncNow();
    CHECK_FALSE(service.settled()); // asked for and not yet done, whether or not it has begun
    while (!service.settled() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(service.settled());
    CHECK(service.cyclesCompleted() == cycles + 1); // settled means the asked-for cycle finished
    CHECK(receivedRecordIds(*w.serverStore).size() == 6);
    service.stop();
    CHECK(service.status().state == sync::SyncState::Stopped);
}

TEST_CASE("SyncService backs off with jitter when the server is away, and recovers when it returns") {
    World w;
    {
        sync::SyncClient client(*w.device, w.endpoint());
        REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    }
    signVisit(*w.device, "case-a1", "child-a1");
    int port = w.harness->port();
    w.harness.reset(); // the server goes away
    sync::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds(100);
    policy.cap = std::chrono::milliseconds(400);
    sync::ServerEndpoint endpoint;
    endpoint.port = port;
    endpoint.connectTimeout = std::chrono::milliseconds(500);
    sync::SyncService service(*w.device, endpoint, {}, policy);
    service.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (service.status().consecutiveFailures < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto status = service.status();
    CHECK(status.consecutiveFailures >= 2);
    CHECK(status.state == sync::SyncState::WaitingRetry);
    CHECK(status.lastFailure == sync::SyncFailure::Offline);
    CHECK(status.nextAttemptIn <= policy.cap);
    CHECK(status.pendingCount > 0); // nothing lost
    service.stop();
}

TEST_CASE("backoff grows, is capped and jittered") {
    sync::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds(1000);
    policy.cap = std::chrono::milliseconds(60000);
    CHECK(policy.delayAfter(1, 0.0).count() == 500);
    CHECK(policy.delayAfter(1, 0.999).count() >= 999);
    CHECK(policy.delayAfter(3, 0.0).count() == 2000);
    CHECK(policy.delayAfter(30, 0.999).count() <= 60000);
    CHECK(policy.delayAfter(30, 0.0).count() == 30000);
    CHECK(policy.delayAfter(4, 0.2) != policy.delayAfter(4, 0.8));
}

TEST_CASE(
    "SyncService backs off when the server keeps holding an entry back (its predecessor is quarantined)") {
    World w;
    {
        sync::SyncClient client(*w.device, w.endpoint());
        REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    }
    std::string first = signVisit(*w.device, "case-a1", "child-a1");
    std::string second = signVisit(*w.device, "case-a1", "child-a1");
    for (const auto& e : w.device->outboxPending(1000))
        if (e.itemId == first) w.device->outboxQuarantine(e.id, "held for the test");
    sync::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds(100);
    policy.cap = std::chrono::milliseconds(10000);
    policy.periodic = std::chrono::milliseconds(60000);
    sync::SyncService service(*w.device, w.endpoint(), {}, policy);
    service.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (service.cyclesCompleted() < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto status = service.status();
    service.stop();
    INFO("state " << sync::syncStateName(status.state) << ", pending " << status.pendingCount
                  << ", next attempt in " << status.nextAttemptIn.count() << " ms");
    CHECK(service.cyclesCompleted() >= 3);
    CHECK(status.lastError.empty());                               // not a failure...
    CHECK(status.nextAttemptIn >= std::chrono::milliseconds(200)); // ...but the delay grew (base is 100 ms)
    CHECK(receivedRecordIds(*w.serverStore).count(second) == 0);   // never stored out of order
    bool stillPending = false;
    for (const auto& e : w.device->outboxPending(1000))
        stillPending |= e.itemId == second;
    CHECK(stillPending); // and never lost
}

TEST_CASE("content updates: only the organisation's CA, or a codeSigning certificate it issued, signs them") {
    TempDir dir;
    const TestCert ca = makeCert(dir.path(), "ca");
    const TestCert tls = makeCertSignedBy(dir.path(), "tls", ca); // a server certificate: no codeSigning
    const TestCert other = makeCert(dir.path(), "other");
    const sync::ContentUpdate update{5, {{"tools/x.json", {{"prompt", "How are you? (fictional)"}}}}, {}, {}};
    const auto byCa = sync::signContentUpdate(update, readFile(ca.keyPath), ca.pem);
    CHECK(sync::contentSignatureProblem(byCa, ca.pem).empty());
    // Through the wire format and back, still verifiable.
    CHECK(sync::contentSignatureProblem(
              sync::contentUpdateFromJson(nlohmann::json::parse(sync::toJson(byCa).dump())), ca.pem)
              .empty());
    auto changed = byCa;
    changed.files["tools/x.json"]["prompt"] = "How are you? (fictionaL)";
    CHECK(sync::contentSignatureProblem(changed, ca.pem).find("does not match") != std::string::npos);
    changed = byCa;
    changed.version = 6;
    CHECK(sync::contentSignatureProblem(changed, ca.pem).find("does not match") != std::string::npos);
    CHECK(sync::contentSignatureProblem(update, ca.pem) == "the update is not signed");
    const auto byTls = sync::signContentUpdate(update, readFile(tls.keyPath), tls.pem);
    CHECK(sync::contentSignatureProblem(byTls, "").empty()); // consistent in itself...
    CHECK(sync::contentSignatureProblem(byTls, ca.pem).find("codeSigning") !=
          std::string::npos); // ...not a signer
    const auto byOther = sync::signContentUpdate(update, readFile(other.keyPath), other.pem);
    CHECK(sync::contentSignatureProblem(byOther, ca.pem).find("not certified") != std::string::npos);
    CHECK_THROWS_AS(sync::signContentUpdate(update, readFile(other.keyPath), ca.pem), std::runtime_error);
}
