// Cairo drawings of the skin map for the record view and reports, at any size: the body
// outlines (from the one source of truth in model/body_outlines.h), the numbered marks and
// a legend that names each mark's region, and the prompts of high concern.
//
// Every length is a fraction of the picture's width, so a picture drawn at 300 px and at
// 3000 px shows the same thing. Text uses cairo's toy font API with "DejaVu Sans".
#pragma once

#include "app/tools/skin_map/model/skin_map.h"

#include <cairo.h>

#include <string>
#include <vector>

namespace heard::skinmap {

struct Rect {
    double x = 0, y = 0, width = 0, height = 0;
    bool contains(double px, double py) const {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
};

// Colours (RGB 0..1) used by the drawings: tests look for them.
struct OutlineColours {
    static constexpr double fill[3] = {0.949, 0.949, 0.949}; // parts: neutral grey
    static constexpr double stroke[3] = {0.25, 0.25, 0.25};  // the outline
    static constexpr double border[3] = {0.70, 0.70, 0.72};  // borders between regions
    static constexpr double mark[3] = {0.75, 0.0, 0.13};     // a mark's disc
};

// Draws a view's outline filling `frame` (frame.height should be frame.width * aspect).
void drawOutline(cairo_t* cr, const OutlineView& view, const Rect& frame);

// Where a point of a view lands in a frame, and back.
inline void toFrame(const Rect& frame, Point p, double& x, double& y) {
    x = frame.x + p.x * frame.width;
    y = frame.y + p.y * frame.height;
}

// The radius of a mark's disc in a frame of this width.
double markRadius(double frameWidth);
// Draws a numbered disc centred on (x, y).
void drawMarkDisc(cairo_t* cr, double x, double y, double radius, int number);

struct SkinMapLayout {
    int width = 0, height = 0;
    struct Panel {
        ViewId view;
        Rect frame;   // the outline's frame (marks are placed in it)
        Rect caption; // the view's title under it
    };
    std::vector<Panel> panels; // body front and back always, then every other view with marks
    Rect title, legend, concerns;
    std::vector<std::string> legendLines, concernLines; // already wrapped to fit
    double fontSize = 0;

    const Panel* panel(ViewId view) const;
};

// The layout of the whole picture at a given width (its height follows from the content).
SkinMapLayout layoutSkinMap(const SkinMap& map, int width);
// Draws the whole picture: title, outlines with numbered marks, legend, prompts.
void drawSkinMap(cairo_t* cr, const SkinMap& map, const SkinMapLayout& layout);

// One legend entry in words: "Bruise on the left forearm, outer (Body, front); 3 x 2 cm; ..."
std::string describeMark(const Mark& mark);

// PNG files. Return false and set error (e.g. the folder does not exist, the disk is full).
bool renderSkinMapPng(const SkinMap& map, int width, const std::string& path, std::string& error);
bool renderOutlinePng(BodyShape shape, ViewId view, int width, const std::string& path, std::string& error);
// The file name an outline PNG has in assets/body/: "young_child_body_front.png".
std::string outlinePngName(BodyShape shape, ViewId view);

} // namespace heard::skinmap
