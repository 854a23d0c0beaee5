// Issue 18.3 (the rest): answers that fit the child. Driven by touch on the real app:
// - a three-year-old gets a pictures-only scale (3 pictures, no numbers, no words to read), and
//   the record says which form the answer was given on; a ten-year-old gets 0-10;
// - several feelings chosen on one step are all recorded, and nothing is pre-selected;
// - a six-year-old gets the short "When the grown-ups argue" (at most 6 steps), and an unsafe
//   answer in it still raises the alert.
// The content that chooses these (age bands, "multiple") is checked on load: mistakes get a clear
// error naming the file and the place.
#include "child_harness.h"

#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/model/activity_run.h"
#include "tests/support/drawn_text.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>

using namespace heard;

namespace {

// The demo child, born on another day: the test clock is Monday 23 November 2026.
void setBirthday(test::WorkflowApp& w, const std::string& childId, const std::string& dateOfBirth) {
    auto child = w.store().childById(childId);
    REQUIRE(child);
    child->dateOfBirth = dateOfBirth;
    w.store().putChild(*child);
    w.driver->frames(2);
}

nlohmann::json savedPayload(test::WorkflowApp& w) {
    auto& mode = w.app->editors().childMode;
    mode.session->save();
    REQUIRE(mode.session->recorder);
    auto record = w.store().recordById(mode.session->recorder->recordId());
    REQUIRE(record);
    return record->payload;
}

tools::ActivityResult savedResult(test::WorkflowApp& w) {
    tools::ActivityResult result;
    std::string error;
    REQUIRE(tools::resultFromJson(savedPayload(w), result, error));
    return result;
}

nlohmann::json storedAnswer(const nlohmann::json& payload, const std::string& stepId) {
    for (const auto& answer : payload.at("child").at("answers"))
        if (answer.at("step") == stepId) return answer;
    FAIL("no answer for " << stepId);
    return {};
}

// The words of the frame just drawn that are numbers ("0" ... "10").
std::vector<std::string> drawnNumbers() {
    std::vector<std::string> out;
    for (const std::string& word : test::drawnWords(ImGui::GetDrawData())) {
        if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(c); }))
            out.push_back(word);
    }
    return out;
}

bool drawn(const std::string& word) {
    const auto words = test::drawnWords(ImGui::GetDrawData());
    return std::find(words.begin(), words.end(), word) != words.end();
}

} // namespace

TEST_CASE("a three-year-old gets a pictures-only scale, and the record says which form it was") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    setBirthday(w, "child-demo-2", "2023-06-01"); // three
    test::beginChildMode(w, "child-demo-2", "scaling");
    const auto* run = w.app->editors().childMode.session->run.get();
    REQUIRE(run->currentStep());
    CHECK(run->currentStep()->id == "happy_now");

    // Three pictures to tap, and no fourth; no numbers and none of the end words on screen.
    CHECK(w.driver->has("scaleform.pictures_3"));
    CHECK_FALSE(w.driver->has("scaleform.numbers"));
    for (int i = 0; i < 3; ++i)
        CHECK(w.driver->has("scale." + std::to_string(i)));
    CHECK_FALSE(w.driver->has("scale.3"));
    CHECK_FALSE(w.driver->has("scale.10"));
    w.driver->frames(1);
    CHECK(drawnNumbers().empty());
    CHECK_FALSE(drawn("Very")); // "Very happy" is for readers; the pictures say it
    // Each picture is a big target.
    const auto tile = w.driver->rect("scale.2");
    CHECK(tile.width() >= 48.0f);
    CHECK(tile.height() >= 96.0f);

    // Nothing is chosen for the child; the happiest picture, then Next.
    CHECK(run->currentAnswer()->scale == -1);
    w.driver->tap("scale.2");
    w.driver->tap("activity.next");
    const nlohmann::json payload = savedPayload(w);
    const nlohmann::json happy = storedAnswer(payload, "happy_now");
    CHECK(happy.at("status") == "answered");
    CHECK(happy.at("scale") == 2);
    CHECK(happy.at("scaleForm") == "pictures_3");
    CHECK(happy.at("scaleOf") == 3);
    CHECK(payload.at("activity").at("ageBand") == "under_five");
    // Read back, it is a picture of three: never "2 out of 10".
    const tools::ActivityResult result = savedResult(w);
    CHECK((result.answerFor("happy_now")->scaleForm == tools::ScaleForm::Pictures3));
    CHECK(result.answerFor("happy_now")->scaleOnTen() == 10);
}

TEST_CASE("a ten-year-old gets the 0-10 scale, and the record says so") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    setBirthday(w, "child-demo-1", "2016-05-01"); // ten
    test::beginChildMode(w, "child-demo-1", "scaling");
    CHECK(w.driver->has("scaleform.numbers"));
    CHECK_FALSE(w.driver->has("scaleform.pictures_3"));
    CHECK_FALSE(w.driver->has("scaleform.pictures_5"));
    for (int i = 0; i <= 10; ++i)
        CHECK(w.driver->has("scale." + std::to_string(i)));
    w.driver->frames(1);
    CHECK(drawnNumbers().size() >= 11); // the numbers on the steps
    CHECK(drawn("Very"));
    w.driver->tap("scale.2");
    w.driver->tap("activity.next");
    const nlohmann::json payload = savedPayload(w);
    const nlohmann::json happy = storedAnswer(payload, "happy_now");
    CHECK(happy.at("scale") == 2);
    CHECK(happy.at("scaleForm") == "numbers");
    CHECK(happy.at("scaleOf") == 11);
    CHECK_FALSE(payload.at("activity").contains("ageBand"));
}

TEST_CASE("a five-year-old's scale has five pictures; a low one on the safety scale raises the alert") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    setBirthday(w, "child-demo-2", "2021-01-10"); // five
    test::beginChildMode(w, "child-demo-2", "scaling");
    CHECK(w.driver->has("scaleform.pictures_5"));
    CHECK(w.driver->has("scale.4"));
    CHECK_FALSE(w.driver->has("scale.5"));
    w.driver->tap("activity.skip");
    // How safe where you live: the second of five pictures is at or below the safety line (3 of 10).
    w.driver->tap("scale.1");
    CHECK(w.driver->has("childmode.calm"));
    CHECK(w.app->editors().childMode.session->run->unsafeDisclosed());
    const nlohmann::json safe = storedAnswer(savedPayload(w), "safe_at_home");
    CHECK(safe.at("scaleForm") == "pictures_5");
    CHECK(safe.at("scale") == 1);
}

TEST_CASE("two feelings chosen on one step are both recorded; none is chosen for the child") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "parental_conflict"); // nine: the whole activity
    auto* run = w.app->editors().childMode.session->run.get();
    CHECK(run->stepCount() == 12);
    while (run->currentStep() && run->currentStep()->id != "feel")
        w.driver->tap("activity.skip");
    REQUIRE(run->currentStep());
    CHECK(w.driver->has("face.multiple_hint"));
    CHECK(run->currentAnswer()->faces.empty());
    CHECK(run->currentAnswer()->faceId.empty());
    CHECK(w.driver->has("activity.next.why")); // nothing chosen yet: Next waits

    w.driver->tap("face.sad");
    w.driver->tap("face.worried");
    w.driver->tap("face.angry");
    w.driver->tap("face.angry");                   // changed their mind: a second tap takes it away
    CHECK_FALSE(w.driver->has("face.strength.1")); // no single "how much" for mixed feelings
    w.driver->tap("activity.next");
    CHECK(run->currentStep()->id == "what_you_do");

    const nlohmann::json feel = storedAnswer(savedPayload(w), "feel");
    CHECK(feel.at("status") == "answered");
    CHECK(feel.at("faces") == nlohmann::json::array({"sad", "worried"}));
    CHECK_FALSE(feel.contains("face"));
    CHECK_FALSE(feel.contains("strength"));
    // Read back at the end in the child's words of the screen: both feelings.
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    REQUIRE(w.driver->has("activity.read_back"));
    w.driver->frames(1);
    CHECK(drawn("Sad"));
    CHECK(drawn("Worried"));
}

TEST_CASE(
    "a six-year-old gets the short 'When the grown-ups argue'; an unsafe answer still raises the alert") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    // child-demo-2 is six on the test clock (born 2 August 2020).
    test::beginChildMode(w, "child-demo-2", "parental_conflict");
    auto* run = w.app->editors().childMode.session->run.get();
    CHECK(run->stepCount() <= 6);
    CHECK(run->result().ageBand == "short_pictures");
    // The scales are pictures (under seven); the safety question is in the short version.
    CHECK(w.driver->has("scaleform.pictures_3"));
    w.driver->tap("scale.2");
    w.driver->tap("activity.next");
    REQUIRE(run->currentStep());
    CHECK(run->currentStep()->id == "see_hear");
    w.driver->tap("choice.pushing_hitting");
    CHECK(w.driver->has("childmode.calm"));
    CHECK(run->unsafeDisclosed());
    w.driver->tap("childmode.calm.go_on");
    // The screens the child sees, counted by touch: every one passed with Skip or "I don't know".
    int screens = 2;
    while (run->currentStep() && screens < 20) {
        ++screens;
        w.driver->tap(screens % 2 ? "activity.skip" : "activity.dont_know");
    }
    CHECK(run->finished());
    CHECK(screens <= 6);
    CHECK(w.driver->has("activity.end"));

    const nlohmann::json payload = savedPayload(w);
    CHECK(payload.at("activity").at("ageBand") == "short_pictures");
    CHECK(payload.at("child").at("answers").size() == run->stepCount());
    CHECK(payload.at("unsafeDisclosed") == true);
    auto record = w.store().recordById(w.app->editors().childMode.session->recorder->recordId());
    CHECK(record->highRisk);

    // On hand-back the alert is first, naming the question and the child's answer.
    w.driver->tap("activity.done");
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::SafetyAlert));
    const model::SafetyAlert& alert = w.app->editors().safetyAlert.items.front().alert;
    CHECK(alert.stepId == "see_hear");
    CHECK(alert.choiceId == "pushing_hitting");
}

TEST_CASE("an eight-year-old gets the whole activity with 0-10 scales") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    setBirthday(w, "child-demo-2", "2018-06-01"); // eight
    test::beginChildMode(w, "child-demo-2", "parental_conflict");
    const auto* run = w.app->editors().childMode.session->run.get();
    CHECK(run->stepCount() == 12);
    CHECK(run->result().ageBand.empty());
    CHECK(w.driver->has("scaleform.numbers"));
}

// [SECTION] the content that chooses: clear errors for mistakes

namespace {

std::string contentText(const std::string& stepsAndMore) {
    return R"({"format": 1, "id": "t", "version": 1, "type": "parental_conflict", "title": "T",
               "childTitle": "T", "guidance": "G", "icon": "cloud", "ageRange": [3, 17],
               "faces": [{"id": "sad", "label": "Sad", "expression": "sad"},
                         {"id": "calm", "label": "Calm", "expression": "calm"}],
               "steps": [
                 {"id": "often", "kind": "scale", "prompt": "P", "low": "L", "high": "H"},
                 {"id": "safe", "kind": "choice", "prompt": "P", "choices": [
                    {"id": "ok", "label": "OK"}, {"id": "hurt", "label": "Hurt", "unsafe": true}]},
                 {"id": "feel", "kind": "face", "prompt": "P", "multiple": true},
                 {"id": "words", "kind": "words", "prompt": "P"}
               ])" +
           stepsAndMore + "}";
}

std::string errorsOf(const std::string& text) {
    tools::ActivityContent content;
    std::vector<tools::ContentError> errors;
    if (tools::parseContent("t.json", text, content, errors)) return "";
    std::string out;
    for (const auto& e : errors)
        out += e.text() + "\n";
    return out;
}

} // namespace

TEST_CASE("age bands and several feelings in content: read when right, refused clearly when wrong") {
    tools::ActivityContent content;
    std::vector<tools::ContentError> errors;
    REQUIRE(tools::parseContent(
        "t.json", contentText(R"(, "ageBands": [{"id": "little", "ages": [3, 6], "scale": "pictures_5",
                                                       "steps": ["safe", "often"]}])"),
        content, errors));
    CHECK(content.steps[2].multiple);
    REQUIRE(content.bandForAge(4));
    CHECK(content.bandForAge(4)->id == "little");
    CHECK(content.bandForAge(7) == nullptr);
    CHECK(content.bandForAge(-1) == nullptr);
    const tools::ActivityContent little = tools::contentForBand(content, content.bandForAge(5));
    REQUIRE(little.steps.size() == 2);
    CHECK(little.steps[0].id == "safe"); // the band's order
    CHECK((little.steps[1].scaleForm == tools::ScaleForm::Pictures5));
    // The run in the band: positions beyond the form's five are refused.
    tools::ActivityRun run(content, "en", 5);
    CHECK(run.result().ageBand == "little");
    run.skip();
    run.setScale(7);
    CHECK(run.currentAnswer()->scale == -1);
    run.setScale(4);
    CHECK(run.currentAnswer()->scale == 4);

    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [3, 6], "steps": ["often", "nope"]}])"))
              .find("t.json: /ageBands/0/steps/1: no step has the id \"nope\"") != std::string::npos);
    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [3, 6], "steps": ["often", "feel"]}])"))
              .find("/ageBands/0/steps: leaves out the safety question \"safe\"") != std::string::npos);
    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [3, 6]}, {"id": "b", "ages": [6, 8]}])"))
              .find("/ageBands/1/ages: overlaps the ages of band \"a\"") != std::string::npos);
    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [3, 6], "scale": "pictures_4"}])"))
              .find("/ageBands/0/scale: unknown scale form \"pictures_4\"") != std::string::npos);
    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [6, 3]}])"))
              .find("/ageBands/0/ages: must satisfy") != std::string::npos);
    CHECK(errorsOf(contentText(R"(, "ageBands": [{"id": "a", "ages": [3, 6], "steps": ["safe"]}])"))
              .find("the short version has 1") != std::string::npos);
    // "multiple" belongs to face steps, and is true or false.
    std::string text = contentText("");
    text.replace(text.find(R"("prompt": "P", "low")"), 13, R"("prompt": "P", "multiple": true)");
    CHECK(errorsOf(text).find("/steps/0/multiple: is only allowed on face steps") != std::string::npos);
    text = contentText("");
    text.replace(text.find(R"("multiple": true)"), 16, R"("multiple": "yes")");
    CHECK(errorsOf(text).find("/steps/2/multiple: must be true or false") != std::string::npos);
}

TEST_CASE("a stored scale answer out of its form's range is refused with the field named") {
    nlohmann::json payload = {
        {"activity",
         {{"type", "scaling"}, {"contentId", "scaling"}, {"contentVersion", 3}, {"language", "en"}}},
        {"child",
         {{"answers",
           {{{"step", "happy_now"}, {"status", "answered"}, {"scale", 5}, {"scaleForm", "pictures_3"}}}}}}};
    tools::ActivityResult result;
    std::string error;
    CHECK_FALSE(tools::resultFromJson(payload, result, error));
    CHECK(error.find("/child/answers/0/scale") != std::string::npos);
    payload["child"]["answers"][0]["scaleForm"] = "sliders";
    CHECK_FALSE(tools::resultFromJson(payload, result, error));
    CHECK(error.find("scaleForm") != std::string::npos);
    // A record from before scale forms reads as 0-10.
    payload["child"]["answers"][0].erase("scaleForm");
    REQUIRE(tools::resultFromJson(payload, result, error));
    CHECK((result.answers[0].scaleForm == tools::ScaleForm::Numbers));
    CHECK(result.answers[0].scale == 5);
}
