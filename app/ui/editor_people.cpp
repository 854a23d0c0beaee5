// The child's people and homes (issue 18.2): a draft, autosaved, then signed by "Save".
#include "app/i18n/i18n.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"
#include "storage/record_kinds.h"

#include <algorithm>
#include <stdexcept>

namespace heard::ui {

namespace {

struct Found {
    const storage::Record* draft = nullptr;
    const storage::Record* latest = nullptr;
};

Found findPeople(App& app) {
    Found found;
    for (const storage::Record& record : app.recordsOfCurrentChild()) {
        if (record.kind != storage::kinds::kChildPeople) continue;
        if (record.status == storage::RecordStatus::Draft)
            found.draft = &record;
        else if (!found.latest || record.signedAt > found.latest->signedAt)
            found.latest = &record;
    }
    return found;
}

model::ChildPeople readPeople(const storage::Record& record) {
    try {
        return model::childPeopleFromJson(record.payload);
    } catch (const std::invalid_argument&) {
        return {}; // unreadable: neutral wording rather than a guess
    }
}

// The start of a long name, cut at a character boundary (never inside a UTF-8 sequence).
std::string startOf(const std::string& text) {
    size_t end = std::min<size_t>(text.size(), 40);
    while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end) + "...";
}

} // namespace

const char* PeopleEditor::what() const {
    return _("the child's people");
}

void PeopleEditor::saveTo(storage::Store& store) {
    if (recordId.empty() || !loadError.empty()) return;
    saveDraftRecord(store, recordId, model::toJson(people), false);
}

void PeopleEditor::start(App& app) {
    const Found found = findPeople(app);
    if (found.draft) {
        open(*found.draft);
        app.nav().setRecord(found.draft->id);
        app.show(ScreenId::ChildPeople);
        return;
    }
    clear();
    if (found.latest) people = readPeople(*found.latest);
    recordId = createDraftForChild(app, storage::kinds::kChildPeople, model::toJson(people), false);
    if (!recordId.empty()) app.show(ScreenId::ChildPeople);
}

void PeopleEditor::open(const storage::Record& record) {
    clear();
    recordId = record.id;
    try {
        people = model::childPeopleFromJson(record.payload);
    } catch (const std::invalid_argument& e) {
        loadError = e.what();
    }
}

std::vector<std::string> PeopleEditor::problems() const {
    std::vector<std::string> out;
    if (!loadError.empty()) out.push_back(std::string(_("This record could not be read: ")) + loadError);
    for (const model::ChildPerson& person : people.people)
        if (person.name.size() > model::kMaxNameBytes)
            out.push_back(std::string(_("A name is too long to keep (at most 200 letters): ")) +
                          startOf(person.name));
    for (const model::ChildHome& home : people.homes)
        if (home.name.size() > model::kMaxNameBytes)
            out.push_back(std::string(_("A name is too long to keep (at most 200 letters): ")) +
                          startOf(home.name));
    return out;
}

void PeopleEditor::sign(App& app) {
    storage::Store* store = app.store();
    if (!store || recordId.empty() || !problems().empty()) return;
    saveDraftRecord(*store, recordId, model::toJson(people), false);
    markSaved();
    store->sign(recordId, app.author());
    clear();
    app.notice =
        catalogueNotice(N_("The child's people are saved. They will sync when there is a connection."));
    app.show(ScreenId::Child);
}

model::ChildPeople currentChildPeople(App& app) {
    const Found found = findPeople(app);
    // The editor's own state first when it is this child's draft: what the practitioner has
    // just typed, saved or not.
    const PeopleEditor& editor = app.editors().people;
    if (found.draft && editor.recordId == found.draft->id) return editor.people;
    if (found.draft) return readPeople(*found.draft);
    if (found.latest) return readPeople(*found.latest);
    return {};
}

} // namespace heard::ui
