// Reports travel with their record (issue 16, item 4): a signed analysis and its PDF reports go
// to a real heard-server (SQLite, loopback TLS) through the device's outbox, and the PDF bytes the
// server hands on to the case system (its export) are byte for byte the ones the tablet stored.
#include "../sync/sync_test_support.h"
#include "tests/report/report_world.h"

#include "app/report/report_store.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>

#include <sodium.h>

using namespace heard;
using namespace heard::synctest;

TEST_CASE("a report syncs with its analysis and comes back from heard-server byte-identical") {
    TempDir dir;
    TestCert cert = makeCert(dir.path(), "server");
    auto serverStore = server::openSqliteServerStore(dir.file("server.db"));
    seedOrganisation(*serverStore);
    ServerHarness harness(*serverStore, cert);
    auto device = makeDeviceStore(dir.path());
    sync::SyncClient client(*device, harness.endpoint());
    REQUIRE(client.enrol(kPractitioner, kPassword, "tablet").ok());

    const tools::ContentLibrary library = tools::loadContentLibrary(tools::defaultContentDir());
    std::vector<std::string> activities;
    for (int i = 1; i <= 2; ++i)
        activities.push_back(test::addSignedVisit(*device, library, "case-a1", "child-a1",
                                                  "2026-10-1" + std::to_string(i), test::wishWords(i),
                                                  nullptr, kPractitioner));
    model::ChildImpactAnalysis a;
    for (model::ImpactSection s : model::impactSections()) {
        a.part(s).text = "Fictional.";
        if (model::needsEvidence(s)) a.part(s).citations = {{activities[0], "wish_1"}};
    }
    a.part(model::ImpactSection::WishesFeelings).citations = {{activities[0], "wish_1"},
                                                              {activities[1], "wish_1"}};
    a.noOrderOption()->evaluation = "Fictional evaluation.";
    a.signatureName = kPractitionerName;
    storage::NewRecord r;
    r.caseId = "case-a1";
    r.childId = "child-a1";
    r.kind = storage::kinds::kChildImpact;
    r.author = kPractitioner;
    r.payload = model::impactToJson(a);
    const report::CaseFile file = report::loadCaseFile(*device, "child-a1", &library);
    REQUIRE(a.problemsBeforeSigning(report::evidenceIndex(file)).empty());
    const storage::Record analysis = device->sign(device->createDraft(r).id, kPractitioner);
    storage::Record made;
    std::string error;
    REQUIRE_MESSAGE(report::makeReport(*device, report::loadCaseFile(*device, "child-a1", &library), analysis,
                                       report::kChildImpactReport, kPractitioner, made, error),
                    error);
    std::vector<unsigned char> onTablet;
    REQUIRE(report::reportBytes(made, onTablet, error));
    MESSAGE("report PDF: " << onTablet.size() << " bytes, " << made.payload["pages"].get<int>() << " pages");

    const auto pushed = client.push();
    CHECK_MESSAGE(pushed.ok(), pushed.message);
    CHECK(device->outboxPendingCount() == 0);
    CHECK(device->outboxQuarantined().empty());

    bool found = false;
    for (const server::ReceivedEntry& e : serverStore->receivedSince(0, 100000)) {
        if (e.itemType != "record" || e.itemId != made.id) continue;
        found = true;
        const auto body = nlohmann::json::parse(e.body);
        storage::Record back;
        back.kind = body.at("kind").get<std::string>();
        back.payload = body.at("payload");
        std::vector<unsigned char> fromServer;
        REQUIRE_MESSAGE(report::reportBytes(back, fromServer, error), error);
        CHECK(fromServer == onTablet);
        CHECK(body.at("parentId") == analysis.id);
    }
    CHECK(found);
}
