// Issue 18.3 (part): a pictured "I don't know" on every question, kept as that answer and never
// as a skip; Next waits for an answer and says why; Skip is the one way past without one.
#include "child_harness.h"

#include "app/tools/framework/model/activity_result.h"

#include <doctest/doctest.h>

using namespace heard;

namespace {

tools::ActivityResult savedResult(test::WorkflowApp& w) {
    auto& mode = w.app->editors().childMode;
    mode.session->save();
    REQUIRE(mode.session->recorder);
    auto record = w.store().recordById(mode.session->recorder->recordId());
    REQUIRE(record);
    tools::ActivityResult result;
    std::string error;
    REQUIRE(tools::resultFromJson(record->payload, result, error));
    return result;
}

} // namespace

TEST_CASE("Next waits for an answer and says why; I don't know and Skip are kept apart in the record") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "two_homes");
    auto* run = w.app->editors().childMode.session->run.get();

    // Step 1 (words): nothing typed, Next does nothing and the reason is on screen.
    CHECK(w.driver->has("activity.dont_know"));
    CHECK(w.driver->has("activity.next.why"));
    w.driver->tap("activity.next");
    CHECK(run->position() == 0);
    // "I don't know" is an answer: the child moves on.
    w.driver->tap("activity.dont_know");
    CHECK(run->position() == 1);

    // Step 2 (faces): the pictured "I don't know" is here too; Next waits until a face is chosen.
    CHECK(w.driver->has("activity.dont_know"));
    w.driver->tap("activity.next");
    CHECK(run->position() == 1);
    w.driver->tap("face.happy");
    CHECK_FALSE(w.driver->has("activity.next.why"));
    w.driver->tap("activity.next");
    CHECK(run->position() == 2);

    // Step 3 (choice): Skip is the way past without an answer.
    CHECK(w.driver->has("activity.dont_know"));
    w.driver->tap("activity.skip");
    CHECK(run->position() == 3);

    const tools::ActivityResult result = savedResult(w);
    const tools::Answer* who = result.answerFor("first_home_who");
    const tools::Answer* feel = result.answerFor("first_home_feel");
    const tools::Answer* safe = result.answerFor("first_home_safe");
    REQUIRE(who);
    REQUIRE(feel);
    REQUIRE(safe);
    CHECK((who->status == tools::AnswerStatus::DontKnow));
    CHECK((feel->status == tools::AnswerStatus::Answered));
    CHECK((safe->status == tools::AnswerStatus::Skipped));
    const auto skipped = result.skipped();
    CHECK(std::find(skipped.begin(), skipped.end(), "first_home_who") == skipped.end());
    CHECK(std::find(skipped.begin(), skipped.end(), "first_home_safe") != skipped.end());
    // In the stored JSON, by name.
    const auto record = w.store().recordById(w.app->editors().childMode.session->recorder->recordId());
    CHECK(record->payload.dump().find("\"dont_know\"") != std::string::npos);
}

TEST_CASE("I don't know after a pick clears the pick: the record says one thing; a stop keeps it") {
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "two_homes");
    auto* run = w.app->editors().childMode.session->run.get();
    w.driver->tap("activity.skip");
    w.driver->tap("face.sad");
    w.driver->tap("activity.dont_know");
    w.driver->tap("activity.stop");
    w.driver->tap("activity.stop.yes");
    REQUIRE(run->finished());
    const tools::ActivityResult result = savedResult(w);
    const tools::Answer* feel = result.answerFor("first_home_feel");
    REQUIRE(feel);
    CHECK((feel->status == tools::AnswerStatus::DontKnow));
    CHECK(feel->faceId.empty());
    // The read-back shows it as the child said it.
    CHECK(w.driver->has("activity.read_back"));
}

TEST_CASE("a damaged status in a stored result is refused with the field named") {
    tools::ActivityResult result;
    std::string error;
    nlohmann::json payload = {
        {"activity",
         {{"type", "two_homes"}, {"contentId", "two_homes"}, {"contentVersion", 1}, {"language", "en"}}},
        {"child", {{"answers", {{{"step", "a"}, {"status", "dont_now"}}}}}}};
    CHECK_FALSE(tools::resultFromJson(payload, result, error));
    CHECK(error.find("status") != std::string::npos);
}
