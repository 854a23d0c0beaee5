// hardening.store_guards: each layer that protects a signed record, tested on its own (issue 17,
// "Each guard tested on its own"). The database triggers refuse UPDATE and DELETE of a signed row
// (store.integrity shows that); here the triggers are dropped, so only the Store's own checks
// stand, and they must still refuse to change or delete a signed record.
#include "storage/database.h"
#include "tests/storage/store_test_support.h"

#include <functional>

using namespace heard::storage;
using namespace heard::storage::test;

namespace {

void dropSignedRowTriggers(Database& db) {
    for (const char* trigger :
         {"records_signed_no_update", "records_signed_no_delete", "records_signed_no_replace"})
        db.exec(std::string("DROP TRIGGER ") + trigger);
}

void expectReadOnly(const std::function<void()>& attempt, const char* what) {
    INFO(what);
    try {
        attempt();
        FAIL_CHECK("the store changed a signed record: " << std::string(what));
    } catch (const StoreError& e) {
        CHECK_MESSAGE(std::string(toString(e.kind())) == "ReadOnlyRecord", e.what());
    }
}

} // namespace

TEST_CASE("without the triggers, the Store itself refuses saveDraft, setHighRisk and deleteDraft on a signed "
          "record") {
    TempDir tmp;
    auto store = createStore(tmp.dataDir());
    addCaseload(*store);
    const Record signedVisit = store->sign(store->createDraft(visitFor()).id, "Pat Example");
    Database& db = store->databaseForTesting();
    dropSignedRowTriggers(db);

    // The triggers really are gone: raw SQL can now change a signed row (then we put it back).
    db.exec("UPDATE records SET high_risk = 1 WHERE id = '" + signedVisit.id + "'");
    db.exec("UPDATE records SET high_risk = 0 WHERE id = '" + signedVisit.id + "'");

    expectReadOnly([&] { store->saveDraft(signedVisit.id, {{"where", "somewhere else"}}); }, "saveDraft");
    expectReadOnly([&] { store->setHighRisk(signedVisit.id, true); }, "setHighRisk");
    expectReadOnly([&] { store->deleteDraft(signedVisit.id, "Pat Example"); }, "deleteDraft");

    auto after = store->recordById(signedVisit.id);
    REQUIRE(after);
    CHECK(std::string(toString(after->status)) == "signed");
    CHECK(after->payload == signedVisit.payload);
    CHECK_FALSE(after->highRisk);
    CHECK(store->verifyCase("case-1").ok);
}
