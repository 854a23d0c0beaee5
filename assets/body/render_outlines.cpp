// heard-body-outlines: renders every outline view of every body shape to PNGs.
//
//   heard-body-outlines OUTPUT_DIR [WIDTH]     (default width 600 px)
//
// The PNGs in assets/body/ are made by this program from the region polygons in
// app/tools/skin_map/model/body_outlines.cpp (the one source of truth); the test
// skinmap.assets fails when they drift apart. Rebuild them with the CMake target
// `body-outline-pngs` after changing a polygon.
#include "app/tools/skin_map/report/skin_map_render.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: heard-body-outlines OUTPUT_DIR [WIDTH]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const int width = argc > 2 ? std::atoi(argv[2]) : 600;
    int written = 0;
    for (auto shape : heard::skinmap::allBodyShapes()) {
        for (auto view : heard::skinmap::allViews()) {
            const std::string path = dir + "/" + heard::skinmap::outlinePngName(shape, view);
            std::string error;
            if (!heard::skinmap::renderOutlinePng(shape, view, width, path, error)) {
                std::fprintf(stderr, "heard-body-outlines: %s\n", error.c_str());
                return 1;
            }
            ++written;
        }
    }
    std::printf("heard-body-outlines: wrote %d outlines to %s\n", written, dir.c_str());
    return 0;
}
