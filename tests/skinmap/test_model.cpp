// The skin map model: placing, moving and removing marks, validation for drafts and for
// signing, and the prompts of high concern that set the record's highRisk flag.
#include "app/tools/skin_map/model/skin_map.h"
#include "tests/skinmap/sample_maps.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace heard::skinmap;

namespace {

bool hasProblem(const std::vector<Problem>& problems, const std::string& field) {
    return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.field == field; });
}

bool hasConcern(const SkinMap& map, ConcernKind kind) {
    const auto all = concerns(map);
    return std::any_of(all.begin(), all.end(), [kind](const Concern& c) { return c.kind == kind; });
}

} // namespace

TEST_CASE("a tap on the body places a numbered mark with its region; off the body does nothing") {
    SkinMap map;
    EditError error = EditError::None;
    const int first = addMark(map, ViewId::BodyFront, {0.575, 0.295}, 0.0, error);
    CHECK(first == 1);
    CHECK((error == EditError::None));
    REQUIRE(map.mark(1));
    CHECK(map.mark(1)->regionId == "left_chest");
    CHECK(map.mark(1)->regionName == "left chest");

    const SkinMap before = map;
    CHECK(addMark(map, ViewId::BodyFront, {0.02, 0.02}, 0.01, error) == 0);
    CHECK((error == EditError::OutsideBody));
    CHECK(map == before);

    CHECK(addMark(map, ViewId::BodyBack, {0.425, 0.295}, 0.0, error) == 2);
    CHECK(map.mark(2)->regionId == "left_upper_back");
}

TEST_CASE("moving a mark re-finds its region; removing never reuses its number") {
    SkinMap map;
    EditError error = EditError::None;
    addMark(map, ViewId::BodyFront, {0.575, 0.295}, 0.0, error);
    CHECK((moveMark(map, 1, {0.425, 0.295}, 0.0) == EditError::None));
    CHECK(map.mark(1)->regionId == "right_chest");
    CHECK(map.mark(1)->position.x == 0.425);
    // Dragged off the body: refused, mark unchanged.
    CHECK((moveMark(map, 1, {0.01, 0.5}, 0.0) == EditError::OutsideBody));
    CHECK(map.mark(1)->regionId == "right_chest");
    CHECK((moveMark(map, 9, {0.5, 0.3}, 0.0) == EditError::NoSuchMark));

    CHECK((removeMark(map, 1) == EditError::None));
    CHECK(map.marks.empty());
    CHECK((removeMark(map, 1) == EditError::NoSuchMark));
    CHECK(addMark(map, ViewId::BodyFront, {0.575, 0.295}, 0.0, error) == 2);
}

TEST_CASE("a complete map passes both validations") {
    const SkinMap map = testing::completeMap();
    CHECK(validateStructure(map).empty());
    CHECK(validateForSigning(map).empty());
    CHECK(map.marks.size() == 3);
}

TEST_CASE("signing needs the header and each mark's essentials; drafts do not") {
    SkinMap map = testing::completeMap();
    map.header.completedByName = "  ";
    map.header.recordedAt.clear();
    map.marks[1].colours.clear();
    map.marks[2].lengthCm = 0;
    map.marks[0].observedBy.clear();
    CHECK(validateStructure(map).empty()); // a draft may be incomplete
    const auto problems = validateForSigning(map);
    CHECK(hasProblem(problems, "header.completedByName"));
    CHECK(hasProblem(problems, "header.recordedAt"));
    CHECK(hasProblem(problems, "marks[1].colours"));
    CHECK(hasProblem(problems, "marks[2].lengthCm"));
    CHECK(hasProblem(problems, "marks[0].observedBy"));
    CHECK(problems.size() == 5);
}

TEST_CASE("structural problems are found even in a draft") {
    SkinMap map = testing::completeMap();
    map.marks[0].position = {1.5, 0.2};
    map.marks[1].regionId = "left_wing";
    map.marks[2].number = map.marks[1].number;
    map.marks[0].widthCm = -1;
    map.header.firstNoticedAt = "last Tuesday";
    map.marks[1].observedAt = "2026-13-01";
    const auto problems = validateStructure(map);
    CHECK(hasProblem(problems, "marks[0].position"));
    CHECK(hasProblem(problems, "marks[1].regionId"));
    CHECK(hasProblem(problems, "marks[2].number"));
    CHECK(hasProblem(problems, "marks[0].widthCm"));
    CHECK(hasProblem(problems, "header.firstNoticedAt"));
    CHECK(hasProblem(problems, "marks[1].observedAt"));
}

TEST_CASE("dates") {
    CHECK(isIsoDateOrDateTime("2026-11-23"));
    CHECK(isIsoDateOrDateTime("2026-11-23T10:15"));
    CHECK(isIsoDateOrDateTime("2026-11-23T10:15:00Z"));
    CHECK_FALSE(isIsoDateOrDateTime("23/11/2026"));
    CHECK_FALSE(isIsoDateOrDateTime("2026-11-23T25:00"));
    CHECK_FALSE(isIsoDateOrDateTime("2026-11-23 10:15"));
    CHECK_FALSE(isIsoDateOrDateTime(""));
}

TEST_CASE("an ordinary map raises no prompt and is not high risk") {
    const SkinMap map = testing::completeMap();
    CHECK(concerns(map).empty());
    CHECK_FALSE(isHighRisk(map));
}

TEST_CASE("a bruise on a child who is not independently mobile means referral (NICE CG89)") {
    SkinMap map = testing::completeMap();
    map.header.mobility = Mobility::NotIndependentlyMobile;
    CHECK(hasConcern(map, ConcernKind::NotMobileBruise));
    CHECK(isHighRisk(map));
    const auto all = concerns(map);
    CHECK(all[0].marks == std::vector<int>{1}); // only the bruise, not the scratch or burn
    // Whatever the explanation: the explanation does not remove the prompt.
    CHECK_FALSE(map.marks[0].explanations.empty());
}

TEST_CASE("marks on high-concern sites are prompted") {
    SkinMap map = testing::completeMap();
    testing::placeMark(map, ViewId::BodyFront, {0.67, 0.125}); // left ear
    CHECK(hasConcern(map, ConcernKind::HighConcernSite));
    CHECK(isHighRisk(map));
    SkinMap buttock = testing::completeMap();
    testing::placeMark(buttock, ViewId::BodyBack, {0.45, 0.47});
    CHECK(hasConcern(buttock, ConcernKind::HighConcernSite));
    SkinMap cheek = testing::completeMap();
    testing::placeMark(cheek, ViewId::HeadFront, {0.3, 0.4});
    CHECK(hasConcern(cheek, ConcernKind::HighConcernSite));
}

TEST_CASE("clusters, imprints and petechiae are prompted") {
    SkinMap map = testing::completeMap();
    testing::placeMark(map, ViewId::BodyFront, {0.56, 0.29});
    testing::placeMark(map, ViewId::BodyFront, {0.58, 0.30});
    CHECK_FALSE(hasConcern(map, ConcernKind::Cluster)); // two close marks are not yet a cluster
    testing::placeMark(map, ViewId::BodyFront, {0.60, 0.31});
    CHECK(hasConcern(map, ConcernKind::Cluster));
    // Close on screen but in different views: never a cluster.
    SkinMap apart = testing::completeMap();
    testing::placeMark(apart, ViewId::BodyFront, {0.56, 0.29});
    testing::placeMark(apart, ViewId::BodyBack, {0.56, 0.29});
    testing::placeMark(apart, ViewId::BodyFront, {0.57, 0.29});
    CHECK_FALSE(hasConcern(apart, ConcernKind::Cluster));

    SkinMap imprint = testing::completeMap();
    imprint.marks[0].imprintOfObject = true;
    CHECK(hasConcern(imprint, ConcernKind::Imprint));
    SkinMap patterned = testing::completeMap();
    patterned.marks[1].shape = MarkShape::Patterned;
    CHECK(hasConcern(patterned, ConcernKind::Imprint));
    SkinMap dots = testing::completeMap();
    dots.marks[2].petechiae = true;
    CHECK(hasConcern(dots, ConcernKind::Petechiae));
    CHECK(isHighRisk(dots));
}
