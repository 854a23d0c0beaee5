// The editor for the child's identity and needs (issue 18.6; NS 3.3, 8.6). A member of Editors
// (editors.h), so autosave, lock and clear reach it through the one list like every other editor.
#pragma once

#include "app/model/identity_needs.h"
#include "app/ui/kit/form_types.h"
#include "app/ui/record_editor.h"

#include <string>
#include <vector>

namespace heard::ui {

class App;

// A draft identity_needs record of the child on screen; signed, it becomes the child's current
// identity and needs, and a change is a new signed version (the old one stays as it was).
class IdentityEditor : public RecordEditor {
public:
    std::string recordId;
    model::IdentityNeeds needs;
    std::string signatureName;
    Strokes signatureStrokes, currentStroke;
    SignProblems signProblems;

    const char* what() const override;
    // The child's draft if there is one; else a new draft holding what the last signed version
    // said (it was given then; nothing is guessed), or nothing for a child without one.
    void start(App& app);
    void open(const storage::Record& record);
    // Name and finger signature (msgids); the items themselves are each optional.
    std::vector<std::string> problems() const;
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = IdentityEditor{}; }
};

} // namespace heard::ui
