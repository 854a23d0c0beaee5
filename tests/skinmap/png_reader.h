// Reads a PNG back with cairo for pixel checks in the skin map tests.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string>

namespace heard::skinmap::testing {

struct Pixel {
    int r = 0, g = 0, b = 0, a = 0;
};

class PngImage {
public:
    explicit PngImage(const std::string& path)
        : m_surface(cairo_image_surface_create_from_png(path.c_str()), cairo_surface_destroy) {}
    bool ok() const { return cairo_surface_status(m_surface.get()) == CAIRO_STATUS_SUCCESS; }
    int width() const { return cairo_image_surface_get_width(m_surface.get()); }
    int height() const { return cairo_image_surface_get_height(m_surface.get()); }
    Pixel at(int x, int y) const {
        const unsigned char* data = cairo_image_surface_get_data(m_surface.get());
        const int stride = cairo_image_surface_get_stride(m_surface.get());
        const uint32_t v = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4);
        const bool alpha = cairo_image_surface_get_format(m_surface.get()) == CAIRO_FORMAT_ARGB32;
        return {int((v >> 16) & 0xff), int((v >> 8) & 0xff), int(v & 0xff), alpha ? int(v >> 24) : 255};
    }

private:
    std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> m_surface;
};

inline bool near(const Pixel& p, const double (&rgb)[3], int tolerance = 6) {
    auto channel = [tolerance](int v, double want) {
        return std::abs(v - int(want * 255 + 0.5)) <= tolerance;
    };
    return channel(p.r, rgb[0]) && channel(p.g, rgb[1]) && channel(p.b, rgb[2]);
}

} // namespace heard::skinmap::testing
