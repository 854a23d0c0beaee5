// scale.caseload: at 100,000 records a write updates the caseload through the store's
// summary (one changed child), never the full rebuild, and the rows stay exactly those of
// the full computation the app used before (buildCaseload over every record, kept here as
// the reference).
#include "app/model/caseload.h"
#include "storage/record_kinds.h"
#include "bench/realistic_store.h"
#include "storage/schema.h"
#include "storage/store.h"
#include "tests/storage/store_test_support.h"

#include <functional>
#include <map>
#include <random>
#include <set>

#include <sqlite3.h>

using namespace heard;
using namespace heard::storage;
using heard::storage::test::TempDir;

namespace {

// The computation App::caseload() ran after every write before issue 19: every case's
// records, every pending outbox entry, every child, then buildCaseload.
std::vector<model::CaseloadRow> fullRebuild(Store& store, model::TimePoint now) {
    const std::vector<Case> cases = store.cases();
    std::vector<Record> records;
    for (const auto& c : cases) {
        auto caseRecords = store.recordsForCase(c.id);
        records.insert(records.end(), std::make_move_iterator(caseRecords.begin()),
                       std::make_move_iterator(caseRecords.end()));
    }
    std::set<std::string> pending;
    for (const auto& entry : store.outboxPending(1u << 20))
        if (entry.itemType == "record") pending.insert(entry.itemId);
    return model::buildCaseload(store.children(), cases, records, pending, now);
}

void checkSameRows(const std::vector<model::CaseloadRow>& got, const std::vector<model::CaseloadRow>& want) {
    REQUIRE(got.size() == want.size());
    size_t mismatches = 0;
    for (size_t i = 0; i < got.size() && mismatches < 5; ++i) {
        const auto& a = got[i];
        const auto& b = want[i];
        const bool same = a.childId == b.childId && a.caseId == b.caseId && a.name == b.name &&
                          a.caseReference == b.caseReference && a.dateOfBirth == b.dateOfBirth &&
                          a.age == b.age && a.confidentialAddress == b.confidentialAddress &&
                          a.childProtectionPlan == b.childProtectionPlan &&
                          a.interpreterLanguage == b.interpreterLanguage &&
                          a.followUpsDueToday == b.followUpsDueToday &&
                          a.followUpsOverdue == b.followUpsOverdue && a.notSynced == b.notSynced &&
                          a.highRisk == b.highRisk && a.lastSeen == b.lastSeen;
        if (!same) {
            ++mismatches;
            FAIL_CHECK("row " << i << " differs: got " << a.childId << " notSynced=" << a.notSynced
                              << " highRisk=" << a.highRisk << " overdue=" << a.followUpsOverdue
                              << " dueToday=" << a.followUpsDueToday << " lastSeen=" << a.lastSeen
                              << "; want " << b.childId << " notSynced=" << b.notSynced
                              << " highRisk=" << b.highRisk << " overdue=" << b.followUpsOverdue
                              << " dueToday=" << b.followUpsDueToday << " lastSeen=" << b.lastSeen);
        }
    }
    CHECK(mismatches == 0);
}

struct ScaleStore {
    TempDir tmp;
    std::unique_ptr<Store> store;
    model::TimePoint now;
    ScaleStore(int children, int records, int payloadBytes) {
        store = test::createStore(tmp.dataDir());
        bench::RealisticShape shape;
        shape.children = children;
        shape.records = records;
        shape.payloadBytes = payloadBytes;
        bench::fillRealisticStore(store->databaseForTesting(), shape);
        // A day after the last record: recent follow-ups are due today, older ones overdue.
        now = model::fromIsoUtc(bench::realisticTime(int64_t(records) * 5 + 12 * 60));
    }
    NewRecord newRecord(const std::string& child, const std::string& kind, nlohmann::json payload) {
        auto c = store->childById(child);
        REQUIRE(c);
        NewRecord r;
        r.caseId = c->caseId;
        r.childId = child;
        r.kind = kind;
        r.author = "Pat Example";
        r.payload = std::move(payload);
        return r;
    }
};

// Applies what changed; returns how many children's entries came back.
size_t refresh(model::CaseloadIndex& index, Store& store, model::TimePoint now) {
    const CaseloadChanges changes = store.caseloadChanges(index.upTo());
    index.apply(changes, now);
    return changes.changed.size();
}

} // namespace

TEST_CASE("at 100,000 records a write updates one caseload row, never the full rebuild") {
    ScaleStore s(10000, 100000, 200);
    model::CaseloadIndex index;
    CHECK(refresh(index, *s.store, s.now) == 10000);
    CHECK(index.fullLoads() == 1);
    const auto reference = fullRebuild(*s.store, s.now);
    checkSameRows(index.rows(), reference);
    // The data exercises every flag.
    int overdue = 0, dueToday = 0, highRisk = 0, notSynced = 0, cp = 0, confidential = 0, interpreter = 0;
    for (const auto& row : reference) {
        overdue += row.followUpsOverdue > 0;
        dueToday += row.followUpsDueToday > 0;
        highRisk += row.highRisk;
        notSynced += row.notSynced > 0;
        cp += row.childProtectionPlan;
        confidential += row.confidentialAddress;
        interpreter += !row.interpreterLanguage.empty();
    }
    CHECK(overdue > 0);
    CHECK(dueToday > 0);
    CHECK(highRisk > 0);
    CHECK(notSynced > 0);
    CHECK(cp > 0);
    CHECK(confidential > 0);
    CHECK(interpreter > 0);

    // One record written: one child's entry comes back; nothing is rebuilt.
    const uint64_t computedBefore = index.rowsComputed();
    Record draft =
        s.store->createDraft(s.newRecord("child-42", storage::kinds::kVisit, {{"where", "school"}}));
    CHECK(refresh(index, *s.store, s.now) == 1);
    CHECK(index.fullLoads() == 1);
    CHECK(index.rowsComputed() == computedBefore + 1);

    // A run of the writes the app makes, each one child's entry.
    s.store->setHighRisk(draft.id, true);
    CHECK(refresh(index, *s.store, s.now) == 1);
    s.store->sign(draft.id, "Pat Example");
    CHECK(refresh(index, *s.store, s.now) == 1);
    nlohmann::json concern = {{"fields", {{"child_words", "invented words"}}},
                              {"referral_by_phone_at", model::toIsoUtc(s.now - std::chrono::hours(30))}};
    Record c = s.store->sign(
        s.store->createDraft(s.newRecord("child-43", storage::kinds::kConcern, concern)).id, "Pat Example");
    CHECK(refresh(index, *s.store, s.now) == 1);
    s.store->addAddendum(c.id, "Pat Example",
                         {{"follow_ups_done", {{"manager_copy", model::toIsoUtc(s.now)}}}});
    CHECK(refresh(index, *s.store, s.now) == 1);
    std::vector<int64_t> acknowledged;
    for (const auto& entry : s.store->outboxPending(3))
        acknowledged.push_back(entry.id);
    s.store->outboxAcknowledge(acknowledged);
    CHECK(refresh(index, *s.store, s.now) <= 3);
    CHECK(index.fullLoads() == 1);
    checkSameRows(index.rows(), fullRebuild(*s.store, s.now));

    // The first caseload after unlock (issue 19.3): once the app has kept the follow-up
    // deadlines it worked out, a full load reads no child's concerns, and the rows are the same.
    const std::string format = model::CaseloadIndex::kDerivedFormat;
    {
        model::CaseloadIndex first;
        first.apply(s.store->caseloadChanges(0, format), s.now);
        CHECK(first.concernsRead() > 1000); // nothing kept yet: every child with concerns read
        const auto derived = first.takeDerivedToSave();
        CHECK(derived.size() == first.concernsRead());
        s.store->saveCaseloadDerived(format, derived);
    }
    model::CaseloadIndex second;
    second.apply(s.store->caseloadChanges(0, format), s.now);
    CHECK(second.concernsRead() == 0);
    CHECK(second.takeDerivedToSave().empty());
    checkSameRows(second.rows(), index.rows()); // the rows just checked against the full rebuild
}

namespace {

std::string keptText(Store& store, const std::string& child) {
    auto st = store.databaseForTesting().prepare(
        "SELECT derived FROM caseload_derived WHERE child_id = ? AND derived_seq = inputs_seq");
    st.bind(1, child);
    return st.step() ? st.columnText(0) : "(stale)";
}

// A full load with the kept text; returns the index (its derived text saved as the app does).
model::CaseloadIndex loadAndKeep(Store& store, model::TimePoint now) {
    model::CaseloadIndex index;
    index.apply(store.caseloadChanges(0, model::CaseloadIndex::kDerivedFormat), now);
    store.saveCaseloadDerived(model::CaseloadIndex::kDerivedFormat, index.takeDerivedToSave());
    return index;
}

} // namespace

TEST_CASE("kept follow-up deadlines stand for the concerns only while the concerns are unchanged") {
    ScaleStore s(60, 600, 80);
    const std::string format = model::CaseloadIndex::kDerivedFormat;
    loadAndKeep(*s.store, s.now);
    CHECK(loadAndKeep(*s.store, s.now).concernsRead() == 0);

    // A concern signed and an addendum (a follow-up done): that child alone is read again, and
    // an incremental look keeps its new deadlines at once.
    const nlohmann::json concern = {{"referral_by_phone_at", model::toIsoUtc(s.now - std::chrono::hours(2))}};
    model::CaseloadIndex live = loadAndKeep(*s.store, s.now);
    Record c = s.store->sign(
        s.store->createDraft(s.newRecord("child-3", storage::kinds::kConcern, concern)).id, "Pat Example");
    CHECK(keptText(*s.store, "child-3") == "(stale)");
    live.apply(s.store->caseloadChanges(live.upTo(), format), s.now);
    CHECK(live.concernsRead() == 1);
    s.store->saveCaseloadDerived(format, live.takeDerivedToSave());
    CHECK(keptText(*s.store, "child-3") != "(stale)");
    {
        model::CaseloadIndex fresh = loadAndKeep(*s.store, s.now);
        CHECK(fresh.concernsRead() == 0);
        checkSameRows(fresh.rows(), fullRebuild(*s.store, s.now));
    }
    const std::string beforeAddendum = keptText(*s.store, "child-3");
    s.store->addAddendum(c.id, "Pat Example",
                         {{"follow_ups_done", {{"confirm_in_writing", "2026-01-01T00:00:00Z"}}}});
    {
        model::CaseloadIndex fresh = loadAndKeep(*s.store, s.now);
        CHECK(fresh.concernsRead() == 1);
        checkSameRows(fresh.rows(), fullRebuild(*s.store, s.now));
        CHECK(keptText(*s.store, "child-3") != beforeAddendum); // one follow-up fewer open
    }

    // Text saved from entries read before a concern changed is dropped, not kept as fresh.
    const CaseloadChanges before = s.store->caseloadChanges(0, "");
    model::CaseloadIndex late;
    late.apply(before, s.now);
    s.store->addAddendum(c.id, "Pat Example",
                         {{"follow_ups_done", {{"manager_copy", model::toIsoUtc(s.now)}}}});
    s.store->saveCaseloadDerived(format, late.takeDerivedToSave());
    CHECK(keptText(*s.store, "child-3") == "(stale)");
    CHECK(loadAndKeep(*s.store, s.now).concernsRead() == 1);

    // Another format (a later app that works deadlines out differently) ignores the text.
    model::CaseloadIndex other;
    other.apply(s.store->caseloadChanges(0, "another-format/2"), s.now);
    CHECK(other.concernsRead() > 0);
    CHECK_THROWS_AS(s.store->saveCaseloadDerived("", {{"child-3", 1, "1"}}), StoreError);
}

TEST_CASE("kept text the app cannot read is forgotten and the child's concerns are read again") {
    ScaleStore s(60, 600, 80);
    loadAndKeep(*s.store, s.now);
    auto& db = s.store->databaseForTesting();
    std::string victim;
    {
        auto st =
            db.prepare("SELECT child_id FROM caseload_derived WHERE derived_seq = inputs_seq AND derived "
                       "<> '' ORDER BY child_id LIMIT 1");
        REQUIRE(st.step());
        victim = st.columnText(0);
    }
    // Damaged text under the current format: the caseload shows the rest, names the child.
    auto damage = db.prepare("UPDATE caseload_derived SET derived = 'not a deadline' WHERE child_id = ?");
    damage.bind(1, victim).run();
    model::CaseloadIndex index;
    index.apply(s.store->caseloadChanges(0, model::CaseloadIndex::kDerivedFormat), s.now);
    const auto unreadable = index.takeUnreadableDerived();
    REQUIRE(unreadable.size() == 1);
    CHECK(unreadable[0] == victim);
    // Forgotten: the next incremental look brings that child's concerns, and the rows are right.
    const uint64_t revision = s.store->revision();
    s.store->forgetCaseloadDerived(unreadable);
    CHECK(s.store->revision() != revision); // the app looks again
    const CaseloadChanges again =
        s.store->caseloadChanges(index.upTo(), model::CaseloadIndex::kDerivedFormat);
    REQUIRE(again.changed.size() == 1);
    CHECK(again.changed[0].childId == victim);
    CHECK_FALSE(again.changed[0].concerns.empty());
    index.apply(again, s.now);
    checkSameRows(index.rows(), fullRebuild(*s.store, s.now));
    s.store->saveCaseloadDerived(model::CaseloadIndex::kDerivedFormat, index.takeDerivedToSave());
    CHECK(keptText(*s.store, victim) != "(stale)");
    CHECK(keptText(*s.store, victim) != "not a deadline");
}

TEST_CASE("every kind of write keeps the rows equal to the full computation") {
    ScaleStore s(60, 600, 80);
    model::CaseloadIndex index;
    refresh(index, *s.store, s.now);
    checkSameRows(index.rows(), fullRebuild(*s.store, s.now));
    auto same = [&](const char* what) {
        CAPTURE(what);
        refresh(index, *s.store, s.now);
        checkSameRows(index.rows(), fullRebuild(*s.store, s.now));
    };
    Record draft = s.store->createDraft(s.newRecord("child-1", storage::kinds::kVisit, {{"where", "home"}}));
    same("draft created");
    s.store->saveDraft(draft.id, {{"where", "school"}});
    same("draft saved");
    s.store->setHighRisk(draft.id, true);
    same("high risk");
    s.store->sign(draft.id, "Pat Example");
    same("signed");
    Record other =
        s.store->createDraft(s.newRecord("child-2", storage::kinds::kVisit, nlohmann::json::object()));
    s.store->deleteDraft(other.id);
    same("draft deleted");
    const nlohmann::json concern = {{"referral_by_phone_at", model::toIsoUtc(s.now - std::chrono::hours(2))}};
    Record c = s.store->sign(
        s.store->createDraft(s.newRecord("child-3", storage::kinds::kConcern, concern)).id, "Pat Example");
    same("concern signed");
    s.store->addAddendum(c.id, "Pat Example",
                         {{"follow_ups_done", {{"confirm_in_writing", "2026-01-01T00:00:00Z"}}}});
    same("follow-up done");
    s.store->sign(s.store->createDraft(s.newRecord("child-3", storage::kinds::kConcern, {{"fields", 7}})).id,
                  "Pat Example");
    same("malformed concern");
    std::vector<int64_t> ids;
    for (const auto& entry : s.store->outboxPending(10))
        ids.push_back(entry.id);
    s.store->outboxAcknowledge(ids);
    same("acknowledged");
    s.store->outboxQuarantine(s.store->outboxPending(1).at(0).id, "invented reason");
    same("quarantined");
    Child child = *s.store->childById("child-4");
    child.displayName = "Aaron Renamed";
    child.details = {{"childProtectionPlan", true}, {"interpreterLanguage", "cy"}};
    s.store->putChild(child);
    same("child renamed");
    Case kase = *s.store->caseById(child.caseId);
    kase.reference = "REF-NEW";
    s.store->putCase(kase);
    same("case reference changed");
    Child newcomer;
    newcomer.id = "child-new";
    newcomer.caseId = kase.id;
    newcomer.displayName = "Invented Newcomer";
    newcomer.dateOfBirth = "2019-02-03";
    s.store->putChild(newcomer);
    same("child allocated");
    // Time passes: follow-up states and ages follow the clock without a write.
    s.now += std::chrono::hours(24 * 40);
    index.apply(s.store->caseloadChanges(index.upTo()), s.now);
    checkSameRows(index.rows(), fullRebuild(*s.store, s.now));
    CHECK(index.fullLoads() == 1);
}

TEST_CASE("a store migrated from schema 5 (before the caseload summary) backfills the summary") {
    TempDir tmp;
    auto store = test::createStore(tmp.dataDir());
    bench::RealisticShape shape;
    shape.children = 30;
    shape.records = 300;
    shape.payloadBytes = 50;
    const auto now = model::fromIsoUtc(bench::realisticTime(int64_t(shape.records) * 5 + 600));
    auto& db = store->databaseForTesting();
    // Back to schema 5 (the outbox order; the summary is migration 6), fill, then migrate forward.
    db.exec("DROP TRIGGER caseload_delta_record_insert; DROP TRIGGER caseload_delta_record_update; "
            "DROP TRIGGER caseload_delta_record_moved; DROP TRIGGER caseload_delta_record_delete; "
            "DROP TRIGGER caseload_delta_outbox_insert; DROP TRIGGER caseload_delta_outbox_state; "
            "DROP INDEX records_high_risk; DROP INDEX records_signed_visits; " // migration 16
            "DROP TRIGGER caseload_child_insert; DROP TRIGGER caseload_child_update; "
            "DROP TRIGGER caseload_case_update; DROP TABLE caseload_summary; DROP TABLE caseload_clock; "
            "DROP INDEX records_signed_concerns; "
            "DROP INDEX records_signed_risk;"); // migration 7
    db.setUserVersion(5);
    bench::fillRealisticStore(db, shape);
    // Migration 8 (the record's chain column) stays: SQLite 3.15 (SQLCipher 3.4) cannot drop a
    // column, so migrate through 7 and mark 8 as done.
    migrate(db, 7);
    db.setUserVersion(8);
    model::CaseloadIndex index;
    refresh(index, *store, now);
    checkSameRows(index.rows(), fullRebuild(*store, now));
}

namespace {

// Every child's summary columns as kept by the triggers, and as computed from all of the
// child's records (migration 6's formula): equal after every write.
std::string summaryDifferences(Store& store) {
    auto& db = store.databaseForTesting();
    const std::string kept =
        "SELECT c.id, s.not_synced, s.high_risk, s.last_seen, s.concerns FROM children c "
        "JOIN caseload_summary s ON s.child_id = c.id ORDER BY c.id";
    const std::string full =
        "SELECT c.id, (SELECT coalesce(sum(r.status = 'draft' OR EXISTS (SELECT 1 FROM outbox o WHERE "
        "o.item_type = 'record' AND o.item_id = r.id AND o.state = 'pending')), 0) FROM records r WHERE "
        "r.child_id = c.id), (SELECT coalesce(max(r.high_risk), 0) FROM records r WHERE r.child_id = c.id), "
        "(SELECT coalesce(max(CASE WHEN r.status = 'signed' AND r.kind = 'visit' THEN r.signed_at END), '') "
        "FROM records r WHERE r.child_id = c.id), (SELECT coalesce(sum(r.status = 'signed' AND r.kind = "
        "'concern'), 0) FROM records r WHERE r.child_id = c.id) FROM children c ORDER BY c.id";
    auto rows = [&](const std::string& sql) {
        std::vector<std::string> out;
        auto st = db.prepare(sql);
        while (st.step())
            out.push_back(st.columnText(0) + " not_synced=" + std::to_string(st.columnInt64(1)) +
                          " high_risk=" + std::to_string(st.columnInt64(2)) + " last_seen=" +
                          st.columnText(3) + " concerns=" + std::to_string(st.columnInt64(4)));
        return out;
    };
    const auto got = rows(kept), want = rows(full);
    if (got.size() != want.size())
        return "rows: " + std::to_string(got.size()) + " kept, " + std::to_string(want.size()) + " children";
    std::string differences;
    for (size_t i = 0; i < got.size(); ++i)
        if (got[i] != want[i]) differences += "kept " + got[i] + "; computed " + want[i] + "\n";
    return differences;
}

// SQLite virtual machine steps run on the connection while work() runs: a count, not a time.
long long vmSteps(Store& store, const std::function<void()>& work) {
    long long ticks = 0;
    sqlite3* db = store.databaseForTesting().handle();
    sqlite3_progress_handler(
        db, 10,
        [](void* counter) {
            ++*static_cast<long long*>(counter);
            return 0;
        },
        &ticks);
    work();
    sqlite3_progress_handler(db, 0, nullptr, nullptr);
    return ticks * 10;
}

} // namespace

TEST_CASE("the summary kept write by write equals the full computation, through every kind of write") {
    ScaleStore s(6, 120, 40);
    REQUIRE(summaryDifferences(*s.store) == "");
    std::mt19937 rng(11);
    auto pick = [&](const auto& list) { return list[rng() % list.size()]; };
    auto ids = [&](const char* sql) {
        std::vector<std::string> out;
        auto st = s.store->databaseForTesting().prepare(sql);
        while (st.step())
            out.push_back(st.columnText(0));
        return out;
    };
    const std::vector<std::string> children = ids("SELECT id FROM children ORDER BY id");
    const std::vector<std::string> cases = ids("SELECT id FROM cases ORDER BY id");
    std::map<std::string, int> done;
    for (int step = 0; step < 400; ++step) {
        const auto drafts = ids("SELECT id FROM records WHERE status = 'draft' ORDER BY id");
        const auto signedRecords = ids("SELECT id FROM records WHERE status = 'signed' ORDER BY id");
        const unsigned what = rng() % 12;
        std::string name;
        if (what == 0 || drafts.empty()) {
            name = "draft created";
            const std::string kind = rng() % 3 ? storage::kinds::kVisit : storage::kinds::kConcern;
            auto draft = s.store->createDraft(s.newRecord(pick(children), kind, {{"where", "home"}}));
            if (rng() % 4 == 0) s.store->setHighRisk(draft.id, true);
        } else if (what == 1) {
            name = "draft saved";
            s.store->saveDraft(pick(drafts), {{"where", "school " + std::to_string(step)}});
        } else if (what == 2) {
            name = "high risk changed";
            s.store->setHighRisk(pick(drafts), rng() % 2 == 0);
        } else if (what == 3 || what == 4) {
            name = "signed";
            s.store->sign(pick(drafts), "Pat Example");
        } else if (what == 5) {
            name = "draft deleted";
            s.store->deleteDraft(pick(drafts));
        } else if (what == 6 && !signedRecords.empty()) {
            name = "addendum";
            s.store->addAddendum(pick(signedRecords), "Pat Example", {{"note", "later"}});
        } else if (what == 7) {
            name = "acknowledged";
            std::vector<int64_t> acked;
            for (const auto& entry : s.store->outboxPending(1u << 20))
                if (rng() % 3 == 0) acked.push_back(entry.id);
            s.store->outboxAcknowledge(acked);
        } else if (what == 8) {
            name = "quarantined";
            const auto pending = s.store->outboxPending(50);
            if (!pending.empty()) s.store->outboxQuarantine(pick(pending).id, "invented reason");
        } else if (what == 9) {
            name = "retried";
            const auto held = s.store->outboxQuarantined();
            if (!held.empty()) s.store->outboxRetry(pick(held).id);
        } else if (what == 10) {
            name = "child written again"; // as every pull's allocation does, sometimes renamed
            auto child = *s.store->childById(pick(children));
            if (rng() % 2 == 0) child.displayName = "Invented Renamed " + std::to_string(step);
            s.store->putChild(child);
        } else {
            name = "sent again";
            if (rng() % 4 == 0)
                s.store->outboxResendAcknowledged();
            else
                s.store->outboxResendCase(pick(cases));
        }
        ++done[name];
        CAPTURE(step);
        CAPTURE(name);
        const std::string differences = summaryDifferences(*s.store);
        CHECK(differences == "");
        if (!differences.empty()) break;
    }
    for (const auto& kindAndCount : done) {
        INFO(kindAndCount.first);
        CHECK(kindAndCount.second >= 10); // every kind of write was exercised
    }
}

TEST_CASE("a write on a child with a long history does the summary work of a write on a new child") {
    // 1,500 records on one child (the long history) and one child with none, in one store.
    ScaleStore s(1, 1500, 40);
    s.store->putCase(Case{"case-short", "REF-SHORT", "Invented family", {}, false, ""});
    s.store->putChild(Child{"child-short", "case-short", "Invented Short", "", {}});
    REQUIRE(s.store->recordsForChild("child-0").size() >= 1500);
    const std::string longChild = "child-0", newChild = "child-short";
    {
        std::vector<int64_t> all; // the filled store's unsent entries: both children start with none
        for (const auto& entry : s.store->outboxPending(1u << 20))
            all.push_back(entry.id);
        s.store->outboxAcknowledge(all);
    }
    auto draftFor = [&](const std::string& child) {
        return s.store->createDraft(s.newRecord(child, storage::kinds::kVisit, {{"where", "home"}})).id;
    };
    auto steps = [&](const std::function<void(const std::string&)>& work) {
        // Warm once (statement caches, first pages), then count.
        work(longChild);
        work(newChild);
        return std::make_pair(vmSteps(*s.store, [&] { work(longChild); }),
                              vmSteps(*s.store, [&] { work(newChild); }));
    };
    auto checkFlat = [](const char* what, std::pair<long long, long long> counts) {
        MESSAGE(std::string(what) << ": " << counts.first << " steps with a long history, " << counts.second
                                  << " with none");
        CHECK(counts.first <= counts.second * 3 / 2 + 200);
    };
    std::map<std::string, std::string> drafts = {{longChild, draftFor(longChild)},
                                                 {newChild, draftFor(newChild)}};
    checkFlat("autosave", steps([&](const std::string& child) {
                  s.store->saveDraft(drafts[child], {{"where", "school"}});
              }));
    checkFlat("create a draft", steps([&](const std::string& child) { draftFor(child); }));
    checkFlat("sign",
              steps([&](const std::string& child) { s.store->sign(draftFor(child), "Pat Example"); }));
    // Every pull writes the held cases' children again (migration 18: only a change touches the
    // child's row, and then through indexes, not the child's records).
    auto changeSeq = [&](const std::string& child) {
        auto st = s.store->databaseForTesting().prepare(
            "SELECT change_seq FROM caseload_summary WHERE child_id = ?");
        st.bind(1, child);
        REQUIRE(st.step());
        return st.columnInt64(0);
    };
    checkFlat("the child written again, unchanged", steps([&](const std::string& child) {
                  const int64_t before = changeSeq(child);
                  s.store->putChild(*s.store->childById(child));
                  CHECK(changeSeq(child) == before); // the caseload has nothing new to show
              }));
    int renames = 0;
    checkFlat("the child renamed", steps([&](const std::string& child) {
                  const int64_t before = changeSeq(child);
                  auto renamed = *s.store->childById(child);
                  renamed.displayName = "Invented Name " + std::to_string(++renames);
                  s.store->putChild(renamed);
                  CHECK(changeSeq(child) > before);
              }));
    checkFlat("acknowledge 20 entries", steps([&](const std::string& child) {
                  std::vector<int64_t> mine;
                  for (int i = 0; i < 20; ++i)
                      s.store->sign(draftFor(child), "Pat Example");
                  const std::string caseId = s.store->childById(child)->caseId;
                  for (const auto& entry : s.store->outboxPending(1u << 20))
                      if (entry.caseId == caseId) mine.push_back(entry.id);
                  s.store->outboxAcknowledge(mine);
              }));
}
