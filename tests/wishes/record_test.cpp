// Activity results as records in the real encrypted store: kind "activity", linked to the visit,
// autosaved on each change, and flagged highRisk the moment the child says they are not safe.
#include "app/i18n/i18n.h"
#include "storage/record_kinds.h"
#include "app/tools/framework/view/activity_recorder.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/framework/view/practitioner_language.h"
#include "storage/store.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace heard;
using namespace heard::tools;
namespace fs = std::filesystem;

namespace {

struct Fixture {
    fs::path dir;
    std::unique_ptr<storage::Store> store;
    std::string visitId;
    ContentLibrary library = loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");

    Fixture() {
        dir = fs::path(HEARD_TEST_BINARY_DIR) / "record_store";
        fs::remove_all(dir);
        auto recovery = storage::RecoveryKeyPair::generate();
        store = storage::Store::create(dir.string(), "correct horse battery staple", recovery.publicKey,
                                       storage::KdfParams::fastForTests());
        store->putCase(storage::Case{"case-fictional-1", "FX/0001", "Fictional case", {}, false, ""});
        store->putChild(
            storage::Child{"child-fictional-1", "case-fictional-1", "Pip Example", "2016-04-01", {}});
        storage::NewRecord visit{
            "case-fictional-1",      "child-fictional-1", "visit", "A. Practitioner", "", false,
            nlohmann::json::object()};
        visitId = store->createDraft(visit).id;
    }
    ActivityRecordContext context() const {
        return {"case-fictional-1", "child-fictional-1", visitId, "A. Practitioner"};
    }
};

} // namespace

TEST_CASE("an activity is a draft record linked to the visit, autosaved as the child goes") {
    Fixture f;
    const ActivityContent* wishes = f.library.find("three_wishes");
    REQUIRE(wishes);
    ActivityRun run(*wishes, "cy");
    ActivityRecorder recorder(*f.store, f.context());
    run.setWords("a bike", false);
    recorder.save(run);
    REQUIRE_FALSE(recorder.recordId().empty());
    auto record = f.store->recordById(recorder.recordId());
    REQUIRE(record);
    CHECK(record->kind == storage::kinds::kActivity);
    CHECK(record->parentId == f.visitId);
    CHECK(record->childId == "child-fictional-1");
    CHECK_FALSE(record->highRisk);
    CHECK(record->payload["activity"]["language"] == "cy");

    const auto revision = f.store->revision();
    recorder.save(run); // nothing changed: no write
    CHECK(f.store->revision() == revision);

    run.next();
    run.skip();
    run.setWords("  snow at Christmas ", false);
    recorder.save(run);
    record = f.store->recordById(recorder.recordId());
    ActivityResult saved;
    std::string error;
    REQUIRE(resultFromJson(record->payload, saved, error));
    CHECK(saved.answerFor("wish_1")->words == "a bike");
    CHECK(saved.answerFor("wish_2")->status == AnswerStatus::Skipped);
    CHECK(saved.answerFor("wish_3")->words == "  snow at Christmas "); // exactly, even unsent
}

TEST_CASE("a child saying they are not safe flags the record for the manager at once") {
    Fixture f;
    const ActivityContent* homes = f.library.find("two_homes");
    REQUIRE(homes);
    ActivityRun run(*homes, "en");
    ActivityRecorder recorder(*f.store, f.context());
    run.setWords("Mum", false);
    recorder.save(run);
    CHECK_FALSE(f.store->recordById(recorder.recordId())->highRisk);
    run.next();
    run.skip();
    run.chooseOption("no");
    recorder.save(run); // before the child moves on
    CHECK(f.store->recordById(recorder.recordId())->highRisk);
    CHECK(f.store->recordById(recorder.recordId())->payload["unsafeDisclosed"] == true);
}

TEST_CASE("a record made unsafe from the first save is created highRisk") {
    Fixture f;
    const ActivityContent* scaling = f.library.find("scaling");
    REQUIRE(scaling);
    ActivityRun run(*scaling, "en");
    run.skip();
    run.setScale(1);
    ActivityRecorder recorder(*f.store, f.context());
    recorder.save(run);
    CHECK(f.store->recordById(recorder.recordId())->highRisk);
}

TEST_CASE("a store error reaches the caller and the run keeps the child's answers") {
    Fixture f;
    const ActivityContent* drawing = f.library.find("drawing");
    REQUIRE(drawing);
    ActivityRun run(*drawing, "en");
    run.addStroke({{0.1f, 0.1f, 0.5f, 0.5f}, 0xff000000u, 0.01f});
    ActivityRecordContext bad = f.context();
    bad.visitRecordId = "no-such-visit";
    ActivityRecorder recorder(*f.store, bad);
    CHECK_THROWS_AS(recorder.save(run), storage::StoreError);
    CHECK(run.currentAnswer()->strokes.size() == 1);
    CHECK(recorder.recordId().empty());
}

TEST_CASE("the practitioner's language is a setting of their store; a child's activity has its own") {
    Fixture f;
    heard::i18n::setCatalogueDir(HEARD_LOCALE_DIR);
    CHECK(practitionerLanguage(*f.store) == "en");
    CHECK_FALSE(setPractitionerLanguage(*f.store, "klingon"));
    CHECK(practitionerLanguage(*f.store) == "en");
    REQUIRE(setPractitionerLanguage(*f.store, "cy"));
    CHECK(heard::i18n::language() == "cy");
    CHECK(std::string(_("Skip")) == "Hepgor");
    heard::i18n::setLanguage("en");
    applyPractitionerLanguage(*f.store);
    CHECK(heard::i18n::language() == "cy");
    f.store->setSetting(kLanguageSetting, "xx"); // a language no longer shipped
    CHECK(practitionerLanguage(*f.store) == "en");
    // The practitioner works in Welsh; the child chooses English for the activity.
    REQUIRE(setPractitionerLanguage(*f.store, "cy"));
    const ActivityContent* wishes = f.library.find("three_wishes");
    REQUIRE(wishes);
    ActivityRun run(*wishes, "en");
    {
        heard::i18n::ScopedLanguage child(run.language());
        CHECK(std::string(_("Skip")) == "Skip");
    }
    CHECK(std::string(_("Skip")) == "Hepgor");
    heard::i18n::setLanguage("en");
}

TEST_CASE("an activity session with a store saves each change and keeps a failure for the practitioner") {
    Fixture f;
    tools::ActivitySession session;
    REQUIRE(session.start("scaling", "en"));
    session.attachStore(*f.store, f.context());
    session.save(); // nothing answered yet: an empty draft is still the record of the start
    REQUIRE(session.recorder);
    const std::string id = session.recorder->recordId();
    REQUIRE_FALSE(id.empty());
    session.run->skip();
    session.run->setScale(0);
    session.save();
    CHECK(f.store->recordById(id)->highRisk);
    CHECK(session.saveError.empty());
    // A store that refuses (the record was signed meanwhile): the error is kept, the run is not lost.
    f.store->sign(id, "A. Practitioner");
    session.run->next();
    session.save();
    CHECK_FALSE(session.saveError.empty());
    CHECK(session.run->result().answerFor("safe_at_home")->scale == 0);
}
