// The body outlines of the skin map: the ONE source of truth for every view's named
// anatomical regions (DOMAIN.md, "The skin map"; SF 2.96).
//
// Each view (body front/back, head front/back/sides, palms and backs of hands) is built in
// body_outlines.cpp for each body shape (young child, older child/teen) as an ordered list
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
constexpr const char* kOutlinesVersion = "heard-body-outlines/1";

enum class BodyShape {
    YoungChild, // roughly 4 to 10: bigger head, shorter limbs
    Teen,       // older child and teenager: adult-like proportions
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
};

// Where the child's left side appears in a view (drawn as L/R letters).
enum class ChildsLeft {
    ImageRight, // front views: as if facing the child
    ImageLeft,  // back views
    NotShown,   // side views and hands: one side only
};

const std::vector<ViewId>& allViews();
const std::vector<BodyShape>& allBodyShapes();
const char* toString(ViewId view);     // stable id used in JSON: "body_front", ...
const char* toString(BodyShape shape); // "young_child" | "teen"
std::optional<ViewId> viewFromString(const std::string& text);
std::optional<BodyShape> bodyShapeFromString(const std::string& text);
const char* viewTitle(ViewId view);          // English, for _(): "Body, front", ...
const char* bodyShapeTitle(BodyShape shape); // "Young child", "Older child or teenager"

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

} // namespace heard::skinmap
