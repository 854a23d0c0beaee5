// Plane geometry for the skin map outlines: points in normalised view coordinates,
// polygons, the point-in-polygon rule that hit-testing relies on, clipping (to cut a body
// part into named regions) and triangulation (to fill outlines with ImDrawList).
#pragma once

#include <array>
#include <vector>

namespace heard::skinmap {

// A point in a view's normalised coordinates: x from 0 (left edge) to 1 (right edge),
// y from 0 (top) to 1 (bottom). A view's aspect (height / width) says how to scale them.
struct Point {
    double x = 0, y = 0;
    bool operator==(const Point& o) const { return x == o.x && y == o.y; }
    bool operator!=(const Point& o) const { return !(*this == o); }
};

using Polygon = std::vector<Point>; // implicitly closed; either winding

// Crossing-number test with half-open edges: an edge counts when it spans y in [lo, hi) and
// the point lies strictly left of it. Two polygons that share an edge (same two vertices)
// therefore never both contain a point on that edge, and one of them always does: this is
// the "border rule" of hit-testing. The crossing is computed from the edge's lower vertex
// whichever way the edge runs, so both neighbours get bit-identical answers.
bool containsPoint(const Polygon& polygon, Point p);

// Euclidean distance from p to the polygon's boundary, in the same units as the points.
double distanceToBoundary(const Polygon& polygon, Point p);

// Signed area (positive when the vertices run clockwise in y-down coordinates).
double signedArea(const Polygon& polygon);

// A point strictly inside the polygon (for labels and tests): the middle of the widest
// inside span on the horizontal line through the polygon's vertical middle.
Point interiorPoint(const Polygon& polygon);

// The part of polygon on the side of the line a->b where cross(b - a, p - a) >= 0
// (Sutherland-Hodgman). Cut points are computed identically for both halves of a cut.
Polygon clipHalfPlane(const Polygon& polygon, Point a, Point b);

// Convenience cuts along axis-parallel lines.
Polygon clipAbove(const Polygon& polygon, double y);   // keeps y <= y0
Polygon clipBelow(const Polygon& polygon, double y);   // keeps y >= y0
Polygon clipLeftOf(const Polygon& polygon, double x);  // keeps x <= x0
Polygon clipRightOf(const Polygon& polygon, double x); // keeps x >= x0
Polygon clipBand(const Polygon& polygon, double yTop, double yBottom);
Polygon clipColumn(const Polygon& polygon, double xLeft, double xRight);

// An ellipse as a polygon of n vertices, starting at the top and running clockwise.
Polygon ellipse(Point centre, double rx, double ry, int n);

// Mirror about the vertical line x = axis (reverses vertex order to keep the winding).
Polygon mirrorX(const Polygon& polygon, double axis);

// Ear-clipping triangulation of a simple polygon (no self-intersections): indices into
// the polygon. Degenerate (zero-area) inputs give no triangles.
std::vector<std::array<int, 3>> triangulate(const Polygon& polygon);

} // namespace heard::skinmap
