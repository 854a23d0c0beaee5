// Stable tags for widgets that tests (and the screenshot tour) need to find.
//
// A screen registers a tag with the rectangle of the widget it just drew; the headless test
// driver looks the tag up to tap, type into or drag it. Only tags drawn in the latest frame
// are visible, so a test cannot tap something that is no longer on screen.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace heard::platform {

struct TagRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    uint64_t frame = 0;        // the frame in which the widget was last drawn
    unsigned scrollWindow = 0; // ImGui id of the innermost window that scrolls it (0: none)
    // What the widget is, for the tests that walk every tour screen (contrast, targets, a
    // disabled control says why, nothing drawn over another widget).
    bool tappable = false; // takes a tap (a button, a row, a field), not text or a picture
    bool disabled = false; // drawn disabled (ImGui::BeginDisabled)
    bool field = false;    // a field or box with an edge the eye needs (3:1, WCAG 1.4.11)
    bool shown = true;     // wholly inside its window's visible area (not scrolled partly out)
    // The part of it its window shows (empty when scrolled wholly out of view).
    float seenX0 = 0, seenY0 = 0, seenX1 = 0, seenY1 = 0;
    float centreX() const { return (x0 + x1) * 0.5f; }
    float centreY() const { return (y0 + y1) * 0.5f; }
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};

class TagRegistry {
public:
    static TagRegistry& instance();

    void beginFrame() { ++m_frame; }
    void set(const std::string& tag, float x0, float y0, float x1, float y1, unsigned scrollWindow = 0);
    // The same with what the widget is (kind, shown and so on; the frame is filled in here).
    void set(const std::string& tag, const TagRect& rect);
    // Marks a tag drawn this frame as a field (ui::tagField).
    void markField(const std::string& tag);
    // The rectangle of a tag drawn in the latest completed frame, or nullptr.
    const TagRect* find(const std::string& tag) const;
    // Every tag visible in the latest frame (for debugging a failed test).
    std::vector<std::string> visibleTags() const;
    uint64_t frame() const { return m_frame; }

private:
    std::unordered_map<std::string, TagRect> m_rects;
    uint64_t m_frame = 0;
};

} // namespace heard::platform
