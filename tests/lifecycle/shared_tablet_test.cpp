// lifecycle.shared_tablet (issue 20, item 5): one tablet, two practitioners, each with their own
// encrypted store, passphrase and enrolment, against a real heard-server. The real app runs
// headless and is driven by touch. Neither practitioner can see the other's children, before or
// after unlock: the lock screen lists only practitioners' names (checked on the text it draws);
// each passphrase opens only its own store; lock and auto-lock leave nothing of the last
// practitioner on screen; a wipe of one practitioner's store, asked for while the tablet is
// locked, leaves the other's. An old single-store data folder opens as it always did.
#include "app/ui/record_editor.h"
#include "storage/database.h"
#include "app/i18n/i18n.h"
#include "app/ui/practitioners.h"
#include "server/admin.h"
#include "sync/device_command.h"
#include "tests/support/drawn_text.h"
#include "tests/support/headless_window.h"
#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace heard;
using namespace heard::synctest;

namespace {

constexpr const char* kAdaPassphrase = "ada keeps her own passphrase";
constexpr const char* kBoPassphrase = "bo has a different passphrase";
// What is in the stores: the children's names and case numbers (seedOrganisation).
const std::vector<std::string> kAdaChildren = {"Pip Invented 1", "Pip Invented 2", "Pip Invented 3"};
const std::vector<std::string> kBoChildren = {"Kit Fictional"};

// The text on screen in the latest frame, read back from what ImGui drew (tests/support/drawn_text.h):
// every glyph quad in the frame's draw lists, matched to its character by its place in the font atlas.
// Whichever widget drew it (a label, a button, a row, a notice) and however, it is what a passer-by could
// read. Spaces are not drawn, so they are left out of both sides of a comparison.
class DrawnText {
public:
    std::string lastFrame() const {
        REQUIRE(ImGui::GetDrawData());
        return test::drawnCharacters(ImGui::GetDrawData());
    }
    bool shows(const std::string& words) const {
        std::string wanted;
        for (char c : words)
            if (c != ' ') wanted += c;
        return lastFrame().find(wanted) != std::string::npos;
    }
};

struct Tablet {
    TempDir dir;
    std::unique_ptr<server::ServerStore> serverStore;
    std::unique_ptr<ServerHarness> harness;
    std::string dataDir = dir.file("tablet");
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;
    std::chrono::steady_clock::time_point ticks = std::chrono::steady_clock::now();

    Tablet() {
        TestCert cert = makeCert(dir.path(), "server");
        serverStore = server::openSqliteServerStore(dir.file("server.db"));
        seedOrganisation(*serverStore); // pr-ada: Pip Invented 1-3; pr-bo: Kit Fictional
        harness = std::make_unique<ServerHarness>(*serverStore, cert);
        // The UI clock moves only when the test says (auto-lock).
        ui::setUiClockForTests([this] { return ticks; });
        window = test::headlessWindow(1280, 1400);
        ui::AppOptions options;
        options.dataDir = dataDir;
        options.fastKeyDerivationForTests = true;
        options.autoLockSeconds = 300;
        options.orgConfig = orgConfigFor(cert, harness->port());
        options.watchNetwork = false;
        options.lockedPollSeconds = 1;
        app = std::make_unique<ui::App>(*window, options);
        driver = std::make_unique<platform::TestDriver>(*window, [this] { app->runOneFrame(); });
        driver->frames(2);
    }
    ~Tablet() {
        if (app) app->lock();
        app.reset();
        ui::setUiClockForTests({});
    }

    void tapAndType(const std::string& tag, const std::string& text) {
        driver->tap(tag);
        driver->typeText(text);
        driver->frames(1);
    }
    void settleUnlock() {
        REQUIRE(test::framesUntil(*driver, [&] { return !app->unlocking(); }));
        driver->frames(2);
    }
    // The first-run form (a new tablet, or "Add a practitioner"), by touch.
    void setUp(const std::string& name, const std::string& passphrase) {
        REQUIRE(driver->has("unlock.name"));
        tapAndType("unlock.name", name);
        tapAndType("unlock.passphrase", passphrase);
        tapAndType("unlock.confirmation", passphrase);
        driver->tap("unlock.create");
        settleUnlock();
        REQUIRE(app->unlocked());
    }
    // Signs in to the central system as user, from the caseload, and waits for the first pull.
    void signIn(const std::string& user, size_t children) {
        driver->tap("caseload.sync_sign_in");
        tapAndType("sync.username", user);
        tapAndType("sync.password", kPassword);
        driver->tap("sync.enrol");
        REQUIRE(test::framesUntil(*driver,
                                  [&] { return app->enrolled() && !app->syncControl().enrolForm.busy; }));
        REQUIRE(test::framesUntil(*driver, [&] { return app->caseload().size() >= children; }));
        driver->frames(2);
    }
    void unlockAs(const std::string& practitionerTag, const std::string& passphrase) {
        if (driver->has("unlock.choose_other")) driver->tap("unlock.choose_other");
        driver->tap(practitionerTag);
        tapAndType("unlock.passphrase", passphrase);
        driver->tap("unlock.ok");
        settleUnlock();
    }
};

bool visibleTag(const std::string& name) {
    return platform::TagRegistry::instance().find(name) != nullptr &&
           platform::TagRegistry::instance().find(name)->frame == platform::TagRegistry::instance().frame();
}

// The lock screen shows nothing but itself (and a notice): no caseload row, no child, no search.
void checkOnlyLockScreen(const DrawnText& drawn) {
    for (const auto& tag : platform::TagRegistry::instance().visibleTags())
        CHECK_MESSAGE((tag.rfind("unlock.", 0) == 0 || tag.rfind("notice.", 0) == 0), tag);
    for (const auto& child : kAdaChildren)
        CHECK_MESSAGE(!drawn.shows(child), child);
    for (const auto& child : kBoChildren)
        CHECK_MESSAGE(!drawn.shows(child), child);
    CHECK_MESSAGE(!drawn.shows("TEST/"), drawn.lastFrame()); // no case numbers either
}

std::vector<std::string> caseloadNames(ui::App& app) {
    std::vector<std::string> names;
    for (const auto& row : app.caseload())
        names.push_back(row.name);
    return names;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TEST_CASE("two practitioners on one tablet: neither can see the other's children, before or after unlock") {
    Tablet t;
    DrawnText drawn;

    // Ada sets up the new tablet as ever and signs in: her three children arrive.
    t.setUp(kPractitionerName, kAdaPassphrase);
    t.signIn(kPractitioner, kAdaChildren.size());
    CHECK(visibleTag("caseload.child.child-a1"));
    CHECK(drawn.shows("Pip Invented 1")); // the capture sees what the caseload draws
    // One practitioner: no names file, the single-store layout of every tablet so far.
    CHECK_FALSE(std::filesystem::exists(ui::Practitioners::namesFilePath(t.dataDir)));
    t.driver->tap("caseload.lock");
    t.driver->frames(2);
    CHECK(visibleTag("unlock.passphrase")); // one practitioner: straight to the passphrase
    CHECK_FALSE(visibleTag("unlock.practitioner.0"));
    checkOnlyLockScreen(drawn);

    // Bo adds himself to the tablet from the lock screen: the first-run form, a store of his own.
    t.driver->tap("unlock.add_practitioner");
    t.driver->frames(2);
    REQUIRE(visibleTag("unlock.adding"));
    t.setUp("Bo Madeup", kBoPassphrase);
    CHECK(t.app->caseload().empty()); // nothing of Ada's
    CHECK(t.app->storeDir() != t.dataDir);
    t.signIn(kOtherPractitioner, kBoChildren.size());
    CHECK(caseloadNames(*t.app) == kBoChildren);
    CHECK(visibleTag("caseload.child.child-b1"));
    CHECK_FALSE(visibleTag("caseload.child.child-a1"));
    for (const auto& child : kAdaChildren)
        CHECK_MESSAGE(!drawn.shows(child), child);
    // Enrolment per practitioner: Bo's store holds a device identity of its own, and so does his
    // command credential, beside his store and not over Ada's.
    const std::string boDevice = t.app->store()->setting(sync::setting::kDeviceId).value_or("");
    const auto adaCredential = sync::loadDeviceCommandCredential(t.dataDir);
    const auto boCredential = sync::loadDeviceCommandCredential(t.app->storeDir());
    REQUIRE(adaCredential);
    REQUIRE(boCredential);
    CHECK(boCredential->deviceId == boDevice);
    CHECK(adaCredential->deviceId != boDevice);
    const std::string boDir = t.app->storeDir();

    // Locked: both names, none chosen, no child and no passphrase field.
    t.driver->tap("caseload.lock");
    t.driver->frames(2);
    REQUIRE(visibleTag("unlock.practitioner.0"));
    REQUIRE(visibleTag("unlock.practitioner.1"));
    CHECK_FALSE(visibleTag("unlock.practitioner.2"));
    CHECK_FALSE(visibleTag("unlock.passphrase"));
    CHECK_FALSE(visibleTag("unlock.chosen"));
    // Ada set the tablet up before it was shared: her name is not known until she next unlocks.
    CHECK(drawn.shows("The practitioner who set up this tablet"));
    CHECK(drawn.shows("Bo Madeup"));
    checkOnlyLockScreen(drawn);
    // The names file names them and nothing else.
    std::string names = readFile(ui::Practitioners::namesFilePath(t.dataDir));
    CHECK(names.find("Bo Madeup") != std::string::npos);
    for (const char* secret : {"Pip Invented", "Kit Fictional", "TEST/", "child-", "case-", "Family Court",
                               kAdaPassphrase, kBoPassphrase, kPractitioner, kOtherPractitioner})
        CHECK_MESSAGE(names.find(secret) == std::string::npos, secret);

    // Ada's passphrase on Bo's name is refused: it opens only Ada's store.
    t.unlockAs("unlock.practitioner.1", kAdaPassphrase);
    CHECK_FALSE(t.app->unlocked());
    CHECK(visibleTag("unlock.error"));
    CHECK(drawn.shows("Bo Madeup")); // still asking for Bo's
    // And Bo's on Ada's.
    t.unlockAs("unlock.practitioner.0", kBoPassphrase);
    CHECK_FALSE(t.app->unlocked());
    CHECK(visibleTag("unlock.error"));
    checkOnlyLockScreen(drawn);

    // Ada unlocks: only her children.
    t.unlockAs("unlock.practitioner.0", kAdaPassphrase);
    REQUIRE(t.app->unlocked());
    CHECK(t.app->storeDir() == t.dataDir);
    CHECK(caseloadNames(*t.app).size() == kAdaChildren.size());
    for (const auto& child : kAdaChildren)
        CHECK(contains(caseloadNames(*t.app), child));
    CHECK_FALSE(contains(caseloadNames(*t.app), "Kit Fictional"));
    CHECK_FALSE(t.app->store()->childById("child-b1").has_value());
    CHECK_FALSE(visibleTag("caseload.child.child-b1"));
    CHECK(drawn.shows("Pip Invented 2"));
    CHECK_FALSE(drawn.shows("Kit Fictional"));

    // She searches, opens a child, and leaves the tablet: auto-lock. Nothing of her is left on
    // the lock screen: no search, no child, no notice of hers, nothing chosen.
    t.tapAndType("caseload.search", "Pip Inv");
    t.driver->frames(2);
    t.driver->tap("caseload.child.child-a2");
    t.driver->frames(2);
    t.app->notice = {"Could not save the visit for Pip Invented 2 (a notice of her session)", true};
    // She works in Welsh (her setting); the shared tablet's lock screen goes back to its own language.
    const std::string tabletLanguage = i18n::language();
    REQUIRE(tabletLanguage != "cy");
    i18n::setLanguage("cy");
    t.driver->frames(1);
    t.ticks += std::chrono::seconds(301);
    t.driver->frames(3);
    REQUIRE_FALSE(t.app->unlocked());
    CHECK(visibleTag("unlock.practitioner.0"));
    CHECK(visibleTag("unlock.practitioner.1"));
    CHECK_FALSE(visibleTag("unlock.chosen"));
    CHECK_FALSE(visibleTag("unlock.passphrase"));
    checkOnlyLockScreen(drawn);
    CHECK_FALSE(drawn.shows("Pip Inv"));
    CHECK(t.app->caseloadView.search.empty());
    CHECK(t.app->childId().empty());
    CHECK(t.app->notice.text.find("Locked") != std::string::npos);
    CHECK(t.app->notice.text.find("Pip") == std::string::npos);
    CHECK(i18n::language() == tabletLanguage);
    // Her name, known since she unlocked, is on the list now, in the names file with nothing else.
    CHECK(drawn.shows(kPractitionerName));
    CHECK_FALSE(drawn.shows("The practitioner who set up this tablet"));
    names = readFile(ui::Practitioners::namesFilePath(t.dataDir));
    CHECK(names.find(kPractitionerName) != std::string::npos);
    for (const char* secret :
         {"Pip Invented", "Kit Fictional", "TEST/", "child-", "Family Court", kAdaPassphrase})
        CHECK_MESSAGE(names.find(secret) == std::string::npos, secret);

    // Bo unlocks: only his child, nothing of Ada's search.
    t.unlockAs("unlock.practitioner.1", kBoPassphrase);
    REQUIRE(t.app->unlocked());
    CHECK(t.app->storeDir() == boDir);
    CHECK(caseloadNames(*t.app) == kBoChildren);
    CHECK(t.app->caseloadView.search.empty());
    for (const auto& child : kAdaChildren)
        CHECK_MESSAGE(!drawn.shows(child), child);
    CHECK(drawn.shows("Kit Fictional"));
    for (const char* id : {"child-a1", "child-a2", "child-a3"})
        CHECK_FALSE(t.app->store()->childById(id).has_value());
    t.driver->tap("caseload.lock");
    t.driver->frames(2);
    checkOnlyLockScreen(drawn);

    // A wipe of Ada's tablet store, asked for while the tablet is locked, reaches it through her
    // own credential's poll and wipes her store only: Bo's stays, and opens.
    REQUIRE(test::framesUntil(*t.driver, [&] { return t.app->syncControl().lockedPolling(boDir); }));
    REQUIRE(t.app->syncControl().lockedPolling(t.dataDir));
    {
        std::istringstream in;
        std::ostringstream out, err;
        REQUIRE(server::runAdminCommand({"wipe-device", adaCredential->deviceId}, *t.serverStore, in, out,
                                        err) == 0);
    }
    REQUIRE(test::framesUntil(
        *t.driver, [&] { return !std::filesystem::exists(storage::Store::keyFilePath(t.dataDir)); },
        std::chrono::seconds(30)));
    t.driver->frames(3);
    CHECK_FALSE(storage::Store::exists(t.dataDir));
    CHECK(storage::Store::exists(boDir));
    CHECK(sync::loadDeviceCommandCredential(boDir).has_value());
    CHECK(t.app->notice.text.find("one practitioner") != std::string::npos);
    // Ada's name has gone with her store; Bo is the tablet's one practitioner, asked at once.
    CHECK_FALSE(drawn.shows(kPractitionerName));
    CHECK(visibleTag("unlock.passphrase"));
    CHECK(readFile(ui::Practitioners::namesFilePath(t.dataDir)).find(kPractitionerName) == std::string::npos);
    t.tapAndType("unlock.passphrase", kBoPassphrase);
    t.driver->tap("unlock.ok");
    t.settleUnlock();
    REQUIRE(t.app->unlocked());
    CHECK(caseloadNames(*t.app) == kBoChildren);
}

TEST_CASE("an old single-store data folder opens as it did, and a second practitioner can join it") {
    TempDir dir;
    const std::string dataDir = dir.file("old-tablet");
    {
        // The layout every tablet had before: store files in the data folder itself.
        auto store = storage::Store::create(dataDir, kAdaPassphrase, organisationRecoveryKeys().publicKey,
                                            storage::KdfParams::fastForTests());
        store->setSetting("practitioner.name", kPractitionerName);
        store->putCase(storage::Case{"case-a1", "TEST/001", "TEST/001", {}, false, ""});
        store->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented 1", "2016-01-01", {}});
    }
    auto window = test::headlessWindow(1280, 1400);
    ui::AppOptions options;
    options.dataDir = dataDir;
    options.fastKeyDerivationForTests = true;
    options.autoLockSeconds = 0;
    options.watchNetwork = false;
    ui::App app(*window, options);
    platform::TestDriver driver(*window, [&app] { app.runOneFrame(); });
    DrawnText drawn;
    driver.frames(2);
    // As ever: the passphrase, no list, no names anywhere.
    REQUIRE(visibleTag("unlock.passphrase"));
    CHECK_FALSE(visibleTag("unlock.practitioner.0"));
    CHECK_FALSE(drawn.shows(kPractitionerName));
    driver.tap("unlock.passphrase");
    driver.typeText(kAdaPassphrase);
    driver.tap("unlock.ok");
    REQUIRE(test::framesUntil(driver, [&] { return !app.unlocking(); }));
    driver.frames(2);
    REQUIRE(app.unlocked());
    CHECK(caseloadNames(app) == std::vector<std::string>{"Pip Invented 1"});
    CHECK_FALSE(std::filesystem::exists(ui::Practitioners::namesFilePath(dataDir)));
    app.lock();
    driver.frames(2);

    // Bo joins the tablet. Ada's store has not been unlocked since, so her name is not known
    // yet: she is listed as the one who set the tablet up, until she next unlocks.
    driver.tap("unlock.add_practitioner");
    driver.frames(2);
    // "Cancel" goes back to Ada's passphrase with nothing made.
    driver.tap("unlock.add_cancel");
    driver.frames(2);
    CHECK(visibleTag("unlock.passphrase"));
    CHECK_FALSE(std::filesystem::exists(dataDir + "/practitioners"));
    driver.tap("unlock.add_practitioner");
    driver.frames(2);
    driver.tap("unlock.name");
    driver.typeText("Bo Madeup");
    driver.tap("unlock.passphrase");
    driver.typeText(kBoPassphrase);
    driver.tap("unlock.confirmation");
    driver.typeText(kBoPassphrase);
    driver.tap("unlock.create");
    REQUIRE(test::framesUntil(driver, [&] { return !app.unlocking(); }));
    driver.frames(2);
    REQUIRE(app.unlocked());
    CHECK(app.caseload().empty());
    app.lock();
    driver.frames(2);
    REQUIRE(visibleTag("unlock.practitioner.1"));
    CHECK(drawn.shows("The practitioner who set up this tablet"));
    CHECK(drawn.shows("Bo Madeup"));
    CHECK_FALSE(drawn.shows("Pip Invented"));
    driver.tap("unlock.practitioner.0");
    driver.tap("unlock.passphrase");
    driver.typeText(kAdaPassphrase);
    driver.tap("unlock.ok");
    REQUIRE(test::framesUntil(driver, [&] { return !app.unlocking(); }));
    driver.frames(2);
    REQUIRE(app.unlocked());
    CHECK(caseloadNames(app) == std::vector<std::string>{"Pip Invented 1"});
    app.lock();
    driver.frames(2);
    CHECK(drawn.shows(kPractitionerName)); // her name, now that she has unlocked
    CHECK_FALSE(drawn.shows("The practitioner who set up this tablet"));
    // Her store is where it always was.
    CHECK(std::filesystem::exists(storage::Store::databasePath(dataDir)));
}

TEST_CASE("a damaged names file hides no store: they are listed without names") {
    TempDir dir;
    const std::string root = dir.file("tablet");
    ui::Practitioners practitioners(root);
    CHECK(practitioners.list().empty());
    const ui::PractitionerProfile first = practitioners.placeNew("Ada Testperson");
    CHECK(first.dir == root); // the data folder itself, as ever
    storage::Store::create(first.dir, kAdaPassphrase, organisationRecoveryKeys().publicKey,
                           storage::KdfParams::fastForTests());
    practitioners.refresh();
    const ui::PractitionerProfile second = practitioners.placeNew("Bo Madeup");
    CHECK(second.dir != root);
    storage::Store::create(second.dir, kBoPassphrase, organisationRecoveryKeys().publicKey,
                           storage::KdfParams::fastForTests());
    practitioners.refresh();
    REQUIRE(practitioners.list().size() == 2);
    CHECK(practitioners.list()[1].name == "Bo Madeup");
    // Each passphrase opens its own store only.
    CHECK_THROWS(storage::Store::unlock(second.dir, kAdaPassphrase));
    CHECK_THROWS(storage::Store::unlock(first.dir, kBoPassphrase));

    for (const std::string& damage :
         {std::string("{\"format\":"), std::string(200000, '['),
          std::string("{\"format\":\"heard-practitioners-v1\",\"practitioners\":7}")}) {
        {
            std::ofstream out(ui::Practitioners::namesFilePath(root), std::ios::trunc);
            out << damage;
        }
        practitioners.refresh();
        REQUIRE(practitioners.list().size() == 2);
        CHECK(practitioners.list()[0].name.empty());
        CHECK(practitioners.list()[1].dir == second.dir);
    }
}

TEST_CASE("a lock whose last save fails says so without a word of what was being written") {
    Tablet t;
    DrawnText drawn;
    t.setUp(kPractitionerName, kAdaPassphrase);
    t.app->store()->putCase(storage::Case{"case-a1", "TEST/001", "TEST/001", {}, false, ""});
    t.app->store()->putChild(storage::Child{"child-a1", "case-a1", "Pip Invented 1", "2016-01-01", {}});
    t.driver->frames(2);
    t.driver->tap("caseload.child.child-a1");
    t.driver->tap("child.start_visit");
    t.driver->tap("visit.confidentiality");
    t.driver->tap("visit.begin");
    t.app->store()->databaseForTesting().exec("PRAGMA query_only = ON"); // every write now fails
    t.tapAndType("visit.outcomes", "Pip Invented 1 drew the garden");
    t.app->lock();
    t.driver->frames(2);
    // The failure is told (so nobody thinks it was kept), and nothing of the visit or the child.
    CHECK(t.app->notice.error);
    CHECK(t.app->notice.text.find("could not be saved") != std::string::npos);
    CHECK(drawn.shows("Something could not be saved before locking."));
    CHECK_FALSE(drawn.shows("Pip"));
    CHECK_FALSE(drawn.shows("garden"));
    checkOnlyLockScreen(drawn);
}
