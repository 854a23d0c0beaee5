// The skin map's JSON: exact round trip, and a clear, named error for each kind of bad input.
#include "app/tools/skin_map/model/skin_map_json.h"
#include "tests/skinmap/sample_maps.h"

#include <doctest/doctest.h>

using namespace heard::skinmap;
using nlohmann::json;

namespace {

std::string errorFieldOf(const json& j) {
    try {
        skinMapFromJson(j);
    } catch (const SkinMapFormatError& e) {
        return e.field();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a complete map round-trips exactly through JSON text") {
    SkinMap map = testing::completeMap();
    // Awkward values: doubles that do not print short, unicode and quotes in people's words.
    map.marks[0].position = {0.1 + 0.2, 1.0 / 3.0};
    map.marks[0].lengthCm = 2.675;
    map.marks[1].widthCm = 1e-7;
    map.marks[2].explanations = {
        {Speaker::Child, "y plentyn", "Mi wnes i syrthio \xe2\x80\x94 \"wir\"\n\tline two"}};
    map.patternNotes = "Three small round marks in a row";
    map.noticeShownAt = "2026-11-23T10:01:00Z";
    map.header.mobility = Mobility::NotIndependentlyMobile;
    map.marks[1].petechiae = true;
    map.marks[1].imprintOfObject = true;
    map.marks[1].bleeding = true;
    map.marks[1].swelling = true;
    map.marks[1].progress = Progress::Worsening;

    const std::string text = toJson(map).dump();
    const SkinMap back = skinMapFromJson(json::parse(text));
    CHECK(back == map);
    CHECK(back.marks[0].position.x == map.marks[0].position.x); // bit-identical, not approximately
    CHECK(toJson(back).dump() == text);
    // And a second generation changes nothing either.
    CHECK(skinMapFromJson(json::parse(toJson(back).dump())) == map);
}

TEST_CASE("an empty new map round-trips too") {
    const SkinMap empty;
    CHECK(skinMapFromJson(toJson(empty)) == empty);
    CHECK(toJson(empty)["outlinesVersion"] == kOutlinesVersion);
    CHECK(toJson(empty)["schemaVersion"] == kSkinMapSchemaVersion);
}

TEST_CASE("equality notices a change in any field (so the round trip test can fail)") {
    const SkinMap map = testing::completeMap();
    SkinMap changed = map;
    changed.marks[2].blister = false;
    CHECK(changed != map);
    changed = map;
    changed.marks[0].explanations[1].words += ".";
    CHECK(changed != map);
    changed = map;
    changed.header.firstNoticedAt = "2026-11-21";
    CHECK(changed != map);
    changed = map;
    changed.marks[1].position.y = std::nextafter(changed.marks[1].position.y, 1.0);
    CHECK(changed != map);
}

TEST_CASE("bad input is refused with the field named, never read as an empty map") {
    const json good = toJson(testing::completeMap());
    CHECK(errorFieldOf(good) == "(no error)");

    json j = good;
    j.erase("marks");
    CHECK(errorFieldOf(j) == "skinMap.marks");

    j = good;
    j["header"].erase("completedByRole");
    CHECK(errorFieldOf(j) == "skinMap.header.completedByRole");

    j = good;
    j["marks"][1]["type"] = "punch"; // not a type the tool records (causes are not guessed)
    CHECK(errorFieldOf(j) == "skinMap.marks[1].type");

    j = good;
    j["marks"][0]["colours"][1] = "tartan";
    CHECK(errorFieldOf(j) == "skinMap.marks[0].colours[1].colour");

    j = good;
    j["marks"][0]["position"]["x"] = "0.5";
    CHECK(errorFieldOf(j) == "skinMap.marks[0].position.x");

    j = good;
    j["marks"][2]["view"] = "left_foot";
    CHECK(errorFieldOf(j) == "skinMap.marks[2].view");

    j = good;
    j["marks"][0]["swelling"] = 1;
    CHECK(errorFieldOf(j) == "skinMap.marks[0].swelling");

    j = good;
    j["marks"][0]["explanations"][0].erase("words");
    CHECK(errorFieldOf(j) == "skinMap.marks[0].explanations[0].words");

    j = good;
    j["schemaVersion"] = kSkinMapSchemaVersion + 1;
    CHECK(errorFieldOf(j) == "skinMap.schemaVersion");

    j = good;
    j["bodyShape"] = "giant";
    CHECK(errorFieldOf(j) == "skinMap.bodyShape");

    j = good;
    j["nextMarkNumber"] = 2.5;
    CHECK(errorFieldOf(j) == "skinMap.nextMarkNumber");

    CHECK(errorFieldOf(json::array()) == "skinMap");
    CHECK(errorFieldOf(json("a skin map")) == "skinMap");
    try {
        skinMapFromJson(json::object());
        FAIL("an empty object must not read as a map");
    } catch (const SkinMapFormatError& e) {
        CHECK(std::string(e.what()).find("missing") != std::string::npos);
    }
}
