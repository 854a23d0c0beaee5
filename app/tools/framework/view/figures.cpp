#include "app/tools/framework/view/figures.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

namespace {

constexpr float kPi = 3.14159265f;

ImVec2 at(ImVec2 c, float dx, float dy) {
    return ImVec2(c.x + dx, c.y + dy);
}

// Skin tones, light to dark, and other colours the figures share.
const ImU32 kSkin[5] = {IM_COL32(250, 218, 190, 255), IM_COL32(233, 187, 146, 255),
                        IM_COL32(198, 140, 98, 255), IM_COL32(150, 98, 62, 255), IM_COL32(98, 64, 42, 255)};
const ImU32 kEye = IM_COL32(40, 34, 30, 255);

// What makes one person figure: its size (age), skin, hair and clothes.
struct Look {
    float scale = 1.0f; // 1 an adult; children are smaller
    ImU32 skin = kSkin[1];
    ImU32 hair = IM_COL32(70, 45, 30, 255);
    ImU32 top = IM_COL32(70, 120, 200, 255);
    enum Hair { None, Short, Long, Bun, Bunches, Curly, Scarf, Bald } hairStyle = Short;
    bool beard = false;
};

// Head and shoulders, standing on the bottom of the square so a child stands lower than a grown-up.
// Returns the head's centre and radius for accessories.
void personFigure(ImDrawList* dl, ImVec2 c, float s, const Look& look, ImVec2& head, float& headR) {
    const float k = look.scale;
    const float bottom = c.y + s * 0.46f;
    headR = s * 0.15f * (0.75f + 0.25f * k);
    const float bodyW = s * 0.33f * k, bodyH = s * 0.42f * k;
    head = ImVec2(c.x, bottom - bodyH - headR * 0.9f);
    // Hair behind the head.
    if (look.hairStyle == Look::Long)
        dl->AddRectFilled(at(head, -headR * 1.15f, -headR * 0.3f), at(head, headR * 1.15f, headR * 1.5f),
                          look.hair, headR * 0.5f);
    if (look.hairStyle == Look::Scarf)
        dl->AddCircleFilled(at(head, 0, headR * 0.25f), headR * 1.35f, look.hair, 28);
    if (look.hairStyle == Look::Bunches) {
        dl->AddCircleFilled(at(head, -headR * 1.15f, 0), headR * 0.42f, look.hair, 16);
        dl->AddCircleFilled(at(head, headR * 1.15f, 0), headR * 0.42f, look.hair, 16);
    }
    if (look.hairStyle == Look::Curly)
        for (int i = 0; i < 7; ++i) {
            const float a = kPi + float(i) * kPi / 6;
            dl->AddCircleFilled(at(head, std::cos(a) * headR * 0.95f, std::sin(a) * headR * 0.95f),
                                headR * 0.38f, look.hair, 12);
        }
    // Body: rounded shoulders.
    dl->AddRectFilled(ImVec2(c.x - bodyW, bottom - bodyH), ImVec2(c.x + bodyW, bottom), look.top,
                      bodyW * 0.6f, ImDrawFlags_RoundCornersTop);
    dl->AddCircleFilled(head, headR, look.skin, 28);
    if (look.hairStyle == Look::Scarf) // the scarf frames the face
        dl->AddCircle(head, headR * 1.05f, look.hair, 28, headR * 0.3f);
    // Hair on top.
    switch (look.hairStyle) {
    case Look::Short:
    case Look::Long:
    case Look::Bunches:
        dl->PathArcTo(head, headR * 1.02f, kPi * 1.05f, kPi * 1.95f, 16);
        dl->PathFillConvex(look.hair);
        break;
    case Look::Bun:
        dl->AddCircleFilled(at(head, 0, -headR * 1.05f), headR * 0.45f, look.hair, 16);
        dl->PathArcTo(head, headR * 1.02f, kPi * 1.1f, kPi * 1.9f, 16);
        dl->PathFillConvex(look.hair);
        break;
    case Look::Bald:
        dl->AddCircleFilled(at(head, -headR * 0.9f, -headR * 0.1f), headR * 0.28f, look.hair, 10);
        dl->AddCircleFilled(at(head, headR * 0.9f, -headR * 0.1f), headR * 0.28f, look.hair, 10);
        break;
    default:
        break;
    }
    if (look.beard) {
        // The chin only, so the face stays a face.
        dl->PathArcTo(head, headR * 1.02f, kPi * 0.15f, kPi * 0.85f, 16);
        dl->PathFillConvex(look.hair);
    }
    // A friendly face: two eyes and a smile.
    const float eye = std::max(1.0f, headR * 0.12f);
    dl->AddCircleFilled(at(head, -headR * 0.36f, -headR * 0.05f), eye, kEye, 8);
    dl->AddCircleFilled(at(head, headR * 0.36f, -headR * 0.05f), eye, kEye, 8);
    dl->PathArcTo(at(head, 0, headR * 0.15f), headR * 0.4f, kPi * 0.2f, kPi * 0.8f, 10);
    dl->PathStroke(look.beard ? IM_COL32(240, 200, 180, 255) : kEye, ImDrawFlags_None,
                   std::max(1.0f, headR * 0.1f));
}

void animal(ImDrawList* dl, ImVec2 c, float s, bool cat) {
    const ImU32 fur = cat ? IM_COL32(120, 120, 125, 255) : IM_COL32(176, 120, 70, 255);
    const float r = s * 0.2f;
    const ImVec2 head = at(c, -s * 0.12f, -s * 0.06f);
    // Body and tail.
    dl->AddRectFilled(at(c, -s * 0.2f, s * 0.08f), at(c, s * 0.36f, s * 0.36f), fur, s * 0.12f);
    dl->AddRectFilled(at(c, -s * 0.16f, s * 0.3f), at(c, -s * 0.08f, s * 0.46f), fur);
    dl->AddRectFilled(at(c, s * 0.22f, s * 0.3f), at(c, s * 0.3f, s * 0.46f), fur);
    if (cat)
        dl->AddBezierCubic(at(c, s * 0.34f, s * 0.2f), at(c, s * 0.5f, s * 0.1f), at(c, s * 0.44f, -s * 0.2f),
                           at(c, s * 0.36f, -s * 0.3f), fur, s * 0.05f);
    else
        dl->AddLine(at(c, s * 0.34f, s * 0.14f), at(c, s * 0.46f, -s * 0.04f), fur, s * 0.06f);
    dl->AddCircleFilled(head, r, fur, 24);
    if (cat) { // pointed ears and whiskers
        dl->AddTriangleFilled(at(head, -r * 0.95f, -r * 0.3f), at(head, -r * 0.7f, -r * 1.45f),
                              at(head, -r * 0.1f, -r * 0.9f), fur);
        dl->AddTriangleFilled(at(head, r * 0.95f, -r * 0.3f), at(head, r * 0.7f, -r * 1.45f),
                              at(head, r * 0.1f, -r * 0.9f), fur);
        for (float dy : {0.15f, 0.35f}) {
            dl->AddLine(at(head, -r * 0.3f, r * dy), at(head, -r * 1.3f, r * (dy - 0.1f)), kEye, 1.0f);
            dl->AddLine(at(head, r * 0.3f, r * dy), at(head, r * 1.3f, r * (dy - 0.1f)), kEye, 1.0f);
        }
    } else { // floppy ears and a tongue
        const ImU32 ear = IM_COL32(110, 70, 40, 255);
        dl->AddRectFilled(at(head, -r * 1.15f, -r * 0.6f), at(head, -r * 0.65f, r * 0.6f), ear, r * 0.25f);
        dl->AddRectFilled(at(head, r * 0.65f, -r * 0.6f), at(head, r * 1.15f, r * 0.6f), ear, r * 0.25f);
        dl->AddCircleFilled(at(head, 0, r * 0.75f), r * 0.18f, IM_COL32(230, 110, 120, 255), 10);
    }
    dl->AddCircleFilled(at(head, -r * 0.35f, -r * 0.1f), std::max(1.0f, r * 0.12f), kEye, 8);
    dl->AddCircleFilled(at(head, r * 0.35f, -r * 0.1f), std::max(1.0f, r * 0.12f), kEye, 8);
    dl->AddCircleFilled(at(head, 0, r * 0.3f), std::max(1.0f, r * 0.15f), kEye, 8);
}

Look lookOf(const std::string& id) {
    Look l;
    if (id == "woman") {
        l.skin = kSkin[0], l.hair = IM_COL32(200, 150, 60, 255), l.top = IM_COL32(200, 80, 120, 255);
        l.hairStyle = Look::Long;
    } else if (id == "man_beard") {
        l.skin = kSkin[3], l.hair = IM_COL32(30, 24, 20, 255), l.top = IM_COL32(60, 130, 90, 255),
        l.beard = true;
    } else if (id == "woman_hijab") {
        l.skin = kSkin[2], l.hair = IM_COL32(110, 60, 140, 255), l.top = IM_COL32(110, 60, 140, 255);
        l.hairStyle = Look::Scarf;
    } else if (id == "man") {
        l.skin = kSkin[1], l.hair = IM_COL32(90, 55, 30, 255), l.top = IM_COL32(60, 90, 170, 255);
    } else if (id == "older_woman") {
        l.skin = kSkin[4], l.hair = IM_COL32(205, 205, 210, 255), l.top = IM_COL32(180, 120, 60, 255);
        l.hairStyle = Look::Bun;
    } else if (id == "older_man") {
        l.skin = kSkin[0], l.hair = IM_COL32(215, 215, 215, 255), l.top = IM_COL32(120, 110, 100, 255);
        l.hairStyle = Look::Bald;
    } else if (id == "teenager") {
        l.scale = 0.9f, l.skin = kSkin[2], l.hair = IM_COL32(30, 24, 20, 255),
        l.top = IM_COL32(230, 140, 40, 255);
        l.hairStyle = Look::Curly;
    } else if (id == "girl") {
        l.scale = 0.72f, l.skin = kSkin[4], l.hair = IM_COL32(30, 24, 20, 255),
        l.top = IM_COL32(240, 190, 40, 255);
        l.hairStyle = Look::Bunches;
    } else if (id == "boy") {
        l.scale = 0.72f, l.skin = kSkin[0], l.hair = IM_COL32(220, 120, 40, 255),
        l.top = IM_COL32(40, 160, 170, 255);
    } else if (id == "baby") {
        l.scale = 0.5f, l.skin = kSkin[2], l.hair = IM_COL32(90, 55, 30, 255),
        l.top = IM_COL32(150, 200, 240, 255);
        l.hairStyle = Look::None;
    } else if (id == "carer") {
        l.skin = kSkin[3], l.hair = IM_COL32(60, 40, 25, 255), l.top = IM_COL32(90, 160, 200, 255);
        l.hairStyle = Look::Bun;
    } else if (id == "teacher") {
        l.skin = kSkin[1], l.hair = IM_COL32(40, 30, 25, 255), l.top = IM_COL32(150, 50, 60, 255);
        l.hairStyle = Look::Short;
    } else { // "someone": plain, no gender shown
        l.skin = IM_COL32(200, 190, 180, 255), l.hair = IM_COL32(150, 140, 130, 255),
        l.top = IM_COL32(150, 140, 130, 255);
        l.hairStyle = Look::None;
    }
    return l;
}

} // namespace

void drawFigure(ImDrawList* dl, const std::string& id, ImVec2 c, float s) {
    if (id == "dog" || id == "cat") {
        animal(dl, c, s, id == "cat");
        return;
    }
    const Look look = lookOf(id);
    ImVec2 head;
    float headR = 0;
    personFigure(dl, c, s, look, head, headR);
    const float bottom = c.y + s * 0.46f;
    if (id == "carer") { // a lanyard and badge
        dl->AddLine(at(head, -headR * 0.5f, headR * 0.9f), ImVec2(c.x, bottom - s * 0.16f),
                    IM_COL32(255, 255, 255, 255), std::max(1.0f, s * 0.02f));
        dl->AddLine(at(head, headR * 0.5f, headR * 0.9f), ImVec2(c.x, bottom - s * 0.16f),
                    IM_COL32(255, 255, 255, 255), std::max(1.0f, s * 0.02f));
        dl->AddRectFilled(ImVec2(c.x - s * 0.06f, bottom - s * 0.17f),
                          ImVec2(c.x + s * 0.06f, bottom - s * 0.07f), IM_COL32(255, 255, 255, 255),
                          s * 0.01f);
    } else if (id == "teacher") { // glasses and a book held in front
        const float g = headR * 0.3f;
        dl->AddCircle(at(head, -headR * 0.36f, -headR * 0.05f), g, kEye, 12, std::max(1.0f, headR * 0.08f));
        dl->AddCircle(at(head, headR * 0.36f, -headR * 0.05f), g, kEye, 12, std::max(1.0f, headR * 0.08f));
        dl->AddRectFilled(ImVec2(c.x - s * 0.16f, bottom - s * 0.2f),
                          ImVec2(c.x + s * 0.16f, bottom - s * 0.04f), IM_COL32(250, 240, 200, 255),
                          s * 0.01f);
        dl->AddLine(ImVec2(c.x, bottom - s * 0.2f), ImVec2(c.x, bottom - s * 0.04f),
                    IM_COL32(150, 120, 80, 255), std::max(1.0f, s * 0.015f));
    } else if (id == "older_man") { // a walking stick
        dl->AddLine(ImVec2(c.x + s * 0.36f, bottom - s * 0.3f), ImVec2(c.x + s * 0.36f, bottom),
                    IM_COL32(120, 80, 40, 255), std::max(1.5f, s * 0.03f));
    } else if (id == "baby") { // a blanket wrapped round
        dl->AddRectFilled(ImVec2(c.x - s * 0.22f, bottom - s * 0.16f), ImVec2(c.x + s * 0.22f, bottom),
                          IM_COL32(250, 230, 150, 255), s * 0.06f);
    } else if (id == "someone") { // a question mark on the chest: we do not know yet
        const ImVec2 q = ImVec2(c.x, bottom - s * 0.18f);
        dl->PathArcTo(at(q, 0, -s * 0.04f), s * 0.05f, kPi, kPi * 2.4f, 10);
        dl->PathStroke(IM_COL32(255, 255, 255, 255), ImDrawFlags_None, std::max(1.0f, s * 0.025f));
        dl->AddCircleFilled(at(q, 0, s * 0.08f), std::max(1.0f, s * 0.015f), IM_COL32(255, 255, 255, 255), 8);
    }
}

} // namespace heard::tools
