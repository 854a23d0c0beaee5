#include "app/tools/framework/model/activity_pictures.h"

#include <algorithm>

namespace heard::tools {

namespace {

constexpr float kPi = 3.14159265f;

// Calm pale sea-glass at 0 to a dark storm slate at 10, even steps of lightness (CIE L* 89 to
// 24) with one larger step between 5 and 6, where the numbers change from dark to white text:
// no grey in between could hold either at 4.5:1.
constexpr Rgba kStormy[11] = {{203, 228, 232, 255}, {185, 212, 217, 255}, {167, 195, 203, 255},
                              {150, 178, 188, 255}, {134, 162, 174, 255}, {120, 147, 162, 255},
                              {91, 118, 134, 255},  {77, 102, 121, 255},  {64, 87, 107, 255},
                              {52, 72, 94, 255},    {40, 58, 81, 255}};

} // namespace

Rgba scaleStepRgba(ScaleTone tone, int value) {
    value = std::clamp(value, 0, 10);
    if (tone == ScaleTone::Stormy) return kStormy[value];
    // Warm: from a soft blue at 0 to a sunny yellow at 10.
    const float t = float(value) / 10.0f;
    return {std::uint8_t(150 + 105 * t), std::uint8_t(190 + 30 * t), std::uint8_t(235 - 150 * t), 255};
}

Rgba faceRgba(Expression e) {
    switch (e) {
    case Expression::Happy:
        return {255, 214, 79, 255};
    case Expression::Calm:
        return {167, 219, 171, 255};
    case Expression::Excited:
        return {255, 178, 102, 255};
    case Expression::Sad:
        return {140, 180, 230, 255};
    case Expression::Worried:
        return {196, 170, 222, 255};
    case Expression::Scared:
        return {200, 206, 214, 255};
    case Expression::Angry:
        return {240, 120, 110, 255};
    case Expression::Confused:
        return {130, 208, 204, 255};
    }
    return {255, 214, 79, 255};
}

void paintFace(PicturePainter& p, Expression e, float cx, float cy, float r, int strength) {
    const Rgba ink = kPictureInk;
    const float k = 0.6f + 0.2f * float(strength < 1 ? 2 : strength); // depth of the expression
    const float line = std::max(1.5f, r * 0.08f);
    p.fillCircle(cx, cy, r, faceRgba(e));
    p.strokeCircle(cx, cy, r, ink, line * 0.6f);

    // Eyes: closed arcs when calm, wide when scared or excited.
    const float eyeX = r * 0.35f, eyeY = -r * 0.2f;
    for (float side : {-1.0f, 1.0f}) {
        const float ex = cx + side * eyeX, ey = cy + eyeY;
        if (e == Expression::Calm) {
            p.strokeArc(ex, ey, r * 0.12f, 0.15f * kPi, 0.85f * kPi, ink, line);
        } else {
            const float size = (e == Expression::Scared || e == Expression::Excited) ? r * 0.13f : r * 0.09f;
            p.fillCircle(ex, ey, size, ink);
        }
    }
    // Brows: down towards the middle when angry, up towards the middle when sad or worried.
    float tilt = 0;
    if (e == Expression::Angry) tilt = -0.16f * k;
    if (e == Expression::Sad || e == Expression::Worried || e == Expression::Scared) tilt = 0.12f * k;
    if (tilt != 0 || e == Expression::Confused) {
        for (float side : {-1.0f, 1.0f}) {
            float inner = eyeY - r * 0.2f - tilt * r;
            const float outer = eyeY - r * 0.2f;
            if (e == Expression::Confused) inner = outer + (side > 0 ? -r * 0.1f : 0);
            p.line(cx + side * r * 0.15f, cy + inner + (e == Expression::Angry ? r * 0.25f * k * 0.5f : 0),
                   cx + side * r * 0.5f, cy + outer, ink, line);
        }
    }
    // Mouth.
    const float mouthY = r * 0.35f;
    switch (e) {
    case Expression::Happy:
    case Expression::Calm:
    case Expression::Sad:
    case Expression::Angry:
    case Expression::Worried: {
        float curve = 0;
        if (e == Expression::Happy) curve = 0.3f * k;
        if (e == Expression::Calm) curve = 0.15f * k;
        if (e == Expression::Sad) curve = -0.3f * k;
        if (e == Expression::Angry) curve = -0.18f * k;
        if (e == Expression::Worried) curve = -0.08f * k;
        const float halfWidth = r * (e == Expression::Worried ? 0.3f : 0.42f);
        p.quadBezier(cx - halfWidth, cy + mouthY, cx, cy + mouthY + curve * r * 2.0f, cx + halfWidth,
                     cy + mouthY, ink, line);
        break;
    }
    case Expression::Excited:
        p.fillArc(cx, cy + mouthY - r * 0.1f, r * 0.35f * (0.8f + 0.1f * k), 0, kPi, ink);
        break;
    case Expression::Scared:
        p.fillCircle(cx, cy + mouthY, r * 0.14f * k, ink); // an "oh!" mouth
        break;
    case Expression::Confused: {
        float wave[10];
        for (int i = 0; i < 5; ++i) {
            wave[2 * i] = cx - r * 0.35f + float(i) * r * 0.175f;
            wave[2 * i + 1] = cy + mouthY + ((i % 2) ? -1.0f : 1.0f) * r * 0.07f;
        }
        p.polyline(wave, 5, ink, line);
        break;
    }
    }
}

} // namespace heard::tools
