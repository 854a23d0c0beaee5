// safety.alert_chain_migration (issue 14): tablet migration 8 gives safety alerts a chain of their
// own per case. A store from before (schema 7) holding a signed visit and a signed alert, both
// on the case chain and not yet synced, is unlocked: the old alert stays where it was signed (its
// hash and the server's view of the case chain are unchanged) and still goes with its case; a new
// alert starts the case's alert chain at 1 and heads the outbox; both chains verify, and the
// chain heads kept in the key file match at the next unlock.
#include "tests/storage/store_test_support.h"

#include "storage/chain.h"
#include "storage/database.h"
#include "storage/record_kinds.h"
#include "storage/schema.h"

#include <doctest/doctest.h>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

// A record signed by a Heard at schema 7: on the case chain, with its outbox entry.
Record signOld(Database& db, const std::string& id, const std::string& kind, int64_t seq,
               const std::string& prevHash, int priority) {
    Record r;
    r.id = id;
    r.caseId = "case-old";
    r.childId = "child-old";
    r.kind = kind;
    r.status = RecordStatus::Signed;
    r.author = r.signedBy = "Pat Example";
    r.createdAt = r.updatedAt = r.signedAt = "2026-01-01T09:0" + std::to_string(seq) + ":00Z";
    r.highRisk = kind == kinds::kSafetyAlert;
    r.payload = {{"note", "fictional " + kind}};
    r.chainSeq = seq;
    r.prevHash = prevHash;
    r.hash = recordHash(r);
    auto st =
        db.prepare("INSERT INTO records (id, version, case_id, child_id, kind, status, author, created_at, "
                   "updated_at, signed_at, signed_by, parent_id, high_risk, payload, hash, prev_hash, "
                   "chain_seq) VALUES (?, 1, ?, ?, ?, 'signed', ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)");
    st.bind(1, r.id).bind(2, r.caseId).bind(3, r.childId).bind(4, r.kind).bind(5, r.author);
    st.bind(6, r.createdAt).bind(7, r.updatedAt).bind(8, r.signedAt).bind(9, r.signedBy);
    st.bind(10, r.highRisk ? 1 : 0).bind(11, r.payload.dump()).bind(12, r.hash).bind(13, r.prevHash);
    st.bind(14, r.chainSeq);
    st.run();
    auto out =
        db.prepare("INSERT INTO outbox (item_type, item_id, version, case_id, priority, body, created_at, "
                   "group_key) VALUES ('record', ?, 1, 'case-old', ?, ?, ?, ?)");
    out.bind(1, r.id).bind(2, priority).bind(3, recordOutboxBody(r)).bind(4, r.signedAt).bind(5, r.id);
    out.run();
    return r;
}

} // namespace

TEST_CASE("migration 8: an alert signed before stays on its case chain; a new one starts the alert chain") {
    TempDir tmp;
    const std::string dataDir = tmp.dataDir();
    std::filesystem::create_directories(dataDir);
    Record oldVisit, oldAlert;
    {
        SecretKey dek = SecretKey::random(32);
        KeyFile keys =
            wrapNewKey(dek, testPassphrase(), KdfParams::fastForTests(), organisationKeys().publicKey);
        keys.cipherPageSize = kCipherPageSize;
        OpenOptions options;
        options.create = true;
        Database db = Database::openEncrypted(Store::databasePath(dataDir), dek, options);
        keys.cipherMajorVersion = std::atoi(db.cipherVersion().c_str());
        migrate(db, 7);
        db.exec(
            "INSERT INTO cases (id, reference, title) VALUES ('case-old', 'REF-OLD', 'Old example family')");
        db.exec("INSERT INTO children (id, case_id, display_name) VALUES ('child-old', 'case-old', 'Alex "
                "Oldchild')");
        oldVisit =
            signOld(db, "aaaaaaaa-0000-4000-8000-000000000001", kinds::kVisit, 1, "", OutboxPriority::Record);
        oldAlert = signOld(db, "aaaaaaaa-0000-4000-8000-000000000002", kinds::kSafetyAlert, 2, oldVisit.hash,
                           OutboxPriority::SafetyAlert);
        keys.save(Store::keyFilePath(dataDir));
    }

    std::string newAlertId;
    {
        auto store = unlockStore(dataDir);
        REQUIRE(store->schemaVersion() == latestSchemaVersion()); // 8 and every later step
        const Record kept = *store->recordById(oldAlert.id);
        CHECK(kept.chain.empty());
        CHECK(kept.hash == oldAlert.hash);
        CHECK(recordOutboxBody(kept) == recordOutboxBody(oldAlert)); // the body the server will see

        NewRecord draft;
        draft.caseId = "case-old";
        draft.childId = "child-old";
        draft.kind = kinds::kSafetyAlert;
        draft.author = "Pat Example";
        draft.highRisk = true;
        draft.payload = {{"child_words", "No (fictional)"}};
        newAlertId = store->createDraft(draft).id;
        const Record signedAlert = store->sign(newAlertId, "Pat Example");
        CHECK(signedAlert.chain == kSafetyChain);
        CHECK(signedAlert.chainSeq == 1);
        CHECK(signedAlert.prevHash.empty());
        CHECK(canonicalRecordJson(signedAlert).find("\"chainVersion\":2") != std::string::npos);
        // A visit signed now continues the case chain after the old alert.
        draft.kind = kinds::kVisit;
        draft.highRisk = false;
        draft.payload = {{"note", "fictional"}};
        const Record visit = store->sign(store->createDraft(draft).id, "Pat Example");
        CHECK(visit.chain.empty());
        CHECK(visit.chainSeq == 3);
        CHECK(visit.prevHash == oldAlert.hash);

        // The new alert first, on its own; then its case in chain order (the old alert behind
        // the visit signed before it, as the server takes the case chain only in order).
        std::vector<std::string> order;
        for (const auto& e : store->outboxPending(100))
            if (e.itemType == "record") order.push_back(e.itemId);
        CHECK(order == std::vector<std::string>{newAlertId, oldVisit.id, oldAlert.id, visit.id});
        const auto report = store->verifyCase("case-old");
        CHECK_MESSAGE(report.ok, (report.problems.empty() ? std::string() : report.problems.front()));
    }
    // The chain heads in the key file cover both chains: the next unlock accepts them.
    auto again = unlockStore(dataDir);
    REQUIRE(again);
    CHECK(again->verifyCase("case-old").ok);
    CHECK(again->checkIntegrity().ok);
}
