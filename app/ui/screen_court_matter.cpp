// What the court is deciding in the child's case (issue 16, item 1): the application, the
// court's questions, the hearings, and the parties with their relationship to each child.
// Practitioner only: never drawn in child mode, and the child's letter names no party.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

namespace heard::ui {

void drawCourtMatterScreen(App& app, Actions& actions) {
    beginScreen("##court_matter");
    CourtMatterEditor& e = app.editors().court;
    if (screenHeader(_("< Child"), _("What the court is deciding"))) actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    mutedText(_("The child impact analysis relates its evidence back to this. Never shown to the child."));
    if (!e.caseReference.empty())
        ImGui::TextUnformatted((std::string(_("Case")) + " " + e.caseReference).c_str());
    bool changed = false;

    sectionHeader(_("The application"));
    changed |= textField(_("Type of application"), _("e.g. child arrangements order"),
                         e.matter.applicationType, "court.application_type", 1);
    changed |= textField(_("Applicant"), nullptr, e.matter.applicant, "court.applicant", 1);
    changed |= textField(_("What is asked"), nullptr, e.matter.asked, "court.asked", 2);

    sectionHeader(_("The court's questions"));
    for (size_t i = 0; i < e.matter.questions.size(); ++i) {
        ImGui::PushID(int(i));
        changed |=
            textField("", nullptr, e.matter.questions[i], ("court.question." + std::to_string(i)).c_str(), 2);
        ImGui::PopID();
    }
    textField(_("A question the court has set"), nullptr, e.newQuestion, "court.new_question", 2);
    if (bigButton(_("Add the question"), "court.add_question"))
        actions.later([](App& a) { a.editors().court.addQuestion(); });

    sectionHeader(_("Hearings"));
    for (const model::Hearing& h : e.matter.hearings)
        ImGui::BulletText("%s  %s", h.date.c_str(), h.purpose.c_str());
    textField(_("Date (YYYY-MM-DD)"), nullptr, e.newHearingDate, "court.new_hearing_date", 1);
    textField(_("What the hearing is for"), nullptr, e.newHearingPurpose, "court.new_hearing_purpose", 1);
    if (bigButton(_("Add the hearing"), "court.add_hearing"))
        actions.later([](App& a) { a.editors().court.addHearing(); });

    sectionHeader(_("Parties"));
    for (size_t i = 0; i < e.matter.parties.size(); ++i) {
        model::Party& p = e.matter.parties[i];
        ImGui::PushID(int(i));
        const std::string id = "court.party." + std::to_string(i);
        changed |= textField(_("Name"), nullptr, p.name, (id + ".name").c_str(), 1);
        changed |= textField(_("Role in the proceedings"), nullptr, p.role, (id + ".role").c_str(), 1);
        for (const auto& [childId, childName] : e.children) {
            char label[256];
            std::snprintf(label, sizeof label, _("Relationship to %s"), childName.c_str());
            changed |= textField(label, _("e.g. mother, stepfather"), p.relationships[childId],
                                 (id + ".rel." + childId).c_str(), 1);
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    textField(_("Name of a party"), nullptr, e.newPartyName, "court.new_party_name", 1);
    textField(_("Role in the proceedings"), _("e.g. applicant, respondent"), e.newPartyRole,
              "court.new_party_role", 1);
    if (bigButton(_("Add the party"), "court.add_party"))
        actions.later([](App& a) { a.editors().court.addParty(); });
    if (changed) e.markEdited();

    // The matter reaches the central system as a signed, dated version (issue 16); signing a child
    // impact analysis puts it on file too.
    sectionHeader(_("On file"));
    mutedText(e.recordedAt.empty() ? _("Not yet put on file.")
                                   : (std::string(_("Last put on file")) + ": " + e.recordedAt).c_str());
    if (primaryButton(_("Put on file and send"), "court.record", dp(300)))
        actions.later([](App& a) { a.editors().court.recordForFile(a); });
    endScreen();
}

} // namespace heard::ui
