#include "app/tools/skin_map/model/geometry.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace heard::skinmap {

namespace {

constexpr double kPi = 3.14159265358979323846;

double cross(Point o, Point a, Point b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

double distanceToSegment(Point p, Point a, Point b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0;
    if (lengthSquared > 0) t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

// Keeps the part where side(p) >= 0. The complementary half is clipped with -side, whose
// values are exact negations, so both halves compute identical cut points. snap, when set,
// puts a cut point exactly on an axis-parallel line (interpolation could miss it by an ulp).
Polygon clipBySide(const Polygon& polygon, const std::function<double(Point)>& side,
                   const std::function<void(Point&)>& snap) {
    Polygon out;
    if (polygon.empty()) return out;
    auto push = [&out](Point p) {
        if (out.empty() || out.back() != p) out.push_back(p);
    };
    Point previous = polygon.back();
    double previousSide = side(previous);
    for (const Point& current : polygon) {
        const double currentSide = side(current);
        const bool previousIn = previousSide >= 0, currentIn = currentSide >= 0;
        if (previousIn != currentIn) {
            const double t = previousSide / (previousSide - currentSide);
            Point cut{previous.x + (current.x - previous.x) * t, previous.y + (current.y - previous.y) * t};
            if (snap) snap(cut);
            push(cut);
        }
        if (currentIn) push(current);
        previous = current;
        previousSide = currentSide;
    }
    while (out.size() > 1 && out.front() == out.back())
        out.pop_back();
    if (out.size() < 3) out.clear();
    return out;
}

} // namespace

bool containsPoint(const Polygon& polygon, Point p) {
    bool inside = false;
    const size_t n = polygon.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const Point& a = polygon[j];
        const Point& b = polygon[i];
        if (a.y == b.y) continue; // horizontal edges never cross a horizontal ray
        const Point& lo = a.y < b.y ? a : b;
        const Point& hi = a.y < b.y ? b : a;
        if (p.y < lo.y || p.y >= hi.y) continue;
        const double x = lo.x + (p.y - lo.y) * (hi.x - lo.x) / (hi.y - lo.y);
        if (p.x < x) inside = !inside;
    }
    return inside;
}

double distanceToBoundary(const Polygon& polygon, Point p) {
    double best = std::numeric_limits<double>::infinity();
    const size_t n = polygon.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        best = std::min(best, distanceToSegment(p, polygon[j], polygon[i]));
    return best;
}

double signedArea(const Polygon& polygon) {
    double twice = 0;
    const size_t n = polygon.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        twice += polygon[j].x * polygon[i].y - polygon[i].x * polygon[j].y;
    return twice / 2;
}

Point interiorPoint(const Polygon& polygon) {
    if (polygon.empty()) return {};
    double minY = polygon[0].y, maxY = polygon[0].y;
    for (const Point& p : polygon) {
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    // Slightly off the exact middle so the scan line avoids passing through a vertex.
    const double y = minY + (maxY - minY) * 0.5013;
    std::vector<double> xs;
    const size_t n = polygon.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const Point& a = polygon[j];
        const Point& b = polygon[i];
        if (a.y == b.y) continue;
        const Point& lo = a.y < b.y ? a : b;
        const Point& hi = a.y < b.y ? b : a;
        if (y < lo.y || y >= hi.y) continue;
        xs.push_back(lo.x + (y - lo.y) * (hi.x - lo.x) / (hi.y - lo.y));
    }
    std::sort(xs.begin(), xs.end());
    Point best{polygon[0].x, y};
    double widest = -1;
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (xs[i + 1] - xs[i] > widest) {
            widest = xs[i + 1] - xs[i];
            best = {(xs[i] + xs[i + 1]) / 2, y};
        }
    }
    return best;
}

Polygon clipHalfPlane(const Polygon& polygon, Point a, Point b) {
    return clipBySide(
        polygon, [a, b](Point p) { return cross(a, b, p); }, nullptr);
}

Polygon clipAbove(const Polygon& polygon, double y0) {
    return clipBySide(
        polygon, [y0](Point p) { return y0 - p.y; }, [y0](Point& p) { p.y = y0; });
}
Polygon clipBelow(const Polygon& polygon, double y0) {
    return clipBySide(
        polygon, [y0](Point p) { return p.y - y0; }, [y0](Point& p) { p.y = y0; });
}
Polygon clipLeftOf(const Polygon& polygon, double x0) {
    return clipBySide(
        polygon, [x0](Point p) { return x0 - p.x; }, [x0](Point& p) { p.x = x0; });
}
Polygon clipRightOf(const Polygon& polygon, double x0) {
    return clipBySide(
        polygon, [x0](Point p) { return p.x - x0; }, [x0](Point& p) { p.x = x0; });
}
Polygon clipBand(const Polygon& polygon, double yTop, double yBottom) {
    return clipAbove(clipBelow(polygon, yTop), yBottom);
}
Polygon clipColumn(const Polygon& polygon, double xLeft, double xRight) {
    return clipLeftOf(clipRightOf(polygon, xLeft), xRight);
}

Polygon ellipse(Point centre, double rx, double ry, int n) {
    Polygon out;
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const double t = -kPi / 2 + 2 * kPi * double(i) / double(n);
        out.push_back({centre.x + rx * std::cos(t), centre.y + ry * std::sin(t)});
    }
    return out;
}

Polygon mirrorX(const Polygon& polygon, double axis) {
    Polygon out(polygon.rbegin(), polygon.rend());
    for (Point& p : out)
        p.x = 2 * axis - p.x;
    return out;
}

std::vector<std::array<int, 3>> triangulate(const Polygon& polygon) {
    std::vector<std::array<int, 3>> triangles;
    std::vector<int> remaining;
    for (int i = 0; i < int(polygon.size()); ++i) {
        if (!remaining.empty() && polygon[size_t(remaining.back())] == polygon[size_t(i)]) continue;
        remaining.push_back(i);
    }
    if (remaining.size() > 1 && polygon[size_t(remaining.front())] == polygon[size_t(remaining.back())])
        remaining.pop_back();
    if (remaining.size() < 3) return triangles;
    const double orientation = signedArea(polygon) >= 0 ? 1.0 : -1.0;
    auto at = [&polygon](int i) { return polygon[size_t(i)]; };
    size_t guard = remaining.size() * remaining.size() + 10;
    while (remaining.size() > 3 && guard-- > 0) {
        bool clipped = false;
        const size_t n = remaining.size();
        for (size_t k = 0; k < n; ++k) {
            const int ia = remaining[(k + n - 1) % n], ib = remaining[k], ic = remaining[(k + 1) % n];
            const double turn = cross(at(ia), at(ib), at(ic)) * orientation;
            if (turn < 0) continue; // reflex vertex: not an ear
            if (turn == 0) {        // collinear: drop the middle vertex
                remaining.erase(remaining.begin() + long(k));
                clipped = true;
                break;
            }
            bool empty = true;
            for (int other : remaining) {
                if (other == ia || other == ib || other == ic) continue;
                const Point p = at(other);
                if (cross(at(ia), at(ib), p) * orientation >= 0 &&
                    cross(at(ib), at(ic), p) * orientation >= 0 &&
                    cross(at(ic), at(ia), p) * orientation >= 0) {
                    empty = false;
                    break;
                }
            }
            if (!empty) continue;
            triangles.push_back({ia, ib, ic});
            remaining.erase(remaining.begin() + long(k));
            clipped = true;
            break;
        }
        if (!clipped) break; // not simple: give up rather than loop
    }
    if (remaining.size() == 3 && cross(at(remaining[0]), at(remaining[1]), at(remaining[2])) != 0)
        triangles.push_back({remaining[0], remaining[1], remaining[2]});
    return triangles;
}

} // namespace heard::skinmap
