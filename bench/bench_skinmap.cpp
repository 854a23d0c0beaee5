// The skin map (issue 5): the cost of a tap's hit-test, of the strict JSON round trip, and of
// drawing a whole record picture, each against a baseline measured in the same run.
//
//   skinmap.hittest_us                  microseconds per exact hit-test (body front, random points)
//   skinmap.hittest_snap_vs_exact_ratio hit-test with touch tolerance for points just off the body
//                                       (the nearest-region search) / exact hit-tests (baseline)
//   skinmap.json_roundtrip_vs_plain_ratio  toJson + dump + parse + skinMapFromJson (strict, named
//                                       errors) / dump + parse of the same JSON alone (baseline)
//   skinmap.render_map_vs_outline_ratio a whole skin map PNG (outlines, marks, legend) at 1200 px /
//                                       one bare outline PNG with the same pixel count (baseline;
//                                       skinmap.render_pixels_ratio shows how close, issue 19)
#include "bench/bench.h"

#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "app/tools/skin_map/report/skin_map_render.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

using heard::bench::report;
using heard::bench::secondsSince;
using namespace heard::skinmap;

// Width x height from a PNG's IHDR chunk (bytes 16-23, big-endian); 0 if unreadable.
double pngPixels(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[24] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return 0;
    auto be32 = [&](int at) {
        return double((uint32_t(header[at]) << 24) | (uint32_t(header[at + 1]) << 16) |
                      (uint32_t(header[at + 2]) << 8) | uint32_t(header[at + 3]));
    };
    return be32(16) * be32(20);
}

void benchSkinMap(const heard::bench::Options& options) {
    const OutlineView& front = outlineView(BodyShape::Teen, ViewId::BodyFront);
    std::mt19937 random(5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const int points = options.quick ? 200 : 200000;
    std::vector<Point> samples(static_cast<size_t>(points));
    for (Point& p : samples)
        p = {unit(random), unit(random)};

    int hits = 0;
    auto start = std::chrono::steady_clock::now();
    for (const Point& p : samples)
        hits += hitTest(front, p) ? 1 : 0;
    const double exact = secondsSince(start);
    // Points just above the head: outside, within tolerance, so the nearest region is searched.
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < points; ++i)
        hits += hitTest(front, {0.5 + unit(random) * 0.01, 0.012}, 0.02) ? 1 : 0;
    const double snapped = secondsSince(start);
    report("skinmap.hittest_us", exact / points * 1e6, "us");
    report("skinmap.hittest_snap_vs_exact_ratio", snapped / exact, "x");
    if (hits == 0) report("skinmap.error_no_hits", 1, "flag");

    const SkinMap map = demoSkinMap();
    const int rounds = options.quick ? 20 : 5000;
    size_t sink = 0;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i)
        sink += skinMapFromJson(nlohmann::json::parse(toJson(map).dump())).marks.size();
    const double strict = secondsSince(start);
    const std::string text = toJson(map).dump();
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i)
        sink += nlohmann::json::parse(nlohmann::json::parse(text).dump()).size();
    const double plain = secondsSince(start);
    report("skinmap.json_roundtrip_vs_plain_ratio", strict / plain, "x");

    const std::string dir = std::filesystem::temp_directory_path() / "heard-bench-skinmap";
    std::filesystem::create_directories(dir);
    const int renders = options.quick ? 1 : 10;
    std::string error;
    // The baseline draws as many pixels as the map: an outline at 1200 px is a different
    // size from the whole map at 1200 px, so scale its width by the square root of the ratio.
    renderSkinMapPng(map, 1200, dir + "/map.png", error);
    renderOutlinePng(BodyShape::Teen, ViewId::BodyFront, 1200, dir + "/outline.png", error);
    const double mapPixels = pngPixels(dir + "/map.png");
    const double outline1200 = pngPixels(dir + "/outline.png");
    const int outlineWidth =
        outline1200 > 0 ? int(std::lround(1200.0 * std::sqrt(mapPixels / outline1200))) : 1200;
    renderOutlinePng(BodyShape::Teen, ViewId::BodyFront, outlineWidth, dir + "/outline.png", error);
    report("skinmap.render_pixels_ratio", mapPixels / std::max(1.0, pngPixels(dir + "/outline.png")), "x");
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < renders; ++i)
        renderOutlinePng(BodyShape::Teen, ViewId::BodyFront, outlineWidth, dir + "/outline.png", error);
    const double outline = secondsSince(start);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < renders; ++i)
        renderSkinMapPng(map, 1200, dir + "/map.png", error);
    const double whole = secondsSince(start);
    report("skinmap.render_map_vs_outline_ratio", whole / outline, "x");
    std::filesystem::remove_all(dir);
    if (!error.empty() || sink == 0) report("skinmap.error_render", 1, "flag");
}

} // namespace

HEARD_BENCH_GROUP("skinmap", benchSkinMap);
