// Issue 18.1: read aloud with espeak-ng, offline, in English and Welsh. Every prompt and choice
// of every activity synthesises to sound in both languages; the speaker buttons play it through
// the audio sink; moving on stops it; the child's own typed words are never spoken.
#include "child_harness.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/view/activity_screen.h"
#include "platform/speech.h"

#include <doctest/doctest.h>

#include <memory>
#include <mutex>

using namespace heard;

namespace {

struct RecordingSink : platform::AudioSink {
    std::mutex mutex;
    std::vector<std::string> texts;
    std::vector<size_t> sampleCounts;
    int stops = 0;
    void play(const std::vector<int16_t>& samples, int, const std::string& text) override {
        std::lock_guard<std::mutex> guard(mutex);
        texts.push_back(text);
        sampleCounts.push_back(samples.size());
    }
    void stop() override {
        std::lock_guard<std::mutex> guard(mutex);
        ++stops;
    }
};

struct SinkInstalled {
    std::shared_ptr<RecordingSink> sink = std::make_shared<RecordingSink>();
    SinkInstalled() { platform::speech().setSink(sink); }
    ~SinkInstalled() { platform::speech().setSink(nullptr); }
};

} // namespace

TEST_CASE("every prompt and choice of every activity, in English and in Welsh, synthesises to sound") {
    tools::ActivitySession session;
    session.ensureLibrary();
    REQUIRE(session.library.activities.size() >= 5);
    REQUIRE(platform::speech().sampleRate() > 0);
    int strings = 0;
    for (const char* language : {"en", "cy"}) {
        i18n::ScopedLanguage scoped(language);
        for (const auto& content : session.library.activities) {
            std::vector<std::string> texts = {i18n::tr(content.childTitle)};
            for (const auto& step : content.steps) {
                texts.push_back(i18n::tr(step.prompt));
                for (const auto& choice : step.choices)
                    texts.push_back(i18n::tr(choice.label));
            }
            for (const auto& face : content.faces)
                texts.push_back(i18n::tr(face.label));
            for (const std::string& text : texts) {
                if (text.empty()) continue;
                const auto samples = platform::speech().synthesise(text, language);
                CHECK_MESSAGE(samples.size() > 1000,
                              language << ": \"" << text << "\" made " << samples.size() << " samples");
                ++strings;
            }
        }
        for (const char* fixed : {"I don't know", "Do you want to stop?", "That's OK. Thank you!"})
            CHECK(platform::speech().synthesise(i18n::tr(fixed), language).size() > 1000);
    }
    CHECK(strings > 100);
    // Welsh is spoken with the Welsh voice: the same words sound different from the English voice.
    CHECK(platform::speech().synthesise("Dwi ddim yn gwybod", "cy") !=
          platform::speech().synthesise("Dwi ddim yn gwybod", "en"));
}

TEST_CASE(
    "the speaker buttons play the prompt and each choice; moving on stops; typed words are never spoken") {
    SinkInstalled installed;
    auto& sink = *installed.sink;
    test::WorkflowApp w(0, 1280, 800);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-3", "two_homes"); // a Welsh child
    const std::string typed = "Mam a Nain a fy nghath";
    w.tapAndType("words.input", typed);
    w.driver->tap("activity.speak.prompt");
    platform::speech().waitUntilIdle();
    {
        i18n::ScopedLanguage welsh("cy");
        std::lock_guard<std::mutex> guard(sink.mutex);
        REQUIRE(sink.texts.size() == 1);
        // No homes named for this child: neutral words, in Welsh (issue 18.2).
        CHECK(sink.texts[0] == "Pwy sy'n byw yn un o dy gartrefi?");
        CHECK(sink.sampleCounts[0] > 1000);
    }
    const int stopsBefore = sink.stops;
    w.driver->tap("activity.next");
    CHECK(sink.stops > stopsBefore); // the child moved on: silence
    w.driver->tap("activity.skip");
    REQUIRE(w.driver->has("activity.speak.choice.sometimes"));
    w.driver->tap("activity.speak.choice.sometimes");
    platform::speech().waitUntilIdle();
    {
        i18n::ScopedLanguage welsh("cy");
        std::lock_guard<std::mutex> guard(sink.mutex);
        REQUIRE(sink.texts.size() == 2);
        CHECK(sink.texts[1] == i18n::tr("Sometimes"));
        CHECK(sink.sampleCounts[1] > 1000);
    }
    // Every speaker on the end screen too; none of it is ever the child's own words.
    w.driver->tap("activity.stop");
    w.driver->tap("activity.speak.stop_question");
    w.driver->tap("activity.stop.yes");
    w.driver->tap("activity.speak.end");
    platform::speech().waitUntilIdle();
    std::lock_guard<std::mutex> guard(sink.mutex);
    CHECK(sink.texts.size() >= 3);
    for (const std::string& said : sink.texts)
        CHECK(said.find(typed) == std::string::npos);
}

TEST_CASE("read each screen aloud: the child's setting says each screen as it opens, and is off by default") {
    SinkInstalled installed;
    auto& sink = *installed.sink;
    test::WorkflowApp w(0, 1280, 1400);
    w.unlockDemo();
    test::beginChildMode(w, "child-demo-1", "two_homes");
    platform::speech().waitUntilIdle();
    {
        std::lock_guard<std::mutex> guard(sink.mutex);
        CHECK(sink.texts.empty()); // off until the practitioner turns it on
    }
    w.app->editors().childMode.clear();
    w.app->show(ui::ScreenId::Visit);
    w.driver->frames(3);
    REQUIRE(w.driver->has("visit.read_aloud"));
    w.driver->tap("visit.read_aloud");
    w.driver->frames(2);
    w.app->enterChildMode("two_homes");
    w.driver->frames(2);
    platform::speech().waitUntilIdle();
    {
        std::lock_guard<std::mutex> guard(sink.mutex);
        REQUIRE(sink.texts.size() == 1);
        CHECK(sink.texts[0] == "Who lives in one of your homes?");
    }
    w.driver->tap("activity.skip");
    platform::speech().waitUntilIdle();
    std::lock_guard<std::mutex> guard(sink.mutex);
    REQUIRE(sink.texts.size() == 2);
    CHECK(sink.texts[1] == "How do you feel in one of your homes?");
}
