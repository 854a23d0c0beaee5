#include "tests/report/pdf_text.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace heard::test {

std::string runCommand(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
    return out;
}

std::string pdfText(const std::vector<unsigned char>& pdf, const std::string& name) {
    const std::string out = std::string(HEARD_TEST_BINARY_DIR);
    const std::string path = out + "/" + name + ".pdf";
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(pdf.data()), std::streamsize(pdf.size()));
    runCommand("pdftoppm -r 70 -png '" + path + "' '" + out + "/" + name + "'");
    return runCommand("pdftotext -layout '" + path + "' -");
}

std::string squeeze(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

} // namespace heard::test
