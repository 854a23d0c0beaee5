#include "app/tools/framework/view/activity_drawing.h"

#include "app/tools/framework/model/activity_pictures.h"

#include <cmath>
#include <vector>

namespace heard::tools {

namespace {

constexpr float kPi = 3.14159265f;
const ImU32 kInk = IM_COL32(kPictureInk.r, kPictureInk.g, kPictureInk.b, kPictureInk.a);

ImVec2 at(ImVec2 c, float dx, float dy) {
    return ImVec2(c.x + dx, c.y + dy);
}

void star(ImDrawList* dl, ImVec2 c, float r, ImU32 colour) {
    ImVec2 points[10];
    for (int i = 0; i < 10; ++i) {
        float radius = (i % 2 == 0) ? r : r * 0.45f;
        float angle = -kPi / 2 + float(i) * kPi / 5;
        points[i] = at(c, std::cos(angle) * radius, std::sin(angle) * radius);
    }
    // A star is concave: fill it as five triangles around the centre and the inner pentagon,
    // without anti-aliased fringes (they would draw faint seams where the pieces meet).
    const ImDrawListFlags flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (int i = 0; i < 10; i += 2) {
        dl->AddTriangleFilled(points[(i + 9) % 10], points[i], points[(i + 1) % 10], colour);
    }
    ImVec2 inner[5] = {points[1], points[3], points[5], points[7], points[9]};
    dl->AddConvexPolyFilled(inner, 5, colour);
    dl->Flags = flags;
}

void house(ImDrawList* dl, ImVec2 c, float s, ImU32 colour) {
    float w = s * 0.36f;
    dl->AddTriangleFilled(at(c, -w * 1.25f, -s * 0.05f), at(c, 0, -s * 0.45f), at(c, w * 1.25f, -s * 0.05f),
                          colour);
    dl->AddRectFilled(at(c, -w, -s * 0.05f), at(c, w, s * 0.42f), colour);
    dl->AddRectFilled(at(c, -w * 0.28f, s * 0.12f), at(c, w * 0.28f, s * 0.42f),
                      IM_COL32(255, 255, 255, 200));
}

void cloud(ImDrawList* dl, ImVec2 c, float r, ImU32 colour) {
    dl->AddCircleFilled(at(c, -r * 0.45f, r * 0.1f), r * 0.38f, colour, 24);
    dl->AddCircleFilled(at(c, r * 0.05f, -r * 0.2f), r * 0.5f, colour, 24);
    dl->AddCircleFilled(at(c, r * 0.5f, r * 0.12f), r * 0.36f, colour, 24);
    dl->AddRectFilled(at(c, -r * 0.45f, r * 0.1f), at(c, r * 0.5f, r * 0.48f), colour);
}

// A dark cloud filling the top, a lightning bolt and rain under it: "a big storm".
void storm(ImDrawList* dl, ImVec2 c, float r, float line, ImU32 colour) {
    const ImU32 rain = IM_COL32(90, 140, 215, 255);
    for (float x : {-0.62f, -0.36f, 0.44f, 0.7f}) {
        dl->AddLine(at(c, r * x, r * 0.4f), at(c, r * (x - 0.14f), r * 0.9f), rain, line * 0.8f);
    }
    cloud(dl, at(c, 0, -r * 0.22f), r * 1.1f, colour);
    ImVec2 bolt[4] = {at(c, r * 0.12f, r * 0.1f), at(c, -r * 0.16f, r * 0.55f), at(c, r * 0.12f, r * 0.55f),
                      at(c, -r * 0.1f, r * 0.98f)};
    dl->AddPolyline(bolt, 4, IM_COL32(255, 200, 40, 255), ImDrawFlags_None, line * 1.5f);
}

void person(ImDrawList* dl, ImVec2 c, float s, ImU32 colour) {
    dl->AddCircleFilled(at(c, 0, -s * 0.2f), s * 0.17f, colour, 24);
    dl->PathArcTo(at(c, 0, s * 0.42f), s * 0.32f, kPi, 2 * kPi, 24);
    dl->PathFillConvex(colour);
}

} // namespace

void drawIcon(ImDrawList* dl, const std::string& name, ImVec2 c, float s, ImU32 colour) {
    const float r = s * 0.45f;
    const float line = std::max(1.5f, s * 0.07f);
    if (name == "face") {
        drawFace(dl, Expression::Happy, c, r, 2);
    } else if (name == "star") {
        star(dl, c, r, colour);
    } else if (name == "house") {
        house(dl, c, s, colour);
    } else if (name == "heart") {
        dl->AddCircleFilled(at(c, -r * 0.45f, -r * 0.2f), r * 0.5f, colour, 24);
        dl->AddCircleFilled(at(c, r * 0.45f, -r * 0.2f), r * 0.5f, colour, 24);
        dl->AddTriangleFilled(at(c, -r * 0.93f, 0), at(c, r * 0.93f, 0), at(c, 0, r * 0.9f), colour);
    } else if (name == "cloud") {
        cloud(dl, c, r, colour);
    } else if (name == "small_cloud") {
        cloud(dl, at(c, 0, r * 0.1f), r * 0.6f, colour);
    } else if (name == "storm") {
        storm(dl, c, r, line, colour);
    } else if (name == "happy_face") {
        drawFace(dl, Expression::Happy, c, r, 2);
    } else if (name == "calm_face") {
        drawFace(dl, Expression::Calm, c, r, 2);
    } else if (name == "sad_face") {
        drawFace(dl, Expression::Sad, c, r, 2);
    } else if (name == "worried_face") {
        drawFace(dl, Expression::Worried, c, r, 2);
    } else if (name == "scared_face") {
        drawFace(dl, Expression::Scared, c, r, 2);
    } else if (name == "sun") {
        dl->AddCircleFilled(c, r * 0.5f, colour, 32);
        for (int i = 0; i < 8; ++i) {
            float a = float(i) * kPi / 4;
            dl->AddLine(at(c, std::cos(a) * r * 0.65f, std::sin(a) * r * 0.65f),
                        at(c, std::cos(a) * r, std::sin(a) * r), colour, line);
        }
    } else if (name == "school") {
        dl->AddRectFilled(at(c, -r, -r * 0.2f), at(c, r, r * 0.9f), colour);
        dl->AddTriangleFilled(at(c, -r * 1.05f, -r * 0.2f), at(c, 0, -r * 0.8f), at(c, r * 1.05f, -r * 0.2f),
                              colour);
        for (float x : {-0.6f, 0.2f})
            dl->AddRectFilled(at(c, r * x, r * 0.05f), at(c, r * (x + 0.4f), r * 0.4f),
                              IM_COL32(255, 255, 255, 210));
        dl->AddRectFilled(at(c, -r * 0.15f, r * 0.5f), at(c, r * 0.15f, r * 0.9f),
                          IM_COL32(255, 255, 255, 210));
    } else if (name == "person") {
        person(dl, c, s, colour);
    } else if (name == "people") {
        person(dl, at(c, -s * 0.2f, s * 0.05f), s * 0.8f, colour);
        person(dl, at(c, s * 0.2f, s * 0.05f), s * 0.8f, colour);
    } else if (name == "pet") {
        dl->AddCircleFilled(at(c, 0, r * 0.3f), r * 0.42f, colour, 24);
        for (int i = 0; i < 4; ++i) {
            float a = kPi * (1.15f + 0.23f * float(i));
            dl->AddCircleFilled(at(c, std::cos(a) * r * 0.75f, r * 0.15f + std::sin(a) * r * 0.75f), r * 0.2f,
                                colour, 16);
        }
    } else if (name == "scale") {
        for (int i = 0; i < 5; ++i) {
            float x0 = -r + float(i) * r * 0.42f;
            dl->AddRectFilled(at(c, x0, r - float(i + 1) * r * 0.36f), at(c, x0 + r * 0.32f, r), colour,
                              r * 0.06f);
        }
    } else if (name == "pencil") {
        ImVec2 d(0.7071f, -0.7071f), n(0.7071f, 0.7071f);
        float half = r * 0.18f;
        ImVec2 tip = at(c, -d.x * r, -d.y * r), end = at(c, d.x * r, d.y * r);
        ImVec2 base = at(tip, d.x * r * 0.4f, d.y * r * 0.4f);
        ImVec2 quad[4] = {at(base, n.x * half, n.y * half), at(end, n.x * half, n.y * half),
                          at(end, -n.x * half, -n.y * half), at(base, -n.x * half, -n.y * half)};
        dl->AddConvexPolyFilled(quad, 4, colour);
        dl->AddTriangleFilled(quad[0], tip, quad[3], kInk);
    } else if (name == "judge") {
        // A person listening behind a bench with a page on it: the judge who reads the child's
        // words. No gavel: judges in England and Wales do not use one (issue 18.8).
        person(dl, at(c, 0, -r * 0.25f), s * 0.85f, colour);
        dl->AddRectFilled(at(c, -r, r * 0.2f), at(c, r, r * 0.95f), colour, r * 0.06f);
        dl->AddRectFilled(at(c, -r * 0.3f, r * 0.3f), at(c, r * 0.3f, r * 0.75f),
                          IM_COL32(255, 255, 255, 220));
        for (float y : {0.42f, 0.53f, 0.64f})
            dl->AddLine(at(c, -r * 0.2f, r * y), at(c, r * 0.2f, r * y), colour, std::max(1.0f, line * 0.4f));
    } else if (name == "nod" || name == "shake") {
        // A face and an arrow each way beside it: a nod (up and down) for yes, a shake (side to
        // side) for no. Neither a tick nor a cross: no answer reads as right or wrong (18.8).
        const ImVec2 face = at(c, name == "nod" ? -r * 0.25f : 0, name == "nod" ? 0 : r * 0.2f);
        dl->AddCircle(face, r * 0.55f, colour, 32, line);
        dl->AddCircleFilled(at(face, -r * 0.2f, -r * 0.12f), line * 0.9f, colour, 12);
        dl->AddCircleFilled(at(face, r * 0.2f, -r * 0.12f), line * 0.9f, colour, 12);
        dl->AddLine(at(face, -r * 0.18f, r * 0.22f), at(face, r * 0.18f, r * 0.22f), colour, line);
        const float a = r * 0.16f;
        if (name == "nod") {
            const ImVec2 top = at(c, r * 0.72f, -r * 0.6f), bottom = at(c, r * 0.72f, r * 0.6f);
            dl->AddLine(top, bottom, colour, line);
            dl->AddTriangleFilled(at(top, 0, -a), at(top, -a, a * 0.6f), at(top, a, a * 0.6f), colour);
            dl->AddTriangleFilled(at(bottom, 0, a), at(bottom, a, -a * 0.6f), at(bottom, -a, -a * 0.6f),
                                  colour);
        } else {
            const ImVec2 left = at(c, -r * 0.7f, -r * 0.62f), right = at(c, r * 0.7f, -r * 0.62f);
            dl->AddLine(left, right, colour, line);
            dl->AddTriangleFilled(at(left, -a, 0), at(left, a * 0.6f, a), at(left, a * 0.6f, -a), colour);
            dl->AddTriangleFilled(at(right, a, 0), at(right, -a * 0.6f, -a), at(right, -a * 0.6f, a), colour);
        }
    } else if (name == "broken") {
        // A plate in two pieces with a crack between: things broken, nobody named.
        const ImVec2 l = at(c, -r * 0.1f, 0), rr = at(c, r * 0.1f, 0);
        dl->PathArcTo(l, r * 0.8f, kPi * 0.55f, kPi * 1.45f, 20);
        dl->PathLineTo(at(c, -r * 0.05f, -r * 0.35f));
        dl->PathLineTo(at(c, -r * 0.25f, 0));
        dl->PathLineTo(at(c, -r * 0.05f, r * 0.35f));
        dl->PathFillConvex(colour);
        dl->PathArcTo(rr, r * 0.8f, -kPi * 0.45f, kPi * 0.45f, 20);
        dl->PathLineTo(at(c, r * 0.15f, r * 0.35f));
        dl->PathLineTo(at(c, -r * 0.05f, 0));
        dl->PathLineTo(at(c, r * 0.15f, -r * 0.35f));
        dl->PathFillConvex(colour);
    } else if (name == "nobody") {
        // The outline of a person with nobody in it.
        dl->AddCircle(at(c, 0, -s * 0.2f), s * 0.17f, colour, 24, line * 0.8f);
        dl->PathArcTo(at(c, 0, s * 0.42f), s * 0.32f, kPi, 2 * kPi, 24);
        dl->PathStroke(colour, ImDrawFlags_Closed, line * 0.8f);
    } else if (name == "speech") {
        dl->AddRectFilled(at(c, -r, -r * 0.75f), at(c, r, r * 0.4f), colour, r * 0.3f);
        dl->AddTriangleFilled(at(c, -r * 0.5f, r * 0.3f), at(c, -r * 0.1f, r * 0.3f),
                              at(c, -r * 0.7f, r * 0.9f), colour);
    } else if (name == "tick") {
        ImVec2 points[3] = {at(c, -r * 0.7f, 0), at(c, -r * 0.2f, r * 0.5f), at(c, r * 0.75f, -r * 0.55f)};
        dl->AddPolyline(points, 3, colour, ImDrawFlags_None, line * 1.6f);
    } else if (name == "cross") {
        dl->AddLine(at(c, -r * 0.6f, -r * 0.6f), at(c, r * 0.6f, r * 0.6f), colour, line * 1.6f);
        dl->AddLine(at(c, r * 0.6f, -r * 0.6f), at(c, -r * 0.6f, r * 0.6f), colour, line * 1.6f);
    } else if (name == "plaster") {
        // A sticking plaster across the diagonal: someone got hurt.
        const ImVec2 d(0.7071f, -0.7071f), n(0.7071f, 0.7071f);
        const float w = r * 0.7f, h = w * 0.42f;
        const ImVec2 a = at(c, -d.x * r * 0.6f, -d.y * r * 0.6f), b = at(c, d.x * r * 0.6f, d.y * r * 0.6f);
        dl->AddLine(a, b, colour, w);
        dl->AddCircleFilled(a, w / 2, colour, 20);
        dl->AddCircleFilled(b, w / 2, colour, 20);
        ImVec2 pad[4] = {at(c, (d.x + n.x) * h, (d.y + n.y) * h), at(c, (d.x - n.x) * h, (d.y - n.y) * h),
                         at(c, (-d.x - n.x) * h, (-d.y - n.y) * h),
                         at(c, (-d.x + n.x) * h, (-d.y + n.y) * h)};
        dl->AddConvexPolyFilled(pad, 4, IM_COL32(255, 255, 255, 200));
        for (float along : {-0.52f, 0.52f})
            for (float across : {-0.15f, 0.15f})
                dl->AddCircleFilled(
                    at(c, d.x * r * along + n.x * w * across, d.y * r * along + n.y * w * across),
                    std::max(1.0f, w * 0.06f), IM_COL32(255, 255, 255, 200), 8);
    } else if (name == "dont_know") {
        // A face with a level mouth and a question mark beside it: "I don't know", no feeling in it.
        const ImVec2 face = at(c, -r * 0.25f, r * 0.1f);
        dl->AddCircle(face, r * 0.62f, colour, 32, line);
        dl->AddCircleFilled(at(face, -r * 0.22f, -r * 0.15f), line * 0.9f, colour, 12);
        dl->AddCircleFilled(at(face, r * 0.22f, -r * 0.15f), line * 0.9f, colour, 12);
        dl->AddLine(at(face, -r * 0.22f, r * 0.25f), at(face, r * 0.22f, r * 0.25f), colour, line);
        const ImVec2 q = at(c, r * 0.68f, -r * 0.45f);
        dl->PathArcTo(q, r * 0.22f, kPi, kPi * 2.4f, 12);
        dl->PathLineTo(at(q, 0, r * 0.38f));
        dl->PathStroke(colour, ImDrawFlags_None, line);
        dl->AddCircleFilled(at(q, 0, r * 0.6f), line * 0.8f, colour, 12);
    } else if (name == "speaker") {
        // A loudspeaker and two sound waves: "listen".
        ImVec2 body[4] = {at(c, -r * 0.85f, -r * 0.25f), at(c, -r * 0.45f, -r * 0.25f),
                          at(c, -r * 0.45f, r * 0.25f), at(c, -r * 0.85f, r * 0.25f)};
        dl->AddConvexPolyFilled(body, 4, colour);
        ImVec2 cone[4] = {at(c, -r * 0.45f, -r * 0.25f), at(c, r * 0.05f, -r * 0.7f),
                          at(c, r * 0.05f, r * 0.7f), at(c, -r * 0.45f, r * 0.25f)};
        dl->AddConvexPolyFilled(cone, 4, colour);
        for (float wave : {0.45f, 0.8f}) {
            dl->PathArcTo(at(c, r * 0.05f, 0), r * wave, -kPi * 0.3f, kPi * 0.3f, 12);
            dl->PathStroke(colour, ImDrawFlags_None, line);
        }
    } else if (name == "tree") {
        dl->AddRectFilled(at(c, -r * 0.12f, r * 0.2f), at(c, r * 0.12f, r), IM_COL32(121, 85, 61, 255));
        dl->AddCircleFilled(at(c, 0, -r * 0.2f), r * 0.6f, colour, 24);
    } else {
        // "question", and any name this build does not know.
        dl->AddCircle(c, r * 0.9f, colour, 32, line);
        dl->PathArcTo(at(c, 0, -r * 0.25f), r * 0.3f, kPi, kPi * 2.4f, 16);
        dl->PathLineTo(at(c, 0, r * 0.25f));
        dl->PathStroke(colour, ImDrawFlags_None, line);
        dl->AddCircleFilled(at(c, 0, r * 0.5f), line * 0.8f, colour, 12);
    }
}

ImU32 naturalIconColour(const std::string& name) {
    if (name == "sun" || name == "star") return IM_COL32(250, 185, 40, 255);
    if (name == "cloud" || name == "small_cloud") return IM_COL32(150, 172, 200, 255);
    if (name == "storm") return IM_COL32(70, 80, 105, 255);
    if (name == "house" || name == "school") return IM_COL32(230, 150, 60, 255);
    if (name == "heart") return IM_COL32(225, 85, 95, 255);
    if (name == "tree") return IM_COL32(90, 160, 90, 255);
    return IM_COL32(38, 120, 118, 255); // the app's teal
}

namespace {

ImU32 packed(Rgba c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

// The activity pictures (model/activity_pictures.h) painted into an ImGui draw list.
class ImGuiPainter : public PicturePainter {
public:
    explicit ImGuiPainter(ImDrawList* dl) : m_dl(dl) {}
    void fillCircle(float x, float y, float r, Rgba c) override {
        m_dl->AddCircleFilled({x, y}, r, packed(c), 48);
    }
    void strokeCircle(float x, float y, float r, Rgba c, float w) override {
        m_dl->AddCircle({x, y}, r, packed(c), 48, w);
    }
    void strokeArc(float x, float y, float r, float from, float to, Rgba c, float w) override {
        m_dl->PathArcTo({x, y}, r, from, to, 12);
        m_dl->PathStroke(packed(c), ImDrawFlags_None, w);
    }
    void fillArc(float x, float y, float r, float from, float to, Rgba c) override {
        m_dl->PathArcTo({x, y}, r, from, to, 20);
        m_dl->PathFillConvex(packed(c));
    }
    void line(float x0, float y0, float x1, float y1, Rgba c, float w) override {
        m_dl->AddLine({x0, y0}, {x1, y1}, packed(c), w);
    }
    void quadBezier(float x0, float y0, float cx, float cy, float x1, float y1, Rgba c, float w) override {
        m_dl->AddBezierQuadratic({x0, y0}, {cx, cy}, {x1, y1}, packed(c), w, 16);
    }
    void polyline(const float* xy, int n, Rgba c, float w) override {
        std::vector<ImVec2> points;
        for (int i = 0; i < n; ++i)
            points.emplace_back(xy[2 * i], xy[2 * i + 1]);
        m_dl->AddPolyline(points.data(), n, packed(c), ImDrawFlags_None, w);
    }

private:
    ImDrawList* m_dl;
};

} // namespace

ImU32 faceColour(Expression e) {
    return packed(faceRgba(e));
}

void drawFace(ImDrawList* dl, Expression e, ImVec2 c, float r, int strength) {
    ImGuiPainter painter(dl);
    paintFace(painter, e, c.x, c.y, r, strength);
}

} // namespace heard::tools
