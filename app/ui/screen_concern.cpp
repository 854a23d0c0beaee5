// A welfare concern (SF 2.88-2.108). The form records; it never prompts the practitioner to
// question the child further (SF 2.89). Every time can be set to when it happened and keeps when
// it was written (issue 13); referrals carry the deadlines the framework sets, in working days.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/event_time.h"
#include "app/model/safeguarding_content.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui_stdlib.h>

#include <cstdio>

namespace heard::ui {

namespace {

void lateEntryChip(const std::string& at, const std::string& writtenAt) {
    if (!model::isLateEntry(at, writtenAt)) return;
    ImGui::SameLine();
    const std::string text = std::string(_("Late entry, written ")) + model::formatForPeople(writtenAt);
    chip(text.c_str(), IM_COL32(255, 241, 204, 255), colours::text);
}

} // namespace

void drawConcernScreen(App& app, Actions& actions) {
    beginScreen("##concern");
    ConcernEditor& form = app.editors().concern;
    model::Concern& concern = form.concern;
    if (childScreenHeader(app, _("< Child"), _("Welfare concern"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    // SF 2.89-2.92: stop questioning, record the words, no promises of secrecy or outcomes.
    const char* banner =
        _("Once you suspect significant harm, stop questioning. If the child wants to talk, listen "
          "and write down their own words. Do not promise to keep it secret, and do not say what "
          "will or will not happen. Tell the child a referral will be made, unless that would be "
          "unsafe, and that they may need to say it again to the person who deals with it.");
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    const float wrap = ImGui::GetContentRegionAvail().x - padding.x * 2;
    const float bannerHeight = ImGui::CalcTextSize(banner, nullptr, false, wrap).y + padding.y * 2 + dp(4);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 244, 236, 255));
    ImGui::BeginChild("##stop_questioning", ImVec2(0, bannerHeight), true);
    wrappedText(banner);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (model::isLateEntry(concern)) {
        chip(_("Late entry (SF 3.45)"), IM_COL32(255, 241, 204, 255), colours::text);
        tag("concern.late_entry");
    }

    ImGui::Text(_("Concern identified: %s"), model::formatForPeople(concern.identifiedAt).c_str());
    lateEntryChip(concern.identifiedAt, concern.identifiedWrittenAt);
    textField(_("When it was identified, if not now"),
              _("year-month-day hours:minutes, e.g. 2026-11-22 16:00"), form.identifiedWhen,
              "concern.identified_when", 1);
    if (bigButton(_("Set the time"), "concern.identified_set")) form.setIdentified(app);
    if (form.timeErrorFor == "identified") errorLine(form.timeError.c_str());

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
    for (size_t i = 0; i < concern.actions.size(); ++i) {
        wrappedBullet(
            (model::formatForPeople(concern.actions[i].at) + "  \u2014  " + concern.actions[i].what).c_str());
        lateEntryChip(concern.actions[i].at, concern.actions[i].writtenAt);
    }
    textField(_("Action taken"), _("For example: telephoned the local authority's children's services."),
              form.newActionWhat, "concern.action_text", 1);
    textField(_("When it was done, if not now"), _("year-month-day hours:minutes"), form.newActionWhen,
              "concern.action_when", 1);
    if (bigButton(_("Add action"), "concern.add_action")) form.addAction(app);
    if (form.timeErrorFor == "action") errorLine(form.timeError.c_str());

    sectionHeader(_("Who was told"));
    ImGui::TextUnformatted(_("Were the parents informed?"));
    if (choiceButton(_("Yes"), concern.parentsInformed == "yes", "concern.parents_yes")) {
        concern.parentsInformed = "yes";
        form.markEdited();
    }
    ImGui::SameLine();
    if (choiceButton(_("No"), concern.parentsInformed == "no", "concern.parents_no")) {
        concern.parentsInformed = "no";
        concern.parentsAgreed.clear();
        form.markEdited();
    }
    if (concern.parentsInformed == "yes") {
        ImGui::TextUnformatted(_("Did they agree to the referral?"));
        if (choiceButton(_("They agreed"), concern.parentsAgreed == "yes", "concern.parents_agreed_yes")) {
            concern.parentsAgreed = "yes";
            form.markEdited();
        }
        ImGui::SameLine();
        if (choiceButton(_("They did not agree"), concern.parentsAgreed == "no",
                         "concern.parents_agreed_no")) {
            concern.parentsAgreed = "no";
            form.markEdited();
        }
    }
    if (bigCheckbox(_("The manager has been informed"), concern.managerInformed,
                    "concern.manager_informed")) {
        concern.managerInformedAt = concern.managerInformed ? app.now() : "";
        form.markEdited();
    }

    sectionHeader(_("Referrals"));
    const model::SafeguardingContent& content = model::safeguardingContent();
    const auto followUps = model::concernFollowUps(concern, {});
    for (size_t i = 0; i < concern.referrals.size(); ++i) {
        const model::Referral& referral = concern.referrals[i];
        const model::ReferralRoute* route = content.route(referral.route);
        ImGui::PushID(int(i));
        wrappedBullet((model::formatForPeople(referral.at) + "  \u2014  " +
                       (route ? route->text.shown() : referral.route))
                          .c_str());
        tag(("concern.referral." + std::to_string(i)).c_str());
        lateEntryChip(referral.at, referral.writtenAt);
        if (!referral.note.empty()) mutedText(referral.note.c_str());
        ImGui::Indent();
        for (const auto& followUp : followUps)
            if (followUp.referral == i) {
                char line[512];
                std::snprintf(line, sizeof line, _("%s by %s"), followUp.text.shown().c_str(),
                              model::formatForPeople(followUp.dueAt).c_str());
                wrappedBullet(line);
                tag(("concern.deadline." + followUp.id).c_str());
            }
        ImGui::Unindent();
        ImGui::PopID();
    }
    if (!followUps.empty())
        mutedText(_("Deadlines count in working days from when the referral was made. They show on your "
                    "caseload until an addendum marks them done."));
    ImGui::TextUnformatted(_("Add a referral: how was it made?"));
    for (const model::ReferralRoute& route : content.referralRoutes)
        if (choiceButton(route.text.shown().c_str(), form.newReferralRoute == route.id,
                         ("concern.route." + route.id).c_str(), -1.0f))
            form.newReferralRoute = form.newReferralRoute == route.id ? "" : route.id;
    for (const std::string& error : content.errors)
        mutedText(error.c_str());
    textField(_("When it was made, if not now"), _("year-month-day hours:minutes"), form.newReferralWhen,
              "concern.referral_when", 1);
    textField(_("To whom, and any reference"), nullptr, form.newReferralNote, "concern.referral_note", 1);
    if (bigButton(_("Add referral"), "concern.add_referral")) form.addReferral(app);
    if (form.timeErrorFor == "referral") errorLine(form.timeError.c_str());

    sectionHeader(_("Sign"));
    mutedText(_("Written by the person directly involved, signed and dated."));
    if (textField(_("Your name, typed"), nullptr, concern.signatureName, "concern.signature_name", 1))
        form.markEdited();
    if (signaturePad(concern.signatureStrokes, form.draft.currentStroke, "concern.signature_pad"))
        form.markEdited();
    ImGui::Text(_("Date and time: %s"), model::formatForPeople(app.now()).c_str());
    form.draft.signProblems.update(model::concernSigningProblems(concern, model::fromIsoUtc(app.now())));
    signProblemsPanel(
        form.draft.signProblems,
        problemFields("concern.", model::concernTextFields(),
                      {{"When the concern was identified", "identified_when"},
                       {"The time the concern was identified is in the future", "identified_when"},
                       {"At least one action taken, with its time", "action_text"},
                       {"Every action needs what was done and when", "action_text"},
                       {"An action's time is in the future", "action_text"},
                       {"Whether the parents were informed", "parents_yes"},
                       {"Whether the parents agreed to the referral", "parents_agreed_yes"},
                       {"The manager must be informed", "manager_informed"}}));
    if (primaryButton(_("Sign the concern"), "concern.sign", dp(300)))
        actions.later([](App& a) { a.editors().concern.sign(a); });
    endScreen();
}

} // namespace heard::ui
