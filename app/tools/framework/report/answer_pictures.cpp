#include "app/tools/framework/report/answer_pictures.h"

#include "app/tools/framework/model/activity_pictures.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace heard::tools {

namespace {

void source(cairo_t* cr, Rgba c) {
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

// The activity pictures (model/activity_pictures.h) painted with cairo.
class CairoPainter : public PicturePainter {
public:
    explicit CairoPainter(cairo_t* cr) : m_cr(cr) {}
    void fillCircle(float x, float y, float r, Rgba c) override {
        cairo_new_path(m_cr);
        cairo_arc(m_cr, x, y, r, 0, 2 * M_PI);
        source(m_cr, c);
        cairo_fill(m_cr);
    }
    void strokeCircle(float x, float y, float r, Rgba c, float w) override {
        cairo_new_path(m_cr);
        cairo_arc(m_cr, x, y, r, 0, 2 * M_PI);
        stroke(c, w);
    }
    void strokeArc(float x, float y, float r, float from, float to, Rgba c, float w) override {
        cairo_new_path(m_cr);
        cairo_arc(m_cr, x, y, r, from, to);
        stroke(c, w);
    }
    void fillArc(float x, float y, float r, float from, float to, Rgba c) override {
        cairo_new_path(m_cr);
        cairo_arc(m_cr, x, y, r, from, to);
        cairo_close_path(m_cr);
        source(m_cr, c);
        cairo_fill(m_cr);
    }
    void line(float x0, float y0, float x1, float y1, Rgba c, float w) override {
        cairo_new_path(m_cr);
        cairo_move_to(m_cr, x0, y0);
        cairo_line_to(m_cr, x1, y1);
        stroke(c, w);
    }
    void quadBezier(float x0, float y0, float cx, float cy, float x1, float y1, Rgba c, float w) override {
        // A quadratic as cairo's cubic: control points two thirds of the way to the quadratic's.
        cairo_new_path(m_cr);
        cairo_move_to(m_cr, x0, y0);
        cairo_curve_to(m_cr, x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0), x1 + 2.0 / 3 * (cx - x1),
                       y1 + 2.0 / 3 * (cy - y1), x1, y1);
        stroke(c, w);
    }
    void polyline(const float* xy, int n, Rgba c, float w) override {
        cairo_new_path(m_cr);
        for (int i = 0; i < n; ++i)
            cairo_line_to(m_cr, xy[2 * i], xy[2 * i + 1]);
        stroke(c, w);
    }

private:
    void stroke(Rgba c, float w) {
        source(m_cr, c);
        cairo_set_line_width(m_cr, w);
        cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(m_cr);
    }
    cairo_t* m_cr;
};

void centredText(cairo_t* cr, const std::string& text, double cx, double y, double size) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text.c_str(), &ext);
    cairo_move_to(cr, cx - ext.x_advance / 2, y);
    cairo_show_text(cr, text.c_str());
}

} // namespace

void drawFaceCairo(cairo_t* cr, Expression expression, double cx, double cy, double r, int strength) {
    cairo_save(cr);
    CairoPainter painter(cr);
    paintFace(painter, expression, float(cx), float(cy), float(r), strength);
    cairo_restore(cr);
}

void drawScaleCairo(cairo_t* cr, ScaleTone tone, int chosen, double x, double y, double w, double h) {
    cairo_save(cr);
    const double gap = w * 0.01, step = (w - gap * 10) / 11, numberSpace = 14;
    for (int v = 0; v <= 10; ++v) {
        // Steps grow taller from a third of the box to all of it, as on the tablet.
        const double height = (h - numberSpace) * (0.35 + 0.65 * v / 10.0);
        const double left = x + v * (step + gap), top = y + (h - numberSpace) - height;
        cairo_new_path(cr);
        cairo_rectangle(cr, left, top, step, height);
        source(cr, scaleStepRgba(tone, v));
        cairo_fill_preserve(cr);
        if (v == chosen) {
            source(cr, kPictureInk);
            cairo_set_line_width(cr, 2.5);
            cairo_stroke(cr);
        } else {
            cairo_new_path(cr);
        }
        source(cr, kPictureInk);
        centredText(cr, std::to_string(v), left + step / 2, y + h - 2, v == chosen ? 11 : 8);
    }
    cairo_restore(cr);
}

void drawStrokesCairo(cairo_t* cr, const std::vector<Stroke>& strokes, double x, double y, double w,
                      double h) {
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (const Stroke& s : strokes) {
        if (s.points.size() < 2) continue;
        // 0xAABBGGRR, as ImGui packs colours.
        const Rgba c{std::uint8_t(s.colour & 0xFF), std::uint8_t((s.colour >> 8) & 0xFF),
                     std::uint8_t((s.colour >> 16) & 0xFF), std::uint8_t((s.colour >> 24) & 0xFF)};
        source(cr, c);
        const double width = std::max(0.8, double(s.width) * w);
        cairo_new_path(cr);
        if (s.points.size() == 2) { // a dot
            cairo_arc(cr, x + s.points[0] * w, y + s.points[1] * h, width / 2, 0, 2 * M_PI);
            cairo_fill(cr);
            continue;
        }
        for (size_t i = 0; i + 1 < s.points.size(); i += 2)
            cairo_line_to(cr, x + std::clamp(s.points[i], 0.0f, 1.0f) * w,
                          y + std::clamp(s.points[i + 1], 0.0f, 1.0f) * h);
        cairo_set_line_width(cr, width);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void drawPlacementsCairo(cairo_t* cr, const std::vector<Placement>& placements,
                         const std::vector<std::string>& labels, double x, double y, double side) {
    cairo_save(cr);
    const double radius = side / 2, cx = x + radius, cy = y + radius, token = side * 0.06;
    // Rings: near, in between, far (the tablet's colours).
    const Rgba rings[] = {{236, 228, 214, 255}, {244, 238, 226, 255}, {252, 249, 242, 255}};
    for (int i = 2; i >= 0; --i) {
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, radius * (1.0 - 0.3 * (2 - i)), 0, 2 * M_PI);
        source(cr, rings[2 - i]);
        cairo_fill(cr);
    }
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, token * 1.2, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 230 / 255.0, 150 / 255.0, 60 / 255.0);
    cairo_fill(cr);
    source(cr, kPictureInk);
    for (size_t i = 0; i < placements.size(); ++i) {
        const Placement& p = placements[i];
        const double px = cx + std::clamp(double(p.x), -1.0, 1.0) * (radius - token);
        const double py = cy + std::clamp(double(p.y), -1.0, 1.0) * (radius - token);
        cairo_new_path(cr);
        cairo_arc(cr, px, py, token, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 38 / 255.0, 120 / 255.0, 118 / 255.0);
        cairo_fill(cr);
        source(cr, kPictureInk);
        centredText(cr, i < labels.size() ? labels[i] : p.tokenId, px, py + token + 10, 8);
    }
    cairo_restore(cr);
}

} // namespace heard::tools
