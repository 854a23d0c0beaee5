// The body outlines: every view's parts and named regions, built from a few proportions.
//
// [SECTION] Names and ids
// [SECTION] Builder helpers
// [SECTION] Whole body, front and back
// [SECTION] Head, four views
// [SECTION] Hands, palms and backs
// [SECTION] Feet, tops and soles
// [SECTION] Catalogue and hit-testing
//
// Each view is designed in its own units (100 wide; the height gives the aspect) with the
// image's right side built first and mirrored for the left, then divided by the frame size
// into normalised coordinates. Pieces of one part come from cutting the part's outline
// along lines, so neighbouring pieces share their border exactly (see geometry.h).
#include "app/tools/skin_map/model/body_outlines.h"

#include "app/i18n/i18n.h" // N_: view titles are msgids

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

namespace heard::skinmap {

// [SECTION] Names and ids ------------------------------------------------------------------

namespace {

struct ViewName {
    ViewId view;
    const char* id;
    const char* title;
};
constexpr std::array<ViewName, 14> kViewNames{{
    {ViewId::BodyFront, "body_front", N_("Body, front")},
    {ViewId::BodyBack, "body_back", N_("Body, back")},
    {ViewId::HeadFront, "head_front", N_("Head, face")},
    {ViewId::HeadBack, "head_back", N_("Head, back")},
    {ViewId::HeadLeft, "head_left", N_("Head, left side")},
    {ViewId::HeadRight, "head_right", N_("Head, right side")},
    {ViewId::LeftPalm, "left_palm", N_("Left hand, palm")},
    {ViewId::LeftHandBack, "left_hand_back", N_("Left hand, back")},
    {ViewId::RightPalm, "right_palm", N_("Right hand, palm")},
    {ViewId::RightHandBack, "right_hand_back", N_("Right hand, back")},
    {ViewId::LeftFootTop, "left_foot_top", N_("Left foot, top")},
    {ViewId::LeftSole, "left_sole", N_("Left foot, sole")},
    {ViewId::RightFootTop, "right_foot_top", N_("Right foot, top")},
    {ViewId::RightSole, "right_sole", N_("Right foot, sole")},
}};

struct ShapeName {
    BodyShape shape;
    const char* id;
    const char* title;
};
constexpr std::array<ShapeName, 5> kShapeNames{{
    {BodyShape::Baby, "baby", N_("Baby")},
    {BodyShape::Toddler, "toddler", N_("Toddler")},
    {BodyShape::Child, "child", N_("Child")},
    {BodyShape::Teen, "teen", N_("Teenager")},
    {BodyShape::YoungChild, "young_child", N_("Young child (earlier outline)")},
}};

std::string idFromName(const std::string& name) {
    std::string id;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            id += char(std::tolower(static_cast<unsigned char>(c)));
        } else if (!id.empty() && id.back() != '_') {
            id += '_';
        }
    }
    while (!id.empty() && id.back() == '_')
        id.pop_back();
    return id;
}

} // namespace

const std::vector<ViewId>& allViews() {
    static const std::vector<ViewId> s_views = [] {
        std::vector<ViewId> views;
        for (const auto& v : kViewNames)
            views.push_back(v.view);
        return views;
    }();
    return s_views;
}

const std::vector<BodyShape>& allBodyShapes() {
    static const std::vector<BodyShape> s_shapes = [] {
        std::vector<BodyShape> shapes;
        for (const auto& s : kShapeNames)
            shapes.push_back(s.shape);
        return shapes;
    }();
    return s_shapes;
}

const std::vector<BodyShape>& bodySets() {
    static const std::vector<BodyShape> s_sets{BodyShape::Baby, BodyShape::Toddler, BodyShape::Child,
                                               BodyShape::Teen};
    return s_sets;
}

bool isOfferedBodySet(BodyShape shape) {
    return shape != BodyShape::YoungChild;
}

const char* toString(ViewId view) {
    for (const auto& v : kViewNames)
        if (v.view == view) return v.id;
    return "unknown";
}

const char* viewTitle(ViewId view) {
    for (const auto& v : kViewNames)
        if (v.view == view) return v.title;
    return "unknown";
}

std::optional<ViewId> viewFromString(const std::string& text) {
    for (const auto& v : kViewNames)
        if (text == v.id) return v.view;
    return std::nullopt;
}

const char* toString(BodyShape shape) {
    for (const auto& s : kShapeNames)
        if (s.shape == shape) return s.id;
    return "unknown";
}
const char* bodyShapeTitle(BodyShape shape) {
    for (const auto& s : kShapeNames)
        if (s.shape == shape) return s.title;
    return "unknown";
}

std::optional<BodyShape> bodyShapeFromString(const std::string& text) {
    for (const auto& s : kShapeNames)
        if (text == s.id) return s.shape;
    return std::nullopt;
}

namespace {

// "YYYY-MM-DD" (or the date part of a date-time) into numbers; false when not a real date.
bool parseDate(const std::string& text, int& year, int& month, int& day) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    if (text.size() > 10 && text[10] != 'T') return false;
    year = std::stoi(text.substr(0, 4));
    month = std::stoi(text.substr(5, 2));
    day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

} // namespace

int ageInMonths(const std::string& dateOfBirth, const std::string& onDate) {
    int by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0;
    if (!parseDate(dateOfBirth, by, bm, bd) || !parseDate(onDate, y, m, d)) return -1;
    int months = (y - by) * 12 + (m - bm);
    if (d < bd) --months; // the month is complete on the same day of the month
    return months < 0 ? -1 : months;
}

std::optional<BodyShape> bodySetForAge(const std::string& dateOfBirth, const std::string& onDate) {
    const int months = ageInMonths(dateOfBirth, onDate);
    if (months < 0) return std::nullopt;
    if (months < kToddlerFromMonths) return BodyShape::Baby;
    if (months < kChildFromMonths) return BodyShape::Toddler;
    if (months < kTeenFromMonths) return BodyShape::Child;
    return BodyShape::Teen;
}

bool outlinesCompatible(const std::string& outlinesVersion, BodyShape shape) {
    if (outlinesVersion == kOutlinesVersion) return true;
    // Version 1 had only these two shapes, and their views are unchanged since.
    return outlinesVersion == "heard-body-outlines/1" &&
           (shape == BodyShape::YoungChild || shape == BodyShape::Teen);
}

const Region* OutlineView::region(const std::string& id) const {
    for (const Region& r : regions)
        if (r.id == id) return &r;
    return nullptr;
}

// [SECTION] Builder helpers -----------------------------------------------------------------

namespace {

constexpr double kDegrees = 3.14159265358979323846 / 180.0;

Point add(Point a, Point b) {
    return {a.x + b.x, a.y + b.y};
}
Point scaled(Point a, double s) {
    return {a.x * s, a.y * s};
}
Point midpoint(Point a, Point b) {
    return {(a.x + b.x) / 2, (a.y + b.y) / 2};
}

// A closed outline from its right half, which runs from a point on the axis (top) to a
// point on the axis (bottom): the left half is its mirror image.
Polygon symmetric(const Polygon& rightHalf, double axis) {
    Polygon out = rightHalf;
    for (size_t i = rightHalf.size() - 1; i-- > 1;)
        out.push_back({2 * axis - rightHalf[i].x, rightHalf[i].y});
    return out;
}

// A finger-like shape: flat at base, a half-ellipse cap at tip.
Polygon capsule(Point base, Point tip, double halfWidth, int capSegments = 8) {
    const double dx = tip.x - base.x, dy = tip.y - base.y;
    const double length = std::sqrt(dx * dx + dy * dy);
    const Point along{dx / length, dy / length};
    const Point across{-along.y, along.x};
    const Point capStart = add(tip, scaled(along, -halfWidth));
    Polygon out;
    out.push_back(add(base, scaled(across, halfWidth)));
    for (int i = 0; i <= capSegments; ++i) {
        const double t = 180.0 * kDegrees * double(i) / double(capSegments);
        const Point offset =
            add(scaled(across, halfWidth * std::cos(t)), scaled(along, halfWidth * std::sin(t)));
        out.push_back(add(capStart, offset));
    }
    out.push_back(add(base, scaled(across, -halfWidth)));
    return out;
}

// Words for a side of the image: in a front view the image's right is the child's left.
struct Sides {
    ChildsLeft childsLeft;
    std::string of(bool imageRight) const {
        const bool childsLeftSide = childsLeft == ChildsLeft::ImageLeft ? !imageRight : imageRight;
        return childsLeftSide ? "left" : "right";
    }
};

// Replaces "{side}" in a name template.
std::string withSide(std::string pattern, const std::string& side) {
    const auto at = pattern.find("{side}");
    if (at != std::string::npos) pattern.replace(at, 6, side);
    return pattern;
}

class ViewBuilder {
public:
    ViewBuilder(BodyShape shape, ViewId view, double width, double height, ChildsLeft childsLeft)
        : m_width(width), m_height(height) {
        m_view.shape = shape;
        m_view.view = view;
        m_view.aspect = height / width;
        m_view.childsLeft = childsLeft;
    }

    // Starts a part; pieces are added to the latest part.
    void part(const std::string& id, const Polygon& outline) { m_view.parts.push_back({id, outline, {}}); }

    void piece(const std::string& name, bool highConcern, const Polygon& polygon) {
        if (polygon.size() < 3 || std::fabs(signedArea(polygon)) < 1e-9) return;
        const std::string id = idFromName(name);
        if (!m_view.region(id)) m_view.regions.push_back({id, name, highConcern});
        m_view.parts.back().pieces.push_back({id, polygon});
    }

    // The view in normalised coordinates.
    OutlineView finish() {
        auto normalise = [this](Polygon& polygon) {
            for (Point& p : polygon)
                p = {p.x / m_width, p.y / m_height};
        };
        for (BodyPart& part : m_view.parts) {
            normalise(part.outline);
            for (RegionPiece& piece : part.pieces)
                normalise(piece.polygon);
        }
        return m_view;
    }

private:
    OutlineView m_view;
    double m_width, m_height;
};

// [SECTION] Whole body, front and back ------------------------------------------------------

struct HeadProportions {
    double rx, ry;       // head half-width and half-height in a 100 x 125 frame
    double faceDrop = 0; // a young face sits low in the head: its lines move this share down
};

// A line at `fraction` of the head's height (from the top), moved down for a young face.
double faceLine(const HeadProportions& p, double fraction) {
    return fraction + p.faceDrop * (1 - fraction);
}
HeadProportions headProportions(BodyShape shape); // in [SECTION] Head, four views

struct BodyProportions {
    double headHeight, headWidth, neckLength, neckHalfWidth;
    double shoulderHalfWidth, chestHalfWidth, waistHalfWidth, hipHalfWidth, torsoLength, armpitDrop;
    double upperArm, elbow, forearm, elbowHalfWidth, wristHalfWidth, handLength, armAngle;
    double thigh, knee, shin, kneeHalfWidth, ankleHalfWidth, footLength;
};

// In the 100 x 220 frame. The head's share of the whole length falls with age (about 27 %
// for the baby, 21 % toddler, 16 % child, 14.5 % teenager); a baby's neck hardly shows, its
// tummy is rounder than its chest, its limbs short and chubby and its arms reach the hips.
BodyProportions bodyProportions(BodyShape shape) {
    switch (shape) {
    case BodyShape::Teen:
        return {30, 23,  7,   5,  20, 15.5, 12.5, 15.5, 68,  12,  33, 6,
                29, 4.2, 3.2, 15, 13, 46,   8,    40,   5.6, 3.6, 9};
    case BodyShape::Baby:
        return {45, 37, 2.5, 7.5, 19, 17, 18.5, 17.5, 58, 9,   19, 4.5,
                15, 6,  4.8, 9.5, 26, 24, 6,    20,   8,  5.5, 8.5};
    case BodyShape::Toddler:
        return {40, 33,  3,   6.5, 19, 16, 16.5, 16.5, 60, 10, 25, 5,
                20, 5.2, 4.2, 11,  17, 34, 6.5,  30,   7,  5,  9.5};
    case BodyShape::Child:
        return {33, 26,  6,   5,    18.5, 14.5, 12.5, 14, 66,  11,  31, 5,
                26, 4.2, 3.2, 13.5, 12,   45,   7,    41, 5.4, 3.6, 9.5};
    case BodyShape::YoungChild:
        break;
    }
    return {42, 33, 5, 6, 19, 16, 15, 16, 62, 10, 27, 5, 22, 4.4, 3.6, 12, 14, 36, 7, 32, 6.2, 4.2, 9};
}

// One arm or leg on the image's right: pieces as polygons, mirrored for the other side.
struct LimbPiece {
    std::string nameTemplate; // with {side}
    Polygon polygon;
};
struct Limb {
    std::string partId;
    Polygon outline;
    std::vector<LimbPiece> pieces;
};

struct CrossSection {
    Point inner, outer;
    Point mid() const { return midpoint(inner, outer); }
};

// Quads between cross-sections, split lengthwise into outer and inner halves, and a joint
// section kept whole.
Polygon outerHalf(const CrossSection& a, const CrossSection& b) {
    return {a.mid(), a.outer, b.outer, b.mid()};
}
Polygon innerHalf(const CrossSection& a, const CrossSection& b) {
    return {a.inner, a.mid(), b.mid(), b.inner};
}
Polygon whole(const CrossSection& a, const CrossSection& b) {
    return {a.inner, a.mid(), a.outer, b.outer, b.mid(), b.inner};
}

void emitLimb(ViewBuilder& builder, const Limb& limb, const Sides& sides, bool highConcernAll = false) {
    for (bool imageRight : {true, false}) {
        const std::string side = sides.of(imageRight);
        builder.part(withSide(limb.partId, side), imageRight ? limb.outline : mirrorX(limb.outline, 50));
        for (const LimbPiece& piece : limb.pieces) {
            builder.piece(withSide(piece.nameTemplate, side), highConcernAll,
                          imageRight ? piece.polygon : mirrorX(piece.polygon, 50));
        }
    }
}

OutlineView buildBody(BodyShape shape, bool front) {
    const BodyProportions p = bodyProportions(shape);
    const Sides sides{front ? ChildsLeft::ImageRight : ChildsLeft::ImageLeft};
    // The frame ends just below the feet, so a short body fills the canvas as a tall one does
    // (bigger to mark). The two shapes of version 1 keep their 220-high frame unchanged.
    const double feet =
        4 + p.headHeight + p.neckLength + p.torsoLength - 2 + p.thigh + p.knee + p.shin + p.footLength;
    const bool version1 = shape == BodyShape::YoungChild || shape == BodyShape::Teen;
    ViewBuilder builder(shape, front ? ViewId::BodyFront : ViewId::BodyBack, 100, version1 ? 220 : feet + 5,
                        sides.childsLeft);

    const double top = 4;
    const double chin = top + p.headHeight;
    const double neckBase = chin + p.neckLength;
    const double torsoTop = neckBase - 1;
    const double torsoBottom = neckBase + p.torsoLength;

    // Torso.
    const Point shoulderTop{50 + p.shoulderHalfWidth - 3, neckBase + 0.5};
    const Point shoulderTip{50 + p.shoulderHalfWidth, neckBase + 3.5};
    const Point armpit{50 + p.chestHalfWidth, neckBase + p.armpitDrop};
    const Polygon torso = symmetric({{50, torsoTop},
                                     {50 + p.neckHalfWidth + 1, torsoTop},
                                     shoulderTop,
                                     shoulderTip,
                                     armpit,
                                     {50 + p.waistHalfWidth, neckBase + 0.55 * p.torsoLength},
                                     {50 + p.hipHalfWidth, neckBase + 0.8 * p.torsoLength},
                                     {50 + p.hipHalfWidth * 0.97, torsoBottom},
                                     {50, torsoBottom}},
                                    50);
    builder.part("torso", torso);
    const double bands[] = {torsoTop,
                            neckBase + 0.13 * p.torsoLength,
                            neckBase + 0.36 * p.torsoLength,
                            neckBase + 0.57 * p.torsoLength,
                            neckBase + 0.78 * p.torsoLength,
                            torsoBottom};
    struct BandNames {
        const char* name;
        bool highConcern;
    };
    const BandNames frontBands[] = {{"{side} shoulder", false},
                                    {"{side} chest", false},
                                    {"{side} upper abdomen", true},
                                    {"{side} lower abdomen", true}};
    const BandNames backBands[] = {{"{side} shoulder, back", false},
                                   {"{side} upper back", false},
                                   {"{side} middle back", false},
                                   {"{side} lower back", false},
                                   {"{side} buttock", true}};
    for (int band = 0; band < 5; ++band) {
        const Polygon strip = clipBand(torso, bands[band], bands[band + 1]);
        if (front && band == 4) {
            // Hips either side of the groin (the groin is high-concern: see skin_map.h).
            const double groinHalf = p.hipHalfWidth * 0.45;
            builder.piece(withSide("{side} hip", sides.of(false)), false, clipLeftOf(strip, 50 - groinHalf));
            builder.piece("groin", true, clipColumn(strip, 50 - groinHalf, 50 + groinHalf));
            builder.piece(withSide("{side} hip", sides.of(true)), false, clipRightOf(strip, 50 + groinHalf));
            continue;
        }
        const BandNames& names = front ? frontBands[band] : backBands[band];
        builder.piece(withSide(names.name, sides.of(false)), names.highConcern, clipLeftOf(strip, 50));
        builder.piece(withSide(names.name, sides.of(true)), names.highConcern, clipRightOf(strip, 50));
    }

    // Legs (drawn over the bottom of the torso).
    const double legTop = torsoBottom - 2;
    const CrossSection hip{{50, legTop}, {50 + p.hipHalfWidth, legTop}};
    const double kneeTopY = legTop + p.thigh, kneeBottomY = kneeTopY + p.knee, ankleY = kneeBottomY + p.shin;
    const CrossSection kneeTop{{51.2, kneeTopY}, {51.2 + 2 * p.kneeHalfWidth, kneeTopY}};
    const CrossSection kneeBottom{{51.4, kneeBottomY}, {51.4 + 1.9 * p.kneeHalfWidth, kneeBottomY}};
    const CrossSection calf{{51.4, kneeBottomY + 0.3 * p.shin},
                            {51.6 + 2.0 * p.kneeHalfWidth, kneeBottomY + 0.3 * p.shin}};
    const CrossSection ankle{{52, ankleY}, {52 + 2 * p.ankleHalfWidth, ankleY}};
    Limb leg{"{side} leg",
             {hip.inner, hip.outer, kneeTop.outer, kneeBottom.outer, calf.outer, ankle.outer, ankle.inner,
              calf.inner, kneeBottom.inner, kneeTop.inner},
             {}};
    const char* thighName = front ? "{side} thigh, outer" : "back of {side} thigh, outer";
    const char* thighInnerName = front ? "{side} thigh, inner" : "back of {side} thigh, inner";
    const char* shinName = front ? "{side} shin, outer" : "{side} calf, outer";
    const char* shinInnerName = front ? "{side} shin, inner" : "{side} calf, inner";
    leg.pieces.push_back({thighName, outerHalf(hip, kneeTop)});
    leg.pieces.push_back({thighInnerName, innerHalf(hip, kneeTop)});
    leg.pieces.push_back({front ? "{side} knee" : "back of {side} knee", whole(kneeTop, kneeBottom)});
    // The shin is two quads long (a calf bulge); each half is one polygon through the calf.
    leg.pieces.push_back(
        {shinName, {kneeBottom.mid(), kneeBottom.outer, calf.outer, ankle.outer, ankle.mid(), calf.mid()}});
    leg.pieces.push_back(
        {shinInnerName,
         {kneeBottom.inner, kneeBottom.mid(), calf.mid(), ankle.mid(), ankle.inner, calf.inner}});
    emitLimb(builder, leg, sides);

    const double foot = p.footLength;
    const Point ai = ankle.inner, ao = ankle.outer, ac = ankle.mid();
    Polygon footShape;
    if (front) {
        footShape = {ai,
                     ao,
                     {ao.x + 2.5, ao.y + foot * 0.55},
                     {ao.x + 2.5, ao.y + foot},
                     {ai.x - 0.5, ai.y + foot},
                     {ai.x - 1, ai.y + foot * 0.5}};
    } else {
        const double half = (ao.x - ai.x) / 2;
        footShape = {ai,
                     ao,
                     {ao.x + 0.8, ao.y + foot * 0.55},
                     {ac.x + half * 0.7, ao.y + foot * 0.95},
                     {ac.x, ao.y + foot},
                     {ac.x - half * 0.7, ao.y + foot * 0.95},
                     {ai.x - 0.8, ai.y + foot * 0.55}};
    }
    emitLimb(builder, Limb{"{side} foot", footShape, {{front ? "{side} foot" : "{side} heel", footShape}}},
             sides);

    // Arms (hanging a little away from the body) and hands.
    const double angle = p.armAngle * kDegrees;
    const Point along{std::sin(angle), std::cos(angle)};
    const Point outward{std::cos(angle), -std::sin(angle)};
    auto section = [&](Point centre, double halfWidth) {
        return CrossSection{add(centre, scaled(outward, -halfWidth)),
                            add(centre, scaled(outward, halfWidth))};
    };
    const CrossSection shoulder{armpit, shoulderTip};
    const Point joint = shoulder.mid();
    const Point elbowTopCentre = add(joint, scaled(along, p.upperArm));
    const Point elbowBottomCentre = add(elbowTopCentre, scaled(along, p.elbow));
    const Point wristCentre = add(elbowBottomCentre, scaled(along, p.forearm));
    const CrossSection elbowTop = section(elbowTopCentre, p.elbowHalfWidth);
    const CrossSection elbowBottom = section(elbowBottomCentre, p.elbowHalfWidth * 0.95);
    const CrossSection wrist = section(wristCentre, p.wristHalfWidth);
    Limb arm{"{side} arm",
             {shoulder.inner, shoulder.outer, elbowTop.outer, elbowBottom.outer, wrist.outer, wrist.inner,
              elbowBottom.inner, elbowTop.inner},
             {}};
    arm.pieces.push_back({front ? "{side} upper arm, outer" : "back of {side} upper arm, outer",
                          outerHalf(shoulder, elbowTop)});
    arm.pieces.push_back({front ? "{side} upper arm, inner" : "back of {side} upper arm, inner",
                          innerHalf(shoulder, elbowTop)});
    arm.pieces.push_back({front ? "inside of {side} elbow" : "{side} elbow", whole(elbowTop, elbowBottom)});
    arm.pieces.push_back(
        {front ? "{side} forearm, outer" : "back of {side} forearm, outer", outerHalf(elbowBottom, wrist)});
    arm.pieces.push_back(
        {front ? "{side} forearm, inner" : "back of {side} forearm, inner", innerHalf(elbowBottom, wrist)});
    emitLimb(builder, arm, sides);

    // A mitten hand; the palm faces forward (the anatomical position), the thumb outwards.
    const double hw = p.wristHalfWidth * 1.2, hl = p.handLength;
    auto at = [&](double a, double o) {
        return add(wristCentre, add(scaled(along, a * hl), scaled(outward, o * hw)));
    };
    // Seen from behind, the thumb of a palm-forward hand is still on the outer side.
    const Polygon hand = {wrist.inner,    wrist.outer,     at(0.12, 1.15), at(0.32, 1.6),
                          at(0.5, 1.55),  at(0.52, 1.0),   at(0.85, 0.95), at(1.0, 0.35),
                          at(1.0, -0.35), at(0.85, -0.95), at(0.4, -1.15)};
    emitLimb(builder,
             Limb{"{side} hand", hand, {{front ? "{side} hand, palm" : "back of {side} hand", hand}}}, sides);

    // Neck, ears and head (drawn last, on top).
    const Polygon neck = {{50 - p.neckHalfWidth, chin - 0.2 * p.headHeight},
                          {50 + p.neckHalfWidth, chin - 0.2 * p.headHeight},
                          {50 + p.neckHalfWidth, neckBase + 1.5},
                          {50 - p.neckHalfWidth, neckBase + 1.5}};
    builder.part("neck", neck);
    builder.piece(front ? "front of neck" : "back of neck", true, neck);

    const Point headCentre{50, top + p.headHeight / 2};
    const double rx = p.headWidth / 2, ry = p.headHeight / 2;
    for (bool imageRight : {true, false}) {
        const double sign = imageRight ? 1 : -1;
        const Polygon ear =
            ellipse({50 + sign * rx * 0.98, headCentre.y + 0.06 * p.headHeight}, rx * 0.16, ry * 0.22, 16);
        builder.part(sides.of(imageRight) + " ear", ear);
        builder.piece(sides.of(imageRight) + " ear", true, ear);
    }
    const Polygon head = ellipse(headCentre, rx, ry, 40);
    builder.part("head", head);
    const HeadProportions face = headProportions(shape);
    const double hairline = top + faceLine(face, 0.2) * p.headHeight,
                 brow = top + faceLine(face, 0.42) * p.headHeight,
                 jaw = top + faceLine(face, 0.82) * p.headHeight;
    builder.piece("top of head", false, clipAbove(head, hairline));
    if (front) {
        builder.piece("forehead", false, clipBand(head, hairline, brow));
        const Polygon face = clipBand(head, brow, jaw);
        const double featuresHalf = rx * 0.36;
        builder.piece(sides.of(false) + " cheek", true, clipLeftOf(face, 50 - featuresHalf));
        builder.piece("eyes, nose and mouth", false, clipColumn(face, 50 - featuresHalf, 50 + featuresHalf));
        builder.piece(sides.of(true) + " cheek", true, clipRightOf(face, 50 + featuresHalf));
        builder.piece("chin and jaw", false, clipBelow(head, jaw));
    } else {
        builder.piece("back of head", false, clipBelow(head, hairline));
    }
    return builder.finish();
}

// [SECTION] Head, four views ----------------------------------------------------------------

HeadProportions headProportions(BodyShape shape) {
    switch (shape) {
    case BodyShape::Teen:
        return {30, 42};
    case BodyShape::Baby:
        return {36, 39, 0.12}; // nearly round, a high forehead
    case BodyShape::Toddler:
        return {34, 40, 0.06};
    case BodyShape::Child:
        return {31, 41};
    case BodyShape::YoungChild:
        break;
    }
    return {33, 40};
}

// Fingers and toes are shorter against the palm and sole in the young.
double digitScale(BodyShape shape) {
    switch (shape) {
    case BodyShape::Teen:
        return 1.0;
    case BodyShape::Baby:
        return 0.68;
    case BodyShape::Toddler:
        return 0.76;
    case BodyShape::Child:
        return 0.9;
    case BodyShape::YoungChild:
        break;
    }
    return 0.85;
}

OutlineView buildHeadFrontOrBack(BodyShape shape, bool front) {
    const HeadProportions p = headProportions(shape);
    const Sides sides{front ? ChildsLeft::ImageRight : ChildsLeft::ImageLeft};
    ViewBuilder builder(shape, front ? ViewId::HeadFront : ViewId::HeadBack, 100, 125, sides.childsLeft);
    const Point centre{50, 8 + p.ry};
    const double top = centre.y - p.ry, height = 2 * p.ry;
    auto y = [&](double fraction) { return top + faceLine(p, fraction) * height; };
    auto x = [&](double fraction) { return 50 + fraction * p.rx; };

    const Polygon neck = {{x(-0.55), y(0.75)}, {x(0.55), y(0.75)}, {x(0.62), 124}, {x(-0.62), 124}};
    builder.part("neck", neck);
    builder.piece(front ? "front of neck" : "back of neck", true, neck);
    for (bool imageRight : {true, false}) {
        const double sign = imageRight ? 1 : -1;
        const Polygon ear = ellipse({50 + sign * p.rx * 1.02, y(0.52)}, p.rx * 0.17, p.ry * 0.24, 20);
        builder.part(sides.of(imageRight) + " ear", ear);
        builder.piece(sides.of(imageRight) + " ear", true, ear);
    }
    const Polygon head = ellipse(centre, p.rx, p.ry, 64);
    builder.part("head", head);
    builder.piece("top of head", false, clipAbove(head, y(0.18)));
    if (!front) {
        const Polygon middle = clipBand(head, y(0.18), y(0.72));
        builder.piece("back of head, " + sides.of(false) + " side", false, clipLeftOf(middle, 50));
        builder.piece("back of head, " + sides.of(true) + " side", false, clipRightOf(middle, 50));
        builder.piece("lower back of head", false, clipBelow(head, y(0.72)));
        return builder.finish();
    }
    builder.piece("forehead", false, clipBand(head, y(0.18), y(0.36)));
    // Rows of the face, each cut into columns: {row top, row bottom, cuts, names}.
    const std::string r = sides.of(false), l = sides.of(true);
    const Polygon eyes = clipBand(head, y(0.36), y(0.5));
    builder.piece(r + " temple", false, clipLeftOf(eyes, x(-0.72)));
    builder.piece(r + " eye", false, clipColumn(eyes, x(-0.72), x(-0.14)));
    builder.piece("bridge of nose", false, clipColumn(eyes, x(-0.14), x(0.14)));
    builder.piece(l + " eye", false, clipColumn(eyes, x(0.14), x(0.72)));
    builder.piece(l + " temple", false, clipRightOf(eyes, x(0.72)));
    const Polygon noseRow = clipBand(head, y(0.5), y(0.66));
    builder.piece(r + " cheek", true, clipLeftOf(noseRow, x(-0.24)));
    builder.piece("nose", false, clipColumn(noseRow, x(-0.24), x(0.24)));
    builder.piece(l + " cheek", true, clipRightOf(noseRow, x(0.24)));
    const Polygon mouthRow = clipBand(head, y(0.66), y(0.8));
    builder.piece(r + " cheek", true, clipLeftOf(mouthRow, x(-0.36)));
    builder.piece("mouth and lips", false, clipColumn(mouthRow, x(-0.36), x(0.36)));
    builder.piece(l + " cheek", true, clipRightOf(mouthRow, x(0.36)));
    const Polygon jawRow = clipBelow(head, y(0.8));
    builder.piece(r + " side of jaw", false, clipLeftOf(jawRow, x(-0.36)));
    builder.piece("chin", false, clipColumn(jawRow, x(-0.36), x(0.36)));
    builder.piece(l + " side of jaw", false, clipRightOf(jawRow, x(0.36)));
    return builder.finish();
}

// The child's left side: face towards the image's left. The right side is its mirror image.
OutlineView buildHeadSide(BodyShape shape, bool left) {
    const HeadProportions p = headProportions(shape);
    ViewBuilder builder(shape, left ? ViewId::HeadLeft : ViewId::HeadRight, 100, 125, ChildsLeft::NotShown);
    const std::string side = left ? "left" : "right";
    const Point centre{52, 8 + p.ry};
    const double rx = p.rx * 1.12;
    const double top = centre.y - p.ry, height = 2 * p.ry;
    auto y = [&](double fraction) { return top + faceLine(p, fraction) * height; };
    auto x = [&](double fraction) { return centre.x + fraction * rx; };
    auto place = [&](Polygon polygon) { return left ? polygon : mirrorX(polygon, 50); };

    const Polygon neck = place({{x(-0.3), y(0.78)}, {x(0.55), y(0.7)}, {x(0.6), 124}, {x(-0.35), 124}});
    builder.part("neck", neck);
    builder.piece(side + " side of neck", true, neck);
    const Polygon nose = place({{x(-0.97), y(0.44)}, {x(-1.16), y(0.6)}, {x(-0.93), y(0.63)}});
    builder.part("nose", nose);
    builder.piece("nose", false, nose);
    const Polygon head = place(ellipse(centre, rx, p.ry, 64));
    builder.part("head", head);
    // Columns: face, side, back of the head (from the face towards the back).
    const double faceEdge = x(-0.5), backEdge = x(0.25);
    const Polygon face = left ? clipLeftOf(head, faceEdge) : clipRightOf(head, 100 - faceEdge);
    const Polygon middle =
        left ? clipColumn(head, faceEdge, backEdge) : clipColumn(head, 100 - backEdge, 100 - faceEdge);
    const Polygon back = left ? clipRightOf(head, backEdge) : clipLeftOf(head, 100 - backEdge);
    builder.piece("forehead", false, clipAbove(face, y(0.34)));
    builder.piece(side + " eye", false, clipBand(face, y(0.34), y(0.5)));
    builder.piece(side + " cheek", true, clipBand(face, y(0.5), y(0.74)));
    builder.piece("chin", false, clipBelow(face, y(0.74)));
    builder.piece("top of head", false, clipAbove(middle, y(0.22)));
    builder.piece(side + " temple", false, clipBand(middle, y(0.22), y(0.5)));
    builder.piece(side + " cheek", true, clipBand(middle, y(0.5), y(0.76)));
    builder.piece(side + " side of jaw", false, clipBelow(middle, y(0.76)));
    builder.piece("top of head", false, clipAbove(back, y(0.22)));
    builder.piece("back of head", false, clipBelow(back, y(0.22)));
    const Polygon ear = place(ellipse({x(0.12), y(0.52)}, rx * 0.15, p.ry * 0.24, 24));
    builder.part(side + " ear", ear);
    builder.piece(side + " ear", true, ear);
    return builder.finish();
}

// [SECTION] Hands, palms and backs ----------------------------------------------------------

// Designed as a left palm (thumb on the image's left) in a 100 x 140 frame; the other three
// views are mirror images and/or renamed.
OutlineView buildHand(BodyShape shape, ViewId view) {
    const bool leftHand = view == ViewId::LeftPalm || view == ViewId::LeftHandBack;
    const bool palm = view == ViewId::LeftPalm || view == ViewId::RightPalm;
    const bool mirrored = leftHand != palm; // thumb on the image's right
    const std::string side = leftHand ? "left" : "right";
    const std::string face = palm ? ", palm side" : ", back";
    ViewBuilder builder(shape, view, 100, 140, ChildsLeft::NotShown);
    auto place = [&](Polygon polygon) { return mirrored ? mirrorX(polygon, 50) : polygon; };

    const double fingerScale = digitScale(shape);
    const double palmTop = 62, palmBottom = 112, palmLeft = 27, palmRight = 73;
    const Polygon wrist = place({{35, palmBottom - 4}, {65, palmBottom - 4}, {64, 137}, {36, 137}});
    builder.part("wrist", wrist);
    builder.piece(palm ? side + " wrist, inner" : "back of " + side + " wrist", false, wrist);

    struct Finger {
        const char* name;
        double centreX, length;
    };
    const Finger fingers[] = {{"index finger", 33.2, 34},
                              {"middle finger", 44.6, 38},
                              {"ring finger", 55.8, 35},
                              {"little finger", 66.6, 27}};
    for (const Finger& f : fingers) {
        const double length = f.length * fingerScale;
        const Polygon finger = place(capsule({f.centreX, palmTop + 6}, {f.centreX, palmTop - length}, 5.0));
        const std::string name = side + " " + f.name + face;
        builder.part(name, finger);
        builder.piece(name, false, finger);
    }
    const Polygon thumb = place(capsule({palmLeft + 6, palmBottom - 22},
                                        {palmLeft - 16 * fingerScale, palmTop + 2 - 10 * fingerScale}, 6.0));
    builder.part(side + " thumb" + face, thumb);
    builder.piece(side + " thumb" + face, false, thumb);

    const Polygon palmShape = place({{palmLeft + 3, palmTop},
                                     {palmRight - 3, palmTop},
                                     {palmRight, palmTop + 4},
                                     {palmRight, palmBottom - 8},
                                     {palmRight - 6, palmBottom},
                                     {palmLeft + 6, palmBottom},
                                     {palmLeft, palmBottom - 10},
                                     {palmLeft, palmTop + 4}});
    builder.part(palm ? side + " palm" : "back of " + side + " hand", palmShape);
    builder.piece(palm ? side + " palm" : "back of " + side + " hand", false, palmShape);
    return builder.finish();
}

// [SECTION] Feet, tops and soles ----------------------------------------------------------

// Designed as the left sole seen from beneath, toes up (the big toe on the image's left), in
// a 100 x 150 frame; the other three views are mirror images and/or renamed, as for hands.
// Young feet are wider for their length, with shorter toes.
OutlineView buildFoot(BodyShape shape, ViewId view) {
    const bool leftFoot = view == ViewId::LeftSole || view == ViewId::LeftFootTop;
    const bool sole = view == ViewId::LeftSole || view == ViewId::RightSole;
    const bool mirrored = leftFoot != sole; // the big toe on the image's right
    const std::string side = leftFoot ? "left" : "right";
    ViewBuilder builder(shape, view, 100, 150, ChildsLeft::NotShown);
    const double toeScale = digitScale(shape);
    const double widen = shape == BodyShape::Baby      ? 1.18
                         : shape == BodyShape::Toddler ? 1.1
                         : shape == BodyShape::Teen    ? 0.94
                                                       : 1.0;
    auto place = [&](Polygon polygon) {
        for (Point& p : polygon)
            p.x = 50 + (p.x - 50) * widen;
        return mirrored ? mirrorX(polygon, 50) : polygon;
    };

    // Toes first: the sole is drawn over their bases.
    struct Toe {
        double x, baseY, length, halfWidth;
    };
    const Toe toes[] = {
        {35, 54, 22, 8.2}, {49.5, 50, 17, 4.8}, {59, 51, 15, 4.4}, {67, 53, 13, 4.0}, {73.5, 57, 10.5, 3.6}};
    const std::string face = sole ? ", underside" : ", top";
    for (size_t i = 0; i < std::size(toes); ++i) {
        const Toe& t = toes[i];
        const double tilt = i == 0 ? -1.0 : double(i) * 0.8; // the toes fan out a little
        const Polygon toe = place(capsule({t.x, t.baseY}, {t.x + tilt, t.baseY - t.length * toeScale - 6},
                                          t.halfWidth * (0.85 + 0.15 * widen)));
        const std::string name = side + (i == 0 ? " big toe" : " smaller toes") + face;
        builder.part(side + " toe " + std::to_string(i + 1), toe);
        builder.piece(name, false, toe);
    }

    const Polygon foot = place({{32, 47},  {44, 44},  {58, 45},  {68, 48},  {74, 54},  {76, 64},  {75, 80},
                                {71, 96},  {69, 111}, {69, 125}, {66, 137}, {58, 145}, {50, 147}, {42, 145},
                                {36, 138}, {33, 127}, {34, 112}, {32, 96},  {27, 80},  {25, 65},  {27, 54}});
    builder.part(side + " foot", foot);
    if (sole) {
        builder.piece("ball of " + side + " foot", false, clipAbove(foot, 78));
        builder.piece("arch of " + side + " foot", false, clipBand(foot, 78, 116));
        builder.piece(side + " heel", false, clipBelow(foot, 116));
    } else {
        builder.piece("top of " + side + " foot", false, clipAbove(foot, 112));
        builder.piece("front of " + side + " ankle", false, clipBelow(foot, 112));
    }
    return builder.finish();
}

OutlineView build(BodyShape shape, ViewId view) {
    switch (view) {
    case ViewId::BodyFront:
        return buildBody(shape, true);
    case ViewId::BodyBack:
        return buildBody(shape, false);
    case ViewId::HeadFront:
        return buildHeadFrontOrBack(shape, true);
    case ViewId::HeadBack:
        return buildHeadFrontOrBack(shape, false);
    case ViewId::HeadLeft:
        return buildHeadSide(shape, true);
    case ViewId::HeadRight:
        return buildHeadSide(shape, false);
    case ViewId::LeftFootTop:
    case ViewId::LeftSole:
    case ViewId::RightFootTop:
    case ViewId::RightSole:
        return buildFoot(shape, view);
    default:
        return buildHand(shape, view);
    }
}

} // namespace

// [SECTION] Catalogue and hit-testing --------------------------------------------------------

const OutlineView& outlineView(BodyShape shape, ViewId view) {
    // Built once, on first use (thread-safe static initialisation), then read-only.
    static const std::vector<OutlineView> s_all = [] {
        std::vector<OutlineView> all;
        for (BodyShape s : allBodyShapes())
            for (ViewId v : allViews())
                all.push_back(build(s, v));
        return all;
    }();
    for (const OutlineView& candidate : s_all)
        if (candidate.shape == shape && candidate.view == view) return candidate;
    return s_all.front(); // unreachable: every (shape, view) is built above
}

std::optional<RegionHit> hitTest(const OutlineView& view, Point p, double tolerance) {
    for (auto part = view.parts.rbegin(); part != view.parts.rend(); ++part) {
        for (const RegionPiece& piece : part->pieces) {
            if (containsPoint(piece.polygon, p)) return RegionHit{view.region(piece.regionId), false, 0.0};
        }
    }
    if (tolerance <= 0) return std::nullopt;
    // Distances are measured in units of the view's width, so x and y count alike.
    const Point scaledPoint{p.x, p.y * view.aspect};
    const RegionPiece* nearest = nullptr;
    double nearestDistance = std::numeric_limits<double>::infinity();
    for (auto part = view.parts.rbegin(); part != view.parts.rend(); ++part) {
        for (const RegionPiece& piece : part->pieces) {
            Polygon scaledPolygon = piece.polygon;
            for (Point& q : scaledPolygon)
                q.y *= view.aspect;
            const double d = distanceToBoundary(scaledPolygon, scaledPoint);
            if (d < nearestDistance) {
                nearestDistance = d;
                nearest = &piece;
            }
        }
    }
    if (!nearest || nearestDistance > tolerance) return std::nullopt;
    return RegionHit{view.region(nearest->regionId), true, nearestDistance};
}

std::optional<Point> pointInRegion(const OutlineView& view, const std::string& regionId) {
    for (const BodyPart& part : view.parts) {
        for (const RegionPiece& piece : part.pieces) {
            if (piece.regionId != regionId) continue;
            const Point p = interiorPoint(piece.polygon);
            const auto hit = hitTest(view, p);
            if (hit && hit->region && hit->region->id == regionId) return p;
        }
    }
    // The middle is under a part drawn over it (a baby's neck under its chin): the visible
    // point of the region nearest the middle of its pieces, on a fine grid.
    std::optional<Point> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const BodyPart& part : view.parts) {
        for (const RegionPiece& piece : part.pieces) {
            if (piece.regionId != regionId) continue;
            double left = 1, right = 0, top = 1, bottom = 0;
            for (const Point& q : piece.polygon) {
                left = std::min(left, q.x), right = std::max(right, q.x);
                top = std::min(top, q.y), bottom = std::max(bottom, q.y);
            }
            const Point middle{(left + right) / 2, (top + bottom) / 2};
            constexpr int kSteps = 60;
            for (int i = 1; i < kSteps; ++i) {
                for (int j = 1; j < kSteps; ++j) {
                    const Point q{left + (right - left) * i / kSteps, top + (bottom - top) * j / kSteps};
                    const auto hit = hitTest(view, q);
                    if (!hit || !hit->region || hit->region->id != regionId) continue;
                    const double d = std::hypot(q.x - middle.x, q.y - middle.y);
                    if (d < bestDistance) bestDistance = d, best = q;
                }
            }
        }
    }
    return best;
}

} // namespace heard::skinmap
