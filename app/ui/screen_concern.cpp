// A welfare concern (SF 2.88-2.97). The form records; it never prompts the practitioner to
// question the child further (SF 2.89). It is flagged for the manager and heads the sync queue.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_stdlib.h>

namespace heard::ui {

void drawConcernScreen(App& app, Actions& actions) {
    beginScreen("##concern");
    ConcernEditor& form = app.editors().concern;
    model::Concern& concern = form.concern;
    if (screenHeader(_("< Child"), _("Welfare concern"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 244, 236, 255));
    ImGui::BeginChild("##stop_questioning", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2 + dp(24)),
                      true);
    ImGui::TextWrapped(
        "%s", _("Once you suspect significant harm, stop questioning. Listen, reassure, and record what "
                "the child said in their own words as soon as you can."));
    ImGui::EndChild();
    ImGui::PopStyleColor();

    ImGui::Text(_("Concern identified: %s"), model::formatForPeople(concern.identifiedAt).c_str());
    if (bigCheckbox(_("High or imminent risk: flag for the manager now"), form.highRisk, "concern.high_risk"))
        form.markEdited();

    for (const auto& spec : model::concernTextFields()) {
        std::string value = concern.fields.value(spec.key, "");
        if (textField(_(spec.label), _(spec.hint), value, (std::string("concern.") + spec.key).c_str(), 4)) {
            concern.fields[spec.key] = value;
            form.markEdited();
        }
    }

    if (concern.skinMapRecordId.empty()) {
        if (bigButton(_("Add a skin map of visible injuries"), "concern.skin_map", dp(400)))
            actions.later([id = form.draft.recordId](App& a) { a.openSkinMap(id); });
    } else {
        ImGui::TextUnformatted(_("A skin map is linked to this concern."));
        if (bigButton(_("Open the skin map"), "concern.open_skin_map", dp(300)))
            actions.later([id = concern.skinMapRecordId](App& a) { a.openSavedSkinMap(id); });
    }

    sectionHeader(_("Actions taken, with times"));
    for (size_t i = 0; i < concern.actions.size(); ++i)
        ImGui::BulletText("%s  \u2014  %s", model::formatForPeople(concern.actions[i].at).c_str(),
                          concern.actions[i].what.c_str());
    textField(_("Action taken"), _("For example: telephoned the local authority's children's services."),
              form.newActionWhat, "concern.action_text", 1);
    if (bigButton(_("Add action now"), "concern.add_action") && !model::isBlank(form.newActionWhat)) {
        concern.actions.push_back({form.newActionWhat, app.now()});
        form.newActionWhat.clear();
        form.markEdited();
    }

    sectionHeader(_("Who was told"));
    ImGui::TextUnformatted(_("Were the parents informed?"));
    if (ImGui::RadioButton(_("Yes"), concern.parentsInformed == "yes")) {
        concern.parentsInformed = "yes";
        form.markEdited();
    }
    tag("concern.parents_yes");
    ImGui::SameLine();
    if (ImGui::RadioButton(_("No"), concern.parentsInformed == "no")) {
        concern.parentsInformed = "no";
        form.markEdited();
    }
    tag("concern.parents_no");
    if (bigCheckbox(_("The manager has been informed"), concern.managerInformed,
                    "concern.manager_informed")) {
        concern.managerInformedAt = concern.managerInformed ? app.now() : "";
        form.markEdited();
    }

    sectionHeader(_("Referral"));
    bool phoned = !concern.referralByPhoneAt.empty();
    if (bigCheckbox(_("A referral was made by telephone"), phoned, "concern.referral_phone")) {
        concern.referralByPhoneAt = phoned ? app.now() : "";
        form.markEdited();
    }
    if (phoned) {
        for (const auto& followUp : model::concernFollowUps(concern, {}))
            ImGui::BulletText(_("%s by %s"), _(followUp.label.c_str()),
                              model::formatForPeople(followUp.dueAt).c_str());
        mutedText(_("These deadlines show on your caseload until an addendum marks them done."));
    }

    sectionHeader(_("Sign"));
    mutedText(_("Written by the person directly involved, signed and dated."));
    if (textField(_("Your name, typed"), nullptr, concern.signatureName, "concern.signature_name", 1))
        form.markEdited();
    if (signaturePad(concern.signatureStrokes, form.draft.currentStroke, "concern.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    signProblemsPanel(form.draft.signProblems);
    if (primaryButton(_("Sign the concern"), "concern.sign", dp(300)))
        actions.later([](App& a) { a.editors().concern.sign(a); });
    endScreen();
}

} // namespace heard::ui
