// A dated addendum to a signed record (SF 3.45): the original stays exactly as it was.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/concern.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/record_text.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"
#include "app/ui/kit/wrapped_text.h"

namespace heard::ui {

void drawAddendumScreen(App& app, Actions& actions) {
    beginScreen("##addendum");
    AddendumEditor& form = app.editors().addendum;
    if (childScreenHeader(app, _("< Back"), _("Addendum"))) actions.later([](App& a) { a.back(); });
    const auto parent = app.store()->recordById(form.parentRecordId);
    if (!parent) {
        mutedText(_("The record this adds to is not on this tablet."));
        endScreen();
        return;
    }
    ImGui::Text(_("Adds to: %s, signed %s"), recordKindLabel(parent->kind),
                model::formatForPeople(parent->signedAt).c_str());
    ImGui::Text(_("This addendum is dated %s"), model::formatForPeople(app.now()).c_str());
    textField(_("What you are adding"), _("Write it as a new entry; it does not change what was signed."),
              form.text, "addendum.text", 6);
    textField(_("Why it is added now"), _("For example: information received after the visit."), form.reason,
              "addendum.reason", 2);
    if (parent->kind == storage::kinds::kConcern) {
        model::Concern concern;
        try {
            concern = model::concernFromJson(parent->payload);
        } catch (const std::invalid_argument&) {
        }
        std::vector<nlohmann::json> addenda;
        for (const auto& record : app.recordsOfCurrentChild())
            if (record.kind == storage::kinds::kAddendum && record.parentId == parent->id)
                addenda.push_back(record.payload);
        const auto followUps = model::concernFollowUps(concern, addenda);
        if (!followUps.empty()) sectionHeader(_("Follow-ups done"));
        for (const auto& followUp : followUps) {
            if (!followUp.doneAt.empty()) continue;
            bool done = form.followUpsDone.count(followUp.id) > 0;
            if (bigCheckbox(followUp.text.shown().c_str(), done, ("addendum.done." + followUp.id).c_str())) {
                if (done)
                    form.followUpsDone.insert(followUp.id);
                else
                    form.followUpsDone.erase(followUp.id);
            }
        }
    }
    if (!form.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        wrappedText(form.error.c_str());
        ImGui::PopStyleColor();
    }
    if (primaryButton(_("Add and sign the addendum"), "addendum.save", dp(360)))
        actions.later([](App& a) { a.editors().addendum.sign(a); });
    endScreen();
}

} // namespace heard::ui
