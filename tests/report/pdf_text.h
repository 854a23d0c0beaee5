// Reading a PDF the way a person checks it (issue 16 tests): its text by pdftotext and its pages
// as PNG images by pdftoppm (Debian poppler-utils), written to build/tests/report/ to look at.
#pragma once

#include <string>
#include <vector>

namespace heard::test {

// Runs a shell command; its standard output. Throws std::runtime_error when it fails.
std::string runCommand(const std::string& command);
// Writes the PDF to build/tests/report/<name>.pdf with its page images beside it (<name>-N.png);
// returns its text (pdftotext -layout).
std::string pdfText(const std::vector<unsigned char>& pdf, const std::string& name);
// pdftotext -layout keeps lines; a wrapped quotation may break between words, so tests compare
// with all whitespace squeezed to single spaces.
std::string squeeze(const std::string& text);

} // namespace heard::test
