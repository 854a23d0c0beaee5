// Plain value types the form widgets edit: a finger signature, a notice, the reasons a
// record cannot be signed yet. They belong to the widget kit so that tools and screens can
// share them without knowing the App.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace heard::ui {

// Free-hand strokes of a finger signature, each x0,y0,x1,y1,... normalised to the pad.
using Strokes = std::vector<std::vector<float>>;

// A message for the practitioner at the top of the screen (never shown in child mode).
struct Notice {
    std::string text;
    bool error = false;
    // Set for a message straight from the catalogue (catalogueNotice): it is drawn in the
    // language of the moment, since the practitioner may switch language while it is up. text
    // keeps it as it was made.
    const char* msgid = nullptr;
};

// Why the last tap on Sign was refused (msgids, shown translated), and whether the panel
// should scroll into view once. After a refusal the screen recomputes the list every frame
// (update), so it shrinks as the fields are filled instead of going out of date.
struct SignProblems {
    std::vector<std::string> items;
    bool reveal = false;
    bool refused = false; // Sign was tapped and refused: the list is kept up to date from now

    void set(std::vector<std::string> problems) {
        items = std::move(problems);
        reveal = !items.empty();
        refused = refused || reveal;
    }
    void update(std::vector<std::string> problems) {
        if (refused) items = std::move(problems);
    }
    bool empty() const { return items.empty(); }
};

// The tag of the field a refused-sign item is about ("" when it has none to jump to).
using ProblemField = std::function<std::string(const std::string& problem)>;

} // namespace heard::ui
