// The editor for the child's people and homes (issue 18.2): who they are, what the child calls
// them, their pictures. A member of Editors (editors.h), so autosave, lock and clear reach it
// through the one list like every other editor.
#pragma once

#include "app/model/child_people.h"
#include "app/ui/record_editor.h"

#include <string>
#include <vector>

namespace heard::ui {

class App;

// A draft child_people record of the child on screen; "Save" signs it (a version the central
// system receives), and a change later is a new draft starting from what was signed.
class PeopleEditor : public RecordEditor {
public:
    std::string recordId;
    model::ChildPeople people;
    std::string choosingFigureFor; // a person's id while their picture is being chosen
    // The draft could not be read (damaged): shown, and never overwritten by an empty list.
    std::string loadError;
    // Names too long to keep (msgids with the name), shown on screen; Save waits for them.
    std::vector<std::string> problems() const;

    const char* what() const override;
    // The child's draft if there is one; else a new draft holding what the last signed version
    // said, or nothing for a child without one (nothing is guessed or pre-filled).
    void start(App& app);
    void open(const storage::Record& record);
    // Signs the draft under the practitioner's name and goes back to the child's page.
    void sign(App& app);

protected:
    void saveTo(storage::Store& store) override;
    void clearState() override { *this = PeopleEditor{}; }
};

// The child's people as the prompts should name them: the newest draft being written, else the
// newest signed version; empty (neutral wording) when there is none or it cannot be read.
model::ChildPeople currentChildPeople(App& app);

} // namespace heard::ui
