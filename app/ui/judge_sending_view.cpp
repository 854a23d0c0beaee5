#include "app/ui/judge_sending_view.h"

#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/ui/app.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

const char* wayLabel(const std::string& how) {
    for (const tools::SendingWay& way : tools::sendingWays())
        if (how == way.id) return _(way.label);
    return how.c_str();
}

// "Sent on 23 Nov 2026: in my report to the court. Recorded by ... on ..."
void drawSent(const storage::Record& record) {
    tools::JudgeSending sent;
    try {
        sent = tools::sendingFromJson(record.payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    std::string how = wayLabel(sent.how);
    if (sent.how == "other") how += ": " + sent.howOther;
    wrappedTextF(_("Sent on %s: %s."), model::formatDateForPeople(sent.sentOn + "T00:00:00Z").c_str(),
                 how.c_str());
    tag("judge.sent");
    if (!sent.note.empty()) wrappedText(sent.note.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    wrappedTextF(_("Recorded by %s, %s."), sent.recordedBy.c_str(),
                 model::formatForPeople(sent.recordedAt).c_str());
    ImGui::PopStyleColor();
}

void drawForm(App& app, Actions& actions, const storage::Record& activity) {
    JudgeSendingEditor& form = app.editors().judgeSending;
    if (form.activityRecordId != activity.id) {
        if (bigButton(_("Record when and how it was sent"), "judge.open_form", dp(360)))
            actions.later([id = activity.id](App& a) { a.editors().judgeSending.open(id); });
        return;
    }
    textField(_("The date it was sent"), _("YYYY-MM-DD, for example 2026-11-23"), form.sending.sentOn,
              "judge.sent_on", 1);
    ImGui::TextUnformatted(_("How it was sent"));
    for (const tools::SendingWay& way : tools::sendingWays()) {
        if (choiceButton(_(way.label), form.sending.how == way.id,
                         ("judge.how." + std::string(way.id)).c_str()))
            form.sending.how = way.id;
        sameLineIfFits(dp(260));
    }
    ImGui::NewLine();
    if (form.sending.how == "other")
        textField(_("How, in a few words"), nullptr, form.sending.howOther, "judge.how_other", 1);
    textField(_("Anything to add (optional)"), nullptr, form.sending.note, "judge.note", 2);
    for (const std::string& problem : form.problems)
        errorLine(problem.c_str());
    if (!form.problems.empty()) tag("judge.problems");
    if (primaryButton(_("Record that it was sent"), "judge.record", dp(360)))
        actions.later([](App& a) {
            try {
                a.editors().judgeSending.record(a);
            } catch (const std::exception& e) {
                a.report(e, _("saving"));
            }
        });
}

} // namespace

void drawJudgeSending(App& app, Actions& actions, const storage::Record& activity,
                      const tools::ActivityResult& result) {
    if (result.type != tools::kJudgeActivityType) return;
    ImGui::PushID("judge_sending");
    sectionHeader(_("Sending the message to the court"));
    const tools::JudgeAgreement agreement = tools::judgeAgreement(result);
    ImGui::PushStyleColor(ImGuiCol_Text,
                          agreement == tools::JudgeAgreement::Yes ? colours::text : colours::danger);
    if (agreement == tools::JudgeAgreement::Yes)
        wrappedText(_("The child agreed that their message can be sent to the judge."));
    else if (agreement == tools::JudgeAgreement::NotYet)
        wrappedText(_("The child said \"not yet\": the message must not be sent (NS 4.7)."));
    else
        wrappedText(_("The child has not said yes: the message must not be sent (NS 4.7)."));
    ImGui::PopStyleColor();
    tag("judge.agreement");
    bool anySent = false;
    for (const storage::Record& other : app.recordsOfCurrentChild()) {
        if (other.kind != storage::kinds::kJudgeMessageSent || other.parentId != activity.id) continue;
        ImGui::PushID(other.id.c_str());
        drawSent(other);
        ImGui::PopID();
        anySent = true;
    }
    if (!anySent) {
        mutedText(_("Not recorded as sent yet."));
        tag("judge.not_sent");
    }
    // Only the child's own "yes" opens the form; the editor refuses without it as well.
    const bool frozen = activity.received || app.caseLifeOfCurrentChild().secured;
    if (agreement == tools::JudgeAgreement::Yes && !frozen) drawForm(app, actions, activity);
    ImGui::PopID();
}

} // namespace heard::ui
