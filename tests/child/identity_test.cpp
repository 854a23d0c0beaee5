// Issue 18.6 (NS 3.3, 8.6): identity and needs on the child's record, each item optional with
// "Not known" and nothing chosen beforehand; the interpreter actually used at a visit. By touch
// on the real app; malformed records are refused with a message naming the item.
#include "../workflow/workflow_harness.h"

#include "app/model/identity_needs.h"
#include "app/model/visit.h"
#include "storage/record_kinds.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

using namespace heard;

namespace {

std::vector<storage::Record> identityRecords(test::WorkflowApp& w, const std::string& childId) {
    std::vector<storage::Record> out;
    for (const storage::Record& r : w.store().recordsForChild(childId))
        if (r.kind == storage::kinds::kIdentityNeeds) out.push_back(r);
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TEST_CASE("identity and needs: nothing chosen at first, words or Not known per item, signed on the record") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.identity");
    REQUIRE((w.app->screen() == ui::ScreenId::IdentityNeeds));

    // Nothing is pre-selected: every item is there, empty, and none says "Not known".
    for (const model::FieldSpec& spec : model::identityNeedsFields()) {
        CHECK_MESSAGE(w.driver->has(std::string("identity.") + spec.key), spec.key);
        CHECK_MESSAGE(w.driver->has(std::string("identity.") + spec.key + ".not_known"), spec.key);
    }
    CHECK(w.app->editors().identity.needs.recordedCount() == 0);

    w.tapAndType("identity.first_language", "Welsh (fictional)");
    w.tapAndType("identity.communication", "Likes pictures and more time to answer (fictional)");
    w.driver->tap("identity.disability.not_known");
    // Not known takes the place of words: the field gives way to the words "Not known".
    w.tapAndType("identity.religion", "written then withdrawn");
    w.driver->tap("identity.religion.not_known");
    CHECK(w.app->editors().identity.needs.item("religion").text.empty());
    CHECK(w.app->editors().identity.needs.item("religion").notKnown);

    // Signing needs the name and a signature, never any item.
    w.driver->tap("identity.sign");
    CHECK((w.app->screen() == ui::ScreenId::IdentityNeeds));
    w.tapAndType("identity.signature_name", "Demo Practitioner");
    w.sign("identity.signature_pad");
    w.driver->tap("identity.sign");
    REQUIRE((w.app->screen() == ui::ScreenId::Record));

    const auto records = identityRecords(w, "child-demo-1");
    REQUIRE(records.size() == 1);
    CHECK((records[0].status == storage::RecordStatus::Signed));
    const model::IdentityNeeds saved = model::identityNeedsFromJson(records[0].payload);
    CHECK(saved.item("first_language").text == "Welsh (fictional)");
    CHECK(saved.item("communication").text == "Likes pictures and more time to answer (fictional)");
    CHECK(saved.item("disability").notKnown);
    CHECK(saved.item("religion").notKnown);
    // Not asked is neither words nor "not known": it is simply absent.
    CHECK_FALSE(saved.item("ethnicity").recorded());
    CHECK_FALSE(saved.item("culture").recorded());
    CHECK(records[0].payload["items"].count("ethnicity") == 0);
    CHECK(saved.recordedCount() == 4);

    // A change is a new draft starting from what was signed (given then, not guessed); the
    // signed version stays as it was.
    w.driver->tap("nav.back");
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
    w.driver->tap("child.identity");
    REQUIRE((w.app->screen() == ui::ScreenId::IdentityNeeds));
    CHECK(w.app->editors().identity.needs.item("first_language").text == "Welsh (fictional)");
    w.driver->tap("identity.disability.not_known"); // no longer "not known": not recorded
    w.app->saveDrafts();
    const auto after = identityRecords(w, "child-demo-1");
    REQUIRE(after.size() == 2);
    CHECK(model::identityNeedsFromJson(records[0].payload).item("disability").notKnown);
    for (const auto& r : after)
        if (r.status == storage::RecordStatus::Draft)
            CHECK_FALSE(model::identityNeedsFromJson(r.payload).item("disability").recorded());
}

TEST_CASE("identity and needs: malformed records are refused with a message naming the item") {
    auto refused = [](const nlohmann::json& j, const std::string& names) {
        try {
            model::identityNeedsFromJson(j);
            FAIL("accepted: " << j.dump());
        } catch (const std::invalid_argument& e) {
            CHECK_MESSAGE(std::string(e.what()).find(names) != std::string::npos, e.what());
        }
    };
    refused(nlohmann::json::array(), "JSON object");
    refused({{"items", {{"shoe_size", {{"text", "3"}}}}}}, "shoe_size");
    refused({{"items", {{"religion", {{"text", 7}}}}}}, "religion.text");
    refused({{"items", {{"culture", {{"text", "Polish"}, {"not_known", true}}}}}}, "culture");
    refused({{"items", {{"disability", {{"not_known", "yes"}}}}}}, "disability.not_known");
    // Round trip keeps the three states apart.
    model::IdentityNeeds needs;
    needs.set("ethnicity", {"White Welsh (fictional)", false});
    needs.set("religion", {"", true});
    needs.set("culture", {"   ", false}); // blank is not recorded
    const model::IdentityNeeds back = model::identityNeedsFromJson(model::toJson(needs));
    CHECK(back.item("ethnicity").text == "White Welsh (fictional)");
    CHECK(back.item("religion").notKnown);
    CHECK_FALSE(back.item("culture").recorded());

    CHECK_THROWS_WITH_AS(model::interpreterFromJson({{"used", "maybe"}}),
                         doctest::Contains("interpreter.used"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(model::interpreterFromJson({{"used", "yes"}, {"mode", "carrier pigeon"}}),
                         doctest::Contains("interpreter.mode"), std::invalid_argument);
}

TEST_CASE("the interpreter used at a visit: nothing chosen, then language, name, in person or remote") {
    test::WorkflowApp w;
    w.beginDemoVisit();
    // Nothing chosen; the details are asked only once an interpreter was used.
    CHECK(w.app->editors().visit.visit.interpreter.used.empty());
    REQUIRE(w.driver->has("visit.interpreter.yes"));
    REQUIRE(w.driver->has("visit.interpreter.no"));
    CHECK_FALSE(w.driver->has("visit.interpreter.language"));
    // The question is optional: not answering it stops nothing.
    for (const std::string& problem : model::visitSigningProblems(w.app->editors().visit.visit))
        CHECK(problem.find("nterpreter") == std::string::npos);

    w.driver->tap("visit.interpreter.yes");
    REQUIRE(w.driver->has("visit.interpreter.language"));
    // Used but not described: signing says what is missing.
    auto problems = model::visitSigningProblems(w.app->editors().visit.visit);
    CHECK(contains(problems, "The interpreter's language"));
    CHECK(contains(problems, "The interpreter's name"));
    CHECK(contains(problems, "Interpreter in person or remote"));

    w.tapAndType("visit.interpreter.language", "Polish");
    w.tapAndType("visit.interpreter.name", "Ewa Nowak (fictional)");
    w.driver->tap("visit.interpreter.remote");
    problems = model::visitSigningProblems(w.app->editors().visit.visit);
    for (const std::string& problem : problems)
        CHECK(problem.find("nterpreter") == std::string::npos);

    w.app->saveDrafts();
    const auto record = w.store().recordById(w.app->editors().visit.draft.recordId);
    REQUIRE(record);
    const model::Visit saved = model::visitFromJson(record->payload);
    CHECK(saved.interpreter.used == "yes");
    CHECK(saved.interpreter.language == "Polish");
    CHECK(saved.interpreter.name == "Ewa Nowak (fictional)");
    CHECK(saved.interpreter.mode == "remote");

    // A second tap takes the answer back: nothing chosen again.
    w.driver->tap("visit.interpreter.remote");
    CHECK(w.app->editors().visit.visit.interpreter.mode.empty());
    w.driver->tap("visit.interpreter.yes");
    CHECK(w.app->editors().visit.visit.interpreter.used.empty());
    CHECK_FALSE(w.driver->has("visit.interpreter.language"));
}
