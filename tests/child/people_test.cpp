// Issue 18.2 and 18.8 (part): the child's people. The practitioner sets who the child's people
// and homes are and what the child calls them, with pictures from a set of distinct figures; the
// prompts name them in English and in Welsh; a child with none set reads neutral words; in My
// world the child adds and names people of their own, and the record keeps those names as the
// child's words, apart from the practitioner's. Driven by touch on the real app.
#include "child_harness.h"

#include "app/i18n/i18n.h"
#include "app/model/child_people.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/view/activity_screen.h"
#include "app/tools/framework/view/figures.h"
#include "app/tools/framework/view/step_views.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"
#include "tests/support/drawn_text.h"
#include "tests/wishes/po_file.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

using namespace heard;

namespace {

// What the latest frame showed, spaces left out (they are not drawn).
std::string shown() {
    REQUIRE(ImGui::GetDrawData());
    return test::drawnCharacters(ImGui::GetDrawData());
}

bool shows(const std::string& words) {
    std::string wanted;
    for (char c : words)
        if (c != ' ') wanted += c;
    return shown().find(wanted) != std::string::npos;
}

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

std::vector<storage::Record> recordsOf(test::WorkflowApp& w, const std::string& childId, const char* kind) {
    std::vector<storage::Record> out;
    for (const storage::Record& r : w.store().recordsForChild(childId))
        if (r.kind == kind) out.push_back(r);
    return out;
}

// The practitioner, by touch on the child's page: "Mummy" (woman) and "Steve" (man with a
// beard) as the grown-ups at home, "Mummy's flat" and "Grandad's house" as the homes; Save.
void setMummyAndSteve(test::WorkflowApp& w, const std::string& childId) {
    w.driver->tap("caseload.child." + childId);
    w.driver->tap("child.people");
    REQUIRE((w.app->screen() == ui::ScreenId::ChildPeople));
    // Nothing is there before the practitioner writes it.
    CHECK(w.app->editors().people.people.people.empty());
    CHECK(w.app->editors().people.people.homes.empty());
    w.driver->tap("people.add_person");
    w.driver->tap("people.p1.figure.woman"); // the chooser opens for a new person
    w.tapAndType("people.p1.name", "Mummy");
    w.driver->tap("people.p1.grown_up");
    w.driver->tap("people.add_person");
    w.driver->tap("people.p2.figure.man_beard");
    w.tapAndType("people.p2.name", "Steve");
    w.driver->tap("people.p2.grown_up");
    w.driver->tap("people.add_home");
    w.tapAndType("people.h1.name", "Mummy's flat");
    w.driver->tap("people.add_home");
    w.tapAndType("people.h2.name", "Grandad's house");
    w.driver->tap("people.save");
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::Child));
}

// From the child's page: a visit begun and the tablet handed over for contentId.
void handOver(test::WorkflowApp& w, const std::string& contentId) {
    w.driver->tap("child.start_visit");
    w.driver->tap("visit.confidentiality");
    w.driver->tap("visit.begin");
    w.app->enterChildMode(contentId);
    w.driver->frames(2);
    REQUIRE((w.app->screen() == ui::ScreenId::ChildMode));
}

// The names in a vertex buffer's geometry: positions and colours, for comparing two drawings.
std::vector<float> geometryOf(const std::string& figureId) {
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRectFullScreen();
    tools::drawFigure(&dl, figureId, ImVec2(100, 100), 96);
    std::vector<float> out;
    for (const ImDrawVert& v : dl.VtxBuffer) {
        out.push_back(v.pos.x);
        out.push_back(v.pos.y);
        out.push_back(float(v.col));
    }
    return out;
}

} // namespace

TEST_CASE("people model: names fill the placeholders; neutral words without them; bad input refused") {
    i18n::ScopedLanguage english("en");
    model::ChildPeople none;
    CHECK(model::personalise("When {grown_ups} argue", none) == "When the grown-ups argue");
    CHECK(model::personalise("Who lives in {home_1}?", none) == "Who lives in one of your homes?");
    CHECK(model::personalise("Who lives in {home_2}?", none) == "Who lives in your other home?");
    CHECK(model::personalise("{grown_ups} help", none) == "The grown-ups help");

    model::ChildPeople people;
    people.people = {
        {"p1", "Mummy", "woman", true}, {"p2", "Steve", "man_beard", true}, {"p3", "Biscuit", "dog", false}};
    people.homes = {{"h1", "Mummy's flat"}};
    CHECK(model::personalise("When {grown_ups} argue", people) == "When Mummy and Steve argue");
    CHECK(model::personalise("with {grown_up_2}?", people) == "with Steve?");
    CHECK(model::personalise("in {home_1} and {home_2}", people) == "in Mummy's flat and your other home");
    // A name that looks like a placeholder is written as given, never filled again.
    people.people[0].name = "{home_1}";
    CHECK(model::personalise("When {grown_ups} argue", people) == "When {home_1} and Steve argue");
    people.people.push_back({"p4", "Dad", "man", true});
    people.people[0].name = "Mummy";
    CHECK(model::joinNames(people.grownUpNames()) == "Mummy, Steve and Dad");
    {
        i18n::ScopedLanguage welsh("cy");
        CHECK(model::joinNames({"Mummy", "Steve"}) == "Mummy a Steve");
        CHECK(model::joinNames({"Steve", "Ann"}) == "Steve ac Ann");
        CHECK(model::personalise("Pa mor aml mae {grown_ups} yn dadlau?", none) ==
              "Pa mor aml mae'r oedolion yn dadlau?");
        CHECK(model::personalise("Pan fydd {grown_ups} yn dadlau", none) == "Pan fydd yr oedolion yn dadlau");
    }

    // Round trip, and malformed input refused with the field named.
    const model::ChildPeople back = model::childPeopleFromJson(model::toJson(people));
    CHECK(back == people);
    auto refused = [](const char* text, const char* says) {
        try {
            model::childPeopleFromJson(nlohmann::json::parse(text));
            FAIL("accepted " << text);
        } catch (const std::invalid_argument& e) {
            CHECK_MESSAGE(std::string(e.what()).find(says) != std::string::npos, e.what());
        }
    };
    refused(R"({"people": {}})", "people must be a list");
    refused(R"({"people": [{"id": "p1", "name": 3}]})", "people[0].name must be text");
    refused(R"({"people": [{"id": "p1", "figure": "unicorn"}]})", "not a known figure: unicorn");
    refused(R"({"people": [{"id": "p1"}, {"id": "p1"}]})", "people[1].id is used twice");
    refused(R"({"homes": [{"name": "x"}]})", "homes[0].id is missing");
    refused(R"({"people": [{"id": "p1", "grown_up": "yes"}]})", "grown_up must be true or false");
    const std::string tooLong = R"({"people": [{"id": "p1", "name": ")" + std::string(201, 'a') + "\"}]}";
    refused(tooLong.c_str(), "people[0].name is too long");
}

TEST_CASE("every placeholder in a content msgid is in its Welsh msgstr, and nowhere else is one") {
    const auto entries = test::parsePo(test::readFile(std::string(HEARD_SOURCE_DIR) + "/assets/i18n/cy.po"));
    const std::regex placeholder("\\{[a-z_0-9]+\\}");
    int withPlaceholders = 0;
    for (const auto& entry : entries) {
        if (entry.obsolete || entry.msgid.empty()) continue;
        std::multiset<std::string> inId, inStr;
        for (std::sregex_iterator it(entry.msgid.begin(), entry.msgid.end(), placeholder), end; it != end;
             ++it)
            inId.insert(it->str());
        for (std::sregex_iterator it(entry.msgstr.begin(), entry.msgstr.end(), placeholder), end; it != end;
             ++it)
            inStr.insert(it->str());
        if (!inId.empty()) ++withPlaceholders;
        CHECK_MESSAGE(inId == inStr, entry.msgid << " -> " << entry.msgstr);
        for (const std::string& p : inId)
            CHECK_MESSAGE(model::hasPlaceholders(p), p);
    }
    CHECK(withPlaceholders >= 11); // the two homes, feelings faces and arguments prompts
}

TEST_CASE("Mummy and Steve: the prompts name them, in English and in Welsh; saved encrypted and signed") {
    test::WorkflowApp w;
    w.unlockDemo();
    setMummyAndSteve(w, "child-demo-1");

    // Kept as a signed record of the child (so it syncs like every record), with no guesses.
    const auto records = recordsOf(w, "child-demo-1", storage::kinds::kChildPeople);
    REQUIRE(records.size() == 1);
    CHECK((records[0].status == storage::RecordStatus::Signed));
    const model::ChildPeople saved = model::childPeopleFromJson(records[0].payload);
    REQUIRE(saved.people.size() == 2);
    CHECK(saved.people[0].name == "Mummy");
    CHECK(saved.people[0].figure == "woman");
    CHECK(saved.people[1].name == "Steve");
    CHECK(saved.people[1].figure == "man_beard");
    CHECK(saved.homeNames() == std::vector<std::string>{"Mummy's flat", "Grandad's house"});
    // The store is encrypted: the names are nowhere in the database file's bytes.
    size_t storeBytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(w.dataDir)) {
        if (entry.path().filename().string().rfind("heard.db", 0) != 0) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        storeBytes += bytes.size();
        CHECK(bytes.find("Grandad's house") == std::string::npos);
        CHECK(bytes.find("Mummy") == std::string::npos);
    }
    CHECK(storeBytes > 4096); // the files were there to read

    handOver(w, "parental_conflict");
    w.driver->frames(1);
    CHECK(shows("When Mummy and Steve argue"));
    CHECK(shows("How often do Mummy and Steve argue?"));
    CHECK_FALSE(shows("grown-ups"));
    CHECK(shown().find('{') == std::string::npos);
    w.driver->tap("activity.lang.cy");
    w.driver->frames(1);
    CHECK(shows("Pan fydd Mummy a Steve yn dadlau"));
    CHECK(shows("Pa mor aml mae Mummy a Steve yn dadlau?"));
    CHECK(shown().find('{') == std::string::npos);
    // The record keeps the names the prompts used, apart from the child's answers.
    auto& session = *w.app->editors().childMode.session;
    CHECK(session.run->result().extra.at("people").at("people").at(0).at("name") == "Mummy");
}

TEST_CASE("the homes are named as the child names them, with no first and second") {
    test::WorkflowApp w;
    w.unlockDemo();
    setMummyAndSteve(w, "child-demo-1");
    handOver(w, "two_homes");
    w.driver->frames(1);
    CHECK(shows("Who lives in Mummy's flat?"));
    CHECK_FALSE(shows("first home"));
    w.driver->tap("activity.skip");
    w.driver->tap("activity.skip");
    w.driver->tap("activity.skip");
    w.driver->frames(1);
    CHECK(shows("Who lives in Grandad's house?"));
    CHECK_FALSE(shows("second home"));
}

TEST_CASE("a child with no people set reads neutral words, in English and in Welsh") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-2");
    handOver(w, "parental_conflict");
    w.driver->frames(1);
    CHECK(shows("When the grown-ups argue"));
    CHECK(shows("How often do the grown-ups argue?"));
    CHECK(shown().find('{') == std::string::npos);
    w.driver->tap("activity.lang.cy");
    w.driver->frames(1);
    CHECK(shows("Pan fydd yr oedolion yn dadlau"));
    CHECK(shows("Pa mor aml mae'r oedolion yn dadlau?"));
    CHECK(w.app->editors().childMode.session->run->result().extra.count("people") == 0);
}

TEST_CASE("My world: the child adds Nan in their own words; the record keeps it as the child's") {
    test::WorkflowApp w;
    w.unlockDemo();
    setMummyAndSteve(w, "child-demo-1");
    handOver(w, "my_world");
    // The child's people are in the tray by name; there is no fixed list of one of each.
    CHECK(w.driver->has("world.token.person.p1"));
    CHECK(w.driver->has("world.token.person.p2"));
    CHECK_FALSE(w.driver->has("world.token.mum"));
    CHECK(shows("Mummy"));
    const auto map = w.driver->rect("world.map");
    w.driver->tap("world.token.person.p1");
    w.driver->tapAt(map.centreX() + map.width() * 0.1f, map.centreY()); // Mummy near

    // Nan, then a second person of the child's own: as many as the child likes.
    w.driver->tap("world.add");
    REQUIRE(w.driver->has("world.add.name"));
    w.tapAndType("world.add.name", "Nan");
    w.driver->tap("world.add.figure.older_woman");
    w.driver->tap("world.add.done");
    const auto map2 = w.driver->rect("world.map");
    w.driver->tapAt(map2.centreX(), map2.centreY() - map2.height() * 0.15f);
    w.driver->tap("world.add");
    w.tapAndType("world.add.name", "Biscuit the dog");
    w.driver->tap("world.add.figure.dog");
    w.driver->tap("world.add.done");
    w.driver->tapAt(map2.x0 + map2.width() * 0.12f, map2.y0 + map2.height() * 0.12f); // far
    w.driver->frames(1);
    CHECK(shows("Nan"));
    CHECK(shows("Biscuit the dog"));
    // Nan can be moved like anyone else.
    const auto nan = w.driver->rect("world.placed.child.1");
    w.driver->drag(nan.centreX(), nan.centreY(), map2.centreX() - map2.width() * 0.3f, map2.centreY());

    w.driver->tap("activity.next");
    w.driver->tap("activity.done");
    w.driver->frames(2);
    const auto records = recordsOf(w, "child-demo-1", storage::kinds::kActivity);
    REQUIRE(records.size() == 1);
    const nlohmann::json& payload = records[0].payload;
    tools::ActivityResult result;
    std::string error;
    REQUIRE_MESSAGE(tools::resultFromJson(payload, result, error), error);
    const tools::Answer* answer = result.answerFor("people_around_me");
    REQUIRE(answer);
    REQUIRE(answer->placements.size() == 3);
    CHECK(answer->placements[0].tokenId == "person.p1");
    CHECK(answer->placements[0].name.empty()); // the practitioner's name for Mummy is not the child's words
    CHECK(answer->placements[1].tokenId == "child.1");
    CHECK(answer->placements[1].name == "Nan");
    CHECK(answer->placements[1].figure == "older_woman");
    CHECK(answer->placements[1].distance() > 0.45f); // dragged out from near the middle
    CHECK(answer->placements[2].name == "Biscuit the dog");
    CHECK(answer->placements[2].figure == "dog");
    // In the child's part of the record, marked as the child's own words; the practitioner's
    // names are apart from it.
    const std::string childPart = payload.at("child").dump();
    CHECK(childPart.find("\"Nan\"") != std::string::npos);
    CHECK(childPart.find("Mummy") == std::string::npos);
    const nlohmann::json& given = payload.at("child").at("answers").at(0).at("answered_with");
    CHECK(std::find(given.begin(), given.end(), "named_in_own_words") != given.end());
    CHECK(payload.at("extra").at("people").at("people").at(0).at("name") == "Mummy");
}

TEST_CASE("the figures are distinct, each named, and every name fits its tile unbroken (English and Welsh)") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-2");
    handOver(w, "my_world");

    // No two figures draw the same geometry, and none draws nothing.
    std::map<std::vector<float>, std::string> seen;
    for (const model::FigureSpec& figure : model::figures()) {
        const std::vector<float> geometry = geometryOf(figure.id);
        CHECK_MESSAGE(geometry.size() > 30, figure.id);
        // A plain local, not a structured binding: doctest's message is a lambda, and clang
        // refuses a captured binding in C++17.
        const auto inserted = seen.emplace(geometry, figure.id);
        CHECK_MESSAGE(inserted.second, figure.id << " draws the same as " << inserted.first->second);
    }
    CHECK(seen.size() == model::figures().size());
    CHECK(model::figures().size() >= 12);
    // Different ages, genders, a carer, a teacher and pets: each name its own.
    std::set<std::string> names;
    for (const model::FigureSpec& figure : model::figures())
        CHECK_MESSAGE(names.insert(figure.name).second, figure.name);
    for (const char* needed : {"carer", "teacher", "dog", "baby", "older_woman", "girl", "boy"})
        CHECK_MESSAGE(model::findFigure(needed), needed);

    // The child's picture chooser shows every name, each word whole (none broken mid-word).
    w.driver->tap("world.add");
    for (const char* language : {"en", "cy"}) {
        if (std::string(language) == "cy") w.driver->tap("activity.lang.cy");
        w.driver->frames(1);
        const std::vector<std::string> drawn = test::drawnWords(ImGui::GetDrawData());
        for (const model::FigureSpec& figure : model::figures()) {
            CHECK_MESSAGE(w.driver->has(std::string("world.add.figure.") + figure.id), figure.id);
            for (const std::string& word : splitWords(i18n::trIn(language, figure.name)))
                CHECK_MESSAGE(std::find(drawn.begin(), drawn.end(), word) != drawn.end(),
                              std::string(language) << ": \"" << word << "\" of " << std::string(figure.name)
                                                    << " is not drawn whole");
        }
    }
}

TEST_CASE("the practitioner's people screen: a name too long is refused with a message, nothing lost") {
    test::WorkflowApp w;
    w.unlockDemo();
    w.driver->tap("caseload.child.child-demo-1");
    w.driver->tap("child.people");
    w.driver->tap("people.add_person");
    const std::string longName(260, 'n');
    w.tapAndType("people.p1.name", longName);
    w.driver->tap("people.save");
    w.driver->frames(2);
    CHECK((w.app->screen() == ui::ScreenId::ChildPeople)); // not saved, still here
    CHECK(w.driver->has("people.problem"));
    CHECK(w.app->editors().people.people.people.at(0).name == longName); // every letter kept
    CHECK((recordsOf(w, "child-demo-1", storage::kinds::kChildPeople).at(0).status ==
           storage::RecordStatus::Draft));
}

TEST_CASE("adding someone on a landscape tablet: the name, both buttons and every picture are on screen") {
    for (const auto& size : {std::pair{1280, 800}, std::pair{800, 1280}}) {
        const int width = size.first; // plain locals: doctest's messages capture them
        const int height = size.second;
        test::WorkflowApp w(0, width, height);
        w.unlockDemo();
        w.driver->tap("caseload.child.child-demo-2");
        handOver(w, "my_world");
        w.driver->tap("world.add");
        w.driver->frames(1);
        const auto bottomBar = w.driver->rect("activity.skip");
        for (std::string tagName : {"world.add.name", "world.add.done", "world.add.cancel"}) {
            REQUIRE_MESSAGE(w.driver->has(tagName), tagName);
            const auto r = w.driver->rect(tagName);
            CHECK_MESSAGE(r.y1 <= bottomBar.y0,
                          width << "x" << height << ": " << tagName << " under the bottom bar");
        }
        for (const model::FigureSpec& figure : model::figures()) {
            const auto r = w.driver->rect(std::string("world.add.figure.") + figure.id);
            CHECK_MESSAGE(r.y0 < bottomBar.y0,
                          width << "x" << height << ": " << figure.id << " not on screen");
        }
        // Placing works from here: the picture, the button, a tap on the map.
        w.driver->tap("world.add.figure.cat");
        w.driver->tap("world.add.done");
        const auto map = w.driver->rect("world.map");
        w.driver->tapAt(map.centreX(), map.centreY() + map.height() * 0.3f);
        const tools::Answer* answer = w.app->editors().childMode.session->run->currentAnswer();
        REQUIRE(answer);
        REQUIRE(answer->placements.size() == 1);
        CHECK(answer->placements[0].figure == "cat");
        CHECK(answer->placements[0].name.empty()); // nothing typed: nothing invented
    }
}
