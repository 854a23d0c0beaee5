#include "safety_world.h"

#include "app/model/visit.h"
#include "storage/record_kinds.h"
#include "tests/support/headless_window.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace heard::safetytest {

SafetyWorld::SafetyWorld() {
    cert = synctest::makeCert(dir.path(), "server");
    serverStore = server::openSqliteServerStore(dir.file("server.db"));
    synctest::seedOrganisation(*serverStore);
    harness = std::make_unique<synctest::ServerHarness>(*serverStore, cert);
    port = harness->port();

    window = test::headlessWindow(1280, 4200);
    ui::AppOptions options;
    options.dataDir = dir.file("device");
    options.fastKeyDerivationForTests = true;
    options.autoLockSeconds = 0;
    options.orgConfig = synctest::orgConfigFor(cert, port);
    options.watchNetwork = false;
    app = std::make_unique<ui::App>(*window, options);
    driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
    app->createStore(synctest::kPractitionerName, "Family Court Adviser", synctest::kDevicePassphrase);
    driver->frames(2);
    driver->tap("caseload.sync_sign_in");
    tapAndType("sync.username", synctest::kPractitioner);
    tapAndType("sync.password", synctest::kPassword);
    driver->tap("sync.enrol");
    REQUIRE(
        test::framesUntil(*driver, [&] { return app->enrolled() && !app->syncControl().enrolForm.busy; }));
    REQUIRE(test::framesUntil(*driver, [&] {
        const auto status = app->syncStatus();
        return status && status->state == sync::SyncState::Idle && !status->lastSuccess.empty() &&
               app->store()->outboxPendingCount() == 0;
    }));
    REQUIRE(test::framesUntil(*driver, [&] { return app->caseload().size() >= 3; }));
}

SafetyWorld::~SafetyWorld() {
    if (app) app->lock(); // stops the sync thread before the store closes
    app.reset();
    if (restarted) restarted->stop();
}

void SafetyWorld::serverDown() {
    harness->stop();
}

void SafetyWorld::serverUp() {
    server::ServerConfig config;
    config.bindHost = "127.0.0.1";
    config.port = port;
    config.certificatePath = cert.certPath;
    config.privateKeyPath = cert.keyPath;
    config.logSink = [](const std::string&) {};
    restarted = std::make_unique<server::HeardServer>(config, *serverStore);
    restarted->start();
}

std::vector<std::string> SafetyWorld::queueEarlierRecords() {
    std::vector<std::string> ids;
    storage::NewRecord notSeen;
    notSeen.caseId = "case-a2";
    notSeen.childId = "child-a2";
    notSeen.kind = storage::kinds::kNotSeen;
    notSeen.author = app->author();
    notSeen.payload = {{"reason", "Not at home (fictional)"}, {"planned_next", "Try again"}};
    ids.push_back(store().createDraft(notSeen).id);
    store().sign(ids.back(), synctest::kPractitionerName);
    ids.push_back(
        synctest::signVisit(store(), "case-a3", "child-a3", /*highRisk=*/true, "high risk, fictional"));
    return ids;
}

std::string SafetyWorld::startVisit(const std::string& childId) {
    app->show(ui::ScreenId::Caseload);
    driver->frames(2);
    driver->tap("caseload.child." + childId);
    driver->tap("child.start_visit");
    tapAndType("visit.where", "At home (fictional)");
    tapAndType("visit.present", "The child only");
    tapAndType("visit.purpose", "Wishes and feelings");
    driver->tap("visit.confidentiality");
    driver->tap("visit.begin");
    REQUIRE(app->editors().visit.started);
    return app->editors().visit.draft.recordId;
}

void SafetyWorld::signVisit() {
    ui::VisitEditor& visit = app->editors().visit;
    for (const auto& field : model::visitWriteUpFields())
        visit.visit.writeUp[field.key] = "Written up (fictional).";
    visit.visit.signatureName = synctest::kPractitionerName;
    visit.visit.signatureStrokes = {{0.1f, 0.5f, 0.4f, 0.2f, 0.8f, 0.6f}};
    visit.markEdited();
    const std::string id = visit.draft.recordId;
    visit.sign(*app);
    driver->frames(2);
    REQUIRE((store().recordById(id)->status == storage::RecordStatus::Signed));
}

void SafetyWorld::settleChildModeCheck() {
    REQUIRE(test::framesUntil(*driver, [&] { return !app->editors().childMode.checking(); }));
    driver->frames(2);
}

void SafetyWorld::tapAndType(const std::string& tag, const std::string& text) {
    driver->tap(tag);
    driver->typeText(text);
}

void SafetyWorld::signOnPad(const std::string& padTag) {
    const auto pad = driver->reveal(padTag);
    driver->drag(pad.x0 + pad.width() * 0.2f, pad.centreY(), pad.x0 + pad.width() * 0.7f,
                 pad.y0 + pad.height() * 0.3f);
}

void SafetyWorld::syncUntilEmpty() {
    app->syncNow();
    // The whole cycle, not just its push: the outbox empties before the cycle's pull, and a pull
    // still running could bring down what the test writes at the server next (oversight.app once
    // saw a manager's note arrive without the sync it tests, under ASan in CI).
    REQUIRE(test::framesUntil(
        *driver, [&] { return app->store()->outboxPendingCount() == 0 && app->syncControl().settled(); },
        std::chrono::seconds(60)));
}

std::vector<std::string> SafetyWorld::receivedRecordOrder() {
    std::vector<std::string> ids;
    for (const auto& entry : serverStore->receivedSince(0, 100000))
        if (entry.itemType == "record") ids.push_back(entry.itemId);
    return ids;
}

size_t positionOf(const std::vector<std::string>& ids, const std::string& id) {
    return size_t(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

} // namespace heard::safetytest
