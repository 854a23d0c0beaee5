// Binds the skin map screen to the store: a skin map is a Record of kind "skin_map" whose
// parentId is the visit or welfare concern it belongs to. Drafts autosave (at once after a
// tap, within a second and a half while typing); the record's highRisk flag follows the
// map's prompts (isHighRisk); signing checks validateForSigning, saves, then freezes it.
// A store error never loses the working copy: it is shown, and the save is retried.
#pragma once

#include "app/tools/skin_map/view/skin_map_view.h"
#include "storage/store.h"

#include <chrono>
#include <optional>
#include <string>

namespace heard::skinmap {

struct NewSkinMap {
    std::string caseId, childId, childName;
    std::string parentId;                   // the visit or concern record
    std::string author;                     // the practitioner's name
    std::string authorRole;                 // e.g. "Family court adviser"
    BodyShape bodyShape = BodyShape::Child; // the App passes bodySetForAge(date of birth)
};

class SkinMapController {
public:
    SkinMapController(storage::Store& store, std::string practitioner, storage::Clock clock = {});

    // Creates the draft record and opens it (the notice shows). Throws StoreError.
    std::string startNew(const NewSkinMap& request);
    // Opens a saved skin map; false with error set when the record is missing or not a
    // readable skin map (the record itself is left untouched).
    bool open(const std::string& recordId, std::string& error);

    // Draws the screen in the current ImGui window. Never writes the store: what the frame
    // asks (save, sign, close) waits for applyPending(), which the App calls after the frame.
    void draw();
    // When the pending save is due (at once after a tap, later while typing); nullopt: none.
    std::optional<std::chrono::steady_clock::time_point> saveDue() const;
    // Saves, then signs if asked. A failed save keeps the working copy and says so on screen.
    void applyPending();
    void handleEvent(const SDL_Event& event) { handleSkinMapEvent(m_state, event); }
    // Saves an unsaved draft now (call when leaving the screen).
    void flush();

    SkinMapViewState& state() { return m_state; }
    const std::string& recordId() const { return m_recordId; }
    bool closeRequested() const { return m_closeRequested; }
    bool lastSaveFailed() const { return m_lastSaveFailed; }
    bool isSigned() const { return m_signed; }
    bool hasUnsavedChanges() const { return m_dirty; }

private:
    std::string nowIso() const;
    void save();
    void markChanged(bool typing);

    storage::Store& m_store;
    std::string m_practitioner;
    storage::Clock m_clock;
    SkinMapViewState m_state;
    std::string m_recordId;
    bool m_dirty = false;
    bool m_signed = false;
    bool m_closeRequested = false;
    bool m_savedHighRisk = false;
    bool m_lastSaveFailed = false;
    bool m_signRequested = false;
    bool m_typing = false;
    std::chrono::steady_clock::time_point m_firstUnsavedChange{};
    std::chrono::steady_clock::time_point m_lastSaveAttempt{};
};

} // namespace heard::skinmap
