// sync.faults: things that go wrong between a tablet and the server. After each fault the
// server must hold every signed record exactly once and the device must have lost nothing.
#include "fault_proxy.h"
#include "server_process.h"
#include "sync_test_support.h"

#include "sync/sync_client.h"
#include "sync/sync_service.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <thread>

using namespace heard;
using namespace heard::synctest;

namespace {

std::vector<std::string> signVisits(storage::Store& store, int n, const std::string& caseId = "case-a1",
                                    const std::string& childId = "child-a1") {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i)
        ids.push_back(signVisit(store, caseId, childId, false, "built a tower " + std::to_string(i)));
    return ids;
}

// Every signed record on the device is on the server exactly once, with the same body, and the
// device still has it.
void checkExactlyOnce(server::ServerStore& serverStore, storage::Store& device) {
    std::map<std::string, int> seen;
    std::map<std::string, std::string> bodies;
    for (const auto& e : serverStore.receivedSince(0, 1000000))
        if (e.itemType == "record") {
            ++seen[e.itemId];
            bodies[e.itemId] = e.body;
        }
    std::size_t signedOnDevice = 0;
    for (const auto& c : device.cases())
        for (const auto& r : device.recordsForCase(c.id)) {
            if (r.status != storage::RecordStatus::Signed) continue;
            ++signedOnDevice;
            CHECK_MESSAGE(seen[r.id] == 1, "record " << r.id << " held " << seen[r.id] << " times");
            CHECK(bodies[r.id] == storage::recordOutboxBody(r));
        }
    CHECK(seen.size() == signedOnDevice);
    CHECK(serverStore.conflictCount() == 0);
    CHECK(device.outboxQuarantined().empty());
}

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
    void enrol(const sync::ServerEndpoint& endpoint) {
        sync::SyncClient client(*device, endpoint);
        auto result = client.enrol(kPractitioner, kPassword, "tablet");
        REQUIRE_MESSAGE(result.ok(), result.message);
    }
};

int freePort() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(s);
    return ntohs(address.sin_port);
}

} // namespace

TEST_CASE("server killed (SIGKILL) in the middle of a batch: a retry completes it exactly once") {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    std::string db = dir.file("server.db");
    { seedOrganisation(*server::openSqliteServerStore(db)); }
    int port = freePort();
    std::vector<std::string> args = {
        "--db",   "sqlite:" + db, "--listen", "127.0.0.1:" + std::to_string(port),
        "--cert", cert.certPath,  "--key",    cert.keyPath};
    sync::ServerEndpoint endpoint;
    endpoint.port = port;
    endpoint.trustedCaPem = cert.pem;
    endpoint.readTimeout = std::chrono::milliseconds(5000);

    auto device = makeDeviceStore(dir.path());
    auto slowArgs = args;
    slowArgs.insert(slowArgs.end(), {"--test-intake-delay-ms", "40"});
    auto first = std::make_unique<ServerProcess>(HEARD_SERVER_EXE, slowArgs);
    REQUIRE_MESSAGE(first->waitHealthy(endpoint), "heard-server did not start");
    sync::SyncClient client(*device, endpoint);
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());
    signVisits(*device, 30);
    std::size_t total = device->outboxPendingCount();
    client.setBatchLimit(15); // records go in batches of 15; each batch is one server transaction

    sync::StepResult interrupted;
    std::thread pusher([&] { interrupted = client.push(); });
    // Kill as soon as the first batch has committed, i.e. while the second is in flight.
    std::size_t committed = 0;
    for (int i = 0; i < 200 && committed < 15; ++i) { // at most ~10 s
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        committed = server::openSqliteServerStore(db)->receivedCount();
    }
    first->kill(SIGKILL);
    pusher.join();
    CHECK(!interrupted.ok());
    std::size_t storedBeforeRestart = server::openSqliteServerStore(db)->receivedCount();
    INFO("entries committed before the kill: " << storedBeforeRestart);
    CHECK(storedBeforeRestart >= 15);                       // the first batch was committed...
    CHECK(storedBeforeRestart < 30);                        // ...the second was cut off mid-way
    CHECK(interrupted.acknowledged <= storedBeforeRestart); // never cleared without a commit
    CHECK(device->outboxPendingCount() == total - interrupted.acknowledged);

    ServerProcess second(HEARD_SERVER_EXE, args);
    REQUIRE(second.waitHealthy(endpoint));
    auto resumed = client.push();
    REQUIRE_MESSAGE(resumed.ok(), resumed.message);
    CHECK(device->outboxPendingCount() == 0);
    second.kill(SIGTERM);
    auto finalStore = server::openSqliteServerStore(db);
    checkExactlyOnce(*finalStore, *device);
}

TEST_CASE(
    "connection dropped mid-response: the server committed, the device retries, nothing is duplicated") {
    World w;
    FaultProxy proxy(w.harness->port());
    auto endpoint = w.harness->endpoint();
    endpoint.port = proxy.port();
    w.enrol(endpoint);
    signVisits(*w.device, 12);
    std::size_t pending = w.device->outboxPendingCount();

    // Let the first 1200 response-phase bytes through (TLS 1.3 session tickets may come first and
    // must not trigger the cut), then drop the connection in the middle of the push answer
    // (several kB for this batch), i.e. after the server has committed.
    proxy.cutResponsesAfter(1200, 1);
    endpoint.compress = false; // the cut above is placed by the size of the uncompressed answer
    sync::SyncClient client(*w.device, endpoint);
    auto dropped = client.push();
    CHECK(proxy.faultsInjected() == 1);
    CHECK(dropped.failure == sync::SyncFailure::Offline);
    CHECK(w.device->outboxPendingCount() == pending); // no acknowledgement was received
    CHECK(w.serverStore->receivedCount() > 0);        // but the server had committed

    auto retried = client.push();
    REQUIRE_MESSAGE(retried.ok(), retried.message);
    CHECK(w.device->outboxPendingCount() == 0);
    checkExactlyOnce(*w.serverStore, *w.device);
}

TEST_CASE("slow server: the client times out, keeps everything and succeeds later") {
    World w;
    FaultProxy proxy(w.harness->port());
    auto endpoint = w.harness->endpoint();
    endpoint.port = proxy.port();
    w.enrol(endpoint);
    signVisits(*w.device, 10);
    std::size_t pending = w.device->outboxPendingCount();

    endpoint.readTimeout = std::chrono::milliseconds(400);
    proxy.delayResponses(1500, 1);
    sync::SyncClient client(*w.device, endpoint);
    auto started = std::chrono::steady_clock::now();
    auto slow = client.push();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3)); // bounded wait
    CHECK(slow.failure == sync::SyncFailure::Offline);
    CHECK(w.device->outboxPendingCount() == pending);

    auto later = client.push();
    REQUIRE_MESSAGE(later.ok(), later.message);
    CHECK(w.device->outboxPendingCount() == 0);
    checkExactlyOnce(*w.serverStore, *w.device);
}

TEST_CASE("duplicated and reordered deliveries of whole batches store each record once") {
    World w;
    auto endpoint = w.harness->endpoint();
    w.enrol(endpoint);
    signVisits(*w.device, 6, "case-a1", "child-a1");
    signVisits(*w.device, 4, "case-a2", "child-a2");
    std::string auth =
        *w.device->setting(sync::setting::kDeviceId) + ":" + *w.device->setting(sync::setting::kDeviceSecret);
    // Cut the outbox into batches as the client would, then deliver them late, early and twice.
    std::vector<std::vector<sync::PushEntry>> batches(1);
    for (const auto& e : w.device->outboxPending(1000)) {
        if (batches.back().size() == 3) batches.emplace_back();
        batches.back().push_back(
            sync::PushEntry{e.id, e.itemType, e.itemId, e.version, e.caseId, false, e.body});
    }
    REQUIRE(batches.size() >= 4);
    std::vector<std::size_t> order;
    for (std::size_t i = batches.size(); i-- > 0;)
        order.push_back(i); // reversed
    for (std::size_t i = 0; i < batches.size(); ++i)
        order.push_back(i); // then in order
    for (std::size_t i = 0; i < batches.size(); ++i)
        order.push_back(i); // then all again
    for (auto i : order) {
        auto response = pushEntries(endpoint, auth, batches[i]);
        for (const auto& r : response.results)
            CHECK(r.status != sync::EntryStatus::Rejected);
    }
    // The device then syncs normally: everything is acknowledged (as duplicates), nothing twice.
    sync::SyncClient client(*w.device, endpoint);
    auto result = client.push();
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(w.device->outboxPendingCount() == 0);
    checkExactlyOnce(*w.serverStore, *w.device);
}

TEST_CASE("an answer that is not an explicit Heard success for this batch acknowledges nothing") {
    TempDir dir;
    auto device = makeDeviceStore(dir.path());
    device->putCase(storage::Case{"case-a1", "TEST/001", "t", {}, false, ""});
    device->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented 1", "", {}});
    device->setSetting(sync::setting::kDeviceId, "dev-fake");
    device->setSetting(sync::setting::kDeviceSecret, "secret");
    signVisits(*device, 3);
    std::size_t pending = device->outboxPendingCount();

    std::string mode;
    httplib::Server fake;
    fake.Post(sync::kPathPush, [&](const httplib::Request& req, httplib::Response& res) {
        auto request = nlohmann::json::parse(req.body);
        nlohmann::json results = nlohmann::json::array();
        for (const auto& e : request["entries"])
            results.push_back({{"outboxId", e["outboxId"]},
                               {"itemType", e["itemType"]},
                               {"itemId", e["itemId"]},
                               {"version", e["version"]},
                               {"status", "stored"}});
        nlohmann::json body = {
            {"ok", true}, {"protocol", 1}, {"batchId", request["batchId"]}, {"results", results}};
        if (mode == "portal")
            res.set_content("<html>Sign in to the cafe wifi</html>", "text/html");
        else if (mode == "otherBatch") {
            body["batchId"] = "someone-elses";
            res.set_content(body.dump(), "application/json");
        } else if (mode == "truncated")
            res.set_content(body.dump().substr(0, 40), "application/json");
        else if (mode == "notOk") {
            body["ok"] = false;
            res.set_content(body.dump(), "application/json");
        } else if (mode == "strangeIds") {
            for (auto& r : body["results"])
                r["outboxId"] = r["outboxId"].get<int>() + 1000;
            res.set_content(body.dump(), "application/json");
        } else if (mode == "error500") {
            res.status = 500;
            res.set_content(body.dump(), "application/json");
        } else
            res.set_content(body.dump(), "application/json");
    });
    int port = fake.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { fake.listen_after_bind(); });
    sync::ServerEndpoint endpoint;
    endpoint.port = port;
    endpoint.plainHttpForDevelopment = true; // a test double: no TLS needed to test parsing
    sync::SyncClient client(*device, endpoint);
    for (const char* m : {"portal", "otherBatch", "truncated", "notOk", "strangeIds", "error500"}) {
        mode = m;
        auto result = client.push(5);
        INFO("mode " << m);
        CHECK(device->outboxPendingCount() == pending);
        CHECK(result.acknowledged == 0);
        if (mode != "strangeIds") CHECK(result.failure == sync::SyncFailure::ServerError);
    }
    mode = "honest";
    CHECK(client.push().ok());
    CHECK(device->outboxPendingCount() == 0);
    fake.stop();
    serving.join();
}

TEST_CASE("wrong or revoked credentials: refused, nothing lost, the service stops on revocation") {
    World w;
    auto endpoint = w.harness->endpoint();
    w.enrol(endpoint);
    signVisits(*w.device, 4);
    std::size_t pending = w.device->outboxPendingCount();
    std::string deviceId = *w.device->setting(sync::setting::kDeviceId);
    std::string secret = *w.device->setting(sync::setting::kDeviceSecret);

    w.device->setSetting(sync::setting::kDeviceSecret, std::string(64, 'f'));
    sync::SyncClient client(*w.device, endpoint);
    auto wrong = client.push();
    CHECK(wrong.failure == sync::SyncFailure::Unauthorised);
    CHECK(w.device->outboxPendingCount() == pending);

    w.device->setSetting(sync::setting::kDeviceSecret, secret);
    REQUIRE(w.serverStore->revokeDevice(deviceId));
    auto revoked = client.push();
    CHECK(revoked.failure == sync::SyncFailure::Revoked);
    CHECK(client.pull().failure == sync::SyncFailure::Revoked);
    CHECK(w.device->outboxPendingCount() == pending);
    CHECK(w.serverStore->receivedCount() == 0);

    sync::SyncService service(*w.device, endpoint);
    service.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (service.cyclesCompleted() < 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(service.status().state == sync::SyncState::Stopped);
    CHECK(service.status().lastFailure == sync::SyncFailure::Revoked);
    service.stop();
    // All records are still on the device.
    CHECK(w.device->recordsForCase("case-a1").size() == 4);
}

TEST_CASE("a server with the wrong certificate gets nothing, before or after enrolment") {
    World w;
    TestCert impostorCert = makeCert(w.dir.path(), "impostor");
    auto impostorStore = server::openSqliteServerStore(w.dir.file("impostor.db"));
    seedOrganisation(*impostorStore);
    ServerHarness impostor(*impostorStore, impostorCert);

    // Enrolment trusts only the organisation's certificate: the impostor never sees the password.
    auto toImpostor = w.harness->endpoint();
    toImpostor.port = impostor.port();
    sync::SyncClient fooled(*w.device, toImpostor);
    auto enrol = fooled.enrol(kPractitioner, kPassword, "tablet");
    CHECK(enrol.failure == sync::SyncFailure::Certificate);
    CHECK(!fooled.enrolled());
    CHECK(impostor.logLines().size() == 1); // only its own "listening" line: no request reached it

    // After enrolment the real certificate is pinned: the impostor is refused even if the
    // organisation CA setting were to trust it.
    w.enrol(w.harness->endpoint());
    signVisits(*w.device, 3);
    std::size_t pending = w.device->outboxPendingCount();
    auto pinnedToImpostor = toImpostor;
    pinnedToImpostor.trustedCaPem = impostorCert.pem;
    sync::SyncClient client(*w.device, pinnedToImpostor);
    auto pushed = client.push();
    CHECK(pushed.failure == sync::SyncFailure::Certificate);
    CHECK(impostorStore->receivedCount() == 0);
    CHECK(w.device->outboxPendingCount() == pending);

    // The real server still gets everything once.
    sync::SyncClient honest(*w.device, w.harness->endpoint());
    REQUIRE(honest.push().ok());
    checkExactlyOnce(*w.serverStore, *w.device);
}
