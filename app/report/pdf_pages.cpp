#include "app/report/pdf_pages.h"

#include <cairo.h>
#include <poppler.h>

#include <cmath>
#include <cstring>
#include <memory>

namespace heard::report {

namespace {

struct GObjectDeleter {
    void operator()(gpointer object) const {
        if (object) g_object_unref(object);
    }
};
using DocumentPtr = std::unique_ptr<PopplerDocument, GObjectDeleter>;
using PagePtr = std::unique_ptr<PopplerPage, GObjectDeleter>;
using BytesPtr = std::unique_ptr<GBytes, decltype(&g_bytes_unref)>;

// The document reads the bytes in place (GBytes without a copy): `pdf` outlives it.
DocumentPtr openPdf(const std::vector<unsigned char>& pdf, std::string& error) {
    if (pdf.empty()) return error = "the report has no bytes", nullptr;
    BytesPtr bytes(g_bytes_new_static(pdf.data(), pdf.size()), &g_bytes_unref);
    GError* problem = nullptr;
    DocumentPtr doc(poppler_document_new_from_bytes(bytes.get(), nullptr, &problem));
    if (!doc) {
        error = std::string("the PDF cannot be read: ") + (problem ? problem->message : "unknown");
        if (problem) g_error_free(problem);
    }
    return doc;
}

} // namespace

bool pdfPageCount(const std::vector<unsigned char>& pdf, int& pages, std::string& error) {
    const DocumentPtr doc = openPdf(pdf, error);
    if (!doc) return false;
    pages = poppler_document_get_n_pages(doc.get());
    return true;
}

bool pdfPagePixels(const std::vector<unsigned char>& pdf, int page, int widthPx, int& heightPx, int& stride,
                   std::vector<unsigned char>& pixels, std::string& error) {
    const DocumentPtr doc = openPdf(pdf, error);
    if (!doc) return false;
    if (page < 0 || page >= poppler_document_get_n_pages(doc.get()))
        return error = "no page " + std::to_string(page + 1), false;
    const PagePtr p(poppler_document_get_page(doc.get(), page));
    if (!p) return error = "no page " + std::to_string(page + 1), false;
    double width = 0, height = 0;
    poppler_page_get_size(p.get(), &width, &height);
    if (width <= 0 || height <= 0 || widthPx <= 0) return error = "the page has no size", false;
    const double scale = widthPx / width;
    heightPx = int(std::ceil(height * scale));
    stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, widthPx);
    pixels.assign(size_t(stride) * size_t(heightPx), 0);
    cairo_surface_t* surface =
        cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_ARGB32, widthPx, heightPx, stride);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1); // PDF pages are transparent: paper is white
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(p.get(), cr);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return error = cairo_status_to_string(status), false;
    return true;
}

} // namespace heard::report
