// A paginated document rendered with cairo + pango (issue 16, item 3): A4 pages with a header
// (title, case number and the child's initials), the protective marking on every page, and
// "Page n of N". The same layout draws into a PDF in memory (never a file) or into a page image
// for the app's page-by-page view, so what the practitioner sees is what goes to court.
//
// Text is shaped by pango (Welsh, right-to-left names); long paragraphs break across pages line
// by line; tables break between rows; drawings (the skin map) keep their box on one page.
// No SDL, no ImGui: app/report is below the screens.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

namespace heard::report {

struct Block {
    enum class Kind {
        Title,      // the document's title, large
        Heading,    // a section
        Subheading, // a part of a section
        Paragraph,  // body text
        Quote,      // the child's words, indented and italic
        Bullet,     // one item of a list
        Note,       // small grey text: dates, sources, explanations
        Table,      // rows of cells; rows[0] is the header
        Drawing,    // a picture drawn by `draw` into a box `height` points high
        PageBreak,
    };
    Kind kind = Kind::Paragraph;
    std::string text;                           // plain text (never markup: it is escaped)
    std::vector<std::vector<std::string>> rows; // Table
    std::vector<double> columns;                // Table: each column's share of the width
    double height = 0;                          // Drawing: points
    std::function<void(cairo_t*, double x, double y, double width, double height)> draw;
};

struct Document {
    std::string title;                            // in the header of every page
    std::string caseNumber;                       // in the header
    std::string initials;                         // the child's initials, in the header
    std::string marking;                          // the protective marking, top and bottom of every page
    std::string pageWord = "Page", ofWord = "of"; // "Page 2 of 5", translated by the caller
    std::string language = "en";                  // for pango's shaping and hyphenation
    double fontSize = 10.5;                       // body text, points (the child's letter: larger)
    std::vector<Block> blocks;

    Document& add(Block::Kind kind, std::string text = {}) {
        Block b;
        b.kind = kind;
        b.text = std::move(text);
        blocks.push_back(std::move(b));
        return *this;
    }
};

struct RenderedPdf {
    std::vector<unsigned char> bytes;
    int pages = 0;
    std::string error; // non-empty when rendering failed (bytes then empty)
};

// A4 in points.
inline constexpr double kPageWidth = 595.276, kPageHeight = 841.89;

// The PDF, rendered in memory (cairo_pdf_surface_create_for_stream).
RenderedPdf renderPdf(const Document& document);

// How many pages the document takes.
int countPages(const Document& document);

// One page (0-based) as a PNG in memory, `widthPx` wide (for the app's page view and for people
// to look at in tests). False with error when the page does not exist or cairo fails.
bool renderPagePng(const Document& document, int page, int widthPx, std::vector<unsigned char>& png,
                   std::string& error);
// One page as 32-bit pixels (cairo ARGB32, premultiplied, `stride` bytes a row) for a texture.
bool renderPagePixels(const Document& document, int page, int widthPx, int& heightPx, int& stride,
                      std::vector<unsigned char>& pixels, std::string& error);

} // namespace heard::report
