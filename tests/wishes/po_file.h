// A small reader for gettext .po sources, for the catalogue tests: entries with their msgctxt,
// msgid, first msgstr and whether they are marked fuzzy or obsolete.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace heard::test {

struct PoEntry {
    std::string context, msgid, msgstr;
    bool fuzzy = false;
    bool obsolete = false;
    int line = 0;
};

// Decodes the C escapes gettext uses inside one quoted segment: "...".
inline std::string unquotePo(const std::string& segment) {
    std::string out;
    size_t start = segment.find('"'), end = segment.rfind('"');
    if (start == std::string::npos || end <= start) return out;
    for (size_t i = start + 1; i < end; ++i) {
        char c = segment[i];
        if (c != '\\' || i + 1 >= end) {
            out += c;
            continue;
        }
        char e = segment[++i];
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        default:
            out += e;
            break;
        }
    }
    return out;
}

inline std::vector<PoEntry> parsePo(const std::string& text) {
    std::vector<PoEntry> entries;
    PoEntry current;
    std::string* target = nullptr;
    bool pendingFuzzy = false;
    bool started = false;
    auto flush = [&] {
        if (started) entries.push_back(current);
        current = PoEntry{};
        started = false;
        target = nullptr;
    };
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        bool obsolete = line.rfind("#~", 0) == 0;
        if (obsolete) line = line.substr(line.size() > 2 && line[2] == ' ' ? 3 : 2);
        if (line.rfind("#,", 0) == 0) {
            if (started && !target) {
            }
            if (started) flush();
            if (line.find("fuzzy") != std::string::npos) pendingFuzzy = true;
            continue;
        }
        if (line.empty() || line[0] == '#') {
            if (line.empty() && started) flush();
            continue;
        }
        auto keyword = [&](const char* k) { return line.rfind(k, 0) == 0; };
        if (keyword("msgctxt")) {
            if (started) flush();
            started = true;
            current.line = number;
            current.fuzzy = pendingFuzzy;
            current.obsolete = obsolete;
            pendingFuzzy = false;
            target = &current.context;
            *target = unquotePo(line);
        } else if (keyword("msgid_plural")) {
            target = nullptr; // the plural msgid is not needed
        } else if (keyword("msgid")) {
            if (started && !current.msgid.empty()) flush();
            if (!started) {
                started = true;
                current.line = number;
                current.fuzzy = pendingFuzzy;
                current.obsolete = obsolete;
                pendingFuzzy = false;
            }
            target = &current.msgid;
            *target = unquotePo(line);
        } else if (keyword("msgstr[0]") || (keyword("msgstr") && !keyword("msgstr["))) {
            target = &current.msgstr;
            *target = unquotePo(line);
        } else if (keyword("msgstr[")) {
            target = nullptr; // other plural forms
        } else if (line[0] == '"' && target) {
            *target += unquotePo(line);
        }
    }
    flush();
    return entries;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace heard::test
