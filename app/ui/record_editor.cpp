#include "app/ui/record_editor.h"

namespace heard::ui {

namespace {
std::function<std::chrono::steady_clock::time_point()>& uiClockOverride() {
    static std::function<std::chrono::steady_clock::time_point()> clock;
    return clock;
}
} // namespace

std::chrono::steady_clock::time_point uiNow() {
    const auto& clock = uiClockOverride();
    return clock ? clock() : std::chrono::steady_clock::now();
}

void setUiClockForTests(std::function<std::chrono::steady_clock::time_point()> clock) {
    uiClockOverride() = std::move(clock);
}

std::vector<EditorSet::Failure> EditorSet::save(storage::Store& store, bool force,
                                                RecordEditor::TimePoint now) {
    std::vector<Failure> failures;
    for (RecordEditor* editor : m_editors) {
        const auto due = editor->saveDue();
        if (!due || (!force && *due > now)) continue;
        try {
            editor->save(store);
        } catch (const std::exception& e) {
            failures.push_back({editor, e.what()});
        }
    }
    return failures;
}

std::optional<RecordEditor::TimePoint> EditorSet::nextDue() const {
    std::optional<RecordEditor::TimePoint> next;
    for (const RecordEditor* editor : m_editors)
        if (const auto due = editor->saveDue(); due && (!next || *due < *next)) next = due;
    return next;
}

bool EditorSet::anyDirty() const {
    for (const RecordEditor* editor : m_editors)
        if (editor->dirty()) return true;
    return false;
}

void EditorSet::clearAll() {
    for (RecordEditor* editor : m_editors)
        editor->clear();
}

} // namespace heard::ui
