// Small widgets every screen shares: scaled sizes, test tags, big touch buttons, finger
// scrolling, titles. Sizes are in dp (density-independent pixels) and scale with the display.
#pragma once

#include "platform/window.h"

#include <imgui.h>

namespace heard::ui {

// The display scale and fonts for this frame; the App sets them before drawing.
void setFrameContext(float scale, const platform::Fonts& fonts);
float dp(float value);
const platform::Fonts& fonts();

// The smallest comfortable touch target (48 dp, Material and Apple guidance).
inline float touchTarget() {
    return dp(48.0f);
}

// While alive, single-line ImGui fields are a touch target tall (ImGui's own frame is about
// 40 dp): the frame padding grows to make up the difference.
struct TouchFieldHeight {
    TouchFieldHeight();
    ~TouchFieldHeight();
    TouchFieldHeight(const TouchFieldHeight&) = delete;
    TouchFieldHeight& operator=(const TouchFieldHeight&) = delete;
};

// Registers the last ImGui item under a stable tag for tests and the tour.
void tag(const char* name);
// The same for a field or box whose edge the eye needs to find it (contrast 3:1 is tested).
void tagField(const char* name);
// When the widget with this tag is next drawn, its window scrolls to bring it near the top
// (a refused-sign item jumps to its field).
void scrollToTag(const char* name);

// A button at least a touch target tall. width 0: fit the label; -1: fill the line.
bool bigButton(const char* label, const char* tagName, float width = 0.0f);
// A filled, accent-coloured button for the main action of a screen.
bool primaryButton(const char* label, const char* tagName, float width = 0.0f);
// A full-width row that can be selected, at least a touch target tall, its text wrapped at the
// window edge. Returns true when tapped.
bool selectableRow(const char* text, bool selected, const char* tagName);

// After an item: the next item of the given width goes on the same line if it fits before the
// window's right edge, else on the next line (rows of buttons that flow at large text sizes).
void sameLineIfFits(float nextWidth);
// Before an item of this width placed after SameLine: moves it to the next line when it would
// run past the window's right edge (undoes the SameLine).
void newLineUnlessFits(float width);

// Lets a finger scroll the current window by dragging anywhere in it, buttons included
// (ImGui only scrolls with the wheel or the scrollbar). Call right after Begin/BeginChild.
void dragToScroll();
// Called right after a canvas-like item (drawing, skin map): while it is active, finger
// drags belong to it and never scroll the window.
void claimGesture();

// A screen title in the title font.
void screenTitle(const char* text);
// Text wrapped to the available width, in the muted colour.
void mutedText(const char* text);
// A boxed notice on a placeholder screen: says plainly what is not built yet.
void placeholderNotice(const char* what);

// Space kept clear at the top of the window for a bar drawn over every screen (the safety
// control on screens about a child): beginScreen starts below it. 0: none. Set each frame.
void setScreenTopInset(float height);
float screenTopInset();

// Begins a full-window, undecorated ImGui window for a screen; always pair with endScreen().
void beginScreen(const char* id);
void endScreen();

// A column of at most 640 dp centred in the screen (the unlock and welcome screens), holding a
// padded card whose text wraps at the card's edge, not the window's. Pair each begin with its
// end: beginCentredColumn, [heading], beginCard, [content], endCard, endCentredColumn.
float beginCentredColumn(); // returns the column's width
void endCentredColumn();
void beginCard(const char* id, float width);
void endCard();

} // namespace heard::ui
