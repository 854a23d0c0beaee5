// One child's page: the details as allocated, the records in time order, and what the
// practitioner can do next. A confidential address is never shown, not even here.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/child_details.h"
#include "app/ui/identity_view.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/record_text.h"
#include "app/ui/record_kinds.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

void detailLine(const char* label, const std::string& value) {
    if (value.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
    ImGui::SameLine(dp(190));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
}

// What the central system decided about the case (issue 20), in the page's own words.
void caseLifeLine(const std::string& text, ImU32 colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

} // namespace

void drawChildScreen(App& app, Actions& actions) {
    beginScreen("##child");
    const auto child = app.currentChild();
    if (childScreenHeader(app, _("< Caseload"), child ? child->displayName.c_str() : _("Child")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!child) {
        mutedText(_("This child is no longer on this tablet."));
        endScreen();
        return;
    }
    // The central system has taken the case away or secured it (issue 20): said plainly, first.
    const App::CaseLife& life = app.caseLifeOfCurrentChild();
    if (life.leaving) {
        std::string text = _("This case has been moved to another practitioner or closed. It will leave this "
                             "tablet once everything in it is signed and sent.");
        char line[200];
        if (life.block.drafts > 0) {
            std::snprintf(line, sizeof line,
                          _("Unsigned drafts keeping it here: %lld. Finish and sign them."),
                          static_cast<long long>(life.block.drafts));
            text += std::string(" ") + line;
        }
        if (life.block.unsynced > 0) {
            std::snprintf(line, sizeof line, _("Still to be sent: %lld."),
                          static_cast<long long>(life.block.unsynced));
            text += std::string(" ") + line;
        }
        caseLifeLine(text, colours::accent);
        tag("child.case_leaving");
    }
    if (life.refusedReallocated > 0) {
        char line[300];
        std::snprintf(
            line, sizeof line,
            _("The central system refused %zu record(s) of this case: they were begun after the case "
              "was moved to another practitioner. They are kept on this tablet. Please tell your "
              "manager."),
            life.refusedReallocated);
        caseLifeLine(line, colours::danger);
        tag("child.case_refused");
    }
    if (life.secured) {
        caseLifeLine(_("This case is secured for a review: its records are frozen and nothing more can be "
                       "added on this tablet."),
                     colours::accent);
        tag("child.case_secured");
    }
    const model::ChildDetails details = model::childDetailsFromJson(child->details);
    const int age = model::ageInYears(child->dateOfBirth, app.now().substr(0, 10));

    // Actions first: in portrait they sit above the fold. A secured case takes nothing more.
    ImGui::BeginDisabled(life.secured);
    // A visit already being written is continued, never doubled by a second blank one (13.5).
    const storage::Record* draftVisit = nullptr;
    for (const auto& record : app.recordsOfCurrentChild())
        if (record.kind == storage::kinds::kVisit && record.status == storage::RecordStatus::Draft)
            draftVisit = &record;
    if (draftVisit) {
        char started[160];
        std::snprintf(started, sizeof started, _("A visit started %s is not signed yet."),
                      model::formatForPeople(draftVisit->createdAt).c_str());
        mutedText(started);
        if (primaryButton(_("Continue that visit"), "child.continue_visit"))
            actions.later([id = draftVisit->id](App& a) { a.openRecord(id); });
    } else if (primaryButton(_("Start a visit"), "child.start_visit")) {
        actions.later([](App& a) { a.startVisit(); });
    }
    ImGui::SameLine();
    if (bigButton(_("Child not seen"), "child.not_seen"))
        actions.later([](App& a) { a.editors().notSeen.start(a); });
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(250, 226, 222, 255));
    if (bigButton((std::string("\u26A0 ") + _("Welfare concern")).c_str(), "child.concern"))
        actions.later([](App& a) { a.editors().concern.start(a); });
    ImGui::PopStyleColor();
    // Risk identification: the draft being written, else the current signed version (reviewed
    // from there), else a new one. Information shared: a new record each time.
    if (bigButton(_("Risk identification"), "child.risk")) {
        std::string draftId, currentId;
        for (const auto& record : app.recordsOfCurrentChild())
            if (record.kind == storage::kinds::kRiskIdentification) {
                if (record.status == storage::RecordStatus::Draft)
                    draftId = record.id;
                else
                    currentId = record.id;
            }
        actions.later([draftId, currentId](App& a) {
            if (!draftId.empty())
                a.openRecord(draftId);
            else if (!currentId.empty())
                a.openRecord(currentId);
            else
                a.editors().risk.start(a);
        });
    }
    ImGui::SameLine();
    if (bigButton(_("Information shared"), "child.sharing"))
        actions.later([](App& a) { a.editors().sharing.start(a); });
    // For the court (issue 16): what it is deciding, and the child impact analysis.
    if (bigButton(_("What the court is deciding"), "child.court_matter"))
        actions.later([](App& a) { a.editors().court.open(a); });
    ImGui::SameLine();
    if (bigButton(_("Child impact analysis"), "child.child_impact"))
        actions.later([](App& a) { a.editors().impact.open(a); });
    ImGui::EndDisabled();

    sectionHeader(_("About"));
    char ageText[64];
    std::snprintf(ageText, sizeof ageText, "%s (%d)", child->dateOfBirth.c_str(), age);
    detailLine(_("Born"), age >= 0 ? ageText : child->dateOfBirth);
    if (auto c = app.store()->caseById(child->caseId)) detailLine(_("Case"), c->reference + "  " + c->title);
    detailLine(_("Lives with"), details.carers);
    detailLine(_("Address"), _(model::displayAddress(details, false).c_str()));
    detailLine(_("School"), details.school);
    detailLine(_("Language"), details.preferredLanguage == "cy"   ? _("Welsh")
                              : details.preferredLanguage == "en" ? _("English")
                                                                  : details.preferredLanguage);
    detailLine(_("Interpreter"), details.interpreterLanguage);
    // Identity and needs (issue 18.6): what the latest signed version recorded; items not
    // recorded are left out, "Not known" is shown as such.
    const storage::Record* identity = nullptr;
    for (const auto& record : app.recordsOfCurrentChild())
        if (record.kind == storage::kinds::kIdentityNeeds && record.status == storage::RecordStatus::Signed &&
            (!identity || record.signedAt > identity->signedAt))
            identity = &record;
    if (identity) {
        try {
            const model::IdentityNeeds needs = model::identityNeedsFromJson(identity->payload);
            for (const model::FieldSpec& spec : model::identityNeedsFields())
                if (needs.item(spec.key).recorded())
                    detailLine(_(spec.label), identityItemText(needs.item(spec.key)));
        } catch (const std::invalid_argument& e) {
            mutedText(e.what());
        }
    } else {
        mutedText(_("Identity and needs: not recorded yet."));
    }
    ImGui::BeginDisabled(life.secured);
    if (bigButton(_("Identity and needs"), "child.identity"))
        actions.later([](App& a) { a.editors().identity.start(a); });
    ImGui::SameLine();
    if (bigButton(_("The child's people"), "child.people"))
        actions.later([](App& a) { a.editors().people.start(a); });
    ImGui::EndDisabled();
    if (details.childProtectionPlan)
        chip(_("Child protection plan"), IM_COL32(232, 226, 250, 255), colours::text);

    sectionHeader(_("Records"));
    const auto& records = app.recordsOfCurrentChild();
    if (records.empty()) mutedText(_("Nothing recorded yet."));
    // Newest first; addenda and activities appear under the record they belong to.
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        const storage::Record& record = *it;
        const RecordKindSpec* kind = recordKinds().find(record.kind);
        if (kind && !kind->listedOnChildPage) continue;
        ImGui::PushID(record.id.c_str());
        const float height = ImGui::GetTextLineHeightWithSpacing() * 2.0f + dp(24);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##record", false, 0, ImVec2(0, height)))
            actions.later([id = record.id](App& a) { a.openRecord(id); });
        tag(("child.record." + record.kind).c_str());
        ImGui::SetCursorScreenPos(ImVec2(start.x + dp(12), start.y + dp(8)));
        ImGui::BeginGroup();
        ImGui::TextUnformatted(recordKindLabel(record.kind));
        if (record.highRisk) {
            ImGui::SameLine();
            chip((std::string("\u2691 ") + _("Manager flagged")).c_str(), IM_COL32(250, 220, 220, 255),
                 colours::danger);
        }
        if (record.status == storage::RecordStatus::Draft) {
            ImGui::SameLine();
            chip(_("Draft"), IM_COL32(255, 241, 204, 255), colours::text);
        }
        ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
        ImGui::TextUnformatted(recordSummaryLine(record).c_str());
        ImGui::PopStyleColor();
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + height + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
    endScreen();
}

} // namespace heard::ui
