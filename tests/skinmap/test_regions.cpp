// Hit-testing the body outlines: known points, borders between regions, outside the body,
// the touch tolerance, and the soundness of every view's polygons.
#include "app/tools/skin_map/model/body_outlines.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

using namespace heard::skinmap;

namespace {

std::string regionAt(BodyShape shape, ViewId view, Point p, double tolerance = 0) {
    const auto hit = hitTest(outlineView(shape, view), p, tolerance);
    if (!hit) return "(outside)";
    REQUIRE(hit->region != nullptr);
    return hit->region->id;
}

double area(const Polygon& polygon) {
    return std::fabs(signedArea(polygon));
}

} // namespace

TEST_CASE("containsPoint: inside, outside, and the half-open rule on borders") {
    const Polygon left{{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    const Polygon right{{1, 0}, {2, 0}, {2, 1}, {1, 1}};
    const Polygon below{{0, 1}, {1, 1}, {1, 2}, {0, 2}};
    CHECK(containsPoint(left, {0.5, 0.5}));
    CHECK_FALSE(containsPoint(left, {1.5, 0.5}));
    CHECK_FALSE(containsPoint(left, {-0.01, 0.5}));
    // A point on the shared vertical edge belongs to the square on its right, only.
    CHECK_FALSE(containsPoint(left, {1, 0.5}));
    CHECK(containsPoint(right, {1, 0.5}));
    // A point on a shared horizontal edge belongs to the square below it, only.
    CHECK_FALSE(containsPoint(left, {0.5, 1}));
    CHECK(containsPoint(below, {0.5, 1}));
    // A slanted shared edge, traversed in opposite directions by its two neighbours.
    const Polygon a{{0, 0}, {1, 0}, {0.3, 1}};
    const Polygon b{{1, 0}, {1.3, 1}, {0.3, 1}};
    for (double t : {0.1, 0.37, 0.5, 0.91}) {
        const Point onEdge{1 + (0.3 - 1) * t, t};
        CHECK(containsPoint(a, onEdge) != containsPoint(b, onEdge));
    }
}

TEST_CASE("clipping cuts a polygon into pieces that share the cut exactly") {
    const Polygon circle = ellipse({0.5, 0.5}, 0.4, 0.3, 48);
    const Polygon top = clipAbove(circle, 0.43), bottom = clipBelow(circle, 0.43);
    CHECK(area(top) + area(bottom) == doctest::Approx(area(circle)).epsilon(1e-12));
    const Polygon leftHalf = clipLeftOf(bottom, 0.61), rightHalf = clipRightOf(bottom, 0.61);
    CHECK(area(leftHalf) + area(rightHalf) == doctest::Approx(area(bottom)).epsilon(1e-12));
    for (double y : {0.45, 0.6, 0.75})
        CHECK(containsPoint(leftHalf, {0.61, y}) != containsPoint(rightHalf, {0.61, y}));
    CHECK(clipAbove(circle, 0.1).empty()); // the line misses the circle
}

TEST_CASE("triangulation covers a non-convex polygon exactly") {
    const Polygon shape{{0, 0}, {4, 0}, {4, 3}, {2, 1}, {0, 3}}; // an arrowhead notch
    const auto triangles = triangulate(shape);
    REQUIRE(triangles.size() == 3);
    double total = 0;
    for (const auto& t : triangles)
        total += area({shape[size_t(t[0])], shape[size_t(t[1])], shape[size_t(t[2])]});
    CHECK(total == doctest::Approx(area(shape)));
}

TEST_CASE("every view of every body shape is built and sound") {
    for (BodyShape shape : allBodyShapes()) {
        for (ViewId view : allViews()) {
            const std::string shapeName = toString(shape), viewName = toString(view);
            CAPTURE(shapeName);
            CAPTURE(viewName);
            const OutlineView& v = outlineView(shape, view);
            CHECK((v.view == view));
            CHECK((v.shape == shape));
            REQUIRE_FALSE(v.parts.empty());
            std::set<std::string> ids;
            for (const Region& r : v.regions) {
                CHECK_FALSE(r.id.empty());
                CHECK_FALSE(r.name.empty());
                CHECK(ids.insert(r.id).second); // unique within the view
            }
            for (size_t partIndex = 0; partIndex < v.parts.size(); ++partIndex) {
                const BodyPart& part = v.parts[partIndex];
                REQUIRE_FALSE(part.pieces.empty());
                double piecesArea = 0;
                for (const RegionPiece& piece : part.pieces) {
                    CHECK(v.region(piece.regionId) != nullptr);
                    for (const Point& p : piece.polygon) {
                        CHECK(p.x >= 0.0);
                        CHECK(p.x <= 1.0);
                        CHECK(p.y >= 0.0);
                        CHECK(p.y <= 1.0);
                    }
                    piecesArea += area(piece.polygon);
                    // A point inside a piece hits that piece's region, or a part drawn over it.
                    const Point inside = interiorPoint(piece.polygon);
                    REQUIRE(containsPoint(piece.polygon, inside));
                    const auto hit = hitTest(v, inside);
                    REQUIRE(hit);
                    if (hit->region->id != piece.regionId) {
                        bool coveredByLaterPart = false;
                        for (size_t later = partIndex + 1; later < v.parts.size(); ++later)
                            for (const RegionPiece& other : v.parts[later].pieces)
                                coveredByLaterPart =
                                    coveredByLaterPart || containsPoint(other.polygon, inside);
                        CHECK(coveredByLaterPart);
                    }
                }
                // The pieces tile the part: together they have its area, with no overlap.
                CHECK(piecesArea == doctest::Approx(area(part.outline)).epsilon(1e-9));
            }
        }
    }
}

TEST_CASE("no point lies in two pieces of one part (sampled on a fine grid)") {
    for (BodyShape shape : allBodyShapes()) {
        for (ViewId view :
             {ViewId::BodyFront, ViewId::BodyBack, ViewId::HeadFront, ViewId::HeadLeft, ViewId::RightPalm}) {
            const OutlineView& v = outlineView(shape, view);
            int overlaps = 0, samples = 0;
            for (int i = 0; i <= 200; ++i) {
                for (int j = 0; j <= 200; ++j) {
                    const Point p{i / 200.0, j / 200.0};
                    for (const BodyPart& part : v.parts) {
                        int inside = 0;
                        for (const RegionPiece& piece : part.pieces)
                            inside += containsPoint(piece.polygon, p) ? 1 : 0;
                        overlaps += inside > 1 ? 1 : 0;
                        samples += inside;
                    }
                }
            }
            const std::string viewName = toString(view);
            CAPTURE(viewName);
            CHECK(samples > 1000); // the grid really hit the body
            CHECK(overlaps == 0);
        }
    }
}

TEST_CASE("borders between neighbouring pieces belong to exactly one of them") {
    int sharedEdges = 0;
    for (BodyShape shape : allBodyShapes()) {
        for (ViewId view : allViews()) {
            const OutlineView& v = outlineView(shape, view);
            for (const BodyPart& part : v.parts) {
                for (size_t a = 0; a < part.pieces.size(); ++a) {
                    for (size_t b = a + 1; b < part.pieces.size(); ++b) {
                        const Polygon& pa = part.pieces[a].polygon;
                        const Polygon& pb = part.pieces[b].polygon;
                        for (size_t i = 0; i < pa.size(); ++i) {
                            const Point p0 = pa[i], p1 = pa[(i + 1) % pa.size()];
                            for (size_t k = 0; k < pb.size(); ++k) {
                                const Point q0 = pb[k], q1 = pb[(k + 1) % pb.size()];
                                if (!((p0 == q1 && p1 == q0) || (p0 == q0 && p1 == q1))) continue;
                                ++sharedEdges;
                                for (double t : {0.25, 0.5, 0.75}) {
                                    const Point onEdge{p0.x + (p1.x - p0.x) * t, p0.y + (p1.y - p0.y) * t};
                                    CAPTURE(part.pieces[a].regionId);
                                    CAPTURE(part.pieces[b].regionId);
                                    CHECK(int(containsPoint(pa, onEdge)) + int(containsPoint(pb, onEdge)) ==
                                          1);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    CHECK(sharedEdges > 100);
}

TEST_CASE("known points land in the right named regions") {
    // Front view: the child's left is on the image's right.
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.575, 0.295}) == "left_chest");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.425, 0.295}) == "right_chest");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.195, 0.443}) == "right_forearm_outer");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.5, 0.114}) == "eyes_nose_and_mouth");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.67, 0.125}) == "left_ear");
    // Back view: the child's left is on the image's left.
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyBack, {0.575, 0.295}) == "right_upper_back");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyBack, {0.45, 0.47}) == "left_buttock");
    CHECK(regionAt(BodyShape::Teen, ViewId::BodyBack, {0.45, 0.48}) == "left_buttock");
    CHECK(regionAt(BodyShape::Teen, ViewId::BodyFront, {0.5, 0.08}) == "eyes_nose_and_mouth");
    // Hands and head detail views.
    CHECK(regionAt(BodyShape::Teen, ViewId::LeftPalm, {0.5, 0.6}) == "left_palm");
    CHECK(regionAt(BodyShape::Teen, ViewId::LeftPalm, {0.15, 0.45}) == "left_thumb_palm_side");
    CHECK(regionAt(BodyShape::Teen, ViewId::LeftHandBack, {0.85, 0.45}) == "left_thumb_back");
    CHECK(regionAt(BodyShape::Teen, ViewId::RightHandBack, {0.5, 0.6}) == "back_of_right_hand");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::HeadFront, {0.5, 0.43}) == "nose");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::HeadFront, {0.5, 0.35}) == "bridge_of_nose");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::HeadFront, {0.3, 0.4}) == "right_cheek");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::HeadFront, {0.7, 0.4}) == "left_cheek");
    CHECK(regionAt(BodyShape::Teen, ViewId::HeadLeft, {0.56, 0.42}) == "left_ear");
    CHECK(regionAt(BodyShape::Teen, ViewId::HeadRight, {0.44, 0.42}) == "right_ear");
}

TEST_CASE("points outside the body hit nothing, unless within the touch tolerance") {
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.5, 0.005}) == "(outside)"); // above the head
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.03, 0.5}) == "(outside)");  // beside the body
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.5, 0.75}) == "(outside)"); // between the legs
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {0.5, 0.98}) == "(outside)"); // below the feet
    CHECK(regionAt(BodyShape::Teen, ViewId::LeftPalm, {0.95, 0.1}) == "(outside)");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {-1, 7}) == "(outside)");
    CHECK(regionAt(BodyShape::YoungChild, ViewId::BodyFront, {NAN, 0.5}) == "(outside)");

    // Just above the top of the head (top at y = 4/220): 0.003 of the height is 0.0066 widths.
    const Point nearHead{0.5, 4.0 / 220 - 0.003};
    const OutlineView& front = outlineView(BodyShape::YoungChild, ViewId::BodyFront);
    CHECK_FALSE(hitTest(front, nearHead));
    const auto snapped = hitTest(front, nearHead, 0.01);
    REQUIRE(snapped);
    CHECK(snapped->snapped);
    CHECK(snapped->region->id == "top_of_head");
    CHECK(snapped->distance == doctest::Approx(0.0066).epsilon(0.01));
    CHECK_FALSE(hitTest(front, nearHead, 0.005));
    // An exact hit is never reported as snapped.
    const auto exact = hitTest(front, {0.575, 0.295}, 0.05);
    REQUIRE(exact);
    CHECK_FALSE(exact->snapped);
}

TEST_CASE("left and right are mirror images with mirrored names") {
    const OutlineView& front = outlineView(BodyShape::Teen, ViewId::BodyFront);
    for (const auto& [left, right] :
         {std::pair{"left_chest", "right_chest"}, std::pair{"left_thigh_outer", "right_thigh_outer"},
          std::pair{"left_cheek", "right_cheek"}, std::pair{"left_hand_palm", "right_hand_palm"}}) {
        double leftArea = 0, rightArea = 0;
        for (const BodyPart& part : front.parts)
            for (const RegionPiece& piece : part.pieces) {
                if (piece.regionId == left) leftArea += area(piece.polygon);
                if (piece.regionId == right) rightArea += area(piece.polygon);
            }
        const std::string leftName = left;
        CAPTURE(leftName);
        CHECK(leftArea > 0);
        CHECK(leftArea == doctest::Approx(rightArea).epsilon(1e-9));
    }
    CHECK(front.region("left_ear")->highConcern);
    CHECK(front.region("front_of_neck")->highConcern);
    CHECK(front.region("left_upper_abdomen")->highConcern);
    CHECK_FALSE(front.region("left_chest")->highConcern);
    CHECK(outlineView(BodyShape::Teen, ViewId::BodyBack).region("right_buttock")->highConcern);
}

TEST_CASE("view and body shape names round-trip") {
    for (ViewId view : allViews())
        CHECK((viewFromString(toString(view)) == view));
    for (BodyShape shape : allBodyShapes())
        CHECK((bodyShapeFromString(toString(shape)) == shape));
    CHECK_FALSE(viewFromString("body_side"));
    CHECK_FALSE(bodyShapeFromString(""));
}

TEST_CASE("the list of region names for translators matches the outlines exactly") {
    std::set<std::string> fromOutlines, fromList;
    for (BodyShape shape : allBodyShapes())
        for (ViewId view : allViews())
            for (const Region& r : outlineView(shape, view).regions)
                fromOutlines.insert(r.name);
    for (const char* name : regionNamesForTranslation())
        CHECK(fromList.insert(name).second); // no duplicates
    CHECK(fromList == fromOutlines);
    CHECK(fromOutlines.size() > 100);
}
