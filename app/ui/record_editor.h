// The one way a record being written reaches the store. Every editable record kind (visit,
// concern, child not seen, addendum, skin map, parental conflict analysis, and the kinds that
// come next) implements RecordEditor, and the App keeps them in one EditorSet:
//   edited -> saved kAutosaveDelay later, and at once on back, lock, app termination and going
//   to the background; lock then clears every editor through the same list.
// An editor never writes the store while a frame is drawn: screens mark it edited, and the
// App saves after the frame (ARCHITECTURE.md, "pure frames").
#pragma once

#include "storage/store.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace heard::ui {

// Autosave happens this long after the last keystroke (a crash loses at most this much).
constexpr auto kAutosaveDelay = std::chrono::milliseconds(1500);

// The clock autosave and auto-lock run on: the steady clock, or one a test moves by hand, so
// a test about "typed, then idle for a second" holds however slowly a loaded machine draws.
std::chrono::steady_clock::time_point uiNow();
// Tests only; an empty function goes back to the steady clock.
void setUiClockForTests(std::function<std::chrono::steady_clock::time_point()> clock);

class RecordEditor {
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    virtual ~RecordEditor() = default;

    // What is being edited, for a notice when it cannot be saved ("the visit").
    virtual const char* what() const = 0;
    // Something typed or tapped is not yet in the store.
    virtual bool dirty() const { return m_dirty; }
    TimePoint lastEdit() const { return m_lastEdit; }
    // Screens call this after any change; the save follows kAutosaveDelay later.
    void markEdited(TimePoint at = uiNow()) {
        m_dirty = true;
        m_lastEdit = at;
    }
    // When the pending save is due; nullopt when nothing is waiting.
    virtual std::optional<TimePoint> saveDue() const {
        if (!dirty()) return std::nullopt;
        return m_lastEdit + kAutosaveDelay;
    }
    // Writes what is pending. On success the editor is clean; on failure it throws (a
    // storage::StoreError or std::exception) and stays dirty, keeping every character, so
    // the next save retries.
    void save(storage::Store& store) {
        if (!dirty()) return;
        saveTo(store);
        m_dirty = false;
    }
    // Forgets everything being edited and wipes its text (lock, after signing). Never
    // touches the store.
    void clear() {
        clearState();
        m_dirty = false;
    }

protected:
    virtual void saveTo(storage::Store& store) = 0;
    virtual void clearState() = 0;
    void markSaved() { m_dirty = false; }

private:
    bool m_dirty = false;
    TimePoint m_lastEdit{};
};

// Every editor of the App, in one list.
class EditorSet {
public:
    void add(RecordEditor& editor) { m_editors.push_back(&editor); }
    const std::vector<RecordEditor*>& all() const { return m_editors; }

    // A save that failed: which editor, and why (in words for people).
    struct Failure {
        const RecordEditor* editor;
        std::string reason;
    };
    // Saves every editor whose save is due by `now` (all dirty ones with force). Each editor
    // is saved on its own: one failing never stops the others. Returns the failures.
    std::vector<Failure> save(storage::Store& store, bool force, RecordEditor::TimePoint now = uiNow());
    // The earliest pending save, for the event loop's sleep.
    std::optional<RecordEditor::TimePoint> nextDue() const;
    bool anyDirty() const;
    void clearAll();

private:
    std::vector<RecordEditor*> m_editors;
};

} // namespace heard::ui
