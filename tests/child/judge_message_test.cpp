// Issue 18.5, a message to the judge (NS 4.7: it goes to court only with the child's agreement),
// on the real app by touch: the child is told plainly, in their language, that their parents or
// carers may read it; the child agrees or not on a step of their own, with nothing chosen for
// them; the practitioner cannot record it as sent unless the child said yes; once they did, when
// and how it was sent is recorded, signed, under the message. Bad input is refused and says why.
#include "child_harness.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/demo_caseload.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/model/activity_type.h"
#include "app/tools/wishes_feelings/model/judge_message.h"
#include "storage/record_kinds.h"
#include "tests/support/drawn_text.h"

#include <doctest/doctest.h>
#include <algorithm>
#include <imgui.h>

using namespace heard;

namespace {

constexpr const char* kWarning = "Your parents or carers might read it too.";

// Replaces what a field holds, as a finger and the keyboard would.
void retype(test::WorkflowApp& w, const std::string& tagName, const std::string& text) {
    w.driver->tap(tagName);
    w.driver->pressKey(SDLK_END, KMOD_CTRL);
    for (int i = 0; i < 24; ++i)
        w.driver->pressKey(SDLK_BACKSPACE);
    w.driver->typeText(text);
}

bool shows(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    return test::drawnCharacters(ImGui::GetDrawData()).find(text) != std::string::npos;
}

std::vector<storage::Record> recordsOfKind(test::WorkflowApp& w, const char* kind) {
    std::vector<storage::Record> out;
    for (const auto& r : w.store().recordsForChild("child-demo-1"))
        if (r.kind == kind) out.push_back(r);
    return out;
}

tools::ActivityResult resultOf(const storage::Record& record) {
    tools::ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(tools::resultFromJson(record.payload, result, error), error);
    return result;
}

// A visit begun by touch, the judge activity chosen, its guidance read, the tablet handed over;
// the child writes, is told, and answers the agreement step with `choice` ("" skips it).
void writeToTheJudge(test::WorkflowApp& w, const std::string& words, const std::string& choice) {
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.driver->tap("visit.activity.words_for_judge");
    REQUIRE((w.app->screen() == ui::ScreenId::HandOver));
    w.driver->tap("handover.start");
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
    // Told before writing a word.
    REQUIRE(w.driver->has("activity.note"));
    CHECK(shows(kWarning));
    w.tapAndType("words.input", words);
    w.driver->tap("activity.next");
    // The agreement: their message above, told again, and nothing chosen for them.
    REQUIRE(w.driver->has("choice.yes"));
    REQUIRE(w.driver->has("choice.not_yet"));
    CHECK(w.driver->has("activity.note"));
    CHECK(shows(kWarning));
    CHECK(w.driver->has("activity.about"));
    CHECK(shows(words));
    const tools::Answer* agree = w.app->editors().childMode.session->run->currentAnswer();
    REQUIRE(agree);
    CHECK(agree->choiceId.empty());
    CHECK(w.driver->has("activity.next.why")); // Next waits: no answer is assumed
    if (choice.empty()) {
        w.driver->tap("activity.skip");
    } else {
        w.driver->tap("choice." + choice);
        w.driver->tap("activity.next");
    }
    REQUIRE(w.driver->has("activity.end"));
    w.driver->tap("activity.done");
    w.driver->frames(2);
    w.tapAndType("childmode.passphrase", model::kDemoPassphrase);
    w.driver->tap("childmode.leave");
    w.settleChildModeCheck();
    REQUIRE((w.app->screen() == ui::ScreenId::Visit));
}

} // namespace

TEST_CASE("a Welsh child is told in Welsh that their parents or carers may read it") {
    test::WorkflowApp w(0, 1280, 900);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "words_for_judge");
    w.driver->tap("activity.lang.cy");
    const i18n::ScopedLanguage cy("cy");
    const std::string welsh = i18n::tr(kWarning);
    CHECK(welsh != kWarning);
    CHECK(shows(welsh));
    CHECK_FALSE(shows(kWarning));
    // The agreement step is the child's too: its question and answers in Welsh.
    w.tapAndType("words.input", "Rwy'n hoffi'r ddau dŷ (fictional)");
    w.driver->tap("activity.next");
    CHECK(shows(i18n::tr("Can I give your message to the judge?")));
    CHECK(shows(welsh));
}

TEST_CASE("not yet: the agreement is recorded and the message cannot be recorded as sent") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    writeToTheJudge(w, "I want to see my brother more (fictional)", "not_yet");
    const auto activities = recordsOfKind(w, storage::kinds::kActivity);
    REQUIRE(activities.size() == 1);
    const tools::ActivityResult result = resultOf(activities.front());
    REQUIRE(result.givenAnswer("agree"));
    CHECK(result.givenAnswer("agree")->choiceId == "not_yet");
    CHECK((tools::judgeAgreement(result) == tools::JudgeAgreement::NotYet));

    // The practitioner sees it plainly, and no form to record a sending.
    REQUIRE(w.driver->has("judge.agreement"));
    CHECK(shows(_("The child said \"not yet\": the message must not be sent (NS 4.7).")));
    CHECK(w.driver->has("judge.not_sent"));
    CHECK_FALSE(w.driver->has("judge.open_form"));
    // Nor does the editor record one if asked some other way: refused, saying why, nothing stored.
    auto& form = w.app->editors().judgeSending;
    form.open(activities.front().id);
    form.sending.sentOn = w.app->now().substr(0, 10);
    form.sending.how = "court_report";
    form.record(*w.app);
    REQUIRE_FALSE(form.problems.empty());
    CHECK(form.problems.front().find("has not agreed") != std::string::npos);
    CHECK(recordsOfKind(w, storage::kinds::kJudgeMessageSent).empty());
}

TEST_CASE("a skipped agreement is no agreement") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    writeToTheJudge(w, "Please listen to me (fictional)", "");
    const auto activities = recordsOfKind(w, storage::kinds::kActivity);
    REQUIRE(activities.size() == 1);
    CHECK((tools::judgeAgreement(resultOf(activities.front())) == tools::JudgeAgreement::NotGiven));
    CHECK(shows(_("The child has not said yes: the message must not be sent (NS 4.7).")));
    CHECK_FALSE(w.driver->has("judge.open_form"));
}

TEST_CASE("yes: when and how it was sent is recorded by the practitioner, signed, under the message") {
    test::WorkflowApp w(0, 1280, 4200);
    w.unlockDemo();
    const std::string words = "I feel safe at both houses  (fictional)";
    writeToTheJudge(w, words, "yes");
    const auto activities = recordsOfKind(w, storage::kinds::kActivity);
    REQUIRE(activities.size() == 1);
    const storage::Record& message = activities.front();
    CHECK(resultOf(message).givenAnswer("message")->words == words);
    CHECK(resultOf(message).givenAnswer("agree")->choiceId == "yes");
    CHECK(shows(_("The child agreed that their message can be sent to the judge.")));
    CHECK(w.driver->has("judge.not_sent"));

    w.driver->tap("judge.open_form");
    REQUIRE(w.driver->has("judge.record"));
    // Nothing chosen for the practitioner; an empty form is refused with every reason.
    CHECK(w.app->editors().judgeSending.sending.how.empty());
    w.driver->tap("judge.record");
    REQUIRE(w.driver->has("judge.problems"));
    CHECK(shows(_("Give the date it was sent.")));
    CHECK(shows(_("Choose how it was sent.")));
    // A date in the future, and a day that does not exist, are refused too.
    w.tapAndType("judge.sent_on", "2099-01-04");
    w.driver->tap("judge.how.other");
    w.driver->tap("judge.record");
    CHECK(shows(_("The date it was sent cannot be in the future.")));
    CHECK(shows(_("Say how it was sent."))); // "another way" needs its words
    CHECK(recordsOfKind(w, storage::kinds::kJudgeMessageSent).empty());
    retype(w, "judge.sent_on", "2026-02-30");
    w.driver->tap("judge.record");
    CHECK(shows(_("Write the date as YYYY-MM-DD, for example 2026-11-23.")));
    CHECK(recordsOfKind(w, storage::kinds::kJudgeMessageSent).empty());
    // Put right: today, in the report to the court.
    const std::string today = w.app->now().substr(0, 10);
    retype(w, "judge.sent_on", today);
    w.driver->tap("judge.how.court_report");
    w.tapAndType("judge.note", "Attached as appendix B (fictional)");
    w.driver->tap("judge.record");
    w.driver->frames(2);
    CHECK(w.app->editors().judgeSending.problems.empty());

    const auto sent = recordsOfKind(w, storage::kinds::kJudgeMessageSent);
    REQUIRE(sent.size() == 1);
    CHECK(sent.front().parentId == message.id);
    CHECK((sent.front().status == storage::RecordStatus::Signed));
    CHECK(sent.front().payload["sentOn"] == today);
    CHECK(sent.front().payload["how"] == "court_report");
    CHECK(sent.front().payload["childAgreed"] == "yes");
    CHECK(sent.front().payload["note"] == "Attached as appendix B (fictional)");
    CHECK_FALSE(sent.front().payload["recordedBy"].get<std::string>().empty());
    // The message itself is unchanged: the child's words stay the child's.
    CHECK(resultOf(*w.store().recordById(message.id)).givenAnswer("message")->words == words);
    // On screen under the message.
    CHECK(w.driver->has("judge.sent"));
    CHECK_FALSE(w.driver->has("judge.not_sent"));
    CHECK(shows(_("In my report to the court")));
    CHECK(shows(model::formatDateForPeople(today + "T00:00:00Z"))); // "1 Dec 2026", said for people
}

TEST_CASE("the rules in the model: agreement, dates, ways, and malformed records") {
    const tools::ContentLibrary library =
        tools::loadContentLibrary(std::string(HEARD_SOURCE_DIR) + "/assets/tools");
    const tools::ActivityContent* judge = library.find("words_for_judge");
    REQUIRE(judge);
    tools::ActivityResult result = tools::newResult(*judge, "en");
    tools::JudgeSending s{"2026-11-20", "letter", "", "", "", ""};
    // Not reached, "I don't know", a skip: none is a yes.
    for (tools::AnswerStatus status :
         {tools::AnswerStatus::NotReached, tools::AnswerStatus::DontKnow, tools::AnswerStatus::Skipped}) {
        result.answerFor("agree")->status = status;
        CHECK((tools::judgeAgreement(result) == tools::JudgeAgreement::NotGiven));
        CHECK(tools::sendingProblems(s, result, "2026-11-23").size() == 1);
    }
    result.answerFor("agree")->status = tools::AnswerStatus::Answered;
    result.answerFor("agree")->choiceId = "yes";
    CHECK(tools::sendingProblems(s, result, "2026-11-23").empty());
    CHECK(tools::sendingProblems(s, result, "2026-11-19").size() == 1); // sent "tomorrow"
    for (const char* bad : {"2026-13-01", "2026-2-3", "20261120", "2025-02-29", "yesterday"}) {
        tools::JudgeSending b = s;
        b.sentOn = bad;
        CHECK_MESSAGE(tools::sendingProblems(b, result, "2026-11-23").size() == 1, bad);
    }
    tools::JudgeSending leap = s;
    leap.sentOn = "2024-02-29";
    CHECK(tools::sendingProblems(leap, result, "2026-11-23").empty());
    tools::JudgeSending unknownWay = s;
    unknownWay.how = "carrier_pigeon";
    CHECK(tools::sendingProblems(unknownWay, result, "2026-11-23").size() == 1);
    // Round trip, and malformed payloads refused naming the field.
    CHECK(tools::sendingFromJson(tools::sendingToJson(s)).sentOn == "2026-11-20");
    CHECK_THROWS_WITH_AS(tools::sendingFromJson(nlohmann::json{{"how", "letter"}}),
                         doctest::Contains("/sentOn"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(tools::sendingFromJson(nlohmann::json{{"sentOn", "2026-11-20"}, {"how", 3}}),
                         doctest::Contains("/how"), std::invalid_argument);
    CHECK_THROWS_AS(tools::sendingFromJson(nlohmann::json::array()), std::invalid_argument);
}

TEST_CASE("content: the judge activity must ask for agreement last; 'about' names an earlier step") {
    const tools::ActivityType* type = tools::activityTypes().find("words_for_judge");
    REQUIRE(type);
    auto problemsOf = [&](const std::string& text) {
        tools::ActivityContent content;
        std::vector<tools::ContentError> errors;
        tools::parseContent("t.json", text, content, errors);
        std::vector<std::string> out;
        for (const auto& e : errors)
            out.push_back(e.path + ": " + e.message);
        if (errors.empty())
            type->checkContent(content, [&](const std::string& path, const std::string& message) {
                out.push_back(path + ": " + message);
            });
        return out;
    };
    const std::string head =
        R"({"format": 1, "id": "t", "version": 1, "type": "words_for_judge", "title": "T",
        "childTitle": "T", "guidance": "G", "icon": "judge", "ageRange": [6, 17], "steps": [)";
    const std::string message = R"({"id": "message", "kind": "words", "prompt": "P"})";
    const std::string agree = R"({"id": "agree", "kind": "choice", "prompt": "Q", "about": "message",
        "choices": [{"id": "yes", "label": "Y"}, {"id": "not_yet", "label": "N"}]})";
    CHECK(problemsOf(head + message + "," + agree + "]}").empty());
    // No agreement step at all (as the old content was): refused.
    const auto none =
        problemsOf(head + message + "," + R"({"id": "more", "kind": "words", "prompt": "P"})" + "]}");
    REQUIRE(none.size() == 1);
    CHECK(none.front().find("agree") != std::string::npos);
    // Agreement before the message: refused.
    const std::string agreeFirst = R"({"id": "agree", "kind": "choice", "prompt": "Q",
        "choices": [{"id": "yes", "label": "Y"}, {"id": "not_yet", "label": "N"}]})";
    CHECK(problemsOf(head + agreeFirst + "," + message + "]}").size() == 1);
    // "about" a later step, or a step that does not exist: refused, naming the field.
    const std::string aboutLater = R"({"id": "message", "kind": "words", "prompt": "P", "about": "agree"})";
    const auto later = problemsOf(head + aboutLater + "," + agreeFirst + "]}");
    REQUIRE_FALSE(later.empty());
    CHECK(later.front().find("/steps/0/about") != std::string::npos);
}
