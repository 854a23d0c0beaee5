// store.records: the record rules from DOMAIN.md through the public API. Drafts change,
// signing freezes and chains, addenda are dated and signed, a secured case is frozen, the
// audit log and outbox are written in the same transaction, the revision counter bumps.
#include "store_test_support.h"
#include "storage/record_kinds.h"

#include "storage/chain.h"
#include "storage/database.h"

#include <set>
#include <thread>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

struct Fixture {
    TempDir tmp;
    ManualClock clock;
    std::unique_ptr<Store> store;
    Fixture() {
        store = createStore(tmp.dataDir(), optionsWith(clock));
        addCaseload(*store);
    }
};

} // namespace

TEST_CASE("cases and children round-trip, and updates replace their fields") {
    Fixture f;
    auto c = f.store->caseById("case-1");
    REQUIRE(c);
    CHECK(c->reference == "REF-case-1");
    CHECK_FALSE(c->secured);
    auto child = f.store->childById("case-1-child-a");
    REQUIRE(child);
    CHECK(child->displayName == "Robin Testchild");
    CHECK(child->details.at("interpreterLanguage") == "cy");
    CHECK(f.store->childrenForCase("case-1").size() == 2);

    Child updated = *child;
    updated.details["addressConfidential"] = true;
    f.store->putChild(updated);
    CHECK(f.store->childById("case-1-child-a")->details.at("addressConfidential") == true);
    CHECK(f.store->children().size() == 2);
    CHECK_FALSE(f.store->caseById("no-such-case"));

    Child orphan;
    orphan.id = "orphan";
    orphan.caseId = "no-such-case";
    CHECK_STORE_ERROR(f.store->putChild(orphan), StoreErrorKind::NotFound);
}

TEST_CASE("a draft autosaves and can change; every write bumps the revision") {
    Fixture f;
    const auto rev0 = f.store->revision();
    Record draft = f.store->createDraft(visitFor());
    CHECK(draft.id.size() == 36);
    CHECK(std::string(toString(draft.status)) == "draft");
    CHECK(draft.createdAt == "2026-11-23T10:15:00Z");
    CHECK(f.store->revision() > rev0);

    f.clock.advance(90);
    const auto rev1 = f.store->revision();
    Record saved = f.store->saveDraft(draft.id, {{"where", "school"}, {"whatHappened", "drew a house"}});
    CHECK(f.store->revision() > rev1);
    CHECK(saved.updatedAt == "2026-11-23T10:16:30Z");
    auto loaded = f.store->recordById(draft.id);
    REQUIRE(loaded);
    CHECK(loaded->payload.at("where") == "school");
    CHECK(loaded->createdAt == "2026-11-23T10:15:00Z");

    f.store->setHighRisk(draft.id, true);
    CHECK(f.store->recordById(draft.id)->highRisk);

    CHECK_STORE_ERROR(f.store->saveDraft("00000000-0000-4000-8000-000000000000", nlohmann::json::object()),
                      StoreErrorKind::NotFound);
    CHECK_STORE_ERROR(f.store->saveDraft(draft.id, nlohmann::json::array()), StoreErrorKind::InvalidArgument);
    CHECK_STORE_ERROR(f.store->saveDraft(draft.id, {{"bad", std::string("\xff\xfe")}}),
                      StoreErrorKind::InvalidArgument);
    // The failed saves lost nothing.
    CHECK(f.store->recordById(draft.id)->payload.at("whatHappened") == "drew a house");
}

TEST_CASE("createDraft refuses bad input clearly") {
    Fixture f;
    NewRecord r = visitFor();
    r.caseId = "no-such-case";
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::NotFound);
    r = visitFor("case-1", "no-such-child");
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::NotFound);
    addCaseload(*f.store, "case-2");
    r = visitFor("case-1", "case-2-child-a");
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::InvalidArgument);
    r = visitFor();
    r.kind = "";
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::InvalidArgument);
    r = visitFor();
    r.kind = kinds::kAddendum;
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::InvalidArgument);
    r = visitFor();
    r.parentId = "00000000-0000-4000-8000-000000000000";
    CHECK_STORE_ERROR(f.store->createDraft(r), StoreErrorKind::NotFound);
    CHECK(f.store->recordsForCase("case-1").empty());
}

TEST_CASE("signing freezes a record, chains it per case, and writes outbox and audit together") {
    Fixture f;
    Record first = f.store->createDraft(visitFor());
    Record second = f.store->createDraft(visitFor("case-1", "case-1-child-b"));
    f.clock.advance(600);
    const auto pendingBefore = f.store->outboxPendingCount();

    Record signed1 = f.store->sign(first.id, "Pat Example");
    CHECK(std::string(toString(signed1.status)) == "signed");
    CHECK(signed1.signedAt == "2026-11-23T10:25:00Z");
    CHECK(signed1.chainSeq == 1);
    CHECK(signed1.prevHash.empty());
    CHECK(signed1.hash == recordHash(signed1));
    CHECK(signed1.hash.size() == 64);

    Record signed2 = f.store->sign(second.id, "Pat Example");
    CHECK(signed2.chainSeq == 2);
    CHECK(signed2.prevHash == signed1.hash);

    // Each signing added one record entry and one audit entry to the outbox.
    CHECK(f.store->outboxPendingCount() == pendingBefore + 4);
    const auto log = f.store->auditLog();
    CHECK(log.back().action == "sign");
    CHECK(log.back().target == second.id);

    CHECK_STORE_ERROR(f.store->saveDraft(first.id, {{"where", "changed"}}), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->setHighRisk(first.id, true), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->sign(first.id, "Pat Example"), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->deleteDraft(first.id), StoreErrorKind::ReadOnlyRecord);
    CHECK(f.store->recordById(first.id)->payload == visitFor().payload);
    CHECK(f.store->verifyCase("case-1").ok);

    // Another case has its own chain.
    addCaseload(*f.store, "case-2");
    Record other =
        f.store->sign(f.store->createDraft(visitFor("case-2", "case-2-child-a")).id, "Pat Example");
    CHECK(other.chainSeq == 1);
    CHECK(other.prevHash.empty());
}

TEST_CASE("an addendum is dated, signed at once, chained, and leaves the original as it was") {
    Fixture f;
    Record visit = f.store->sign(f.store->createDraft(visitFor()).id, "Pat Example");
    f.clock.advance(86400);
    Record addendum = f.store->addAddendum(visit.id, "Pat Example", {{"note", "late entry: carer phoned"}});
    CHECK(addendum.kind == kinds::kAddendum);
    CHECK(std::string(toString(addendum.status)) == "signed");
    CHECK(addendum.parentId == visit.id);
    CHECK(addendum.createdAt == "2026-11-24T10:15:00Z");
    CHECK(addendum.prevHash == visit.hash);
    CHECK(addendum.childId == visit.childId);
    CHECK(f.store->recordById(visit.id)->hash == visit.hash);

    const auto records = f.store->recordsForChild("case-1-child-a");
    REQUIRE(records.size() == 2);
    CHECK(records[0].id == visit.id); // oldest first
    CHECK(records[1].id == addendum.id);

    Record draft = f.store->createDraft(visitFor());
    CHECK_STORE_ERROR(f.store->addAddendum(draft.id, "Pat Example", nlohmann::json::object()),
                      StoreErrorKind::InvalidArgument);
    CHECK_STORE_ERROR(
        f.store->addAddendum("00000000-0000-4000-8000-000000000000", "Pat Example", nlohmann::json::object()),
        StoreErrorKind::NotFound);
    CHECK(f.store->verifyCase("case-1").ok);
}

TEST_CASE("deleting a draft is audited; a draft with activities must lose them first") {
    Fixture f;
    Record visit = f.store->createDraft(visitFor());
    NewRecord activity = visitFor();
    activity.kind = kinds::kActivity;
    activity.parentId = visit.id;
    Record act = f.store->createDraft(activity);
    CHECK_STORE_ERROR(f.store->deleteDraft(visit.id, "Pat Example"), StoreErrorKind::InvalidArgument);
    CHECK(f.store->recordById(visit.id));
    f.store->deleteDraft(act.id, "Pat Example");
    f.store->deleteDraft(visit.id, "Pat Example");
    CHECK_FALSE(f.store->recordById(visit.id));
    CHECK(f.store->auditLog().back().action == "delete_draft");
    CHECK_STORE_ERROR(f.store->deleteDraft(visit.id), StoreErrorKind::NotFound);
}

TEST_CASE("a secured case is frozen: no edits, no new drafts, no signing, no addenda (issue 20)") {
    Fixture f;
    Record signedVisit = f.store->sign(f.store->createDraft(visitFor()).id, "Pat Example");
    Record draft = f.store->createDraft(visitFor());
    f.store->secureCase("case-1", "Morgan Manager");
    auto c = f.store->caseById("case-1");
    CHECK(c->secured);
    CHECK(c->securedAt == "2026-11-23T10:15:00Z");
    CHECK(f.store->auditLog().back().action == "secure_case");

    CHECK_STORE_ERROR(f.store->saveDraft(draft.id, {{"where", "x"}}), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->sign(draft.id, "Pat Example"), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->deleteDraft(draft.id), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->createDraft(visitFor()), StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->addAddendum(signedVisit.id, "Pat Example", {{"note", "after securing"}}),
                      StoreErrorKind::ReadOnlyRecord);

    // A server update of the case cannot unsecure it.
    Case fromServer = *c;
    fromServer.secured = false;
    f.store->putCase(fromServer);
    CHECK(f.store->caseById("case-1")->secured);
    CHECK_STORE_ERROR(f.store->databaseForTesting().exec("UPDATE cases SET secured = 0 WHERE id = 'case-1'"),
                      StoreErrorKind::ReadOnlyRecord);
    CHECK_STORE_ERROR(f.store->secureCase("no-such-case", "x"), StoreErrorKind::NotFound);
}

TEST_CASE("openRecord and audit() append to the hash-chained audit log") {
    Fixture f;
    Record visit = f.store->createDraft(visitFor());
    f.store->openRecord(visit.id, "Pat Example");
    f.store->audit("Pat Example", "export", visit.id, "pdf report");
    const auto log = f.store->auditLog();
    REQUIRE(log.size() >= 4);
    CHECK(log[log.size() - 2].action == "open");
    CHECK(log.back().action == "export");
    for (size_t i = 0; i < log.size(); ++i) {
        CHECK(log[i].seq == int64_t(i + 1));
        CHECK(log[i].prevHash == (i == 0 ? std::string() : log[i - 1].hash));
    }
    CHECK(f.store->verifyAudit().ok);
    CHECK_STORE_ERROR(f.store->audit("Pat Example", "", ""), StoreErrorKind::InvalidArgument);
    CHECK_STORE_ERROR(f.store->openRecord("00000000-0000-4000-8000-000000000000", "x"),
                      StoreErrorKind::NotFound);
}

TEST_CASE("outbox: high-risk cases first, each case in order, acknowledge and quarantine") {
    Fixture f;
    addCaseload(*f.store, "case-2");
    // Acknowledge the set-up audit entries so only what follows is pending.
    {
        std::vector<int64_t> ids;
        for (const auto& e : f.store->outboxPending(1000))
            ids.push_back(e.id);
        f.store->outboxAcknowledge(ids);
        CHECK(f.store->outboxPendingCount() == 0);
    }
    Record a1 = f.store->sign(f.store->createDraft(visitFor("case-1", "case-1-child-a")).id, "Pat Example");
    Record b1 = f.store->sign(f.store->createDraft(visitFor("case-2", "case-2-child-a")).id, "Pat Example");
    NewRecord concern = visitFor("case-2", "case-2-child-b");
    concern.kind = kinds::kConcern;
    concern.highRisk = true;
    Record b2 = f.store->sign(f.store->createDraft(concern).id, "Pat Example");

    const auto pending = f.store->outboxPending(100);
    std::vector<std::string> recordOrder;
    std::vector<OutboxEntry> records;
    for (const auto& e : pending)
        if (e.itemType == "record") {
            recordOrder.push_back(e.itemId);
            records.push_back(e);
        }
    // case-2 holds a high-risk record: its whole chain goes first, in order, each record with the
    // audit entries of its creation and signing (same group key) beside it.
    REQUIRE(recordOrder.size() == 3);
    CHECK(recordOrder[0] == b1.id);
    CHECK(recordOrder[1] == b2.id);
    CHECK(recordOrder[2] == a1.id);
    CHECK(records[0].priority == OutboxPriority::Record);
    CHECK(records[1].priority == OutboxPriority::HighRiskRecord);
    CHECK(pending.back().itemType == "audit");
    for (std::size_t i = 0; i + 1 < pending.size(); ++i)
        if (pending[i].itemType == "record") {
            CHECK(pending[i].groupKey == pending[i].itemId);
            CHECK(pending[i + 1].itemType == "audit"); // the signing's audit entry follows
            CHECK(pending[i + 1].groupKey == pending[i].itemId);
        }

    // The body is what the server re-verifies: canonical fields plus the hash.
    auto body = nlohmann::json::parse(records[1].body);
    CHECK(body.at("hash") == b2.hash);
    CHECK(body.at("highRisk") == true);
    auto withoutHash = body;
    withoutHash.erase("hash");
    CHECK(withoutHash.dump() == canonicalRecordJson(b2));
    CHECK(blake2bHex(withoutHash.dump()) == b2.hash);

    // Quarantine one: the rest carry on; acknowledge removes from pending.
    f.store->outboxQuarantine(pending[0].id, "server says: unknown case");
    CHECK_STORE_ERROR(f.store->outboxQuarantine(pending[0].id, "again"), StoreErrorKind::NotFound);
    CHECK_STORE_ERROR(f.store->outboxQuarantine(pending[1].id, ""), StoreErrorKind::InvalidArgument);
    const auto quarantined = f.store->outboxQuarantined();
    REQUIRE(quarantined.size() == 1);
    CHECK(quarantined[0].quarantineReason == "server says: unknown case");
    const auto count = f.store->outboxPendingCount();
    f.store->outboxAcknowledge({pending[1].id});
    CHECK(f.store->outboxPendingCount() == count - 1);
    f.store->outboxRetry(pending[0].id);
    CHECK(f.store->outboxPendingCount() == count);
    bool retriedIsPending = false;
    for (const auto& e : f.store->outboxPending(100))
        retriedIsPending |= e.id == pending[0].id;
    CHECK(retriedIsPending);
    CHECK(f.store->outboxPending(2).size() == 2);
}

// Sync reads the next batch while one is on its way (issue 19): the entries on their way are left
// out wherever they sit in the send order, and the rest keep theirs.
TEST_CASE("outbox: entries on their way are left out of the send order, the rest keep it") {
    Fixture f;
    addCaseload(*f.store, "case-2");
    for (int i = 0; i < 3; ++i) {
        f.store->sign(f.store->createDraft(visitFor("case-1", "case-1-child-a")).id, "Pat Example");
        NewRecord r = visitFor("case-2", "case-2-child-a");
        if (i == 1) {
            r.kind = kinds::kConcern;
            r.highRisk = true; // case-2 goes first, as a whole
        }
        f.store->sign(f.store->createDraft(r).id, "Pat Example");
    }
    const auto all = f.store->outboxPending(1000);
    std::vector<int64_t> order;
    for (const auto& e : all)
        order.push_back(e.id);
    REQUIRE(order.size() >= 18);
    auto idsOf = [](const std::vector<OutboxEntry>& entries) {
        std::vector<int64_t> ids;
        for (const auto& e : entries)
            ids.push_back(e.id);
        return ids;
    };
    for (std::size_t k = 0; k <= order.size(); ++k) {
        INFO("the first " << k << " on their way");
        const std::vector<int64_t> onTheirWay(order.begin(), order.begin() + long(k));
        CHECK(idsOf(f.store->outboxPending(1000, onTheirWay)) ==
              std::vector<int64_t>(order.begin() + long(k), order.end()));
        CHECK(idsOf(f.store->outboxPending(4, onTheirWay)).size() ==
              std::min<std::size_t>(4, order.size() - k));
    }
    std::vector<int64_t> everyOther, rest;
    for (std::size_t i = 0; i < order.size(); ++i)
        (i % 2 ? everyOther : rest).push_back(order[i]);
    CHECK(idsOf(f.store->outboxPending(1000, everyOther)) == rest);
    for (const auto& e : f.store->outboxPending(1000, everyOther))
        CHECK_FALSE(e.body.empty());
    CHECK(f.store->outboxPendingCount() == order.size()); // only read: nothing changed
}

TEST_CASE("settings insert and update") {
    Fixture f;
    CHECK_FALSE(f.store->setting("sync.cursor"));
    f.store->setSetting("sync.cursor", "17");
    f.store->setSetting("sync.cursor", "18");
    CHECK(f.store->setting("sync.cursor") == std::optional<std::string>("18"));
    CHECK(f.store->setting("created_at") == std::optional<std::string>("2026-11-23T10:15:00Z"));
}

TEST_CASE("two threads (UI writing, sync acknowledging) do not corrupt anything") {
    Fixture f;
    std::atomic<bool> done{false};
    std::set<std::string> signedIds;
    size_t acknowledged = 0;
    std::thread sync([&] {
        while (!done.load()) {
            std::vector<int64_t> ids;
            for (const auto& e : f.store->outboxPending(10))
                ids.push_back(e.id);
            f.store->outboxAcknowledge(ids);
            acknowledged += ids.size();
        }
    });
    for (int i = 0; i < 40; ++i) {
        Record r = f.store->createDraft(visitFor());
        f.store->saveDraft(r.id, {{"where", "home"}, {"n", i}});
        signedIds.insert(f.store->sign(r.id, "Pat Example").id);
    }
    done = true;
    sync.join();
    std::vector<int64_t> rest;
    for (const auto& e : f.store->outboxPending(1000))
        rest.push_back(e.id);
    f.store->outboxAcknowledge(rest);
    CHECK(f.store->outboxPendingCount() == 0);
    CHECK(f.store->recordsForCase("case-1").size() == 40);
    CHECK(f.store->verifyCase("case-1").ok);
    CHECK(f.store->verifyAudit().ok);
    CHECK(acknowledged + rest.size() > 80);
}
