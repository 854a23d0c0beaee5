// A dated addendum to a signed record (SF 3.45): the original stays exactly as it was. The
// unsigned text is kept in the encrypted store as a setting, so lock and crashes lose nothing.
#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/app.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/editors.h"

namespace heard::ui {

namespace {
std::string settingKey(const std::string& parentRecordId) {
    return "draft.addendum." + parentRecordId;
}
} // namespace

const char* AddendumEditor::what() const {
    return _("the addendum");
}

void AddendumEditor::saveTo(storage::Store& store) {
    if (parentRecordId.empty()) return;
    nlohmann::json kept = {{"text", text}, {"reason", reason}, {"follow_ups_done", followUpsDone}};
    store.setSetting(settingKey(parentRecordId), kept.dump());
}

void AddendumEditor::clearState() {
    for (std::string* field : {&text, &reason, &error, &parentRecordId})
        std::fill(field->begin(), field->end(), '\0');
    *this = AddendumEditor{};
}

void AddendumEditor::start(App& app, const std::string& parent) {
    clear();
    parentRecordId = parent;
    if (app.store()) {
        // An addendum begun earlier and not signed comes back as it was left.
        const auto kept = app.store()->setting(settingKey(parent));
        if (kept && !kept->empty()) {
            const auto json = nlohmann::json::parse(*kept, nullptr, false);
            if (json.is_object()) {
                text = json.value("text", "");
                reason = json.value("reason", "");
                if (json.contains("follow_ups_done") && json["follow_ups_done"].is_array())
                    for (const auto& id : json["follow_ups_done"])
                        if (id.is_string()) followUpsDone.insert(id.get<std::string>());
            }
        }
    }
    app.show(ScreenId::Addendum);
}

void AddendumEditor::sign(App& app) {
    storage::Store* store = app.store();
    if (!store) return;
    if (model::isBlank(text) && followUpsDone.empty()) {
        error = _("Write what you are adding, or mark a follow-up as done.");
        return;
    }
    const std::string at = app.now();
    nlohmann::json payload = {{"text", text}, {"reason_added_later", reason}, {"added_at", at}};
    if (!followUpsDone.empty()) {
        nlohmann::json done = nlohmann::json::object();
        for (const auto& id : followUpsDone)
            done[id] = at;
        payload["follow_ups_done"] = done;
    }
    store->addAddendum(parentRecordId, app.author(), payload);
    store->setSetting(settingKey(parentRecordId), "");
    const std::string parent = parentRecordId;
    clear();
    app.notice = catalogueNotice(N_("Addendum added and signed. The original stays as it was."));
    app.openRecord(parent);
}

} // namespace heard::ui
