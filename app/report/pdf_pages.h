// A stored PDF's own pages as pixels (issue 16, item 4): the app's report view draws the bytes
// that were signed, stored and sent, not a new rendering of the record, so what the practitioner
// sees is exactly what went to court. Poppler (Debian libpoppler-glib-dev) reads the PDF from
// memory and draws each page with cairo; nothing touches the disk.
#pragma once

#include <string>
#include <vector>

namespace heard::report {

// How many pages the PDF has. False with error when poppler cannot read it.
bool pdfPageCount(const std::vector<unsigned char>& pdf, int& pages, std::string& error);

// Page `page` (0-based) drawn on white, `widthPx` wide, as cairo ARGB32 pixels (native-endian
// ARGB, `stride` bytes a row). False with error for a damaged PDF or a page that is not there.
bool pdfPagePixels(const std::vector<unsigned char>& pdf, int page, int widthPx, int& heightPx, int& stride,
                   std::vector<unsigned char>& pixels, std::string& error);

} // namespace heard::report
