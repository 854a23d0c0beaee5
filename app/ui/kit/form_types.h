// Plain value types the form widgets edit: a finger signature, a notice, the reasons a
// record cannot be signed yet. They belong to the widget kit so that tools and screens can
// share them without knowing the App.
#pragma once

#include <string>
#include <vector>

namespace heard::ui {

// Free-hand strokes of a finger signature, each x0,y0,x1,y1,... normalised to the pad.
using Strokes = std::vector<std::vector<float>>;

// A message for the practitioner at the top of the screen (never shown in child mode).
struct Notice {
    std::string text;
    bool error = false;
};

// Why the last tap on Sign was refused (msgids, shown translated), and whether the panel
// should scroll into view once.
struct SignProblems {
    std::vector<std::string> items;
    bool reveal = false;

    void set(std::vector<std::string> problems) {
        items = std::move(problems);
        reveal = !items.empty();
    }
    bool empty() const { return items.empty(); }
};

} // namespace heard::ui
