// The body outlines of the skin map: the ONE source of truth for every view's named
// anatomical regions (DOMAIN.md, "The skin map"; SF 2.96).
//
// Each view (body front/back, head front/back/sides, palms and backs of hands, tops and
// soles of feet) is built in body_outlines.cpp for each body set (baby, toddler, child,
// teenager; and the earlier "young child" shape kept for old maps) as an ordered list
// of body parts; each part is an outline cut into named region pieces (polygons in the
// view's normalised coordinates). Everything else is derived from these polygons: the
// on-screen outline (view/), the rendered PNGs in assets/body/ (report/ and the generator),
// and hit-testing. Changing a polygon or a region id changes kOutlinesVersion, which each
// skin map records, so that maps drawn on different outlines are never silently compared.
#pragma once

#include "app/tools/skin_map/model/geometry.h"

#include <optional>
#include <string>
#include <vector>

namespace heard::skinmap {

// Bump when any polygon, region id or region name changes.
// 2: the baby, toddler and child sets and the feet views (issue 18.7). The "young child" and
// "teen" views that existed in 1 are unchanged, so marks placed on them under 1 still name
// valid regions (outlinesCompatible).
constexpr const char* kOutlinesVersion = "heard-body-outlines/2";

// The body sets (DOMAIN.md: outlines for baby, toddler, young child and teenager). The head
// is about a quarter of a baby's length, a fifth of a toddler's, a sixth of a child's and a
// seventh of a teenager's; limbs lengthen and slim with age.
enum class BodyShape {
    YoungChild, // the earlier child outline (big head, short limbs): kept so old maps open
                // exactly as drawn; not offered for new maps
    Teen,       // teenager (11 to 17): adult-like proportions ("teen", unchanged since 1)
    Baby,       // under 1 year: head a quarter of the length, short chubby limbs
    Toddler,    // 1 to 3 years
    Child,      // 4 to 10 years
};

enum class ViewId {
    BodyFront,     // whole body from the front (the child's left is on the image's right)
    BodyBack,      // whole body from behind (the child's left is on the image's left)
    HeadFront,     // face
    HeadBack,      // back of the head
    HeadLeft,      // the child's left side of the head (face towards the image's left)
    HeadRight,     // the child's right side of the head (face towards the image's right)
    LeftPalm,      // left hand, palm towards the viewer, fingers up
    LeftHandBack,  // left hand, back towards the viewer
    RightPalm,     // right hand, palm towards the viewer
    RightHandBack, // right hand, back towards the viewer
    LeftFootTop,   // left foot from above, toes up (the big toe on the image's right)
    LeftSole,      // sole of the left foot, toes up (the big toe on the image's left)
    RightFootTop,  // right foot from above, toes up
    RightSole,     // sole of the right foot, toes up
};

// Where the child's left side appears in a view (drawn as L/R letters).
enum class ChildsLeft {
    ImageRight, // front views: as if facing the child
    ImageLeft,  // back views
    NotShown,   // side views and hands: one side only
};

const std::vector<ViewId>& allViews();
// Every shape that has outlines (the sets offered and the earlier young child shape).
const std::vector<BodyShape>& allBodyShapes();
// The sets a practitioner can choose for a new map, youngest first.
const std::vector<BodyShape>& bodySets();
bool isOfferedBodySet(BodyShape shape);
const char* toString(ViewId view);     // stable id used in JSON: "body_front", ...
const char* toString(BodyShape shape); // "baby" | "toddler" | "child" | "teen" | "young_child"
std::optional<ViewId> viewFromString(const std::string& text);
std::optional<BodyShape> bodyShapeFromString(const std::string& text);
const char* viewTitle(ViewId view);          // English, for _(): "Body, front", ...
const char* bodyShapeTitle(BodyShape shape); // "Baby", "Toddler", "Child", "Teenager", ...

// The set for a child's age: under 1 a baby; 1 to 3 a toddler; 4 to 10 a child; 11 and over
// a teenager. Dates are "YYYY-MM-DD" (a date-time's date part is used); nullopt when the date
// of birth is missing, not a date, or after onDate (the practitioner then chooses).
std::optional<BodyShape> bodySetForAge(const std::string& dateOfBirth, const std::string& onDate);
// Whole months from dateOfBirth to onDate; -1 when either is not a date or birth is later.
int ageInMonths(const std::string& dateOfBirth, const std::string& onDate);
constexpr int kToddlerFromMonths = 12, kChildFromMonths = 48, kTeenFromMonths = 132;

// Whether region ids recorded under outlinesVersion still name the same regions of this
// shape's views today (the current version, or version 1 for the shapes it had).
bool outlinesCompatible(const std::string& outlinesVersion, BodyShape shape);

struct Region {
    std::string id;           // stable within a view: "left_forearm_outer"
    std::string name;         // English, readable: "left forearm, outer"
    bool highConcern = false; // ears, cheeks, neck, abdomen, buttocks, groin (see skin_map.h)
};

struct RegionPiece {
    std::string regionId;
    Polygon polygon;
};

// A body part: its outline (what is stroked dark) and the named pieces it is cut into.
struct BodyPart {
    std::string id;
    Polygon outline;
    std::vector<RegionPiece> pieces;
};

struct OutlineView {
    BodyShape shape = BodyShape::YoungChild;
    ViewId view = ViewId::BodyFront;
    double aspect = 1.0; // height / width of the view's frame
    ChildsLeft childsLeft = ChildsLeft::NotShown;
    std::vector<BodyPart> parts; // in drawing order: a later part is drawn over earlier ones
    std::vector<Region> regions; // every region id used by the pieces, once

    const Region* region(const std::string& id) const;
};

// Every region name of every view, for the translators (region_names.cpp).
const std::vector<const char*>& regionNamesForTranslation();

// The outline of one view for one body shape (built once, then shared; thread-safe).
const OutlineView& outlineView(BodyShape shape, ViewId view);

struct RegionHit {
    const Region* region = nullptr;
    bool snapped = false; // the point was outside the body but within the tolerance
    double distance = 0;  // how far outside (0 when inside)
};

// Which region a point (normalised view coordinates) falls in.
// Rules: parts are tested from the top of the drawing order down, so what is drawn on top
// is what a tap hits (an ear drawn over the head is the ear). Within a part, a point on the
// border between two pieces belongs to exactly one: the piece to its right, or below it for
// a horizontal border (containsPoint's half-open rule). A point outside every piece is
// outside the body, unless it lies within `tolerance` of a piece: then the nearest piece's
// region is returned with snapped = true (a finger is wider than the outline's stroke).
std::optional<RegionHit> hitTest(const OutlineView& view, Point p, double tolerance = 0.0);

// A point that hit-tests to the region (not hidden under a part drawn over it), for the
// demo map, the tour and tests that tap a named region; nullopt when the view has none.
std::optional<Point> pointInRegion(const OutlineView& view, const std::string& regionId);

} // namespace heard::skinmap
