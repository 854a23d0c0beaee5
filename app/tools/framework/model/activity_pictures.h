// The pictures a child sees in an activity (the feelings faces, the colours of a scale's steps)
// described once, without a drawing library: the activity's view paints them with ImGui, the
// visit report paints them with cairo (app/tools/framework/report), so the PDF shows each face
// and scale as the child saw it on the tablet.
#pragma once

#include "app/tools/framework/model/activity_content.h"

#include <cstdint>

namespace heard::tools {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

inline constexpr Rgba kPictureInk{45, 45, 55, 255};

// What a picture is drawn with. Coordinates are y-down; angles in radians, clockwise from +x.
class PicturePainter {
public:
    virtual ~PicturePainter() = default;
    virtual void fillCircle(float x, float y, float r, Rgba colour) = 0;
    virtual void strokeCircle(float x, float y, float r, Rgba colour, float width) = 0;
    virtual void strokeArc(float x, float y, float r, float from, float to, Rgba colour, float width) = 0;
    // The arc's points closed into a polygon and filled (a chord, not a pie slice).
    virtual void fillArc(float x, float y, float r, float from, float to, Rgba colour) = 0;
    virtual void line(float x0, float y0, float x1, float y1, Rgba colour, float width) = 0;
    virtual void quadBezier(float x0, float y0, float cx, float cy, float x1, float y1, Rgba colour,
                            float width) = 0;
    virtual void polyline(const float* xy, int points, Rgba colour, float width) = 0;
};

// A feelings face of radius r centred on (x, y). strength 1..3 deepens the expression (0: as 2).
void paintFace(PicturePainter& painter, Expression expression, float x, float y, float r, int strength = 2);
Rgba faceRgba(Expression expression);
// The fill of a scale's step 0..10 in its tone (clamped).
Rgba scaleStepRgba(ScaleTone tone, int value);

} // namespace heard::tools
