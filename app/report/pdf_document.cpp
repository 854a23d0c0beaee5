#include "app/report/pdf_document.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace heard::report {

namespace {

constexpr double kMarginX = 56, kTop = 74, kBottom = kPageHeight - 58;
constexpr const char* kFamily = "DejaVu Sans";

struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct GDeleter {
    void operator()(void* p) const { g_object_unref(p); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using ContextPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GDeleter>;
using PangoContextPtr = std::unique_ptr<PangoContext, GDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

enum class Target { Count, AllPages, OnePage };

// Walks the blocks once, placing every line; draws only what the target wants. The count pass
// and the drawing pass use the same metrics (hinting off), so page breaks agree.
class Painter {
public:
    Painter(cairo_t* cr, const Document& document, Target target, int onlyPage, int totalPages)
        : m_cr(cr), m_doc(document), m_target(target), m_only(onlyPage), m_total(totalPages) {
        m_context.reset(pango_cairo_create_context(cr));
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(m_context.get(), options);
        cairo_font_options_destroy(options);
        pango_context_set_language(m_context.get(), pango_language_from_string(document.language.c_str()));
    }

    int run() {
        m_y = kTop;
        for (const Block& block : m_doc.blocks)
            place(block);
        furniture();
        return m_page + 1;
    }

private:
    bool drawing() const {
        return m_target == Target::AllPages || (m_target == Target::OnePage && m_page == m_only);
    }

    FontPtr font(double scale, bool bold, bool italic) const {
        FontPtr f(pango_font_description_new());
        pango_font_description_set_family(f.get(), kFamily);
        pango_font_description_set_absolute_size(f.get(), m_doc.fontSize * scale * PANGO_SCALE);
        pango_font_description_set_weight(f.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(f.get(), italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        return f;
    }

    LayoutPtr layout(const std::string& text, double width, double scale, bool bold = false,
                     bool italic = false) const {
        LayoutPtr l(pango_layout_new(m_context.get()));
        FontPtr f = font(scale, bold, italic);
        pango_layout_set_font_description(l.get(), f.get());
        pango_layout_set_width(l.get(), int(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l.get(), text.c_str(), int(text.size())); // plain text: nothing is markup
        return l;
    }

    void newPage() {
        furniture();
        if (m_target == Target::AllPages) cairo_show_page(m_cr);
        ++m_page;
        m_y = kTop;
    }

    void ensure(double height) {
        if (m_y + height > kBottom && m_y > kTop) newPage();
    }

    // Places a layout's lines one by one at x, breaking pages between lines. bar: a rule left of
    // every line (quotes).
    void lines(PangoLayout* l, double x, double r, double g, double b, bool bar = false) {
        PangoLayoutIter* iter = pango_layout_get_iter(l);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            const double height = double(logical.height) / PANGO_SCALE;
            const double baseline = double(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
            ensure(height);
            if (drawing()) {
                cairo_set_source_rgb(m_cr, r, g, b);
                cairo_move_to(m_cr, x + double(logical.x) / PANGO_SCALE, m_y + baseline);
                pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(iter));
                if (bar) {
                    cairo_set_source_rgb(m_cr, 0.55, 0.65, 0.75);
                    cairo_rectangle(m_cr, x - 10, m_y, 2.5, height);
                    cairo_fill(m_cr);
                }
            }
            m_y += height;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
    }

    void text(const std::string& s, double indent, double scale, bool bold, bool italic, double grey,
              double before, double after, bool bar = false) {
        if (m_y > kTop) m_y += before;
        const double width = kPageWidth - 2 * kMarginX - indent;
        LayoutPtr l = layout(s, width, scale, bold, italic);
        if (bold) { // keep a heading with the first lines after it
            int h = 0;
            pango_layout_get_size(l.get(), nullptr, &h);
            ensure(double(h) / PANGO_SCALE + m_doc.fontSize * 3.5);
        }
        lines(l.get(), kMarginX + indent, grey, grey, grey, bar);
        m_y += after;
    }

    void bullet(const std::string& s) {
        const double indent = m_doc.fontSize * 1.4;
        LayoutPtr l = layout(s, kPageWidth - 2 * kMarginX - indent, 1.0);
        int firstHeight = 0;
        pango_layout_get_pixel_size(l.get(), nullptr, &firstHeight);
        ensure(std::min<double>(firstHeight, m_doc.fontSize * 1.6));
        if (drawing()) {
            cairo_set_source_rgb(m_cr, 0.1, 0.1, 0.1);
            cairo_new_path(m_cr);
            cairo_arc(m_cr, kMarginX + indent * 0.4, m_y + m_doc.fontSize * 0.72, m_doc.fontSize * 0.17, 0,
                      2 * M_PI);
            cairo_fill(m_cr);
        }
        lines(l.get(), kMarginX + indent, 0.1, 0.1, 0.1);
        m_y += m_doc.fontSize * 0.35;
    }

    void tableRow(const Block& block, const std::vector<std::string>& row, bool header) {
        const double width = kPageWidth - 2 * kMarginX, pad = 3.5;
        std::vector<LayoutPtr> cells;
        double height = 0;
        for (size_t c = 0; c < block.columns.size(); ++c) {
            const double w = width * block.columns[c] - 2 * pad;
            cells.push_back(layout(c < row.size() ? row[c] : std::string(), w, 0.9, header));
            int h = 0;
            pango_layout_get_size(cells.back().get(), nullptr, &h);
            height = std::max(height, double(h) / PANGO_SCALE + 2 * pad);
        }
        if (m_y + height > kBottom && m_y > kTop) {
            newPage();
            if (!header && !block.rows.empty()) tableRow(block, block.rows[0], true); // repeat the header
        }
        if (drawing()) {
            double x = kMarginX;
            for (size_t c = 0; c < cells.size(); ++c) {
                const double w = width * block.columns[c];
                if (header) {
                    cairo_set_source_rgb(m_cr, 0.90, 0.92, 0.94);
                    cairo_rectangle(m_cr, x, m_y, w, height);
                    cairo_fill(m_cr);
                }
                cairo_set_source_rgb(m_cr, 0.6, 0.6, 0.6);
                cairo_set_line_width(m_cr, 0.5);
                cairo_rectangle(m_cr, x, m_y, w, height);
                cairo_stroke(m_cr);
                cairo_set_source_rgb(m_cr, 0.1, 0.1, 0.1);
                cairo_move_to(m_cr, x + pad, m_y + pad);
                pango_cairo_show_layout(m_cr, cells[c].get());
                x += w;
            }
        }
        m_y += height;
    }

    void place(const Block& block) {
        const double fs = m_doc.fontSize;
        switch (block.kind) {
        case Block::Kind::Title:
            text(block.text, 0, 1.75, true, false, 0.05, 0, fs * 0.8);
            break;
        case Block::Kind::Heading:
            text(block.text, 0, 1.3, true, false, 0.05, fs * 1.2, fs * 0.45);
            break;
        case Block::Kind::Subheading:
            text(block.text, 0, 1.08, true, false, 0.1, fs * 0.7, fs * 0.3);
            break;
        case Block::Kind::Paragraph:
            text(block.text, 0, 1.0, false, false, 0.1, 0, fs * 0.55);
            break;
        case Block::Kind::Quote:
            text(block.text, fs * 2.2, 1.0, false, true, 0.1, 0, fs * 0.2, true);
            break;
        case Block::Kind::Note:
            text(block.text, 0, 0.85, false, false, 0.38, 0, fs * 0.45);
            break;
        case Block::Kind::Bullet:
            bullet(block.text);
            break;
        case Block::Kind::Table:
            if (block.columns.empty()) break;
            m_y += fs * 0.3;
            ensure(fs * 6); // never a header row alone at the foot of a page
            for (size_t r = 0; r < block.rows.size(); ++r)
                tableRow(block, block.rows[r], r == 0);
            m_y += fs * 0.6;
            break;
        case Block::Kind::Drawing:
            ensure(block.height);
            if (drawing() && block.draw) {
                cairo_save(m_cr);
                block.draw(m_cr, kMarginX, m_y, kPageWidth - 2 * kMarginX, block.height);
                cairo_restore(m_cr);
            }
            m_y += block.height + fs * 0.5;
            break;
        case Block::Kind::PageBreak:
            if (m_y > kTop) newPage();
            break;
        }
    }

    // The header, the protective marking top and bottom, and the page number.
    void furniture() {
        if (!drawing()) return;
        const double width = kPageWidth - 2 * kMarginX;
        // The same size on every report, whatever the body's size (the child's letter is larger).
        const double small = 8.4 / m_doc.fontSize, header = 9.0 / m_doc.fontSize;
        cairo_save(m_cr);
        LayoutPtr marking = layout(m_doc.marking, width, small, true);
        pango_layout_set_alignment(marking.get(), PANGO_ALIGN_CENTER);
        cairo_set_source_rgb(m_cr, 0.62, 0.0, 0.1);
        cairo_move_to(m_cr, kMarginX, 20);
        pango_cairo_show_layout(m_cr, marking.get());
        cairo_move_to(m_cr, kMarginX, kPageHeight - 30);
        pango_cairo_show_layout(m_cr, marking.get());

        cairo_set_source_rgb(m_cr, 0.25, 0.25, 0.25);
        LayoutPtr title = layout(m_doc.title, width * 0.6, header);
        pango_layout_set_ellipsize(title.get(), PANGO_ELLIPSIZE_END);
        cairo_move_to(m_cr, kMarginX, 40);
        pango_cairo_show_layout(m_cr, title.get());
        LayoutPtr who = layout(m_doc.caseNumber + "  \u00b7  " + m_doc.initials, width * 0.4, header, true);
        pango_layout_set_alignment(who.get(), PANGO_ALIGN_RIGHT);
        cairo_move_to(m_cr, kMarginX + width * 0.6, 40);
        pango_cairo_show_layout(m_cr, who.get());
        cairo_set_line_width(m_cr, 0.6);
        cairo_move_to(m_cr, kMarginX, 58);
        cairo_line_to(m_cr, kPageWidth - kMarginX, 58);
        cairo_stroke(m_cr);

        const std::string number = m_doc.pageWord + " " + std::to_string(m_page + 1) + " " + m_doc.ofWord +
                                   " " + std::to_string(std::max(m_total, m_page + 1));
        LayoutPtr page = layout(number, width, small);
        pango_layout_set_alignment(page.get(), PANGO_ALIGN_RIGHT);
        cairo_move_to(m_cr, kMarginX, kPageHeight - 44);
        pango_cairo_show_layout(m_cr, page.get());
        cairo_restore(m_cr);
    }

    cairo_t* m_cr;
    const Document& m_doc;
    Target m_target;
    int m_only, m_total;
    PangoContextPtr m_context;
    double m_y = kTop;
    int m_page = 0;
};

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<unsigned char>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

int countPages(const Document& document) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    ContextPtr cr(cairo_create(surface.get()));
    return Painter(cr.get(), document, Target::Count, -1, 0).run();
}

RenderedPdf renderPdf(const Document& document) {
    RenderedPdf out;
    const int total = countPages(document);
    {
        SurfacePtr surface(
            cairo_pdf_surface_create_for_stream(appendBytes, &out.bytes, kPageWidth, kPageHeight));
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Heard");
        ContextPtr cr(cairo_create(surface.get()));
        out.pages = Painter(cr.get(), document, Target::AllPages, -1, total).run();
        cairo_surface_finish(surface.get());
        const cairo_status_t status = cairo_surface_status(surface.get());
        if (status != CAIRO_STATUS_SUCCESS) {
            out.bytes.clear();
            out.error = cairo_status_to_string(status);
        }
    }
    return out;
}

bool renderPagePixels(const Document& document, int page, int widthPx, int& heightPx, int& stride,
                      std::vector<unsigned char>& pixels, std::string& error) {
    const int total = countPages(document);
    if (page < 0 || page >= total || widthPx <= 0 || widthPx > 8000) {
        error = "no page " + std::to_string(page + 1) + " (the report has " + std::to_string(total) + ")";
        return false;
    }
    const double scale = widthPx / kPageWidth;
    heightPx = int(std::lround(kPageHeight * scale));
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, widthPx, heightPx));
    ContextPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    Painter(cr.get(), document, Target::OnePage, page, total).run();
    cairo_surface_flush(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        error = cairo_status_to_string(cairo_surface_status(surface.get()));
        return false;
    }
    stride = cairo_image_surface_get_stride(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    pixels.assign(data, data + size_t(stride) * size_t(heightPx));
    return true;
}

bool renderPagePng(const Document& document, int page, int widthPx, std::vector<unsigned char>& png,
                   std::string& error) {
    int height = 0, stride = 0;
    std::vector<unsigned char> pixels;
    if (!renderPagePixels(document, page, widthPx, height, stride, pixels, error)) return false;
    SurfacePtr surface(
        cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_ARGB32, widthPx, height, stride));
    png.clear();
    const cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), appendBytes, &png);
    if (status != CAIRO_STATUS_SUCCESS) {
        error = cairo_status_to_string(status);
        return false;
    }
    return true;
}

} // namespace heard::report
