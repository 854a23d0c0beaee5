#include "app/tools/skin_map/report/skin_map_render.h"

#include "app/i18n/i18n.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>

namespace heard::skinmap {

namespace {

constexpr const char* kFontFace = "DejaVu Sans";

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

void setColour(cairo_t* cr, const double (&rgb)[3]) {
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

void tracePolygon(cairo_t* cr, const Polygon& polygon, const Rect& frame) {
    for (size_t i = 0; i < polygon.size(); ++i) {
        double x, y;
        toFrame(frame, polygon[i], x, y);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
}

void useFont(cairo_t* cr, double size, bool bold = false) {
    cairo_select_font_face(cr, kFontFace, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double textWidth(cairo_t* cr, const std::string& text) {
    cairo_text_extents_t extents;
    cairo_text_extents(cr, text.c_str(), &extents);
    return extents.x_advance;
}

// Greedy word wrap to maxWidth with the current font.
std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double maxWidth,
                              const std::string& indent) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        const std::string candidate =
            line.empty() ? (lines.empty() ? word : indent + word) : line + " " + word;
        if (!line.empty() && textWidth(cr, candidate) > maxWidth) {
            lines.push_back(line);
            line = indent + word;
        } else {
            line = candidate;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

std::string formatCm(double cm) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", std::round(cm * 10) / 10);
    return buffer;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

} // namespace

// [SECTION] Outline and marks ------------------------------------------------------------------

void drawOutline(cairo_t* cr, const OutlineView& view, const Rect& frame) {
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    const double outlineWidth = std::max(1.0, frame.width * 0.008);
    const double borderWidth = std::max(0.6, frame.width * 0.0035);
    for (const BodyPart& part : view.parts) {
        // Fill the part (hiding whatever it is drawn over), then its inner borders clipped
        // to it, then its outline: the same order as hit-testing's "top part wins".
        tracePolygon(cr, part.outline, frame);
        setColour(cr, OutlineColours::fill);
        cairo_fill_preserve(cr);
        cairo_save(cr);
        cairo_clip(cr);
        setColour(cr, OutlineColours::border);
        cairo_set_line_width(cr, borderWidth);
        for (const RegionPiece& piece : part.pieces) {
            tracePolygon(cr, piece.polygon, frame);
            cairo_stroke(cr);
        }
        cairo_restore(cr);
        tracePolygon(cr, part.outline, frame);
        setColour(cr, OutlineColours::stroke);
        cairo_set_line_width(cr, outlineWidth);
        cairo_stroke(cr);
    }
    if (view.childsLeft != ChildsLeft::NotShown) {
        // The child's left and right, so nobody has to work out which way the figure faces.
        useFont(cr, frame.width * 0.07, true);
        setColour(cr, OutlineColours::stroke);
        const bool leftOnRight = view.childsLeft == ChildsLeft::ImageRight;
        const double baseline = frame.y + frame.height * 0.03 + frame.width * 0.07;
        cairo_move_to(cr, frame.x + frame.width * 0.03, baseline);
        cairo_show_text(cr, leftOnRight ? "R" : "L");
        const char* right = leftOnRight ? "L" : "R";
        cairo_move_to(cr, frame.x + frame.width * 0.97 - textWidth(cr, right), baseline);
        cairo_show_text(cr, right);
    }
    cairo_restore(cr);
}

double markRadius(double frameWidth) {
    return std::max(5.0, frameWidth * 0.045);
}

void drawMarkDisc(cairo_t* cr, double x, double y, double radius, int number) {
    cairo_save(cr);
    cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
    setColour(cr, OutlineColours::mark);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, std::max(1.0, radius * 0.15));
    cairo_stroke(cr);
    const std::string label = std::to_string(number);
    useFont(cr, radius * (label.size() > 1 ? 1.0 : 1.25), true);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, label.c_str(), &extents);
    cairo_move_to(cr, x - extents.x_bearing - extents.width / 2, y - extents.y_bearing - extents.height / 2);
    cairo_show_text(cr, label.c_str());
    cairo_restore(cr);
}

// [SECTION] Words ------------------------------------------------------------------------------

std::string describeMark(const Mark& m) {
    std::ostringstream out;
    out << m.number << ". " << _(title(m.type)) << " " << _("on the") << " " << _(m.regionName) << " ("
        << _(viewTitle(m.view)) << ")";
    if (m.lengthCm > 0 || m.widthCm > 0)
        out << "; " << _("about") << " " << formatCm(m.lengthCm) << " x " << formatCm(m.widthCm) << " cm";
    out << "; " << lower(_(title(m.shape)));
    if (!m.colours.empty()) {
        out << "; " << _("colours:");
        for (size_t i = 0; i < m.colours.size(); ++i)
            out << (i ? ", " : " ") << lower(_(title(m.colours[i])));
    }
    if (m.skinBroken == YesNoUnknown::Yes) out << "; " << _("skin broken");
    if (m.skinBroken == YesNoUnknown::No) out << "; " << _("skin not broken");
    if (m.swelling) out << "; " << _("swelling");
    if (m.scab) out << "; " << _("scab");
    if (m.blister) out << "; " << _("blister");
    if (m.bleeding) out << "; " << _("bleeding");
    if (m.progress == Progress::Healing) out << "; " << _("healing");
    if (m.progress == Progress::Worsening) out << "; " << _("worsening");
    if (m.progress == Progress::Unchanged) out << "; " << _("unchanged");
    if (m.painOrLimitedMovement == YesNoUnknown::Yes) out << "; " << _("pain or limited movement");
    if (m.imprintOfObject) out << "; " << _("looks like the imprint of an object");
    if (m.petechiae) out << "; " << _("petechiae");
    if (!m.description.empty()) out << ". " << _("Seen:") << " " << m.description;
    for (const Explanation& e : m.explanations) {
        out << ". " << (e.speaker == Speaker::Child ? _("The child") : _("An adult"));
        if (!e.who.empty()) out << " (" << e.who << ")";
        out << " " << _("said:") << " \"" << e.words << "\"";
    }
    if (!m.childFeelings.empty())
        out << ". " << _("How the child feels about it:") << " \"" << m.childFeelings << "\"";
    if (!m.foundBy.empty()) out << ". " << _("Found by") << " " << m.foundBy;
    if (!m.observedBy.empty()) out << ". " << _("Observed by") << " " << m.observedBy;
    if (!m.observedAt.empty()) out << " " << _("at") << " " << m.observedAt;
    out << ".";
    return out.str();
}

// [SECTION] Layout and the whole picture --------------------------------------------------------

const SkinMapLayout::Panel* SkinMapLayout::panel(ViewId view) const {
    for (const Panel& p : panels)
        if (p.view == view) return &p;
    return nullptr;
}

SkinMapLayout layoutSkinMap(const SkinMap& map, int width) {
    SkinMapLayout layout;
    layout.width = std::max(width, 1);
    const double w = layout.width;
    const double margin = w * 0.03;
    layout.fontSize = w * 0.02;
    const double captionHeight = layout.fontSize * 1.8;

    // A scratch context to measure text with the same font as drawing.
    SurfacePtr scratch(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    ContextPtr cr(cairo_create(scratch.get()));

    layout.title = {margin, margin, w - 2 * margin, layout.fontSize * 2.2};
    double y = layout.title.y + layout.title.height + margin * 0.5;

    // Body front and back, side by side and centred.
    const double bodyAspect = outlineView(map.bodyShape, ViewId::BodyFront).aspect;
    const double bodyHeight = w * 0.62, bodyWidth = bodyHeight / bodyAspect, gap = w * 0.1;
    double x = (w - 2 * bodyWidth - gap) / 2;
    for (ViewId view : {ViewId::BodyFront, ViewId::BodyBack}) {
        layout.panels.push_back(
            {view, {x, y, bodyWidth, bodyHeight}, {x, y + bodyHeight, bodyWidth, captionHeight}});
        x += bodyWidth + gap;
    }
    y += bodyHeight + captionHeight + margin * 0.5;

    // Every other view that has a mark, in rows.
    const double detailHeight = w * 0.24;
    x = margin;
    bool rowStarted = false;
    for (ViewId view : allViews()) {
        if (view == ViewId::BodyFront || view == ViewId::BodyBack) continue;
        const bool used =
            std::any_of(map.marks.begin(), map.marks.end(), [view](const Mark& m) { return m.view == view; });
        if (!used) continue;
        const double detailWidth = detailHeight / outlineView(map.bodyShape, view).aspect;
        if (rowStarted && x + detailWidth > w - margin) {
            x = margin;
            y += detailHeight + captionHeight + margin * 0.5;
        }
        layout.panels.push_back(
            {view, {x, y, detailWidth, detailHeight}, {x, y + detailHeight, detailWidth, captionHeight}});
        x += detailWidth + margin;
        rowStarted = true;
    }
    if (rowStarted) y += detailHeight + captionHeight + margin * 0.5;

    // Legend and prompts, wrapped to the width.
    const double lineHeight = layout.fontSize * 1.35;
    useFont(cr.get(), layout.fontSize);
    for (const Mark& m : map.marks) {
        for (const std::string& line : wrap(cr.get(), describeMark(m), w - 2 * margin, "      "))
            layout.legendLines.push_back(line);
    }
    if (map.marks.empty()) layout.legendLines.push_back(_("No marks recorded."));
    if (!map.patternNotes.empty()) {
        for (const std::string& line :
             wrap(cr.get(), std::string(_("Pattern:")) + " " + map.patternNotes, w - 2 * margin, "      "))
            layout.legendLines.push_back(line);
    }
    layout.legend = {margin, y, w - 2 * margin, lineHeight * double(layout.legendLines.size() + 1)};
    y += layout.legend.height + margin * 0.5;
    useFont(cr.get(), layout.fontSize, true);
    for (const Concern& c : concerns(map)) {
        std::string text = std::string("! ") + _(c.message) + " (" + _("marks") + " ";
        for (size_t i = 0; i < c.marks.size(); ++i)
            text += (i ? ", " : "") + std::to_string(c.marks[i]);
        text += ")";
        for (const std::string& line : wrap(cr.get(), text, w - 2 * margin, "   "))
            layout.concernLines.push_back(line);
    }
    layout.concerns = {margin, y, w - 2 * margin, lineHeight * double(layout.concernLines.size())};
    y += layout.concerns.height + margin;
    layout.height = int(std::ceil(y));
    return layout;
}

void drawSkinMap(cairo_t* cr, const SkinMap& map, const SkinMapLayout& layout) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, layout.width, layout.height);
    cairo_fill(cr);

    const double font = layout.fontSize;
    setColour(cr, OutlineColours::stroke);
    useFont(cr, font * 1.4, true);
    std::string heading = _("Skin map");
    if (!map.header.childName.empty()) heading += std::string(": ") + map.header.childName;
    cairo_move_to(cr, layout.title.x, layout.title.y + font * 1.4);
    cairo_show_text(cr, heading.c_str());
    useFont(cr, font * 0.8);
    const std::string subtitle = std::string(_("Visible marks only. No undressing, no photographs.")) + "  " +
                                 _(bodyShapeTitle(map.bodyShape)) + ", " + map.outlinesVersion;
    cairo_move_to(cr, layout.title.x, layout.title.y + font * 2.2);
    cairo_show_text(cr, subtitle.c_str());

    for (const SkinMapLayout::Panel& panel : layout.panels) {
        drawOutline(cr, outlineView(map.bodyShape, panel.view), panel.frame);
        setColour(cr, OutlineColours::stroke);
        useFont(cr, font * 0.9);
        const std::string caption = _(viewTitle(panel.view));
        cairo_move_to(cr, panel.caption.x + (panel.caption.width - textWidth(cr, caption)) / 2,
                      panel.caption.y + font * 1.2);
        cairo_show_text(cr, caption.c_str());
        const double radius =
            markRadius(panel.frame.width *
                       (panel.view == ViewId::BodyFront || panel.view == ViewId::BodyBack ? 1.0 : 0.6));
        for (const Mark& m : map.marks) {
            if (m.view != panel.view) continue;
            double x, y;
            toFrame(panel.frame, m.position, x, y);
            drawMarkDisc(cr, x, y, radius, m.number);
        }
    }

    const double lineHeight = font * 1.35;
    setColour(cr, OutlineColours::stroke);
    useFont(cr, font * 1.1, true);
    cairo_move_to(cr, layout.legend.x, layout.legend.y + lineHeight * 0.8);
    cairo_show_text(cr, _("Marks"));
    useFont(cr, font);
    for (size_t i = 0; i < layout.legendLines.size(); ++i) {
        cairo_move_to(cr, layout.legend.x, layout.legend.y + lineHeight * (double(i) + 1.8));
        cairo_show_text(cr, layout.legendLines[i].c_str());
    }
    setColour(cr, OutlineColours::mark);
    useFont(cr, font, true);
    for (size_t i = 0; i < layout.concernLines.size(); ++i) {
        cairo_move_to(cr, layout.concerns.x, layout.concerns.y + lineHeight * (double(i) + 0.8));
        cairo_show_text(cr, layout.concernLines[i].c_str());
    }
    cairo_restore(cr);
}

// [SECTION] PNG files ---------------------------------------------------------------------------

namespace {

bool writeSurface(cairo_surface_t* surface, const std::string& path, std::string& error) {
    cairo_surface_flush(surface);
    const cairo_status_t status = cairo_surface_write_to_png(surface, path.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
        error = "could not write " + path + ": " + cairo_status_to_string(status);
        return false;
    }
    return true;
}

} // namespace

bool renderSkinMapPng(const SkinMap& map, int width, const std::string& path, std::string& error) {
    if (width < 50 || width > 20000) {
        error = "a skin map picture must be between 50 and 20000 pixels wide";
        return false;
    }
    const SkinMapLayout layout = layoutSkinMap(map, width);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, layout.width, layout.height));
    ContextPtr cr(cairo_create(surface.get()));
    drawSkinMap(cr.get(), map, layout);
    return writeSurface(surface.get(), path, error);
}

bool renderOutlinePng(BodyShape shape, ViewId view, int width, const std::string& path, std::string& error) {
    if (width < 16 || width > 20000) {
        error = "an outline picture must be between 16 and 20000 pixels wide";
        return false;
    }
    const OutlineView& outline = outlineView(shape, view);
    const int height = int(std::lround(width * outline.aspect));
    // Transparent background so the app can lay the outline on any colour.
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    ContextPtr cr(cairo_create(surface.get()));
    drawOutline(cr.get(), outline, {0, 0, double(width), double(height)});
    return writeSurface(surface.get(), path, error);
}

std::string outlinePngName(BodyShape shape, ViewId view) {
    return std::string(toString(shape)) + "_" + toString(view) + ".png";
}

} // namespace heard::skinmap
