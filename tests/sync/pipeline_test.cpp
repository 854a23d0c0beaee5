// sync.pipeline: push reads the next batch and writes the last answer's acknowledgements while a
// batch is on its way (issue 19), and still behaves as a client that waited for every answer:
// one request at a time, in send order, nothing acknowledged that the server did not acknowledge,
// a chain held back by a retry stays held although its later entries were read ahead, and
// anything written meanwhile (a high-risk record signed during the push) is not left behind.
// Against a scripted plain-HTTP push endpoint on 127.0.0.1, with the real encrypted Store.
#include "sync_test_support.h"
#include "tests/sync/scripted_push_server.h"

#include "sync/sync_client.h"

#include <doctest/doctest.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <thread>

using namespace heard;
using namespace heard::synctest;

namespace {

// Waits up to `limit` for `done()`; true if it came.
bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

struct Tablet {
    TempDir dir;
    std::unique_ptr<storage::Store> store = makeDeviceStore(dir.path());
    Tablet() {
        for (const char* c : {"case-p", "case-q", "case-big", "case-urgent"}) {
            store->putCase(storage::Case{c, c, c, {}, false, ""});
            store->putChild(storage::Child{std::string("child-") + c, c, "Pip Invented", "", {}});
        }
        store->setSetting(sync::setting::kDeviceId, "dev-pipeline");
        store->setSetting(sync::setting::kDeviceSecret, "secret");
        store->outboxAcknowledge(pendingIds()); // the set-up's own audit entries: as if sent
        REQUIRE(store->outboxPendingCount() == 0);
    }
    sync::ServerEndpoint endpoint(int port) const {
        sync::ServerEndpoint e;
        e.port = port;
        e.plainHttpForDevelopment = true;
        return e;
    }
    std::vector<std::int64_t> pendingIds() {
        std::vector<std::int64_t> ids;
        for (const auto& e : store->outboxPending(100000))
            ids.push_back(e.id);
        return ids;
    }
};

std::vector<std::int64_t> idsOf(const std::vector<std::vector<sync::PushEntry>>& batches) {
    std::vector<std::int64_t> ids;
    for (const auto& b : batches)
        for (const auto& e : b)
            ids.push_back(e.outboxId);
    return ids;
}

} // namespace

TEST_CASE("the last answer is acknowledged while the next batch is on its way; the server sees one request "
          "at a time, in send order, each entry once") {
    Tablet tablet;
    for (int i = 0; i < 8; ++i)
        signVisit(*tablet.store, i % 2 ? "case-p" : "case-q", i % 2 ? "child-case-p" : "child-case-q");
    const auto order = tablet.pendingIds(); // the send order before anything is sent
    REQUIRE(order.size() == 24);            // each record with the two audit entries of its writing
    ScriptedPushServer server;
    sync::SyncClient client(*tablet.store, tablet.endpoint(server.port()));
    client.setBatchLimit(3); // a record and its audit entries per batch

    // A client that waited would write the first answer's acknowledgements before sending the
    // second batch, so the server could not have it yet.
    bool secondWasOnItsWay = false;
    std::size_t calls = 0;
    auto result = client.push(100, [&](std::size_t done, std::size_t) {
        if (calls++ == 0) {
            CHECK(done == 3);
            secondWasOnItsWay = waitFor([&] { return server.requests() >= 2; }, std::chrono::seconds(10));
        }
    });
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(secondWasOnItsWay);
    CHECK(result.acknowledged == 24);
    CHECK(tablet.store->outboxPendingCount() == 0);
    CHECK(server.mostInFlight() == 1);
    const auto batches = server.sent();
    CHECK(batches.size() == 8);
    CHECK(idsOf(batches) == order);
}

TEST_CASE("a failed request leaves its batch pending and keeps the answer before it") {
    Tablet tablet;
    for (int i = 0; i < 4; ++i)
        signVisit(*tablet.store, "case-p", "child-case-p");
    const auto order = tablet.pendingIds();
    ScriptedPushServer server;
    server.failWith = [](int request) { return request == 1 ? 503 : 0; };
    sync::SyncClient client(*tablet.store, tablet.endpoint(server.port()));
    client.setBatchLimit(3);
    auto result = client.push();
    CHECK_FALSE(result.ok());
    CHECK(result.acknowledged == 3); // written although the next request was already on its way
    CHECK(server.sent().size() == 2);
    const auto left = tablet.pendingIds();
    CHECK(left == std::vector<std::int64_t>(order.begin() + 3, order.end()));

    server.failWith = nullptr;
    auto again = client.push();
    REQUIRE_MESSAGE(again.ok(), again.message);
    CHECK(again.acknowledged == 9);
    CHECK(tablet.store->outboxPendingCount() == 0);
}

TEST_CASE("an entry the server holds back holds its chain, even the entries already read ahead") {
    Tablet tablet;
    std::vector<std::string> caseP;
    for (int i = 0; i < 6; ++i) {
        caseP.push_back(signVisit(*tablet.store, "case-p", "child-case-p"));
        signVisit(*tablet.store, "case-q", "child-case-q");
    }
    ScriptedPushServer server;
    // The first case-p record is "retry" (the server lacks what comes before it) the first time.
    std::atomic<bool> heldOnce{false};
    server.statusOf = [&](int, const sync::PushEntry& e) {
        if (e.itemId == caseP[0] && !heldOnce.exchange(true)) return sync::EntryStatus::Retry;
        return sync::EntryStatus::Stored;
    };
    sync::SyncClient client(*tablet.store, tablet.endpoint(server.port()));
    client.setBatchLimit(6); // a case-p and a case-q record, with their audit entries, per batch
    auto result = client.push();
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(result.retried == 1);
    // Nothing of case-p went after its held record, though the next batch (the second case-p
    // record) was read while the first was on its way; case-q went on.
    const auto batches = server.sent();
    std::size_t caseQSent = 0;
    for (std::size_t b = 0; b < batches.size(); ++b)
        for (const auto& e : batches[b]) {
            INFO("batch " << b << " entry " << e.itemId);
            if (b > 0) CHECK(e.caseId != "case-p");
            caseQSent += e.caseId == "case-q";
        }
    CHECK(caseQSent == 6); // records (audit entries belong to no case)
    // The whole of case-p is still to send, in order, and goes with the next push.
    std::set<std::string> pendingRecords;
    for (const auto& e : tablet.store->outboxPending(100))
        if (e.itemType == "record") pendingRecords.insert(e.itemId);
    CHECK(pendingRecords == std::set<std::string>(caseP.begin(), caseP.end()));
    auto again = client.push();
    REQUIRE_MESSAGE(again.ok(), again.message);
    CHECK(tablet.store->outboxPendingCount() == 0);
}

TEST_CASE("a high-risk record signed while a batch is on its way goes in the very next request") {
    Tablet tablet;
    // Record groups of three entries (the audit entries of writing and signing, and the record);
    // the second record is too large to send: the batch read ahead while the first is on its way
    // quarantines it, which the server can see.
    signVisit(*tablet.store, "case-p", "child-case-p");
    signVisit(*tablet.store, "case-big", "child-case-big", false,
              std::string(sync::kMaxEntryBodyBytes + 10, 'x'));
    signVisit(*tablet.store, "case-q", "child-case-q");
    signVisit(*tablet.store, "case-p", "child-case-p");
    ScriptedPushServer server;
    std::string urgent;
    bool readAhead = false;
    server.beforeAnswer = [&](int request) {
        if (request != 0) return;
        readAhead =
            waitFor([&] { return !tablet.store->outboxQuarantined().empty(); }, std::chrono::seconds(10));
        urgent = signVisit(*tablet.store, "case-urgent", "child-case-urgent", /*highRisk=*/true,
                           "said they do not feel safe at home");
    };
    sync::SyncClient client(*tablet.store, tablet.endpoint(server.port()));
    client.setBatchLimit(3);
    auto result = client.push();
    REQUIRE_MESSAGE(result.ok(), result.message);
    CHECK(readAhead);
    const auto batches = server.sent();
    REQUIRE(batches.size() >= 2);
    REQUIRE_FALSE(batches[1].empty());
    // Not the batch read before it was signed (the large record's audit entries and case-q's).
    CHECK(
        std::any_of(batches[1].begin(), batches[1].end(), [&](const auto& e) { return e.itemId == urgent; }));
    CHECK(tablet.store->outboxPendingCount() == 0);
    CHECK(tablet.store->outboxQuarantined().size() == 1);
}
