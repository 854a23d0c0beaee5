// A child's answers drawn with cairo for the visit report (issue 16, item 3): the feelings face
// and the scale as the child saw them on the tablet (the same shapes and colours as the
// activity's view: model/activity_pictures.h), the child's drawing stroke by stroke, and the
// people placed on "my world". Each draws into the box it is given.
#pragma once

#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"

#include <cairo.h>

#include <string>
#include <vector>

namespace heard::tools {

void drawFaceCairo(cairo_t* cr, Expression expression, double cx, double cy, double r, int strength);
// Eleven steps from 0 to 10 growing taller, coloured by the step's tone, the chosen one marked.
void drawScaleCairo(cairo_t* cr, ScaleTone tone, int chosen, double x, double y, double w, double h);
// Strokes normalised 0..1 to the canvas, drawn into a w by h box on white paper.
void drawStrokesCairo(cairo_t* cr, const std::vector<Stroke>& strokes, double x, double y, double w,
                      double h);
// "My world": the child at the centre, each placed person a disc with its label, as near or far
// as the child put them. labels[i] names placements[i].
void drawPlacementsCairo(cairo_t* cr, const std::vector<Placement>& placements,
                         const std::vector<std::string>& labels, double x, double y, double side);

} // namespace heard::tools
