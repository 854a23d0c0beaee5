// Issue 18.7, the skin map's body sets, in the model: every set has every view (the feet too)
// with named regions; proportions differ by age as a body does; the set follows the child's
// age at the boundaries; mark types describe what is seen; old records still read; the
// NICE CG89 prompt on the baby set.
#include "app/tools/skin_map/model/body_outlines.h"
#include "app/tools/skin_map/model/skin_map.h"
#include "app/tools/skin_map/model/skin_map_json.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

using namespace heard::skinmap;

namespace {

struct Box {
    double top = 1e9, bottom = -1e9, left = 1e9, right = -1e9;
    void add(const Polygon& polygon) {
        for (const Point& p : polygon) {
            top = std::min(top, p.y), bottom = std::max(bottom, p.y);
            left = std::min(left, p.x), right = std::max(right, p.x);
        }
    }
    double height() const { return bottom - top; }
};

// The head's share of the whole length, and of the width of the shoulders, in a front view.
double headShareOfLength(BodyShape shape) {
    const OutlineView& front = outlineView(shape, ViewId::BodyFront);
    Box whole, head;
    for (const BodyPart& part : front.parts) {
        whole.add(part.outline);
        if (part.id == "head") head.add(part.outline);
    }
    REQUIRE(head.height() > 0);
    return head.height() / whole.height();
}

// The length of a leg against the whole: legs lengthen with age.
double legShareOfLength(BodyShape shape) {
    const OutlineView& front = outlineView(shape, ViewId::BodyFront);
    Box whole, leg;
    for (const BodyPart& part : front.parts) {
        whole.add(part.outline);
        if (part.id == "left leg") leg.add(part.outline);
    }
    REQUIRE(leg.height() > 0);
    return leg.height() / whole.height();
}

std::string lower(std::string text) {
    for (char& c : text)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string legacyRecord(const std::string& type) {
    // As version 1 of Heard wrote it: the young child outline, a mark on the left palm.
    return R"({"schemaVersion":1,"outlinesVersion":"heard-body-outlines/1","bodyShape":"young_child",
      "header":{"childId":"child-0001","childName":"Robin Testchild","completedByName":"Pat Examplewood",
        "completedByRole":"Family court adviser","accountGivenBy":"Robin Testchild",
        "firstNoticedAt":"2026-11-20","recordedAt":"2026-11-21T10:00:00Z","mobility":"independently_mobile"},
      "marks":[{"number":1,"view":"left_palm","position":{"x":0.5,"y":0.6},"regionId":"left_palm",
        "regionName":"left palm","type":")" +
           type + R"(","lengthCm":1,"widthCm":1,"shape":"round","colours":["pink"],
        "skinBroken":"unknown","swelling":false,"scab":false,"blister":true,"bleeding":false,
        "progress":"not_known","painOrLimitedMovement":"unknown","imprintOfObject":false,"petechiae":false,
        "description":"","explanations":[],"childFeelings":"","foundBy":"","observedBy":"Pat Examplewood",
        "observedAt":"2026-11-21T10:00:00Z"}],
      "nextMarkNumber":2,"patternNotes":"","noticeShownAt":""})";
}

} // namespace

TEST_CASE("every body set has every view, the feet too, each with named regions") {
    REQUIRE(bodySets().size() == 4);
    const std::set<ViewId> feet{ViewId::LeftFootTop, ViewId::LeftSole, ViewId::RightFootTop,
                                ViewId::RightSole};
    for (ViewId view : feet)
        CHECK(std::find(allViews().begin(), allViews().end(), view) != allViews().end());
    for (BodyShape set : bodySets()) {
        CAPTURE(toString(set));
        CHECK(isOfferedBodySet(set));
        for (ViewId view : allViews()) {
            CAPTURE(toString(view));
            const OutlineView& outline = outlineView(set, view);
            CHECK((outline.shape == set));
            CHECK((outline.view == view));
            REQUIRE_FALSE(outline.regions.empty());
            // Every region can be tapped, and has a readable name.
            for (const Region& region : outline.regions) {
                CAPTURE(region.id);
                CHECK_FALSE(region.name.empty());
                const auto p = pointInRegion(outline, region.id);
                REQUIRE(p);
                const auto hit = hitTest(outline, *p);
                REQUIRE(hit);
                CHECK(hit->region->id == region.id);
            }
        }
        // The feet name the side, the toes, the ball, the arch and the heel.
        CHECK(outlineView(set, ViewId::LeftSole).region("left_heel"));
        CHECK(outlineView(set, ViewId::LeftSole).region("ball_of_left_foot"));
        CHECK(outlineView(set, ViewId::LeftSole).region("left_big_toe_underside"));
        CHECK(outlineView(set, ViewId::RightSole).region("arch_of_right_foot"));
        CHECK(outlineView(set, ViewId::RightFootTop).region("top_of_right_foot"));
        CHECK(outlineView(set, ViewId::LeftFootTop).region("left_smaller_toes_top"));
        CHECK_FALSE(outlineView(set, ViewId::LeftSole).region("right_heel"));
    }
    // The earlier outline is still drawn (old maps), but not offered.
    CHECK_FALSE(isOfferedBodySet(BodyShape::YoungChild));
    CHECK(std::find(bodySets().begin(), bodySets().end(), BodyShape::YoungChild) == bodySets().end());
}

TEST_CASE("the soles and tops of the feet mirror each other: the big toe is on the inner side") {
    for (BodyShape set : bodySets()) {
        CAPTURE(toString(set));
        auto bigToeX = [set](ViewId view, const char* region) {
            const auto p = pointInRegion(outlineView(set, view), region);
            REQUIRE(p);
            return p->x;
        };
        // Seen from beneath, toes up, the left sole's big toe is on the image's left; from above
        // it is on the right; the right foot is the mirror image.
        CHECK(bigToeX(ViewId::LeftSole, "left_big_toe_underside") < 0.5);
        CHECK(bigToeX(ViewId::LeftFootTop, "left_big_toe_top") > 0.5);
        CHECK(bigToeX(ViewId::RightSole, "right_big_toe_underside") > 0.5);
        CHECK(bigToeX(ViewId::RightFootTop, "right_big_toe_top") < 0.5);
    }
}

TEST_CASE("proportions differ by age: a baby's head is about a quarter of its length") {
    const double baby = headShareOfLength(BodyShape::Baby), toddler = headShareOfLength(BodyShape::Toddler),
                 child = headShareOfLength(BodyShape::Child), teen = headShareOfLength(BodyShape::Teen);
    CAPTURE(baby);
    CAPTURE(toddler);
    CAPTURE(child);
    CAPTURE(teen);
    CHECK(baby > 0.22);
    CHECK(baby < 0.30);
    CHECK(toddler > 0.18);
    CHECK(toddler < 0.23);
    CHECK(child > 0.14);
    CHECK(child < 0.19);
    CHECK(teen < 0.16);
    // Each older set has a smaller head and longer legs for its length.
    CHECK(baby > toddler + 0.02);
    CHECK(toddler > child + 0.02);
    CHECK(child > teen);
    CHECK(legShareOfLength(BodyShape::Baby) < legShareOfLength(BodyShape::Toddler));
    CHECK(legShareOfLength(BodyShape::Toddler) < legShareOfLength(BodyShape::Child));
    CHECK(legShareOfLength(BodyShape::Child) <= legShareOfLength(BodyShape::Teen) + 0.01);
}

TEST_CASE("the set follows the child's age, at each boundary") {
    const std::string dob = "2020-06-15";
    auto setOn = [&dob](const char* date) { return bodySetForAge(dob, date); };
    CHECK((setOn("2020-06-15") == BodyShape::Baby)); // the day of birth
    CHECK((setOn("2021-06-14") == BodyShape::Baby)); // the day before the first birthday
    CHECK((setOn("2021-06-15") == BodyShape::Toddler));
    CHECK((setOn("2024-06-14") == BodyShape::Toddler));        // 3 years, 11 months
    CHECK((setOn("2024-06-15") == BodyShape::Child));          // 4
    CHECK((setOn("2031-06-14") == BodyShape::Child));          // 10
    CHECK((setOn("2031-06-15") == BodyShape::Teen));           // 11
    CHECK((setOn("2038-06-14T09:00:00Z") == BodyShape::Teen)); // a date-time's date counts
    CHECK(ageInMonths(dob, "2021-06-14") == 11);
    CHECK(ageInMonths(dob, "2021-06-15") == 12);
    // A birthday on the 29th of February.
    CHECK((bodySetForAge("2024-02-29", "2025-02-28") == BodyShape::Baby));
    CHECK((bodySetForAge("2024-02-29", "2025-03-01") == BodyShape::Toddler));
    // Bad input: no set is guessed; the practitioner chooses.
    CHECK_FALSE(bodySetForAge("", "2026-11-23"));
    CHECK_FALSE(bodySetForAge("not a date", "2026-11-23"));
    CHECK_FALSE(bodySetForAge("2026-13-01", "2026-11-23"));
    CHECK_FALSE(bodySetForAge("2027-01-01", "2026-11-23")); // born after the day
}

TEST_CASE("the set is stored with the map: each set survives JSON, an unknown one is refused by name") {
    for (BodyShape set : allBodyShapes()) {
        SkinMap map;
        map.bodyShape = set;
        const SkinMap back = skinMapFromJson(nlohmann::json::parse(toJson(map).dump()));
        CHECK((back.bodyShape == set));
        CHECK((bodyShapeFromString(toString(set)) == set));
    }
    nlohmann::json j = toJson(SkinMap{});
    j["bodyShape"] = "giraffe";
    try {
        (void)skinMapFromJson(j);
        FAIL("an unknown body set was accepted");
    } catch (const SkinMapFormatError& e) {
        CHECK(std::string(e.what()).find("bodyShape") != std::string::npos);
    }
}

TEST_CASE("no mark type offered names a cause; the earlier types are only read") {
    const char* const causes[] = {"burn", "bite", "scald", "slap",      "punch",   "kick",  "grip",    "belt",
                                  "hit",  "cut",  "fall",  "cigarette", "scratch", "llosg", "brathiad"};
    REQUIRE(allInjuryTypes().size() >= 6);
    for (InjuryType t : allInjuryTypes()) {
        CAPTURE(toString(t));
        CHECK_FALSE(isEarlierInjuryType(t));
        for (const char* cause : causes) {
            CHECK(lower(title(t)).find(cause) == std::string::npos);
            CHECK(lower(toString(t)).find(cause) == std::string::npos);
        }
    }
    // What is seen: the words the issue asks for are there.
    std::set<std::string> titles;
    for (InjuryType t : allInjuryTypes())
        titles.insert(title(t));
    for (const char* wanted : {"Bruise", "Red mark", "Break in the skin", "Blister", "Pattern mark"})
        CHECK(titles.count(wanted) == 1);
    // The earlier ones are readable, but never offered.
    for (InjuryType t : {InjuryType::Burn, InjuryType::Bite, InjuryType::Scratch, InjuryType::CutOrGraze}) {
        CHECK(isEarlierInjuryType(t));
        CHECK(std::find(allInjuryTypes().begin(), allInjuryTypes().end(), t) == allInjuryTypes().end());
        CHECK(std::find(readableInjuryTypes().begin(), readableInjuryTypes().end(), t) !=
              readableInjuryTypes().end());
    }
}

TEST_CASE("an old record with 'burn' on the earlier outline reads as written, and writes back unchanged") {
    const nlohmann::json original = nlohmann::json::parse(legacyRecord("burn"));
    const SkinMap map = skinMapFromJson(original);
    REQUIRE(map.marks.size() == 1);
    CHECK((map.bodyShape == BodyShape::YoungChild));
    CHECK((map.marks[0].type == InjuryType::Burn));
    CHECK(std::string(title(map.marks[0].type)) == "Burn (earlier type)");
    CHECK(map.outlinesVersion == "heard-body-outlines/1");
    // Nothing is rewritten: the same JSON comes back, the old type and outline version kept.
    CHECK(toJson(map) == original);
    // The regions of version 1 still name the same places: the map validates.
    CHECK(outlinesCompatible(map.outlinesVersion, map.bodyShape));
    CHECK(validateStructure(map).empty());
    CHECK(outlineView(map.bodyShape, ViewId::LeftPalm).region(map.marks[0].regionId));
    // Version 1 had no baby set: a claim otherwise is not trusted.
    CHECK_FALSE(outlinesCompatible("heard-body-outlines/1", BodyShape::Baby));
    // Bad input: a type nobody ever wrote is refused, naming the field.
    try {
        (void)skinMapFromJson(nlohmann::json::parse(legacyRecord("punch")));
        FAIL("an unknown type was accepted");
    } catch (const SkinMapFormatError& e) {
        CHECK(std::string(e.what()).find("marks[0].type") != std::string::npos);
    }
}

TEST_CASE("the baby set prompts NICE CG89 until the baby is recorded as mobile; any mark is referred") {
    SkinMap map;
    map.bodyShape = BodyShape::Baby;
    CHECK(std::string(babyPrompt(map)).find("NICE CG89") != std::string::npos);
    CHECK_FALSE(isHighRisk(map)); // no mark yet: a prompt, not a concern
    EditError error = EditError::None;
    const auto chest = pointInRegion(outlineView(map.bodyShape, ViewId::BodyFront), "left_chest");
    REQUIRE(chest);
    const int number = addMark(map, ViewId::BodyFront, *chest, 0, error);
    REQUIRE(number == 1);
    map.mark(number)->type = InjuryType::RedMark; // not a bruise: still referred for a baby
    auto found = concerns(map);
    REQUIRE(found.size() == 1);
    CHECK((found[0].kind == ConcernKind::NotMobileBaby));
    CHECK(found[0].marks == std::vector<int>{1});
    CHECK(isHighRisk(map));
    map.header.mobility = Mobility::NotIndependentlyMobile;
    CHECK((concerns(map).at(0).kind == ConcernKind::NotMobileBaby));
    // Recorded as mobile (say, crawling and pulling up): no longer the non-mobile prompt.
    map.header.mobility = Mobility::IndependentlyMobile;
    CHECK(std::string(babyPrompt(map)).empty());
    CHECK_FALSE(isHighRisk(map));
    // The same mark on a child's outline is not a baby prompt.
    map.bodyShape = BodyShape::Child;
    map.header.mobility = Mobility::Unknown;
    CHECK(std::string(babyPrompt(map)).empty());
}
