// A record as signed, read-only, with its dated addenda underneath and a way to add one.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/concern.h"
#include "app/model/event_time.h"
#include "app/model/information_sharing.h"
#include "app/model/risk_identification.h"
#include "app/model/safeguarding_content.h"
#include "app/model/visit.h"
#include "app/report/report_store.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/view/activity_views.h"
#include "app/ui/choice_button.h"
#include "app/ui/identity_view.h"
#include "app/ui/judge_sending_view.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/record_text.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"
#include "app/ui/kit/wrapped_text.h"

namespace heard::ui {

namespace {

void field(const char* label, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    wrappedText(label);
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.empty() ? "\u2014" : value.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

void drawVisit(const nlohmann::json& payload) {
    model::Visit visit;
    try {
        visit = model::visitFromJson(payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    const std::string values[] = {visit.where, visit.present, visit.purpose};
    for (size_t i = 0; i < model::visitStartFields().size(); ++i)
        field(_(model::visitStartFields()[i].label), values[i]);
    field(_("Limits of confidentiality explained"),
          visit.confidentialityExplained ? model::formatForPeople(visit.confidentialityExplainedAt)
                                         : std::string(_("No")));
    field(_("Interpreter"), interpreterText(visit.interpreter));
    for (const auto& spec : model::visitWriteUpFields())
        field(_(spec.label), visit.writeUp.value(spec.key, ""));
    field(_("Signed by"), visit.signatureName);
    signatureView(visit.signatureStrokes, dp(80));
}

// "Mon 23 Nov 2026, 10:15", and "(late entry, written ...)" when written well after (SF 3.45).
std::string timeWithLateEntry(const std::string& at, const std::string& writtenAt) {
    std::string text = model::formatForPeople(at);
    if (model::isLateEntry(at, writtenAt))
        text += std::string("  (") + _("late entry, written ") + model::formatForPeople(writtenAt) + ")";
    return text;
}

void drawConcern(App& app, const storage::Record& record) {
    model::Concern concern;
    try {
        concern = model::concernFromJson(record.payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    if (model::isLateEntry(concern)) {
        chip(_("Late entry (SF 3.45)"), IM_COL32(255, 241, 204, 255), colours::text);
        tag("record.late_entry");
    }
    field(_("Concern identified"), timeWithLateEntry(concern.identifiedAt, concern.identifiedWrittenAt));
    for (const auto& spec : model::concernTextFields())
        field(_(spec.label), concern.fields.value(spec.key, ""));
    std::string actions;
    for (const auto& action : concern.actions)
        actions += timeWithLateEntry(action.at, action.writtenAt) + "  " + action.what + "\n";
    field(_("Actions taken"), actions);
    field(_("Parents informed"), concern.parentsInformed == "yes"  ? _("Yes")
                                 : concern.parentsInformed == "no" ? _("No")
                                                                   : "");
    if (concern.parentsInformed == "yes")
        field(_("Parents agreed to the referral"), concern.parentsAgreed == "yes"  ? _("Yes")
                                                   : concern.parentsAgreed == "no" ? _("No")
                                                                                   : "");
    field(_("Manager informed"),
          concern.managerInformed ? model::formatForPeople(concern.managerInformedAt) : _("No"));

    // Referrals, with each deadline and whether an addendum has marked it done.
    std::vector<nlohmann::json> addenda;
    for (const auto& other : app.recordsOfCurrentChild())
        if (other.parentId == record.id && other.kind == storage::kinds::kAddendum)
            addenda.push_back(other.payload);
    const auto followUps = model::concernFollowUps(concern, addenda);
    sectionHeader(_("Referrals and follow-ups"));
    if (concern.referrals.empty()) mutedText(_("No referral recorded."));
    const model::SafeguardingContent& content = model::safeguardingContent();
    for (size_t i = 0; i < concern.referrals.size(); ++i) {
        const model::Referral& referral = concern.referrals[i];
        const model::ReferralRoute* route = content.route(referral.route);
        ImGui::PushID(int(i));
        wrappedBullet((timeWithLateEntry(referral.at, referral.writtenAt) + "  \u2014  " +
                       (route ? route->text.shown() : referral.route))
                          .c_str());
        tag(("record.referral." + std::to_string(i)).c_str());
        if (!referral.note.empty()) mutedText(referral.note.c_str());
        ImGui::Indent();
        for (const auto& followUp : followUps) {
            if (followUp.referral != i) continue;
            const std::string line = followUp.doneAt.empty()
                                         ? followUp.text.shown() + "  \u2014  " + _("due ") +
                                               model::formatForPeople(followUp.dueAt)
                                         : followUp.text.shown() + "  \u2014  " + _("done ") +
                                               model::formatForPeople(followUp.doneAt);
            wrappedBullet(line.c_str());
            tag(("record.follow_up." + followUp.id).c_str());
        }
        ImGui::Unindent();
        ImGui::PopID();
    }
    field(_("Signed by"), concern.signatureName);
    signatureView(concern.signatureStrokes, dp(80));
}

const char* factorStateLabel(const std::string& state) {
    if (state == model::kFactorPresent) return _("Present");
    if (state == model::kFactorAbsent) return _("Not present");
    if (state == model::kFactorUnknown) return _("Not known");
    return _("Not answered");
}

void drawRisk(App& app, Actions& actions, const storage::Record& record) {
    model::RiskIdentification risk;
    try {
        risk = model::riskFromJson(record.payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    // Every version, oldest first; the current one can be reviewed (a new version), never edited.
    const auto history = model::riskChain(model::riskHistory(app.recordsOfCurrentChild()), record.id);
    sectionHeader(_("Versions"));
    for (size_t i = 0; i < history.size(); ++i) {
        const model::RiskVersion& version = history[i];
        ImGui::PushID(int(i));
        std::string line = model::formatForPeople(version.signedAt) + "  \u00B7  " + version.signedBy;
        line += version.reviews.empty() ? std::string("  \u00B7  ") + _("first")
                                        : std::string("  \u00B7  ") + _("review");
        if (version.replacedBy.empty()) line += std::string("  \u00B7  ") + _("current");
        if (selectableRow(line.c_str(), version.recordId == record.id,
                          ("record.risk_version." + std::to_string(i)).c_str()))
            actions.later([id = version.recordId](App& a) { a.openRecord(id); });
        ImGui::PopID();
    }
    bool current = false;
    for (const auto& version : history)
        if (version.recordId == record.id && version.replacedBy.empty()) current = true;
    if (current && bigButton(_("Review the risk identification"), "record.risk_review", dp(360)))
        actions.later([id = record.id](App& a) { a.editors().risk.startReview(a, id); });
    if (!current && record.status == storage::RecordStatus::Signed)
        mutedText(_("A later review replaced this version. It is kept as it was signed."));

    if (!risk.reviews.empty()) field(_("Why it was reviewed"), risk.reviewReason);
    sectionHeader(_("Risk factors (SF 2.14)"));
    for (const model::ContentItem& factor : model::safeguardingContent().riskFactors) {
        const auto it = risk.factors.find(factor.id);
        const std::string state = it == risk.factors.end() ? "" : it->second.state;
        std::string value = factorStateLabel(state);
        if (state == model::kFactorPresent)
            value += std::string("\n") + _("Source: ") + it->second.source + "\n" + _("Evidence: ") +
                     it->second.evidence;
        field(factor.text.shown().c_str(), value);
    }
    field(_("Other risk factors"), risk.otherFactors);
    field(_("How likely is harm?"), risk.likelihood);
    field(_("How serious would the harm be?"), risk.seriousness);
    field(_("Safety plan"), risk.safetyPlan);
    field(_("Review date"),
          risk.reviewDate.empty() ? "" : model::formatDateForPeople(risk.reviewDate + "T00:00:00Z"));
    field(_("Signed by"), risk.signatureName);
    signatureView(risk.signatureStrokes, dp(80));
}

void drawSharing(const nlohmann::json& payload) {
    model::InformationSharing sharing;
    try {
        sharing = model::sharingFromJson(payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    const model::SharingBasis* basis = model::safeguardingContent().basis(sharing.basis);
    field(_("What was shared"), sharing.what);
    field(_("With whom"), sharing.withWhom);
    field(_("Why"), sharing.why);
    field(_("Basis"), basis ? basis->text.shown() : sharing.basis);
    if (!sharing.basisReason.empty()) field(_("Reasons for the decision"), sharing.basisReason);
    field(_("Who decided"), sharing.decidedBy);
    field(_("When it was decided"), timeWithLateEntry(sharing.decidedAt, sharing.writtenAt));
    field(_("Signed by"), sharing.signatureName);
    signatureView(sharing.signatureStrokes, dp(80));
}

// A manager's note from the central system (issue 15): marked as the manager's, read-only.
void drawManagerNote(const nlohmann::json& payload) {
    chip(_("Written by your manager"), colours::accentSoft, colours::accentText);
    const std::string decision = payload.value("decision", "");
    const char* decisionText = decision == "agree_referral"           ? _("Agree the referral")
                               : decision == "discuss_in_supervision" ? _("Discuss in supervision")
                               : decision == "return_for_analysis"    ? _("Return for more analysis")
                                                                      : _("Noted");
    field(_("Decision"), decisionText);
    field(_("Note"), payload.value("note", ""));
    field(_("Date"), payload.value("note_date", ""));
    field(_("Manager"), payload.value("author_name", ""));
}

} // namespace

namespace {

// A signed visit and its signed conflict analysis go on file as PDFs (issue 16): the newest
// report made from the record opens as stored; the first tap makes it.
void reportButton(Actions& actions, const std::vector<storage::Record>& records, const storage::Record& of,
                  const char* reportType, const char* label, const char* tagName) {
    if (!bigButton(label, tagName, dp(360))) return;
    const auto made = report::latestReport(records, of.id, reportType);
    actions.later([id = of.id, reportId = made ? made->id : std::string(), reportType](App& a) {
        if (!reportId.empty())
            a.editors().reportViewer.open(a, reportId);
        else
            a.editors().reportViewer.makeAndOpen(a, id, reportType);
    });
}

void drawVisitReports(App& app, Actions& actions, const storage::Record& visit) {
    if (visit.status != storage::RecordStatus::Signed) return;
    const std::vector<storage::Record>& records = app.recordsOfCurrentChild();
    sectionHeader(_("Reports (PDF)"));
    reportButton(actions, records, visit, report::kVisitReport, _("Visit report (PDF)"),
                 "record.visit_report");
    for (const storage::Record& r : records)
        if (r.kind == storage::kinds::kConflictAnalysis && r.parentId == visit.id &&
            r.status == storage::RecordStatus::Signed)
            reportButton(actions, records, r, report::kConflictAnalysisReport,
                         _("Conflict analysis report (PDF)"), "record.conflict_report");
}

} // namespace

void drawRecordScreen(App& app, Actions& actions) {
    beginScreen("##record");
    const auto record = app.store()->recordById(app.recordId());
    if (childScreenHeader(app, _("< Child"), record ? recordKindLabel(record->kind) : _("Record")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!record) {
        mutedText(_("This record is not on this tablet."));
        endScreen();
        return;
    }
    ImGui::TextUnformatted(recordSummaryLine(*record).c_str());
    if (record->highRisk)
        chip((std::string("\u2691 ") + _("Manager flagged")).c_str(), IM_COL32(250, 220, 220, 255),
             colours::danger);
    // Made on another tablet before the case came here (issue 20): shown, never added to here.
    if (record->received) {
        chip(_("Recorded on another tablet before this case came to you"), colours::accentSoft,
             colours::accentText);
        tag("record.received");
    }
    // Secured for a review (issue 20): frozen as it was, said plainly instead of an addendum.
    const bool secured = app.caseLifeOfCurrentChild().secured;
    if (secured) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::accent);
        wrappedText(
            _("This case is secured for a review: its records are frozen and nothing more can be added "
              "on this tablet."));
        ImGui::PopStyleColor();
        tag("record.secured");
    }
    // A risk identification is changed only by a review (a new version), not by an addendum.
    if (record->status == storage::RecordStatus::Signed && !record->received && !secured &&
        record->kind != storage::kinds::kAddendum && record->kind != storage::kinds::kRiskIdentification &&
        record->kind != storage::kinds::kManagerNote) {
        if (primaryButton(_("Add an addendum"), "record.add_addendum", dp(300)))
            actions.later([id = record->id](App& a) { a.startAddendum(id); });
    }
    ImGui::Separator();
    if (record->kind == storage::kinds::kVisit)
        drawVisit(record->payload);
    else if (record->kind == storage::kinds::kConcern)
        drawConcern(app, *record);
    else if (record->kind == storage::kinds::kRiskIdentification)
        drawRisk(app, actions, *record);
    else if (record->kind == storage::kinds::kInformationSharing)
        drawSharing(record->payload);
    else if (record->kind == storage::kinds::kNotSeen) {
        field(_("Why the child was not seen"), record->payload.value("reason", ""));
        field(_("What happens next"), record->payload.value("planned_next", ""));
        field(_("Signed by"), record->payload.value("signature_name", ""));
    } else if (record->kind == storage::kinds::kActivity) {
        tools::ActivityResult result;
        std::string error;
        if (tools::resultFromJson(record->payload, result, error)) {
            tools::drawSummary(result,
                               app.activityLibrary().forRecord(result.contentId, result.contentVersion));
            drawJudgeSending(app, actions, *record, result);
        } else
            mutedText(error.c_str());
    } else if (record->kind == storage::kinds::kChildPeople) {
        drawChildPeopleRecord(record->payload);
    } else if (record->kind == storage::kinds::kIdentityNeeds) {
        drawIdentityNeeds(record->payload);
    } else if (record->kind == storage::kinds::kManagerNote) {
        drawManagerNote(record->payload);
    } else {
        wrappedText(record->payload.dump(2).c_str());
    }

    if (record->kind == storage::kinds::kVisit) {
        sectionHeader(_("Impact of parental conflict"));
        if (bigButton(_("Parental conflict analysis"), "record.conflict_analysis", dp(300)))
            actions.later([id = record->id](App& a) { a.openConflictAnalysis(id); });
        drawVisitReports(app, actions, *record);
    }

    // Activities of a visit, and every addendum, under the record they belong to.
    for (const auto& other : app.recordsOfCurrentChild()) {
        if (other.parentId != record->id || other.kind != storage::kinds::kActivity) continue;
        tools::ActivityResult result;
        std::string error;
        if (!tools::resultFromJson(other.payload, result, error)) continue;
        ImGui::PushID(other.id.c_str());
        sectionHeader(_("Activity"));
        tools::drawSummary(result, app.activityLibrary().forRecord(result.contentId, result.contentVersion));
        drawJudgeSending(app, actions, other, result); // a message to the judge: agreed? sent? (issue 18.5)
        ImGui::PopID();
    }
    drawAddenda(app, record->id);
    endScreen();
}

void drawAddenda(App& app, const std::string& parentRecordId) {
    for (const auto& other : app.recordsOfCurrentChild()) {
        if (other.parentId != parentRecordId || other.kind != storage::kinds::kAddendum) continue;
        ImGui::PushID(other.id.c_str());
        sectionHeader(_("Addendum"));
        ImGui::Text(_("Added %s by %s"), model::formatForPeople(other.signedAt).c_str(),
                    other.signedBy.c_str());
        field(_("What was added"), other.payload.value("text", ""));
        field(_("Why it was added later"), other.payload.value("reason_added_later", ""));
        tag("record.addendum");
        ImGui::PopID();
    }
}

} // namespace heard::ui
