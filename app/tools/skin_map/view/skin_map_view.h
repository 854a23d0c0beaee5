// The skin map screen (ImGui): the outline of the chosen view, marks placed by touch, the
// list of marks beside the map with their region names, and each mark's details.
//
// Every time the tool opens it shows the notice "record only what you can see: never ask a
// child to undress, no photographs", and nothing can be marked until it is acknowledged.
//
// Gestures on the map: tap the body to place a mark (a tap just off the outline snaps to the
// nearest region; far off it is refused with a message); tap a mark to select it; press a
// mark and drag to move it (dropped off the body, it goes back); drag elsewhere to pan;
// zoom with the + / - / fit buttons, a pinch (SDL multi-gesture) or the mouse wheel.
// Undo takes back the last change (marks and details alike).
//
// The screen is a function of its state: drawSkinMapView reads and edits SkinMapViewState
// (the working copy of the map) and reports what happened in SkinMapViewActions; the
// controller (skin_map_controller.h) saves drafts and signs in the store.
#pragma once

#include "app/tools/skin_map/model/skin_map.h"

#include <SDL.h>

#include <string>
#include <vector>

namespace heard::skinmap {

struct SkinMapViewState {
    SkinMap map;
    bool readOnly = false;           // a signed map: look, never change
    bool noticeAcknowledged = false; // reset by openSkinMapView: the notice shows every time
    ViewId view = ViewId::BodyFront;
    float zoom = 1.0f;                    // 1: the whole view fits the canvas
    float panX = 0, panY = 0;             // in pixels, from the fitted position
    int selectedMark = 0;                 // 0: none
    std::string message;                  // the latest short feedback ("Tap on the body outline")
    std::vector<Problem> signingProblems; // shown after a refused "Sign"
    std::vector<SkinMap> undoStack;       // maps before each change, newest last
    bool typingUndoSaved = false;         // one undo step per typing session, not per letter

    // Set by the controller before each frame.
    std::string now;          // ISO-8601 UTC: new marks are "observed now"
    std::string practitioner; // new marks are "observed by" them

    // Filled while drawing (for gestures, tests and the tour).
    struct FrameRect {
        float x = 0, y = 0, width = 0, height = 0;
    } frame;          // where the view's normalised frame lands on screen
    FrameRect canvas; // the canvas widget's rectangle

    // Gesture in progress on the canvas.
    enum class Gesture { None, Pending, MoveMark, Pan } gesture = Gesture::None;
    int pressedMark = 0;
    float pressX = 0, pressY = 0, dragX = 0, dragY = 0;
};

struct SkinMapViewActions {
    bool changed = false;     // the map changed: autosave the draft
    bool editingText = false; // a text field is being typed in (autosave may wait a moment)
    bool noticeAcknowledged = false;
    bool sign = false; // the practitioner asked to sign (problems already checked: none)
    bool close = false;
};

// Resets the per-opening state (the notice shows again) and loads the map.
void openSkinMapView(SkinMapViewState& state, SkinMap map, bool readOnly);

// Draws the whole screen inside the current ImGui window region.
void drawSkinMapView(SkinMapViewState& state, SkinMapViewActions& actions);

// Pinch-to-zoom and wheel: call with every SDL event while the screen is shown.
void handleSkinMapEvent(SkinMapViewState& state, const SDL_Event& event);

// Zoom limits and step of the + / - buttons.
constexpr float kMinZoom = 1.0f, kMaxZoom = 6.0f, kZoomStep = 1.5f;

// Where a normalised point of the current view is on screen in the last frame drawn.
void screenPointFor(const SkinMapViewState& state, Point p, float& x, float& y);
// The inverse: the normalised point under a screen position.
Point viewPointAt(const SkinMapViewState& state, float x, float y);

// Undo: restores the map as it was before the latest change. False when nothing to undo.
bool undo(SkinMapViewState& state);
constexpr size_t kUndoDepth = 100;

} // namespace heard::skinmap
