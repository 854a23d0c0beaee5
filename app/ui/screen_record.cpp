// A record as signed, read-only, with its dated addenda underneath and a way to add one.
#include "app/i18n/i18n.h"
#include "app/model/calendar.h"
#include "app/model/concern.h"
#include "app/model/visit.h"
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/framework/view/activity_views.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/record_text.h"
#include "app/ui/screens.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "storage/record_kinds.h"

namespace heard::ui {

namespace {

void field(const char* label, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    ImGui::TextWrapped("%s", label);
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
    for (const auto& spec : model::visitWriteUpFields())
        field(_(spec.label), visit.writeUp.value(spec.key, ""));
    field(_("Signed by"), visit.signatureName);
    signatureView(visit.signatureStrokes, dp(80));
}

void drawConcern(const nlohmann::json& payload) {
    model::Concern concern;
    try {
        concern = model::concernFromJson(payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    field(_("Concern identified"), model::formatForPeople(concern.identifiedAt));
    for (const auto& spec : model::concernTextFields())
        field(_(spec.label), concern.fields.value(spec.key, ""));
    std::string actions;
    for (const auto& action : concern.actions)
        actions += model::formatForPeople(action.at) + "  " + action.what + "\n";
    field(_("Actions taken"), actions);
    field(_("Parents informed"), concern.parentsInformed == "yes"  ? _("Yes")
                                 : concern.parentsInformed == "no" ? _("No")
                                                                   : "");
    field(_("Manager informed"),
          concern.managerInformed ? model::formatForPeople(concern.managerInformedAt) : _("No"));
    field(_("Signed by"), concern.signatureName);
    signatureView(concern.signatureStrokes, dp(80));
}

} // namespace

void drawRecordScreen(App& app, Actions& actions) {
    beginScreen("##record");
    const auto record = app.store()->recordById(app.recordId());
    if (screenHeader(_("< Child"), record ? recordKindLabel(record->kind) : _("Record")))
        actions.later([](App& a) { a.back(); });
    noticeBar(app.notice);
    if (!record) {
        mutedText(_("This record is not on this tablet."));
        endScreen();
        return;
    }
    ImGui::TextUnformatted(recordSummaryLine(*record).c_str());
    if (record->highRisk) chip(_("\u2691 Manager flagged"), IM_COL32(250, 220, 220, 255), colours::danger);
    if (record->status == storage::RecordStatus::Signed && record->kind != storage::kinds::kAddendum) {
        if (primaryButton(_("Add an addendum"), "record.add_addendum", dp(300)))
            actions.later([id = record->id](App& a) { a.startAddendum(id); });
    }
    ImGui::Separator();
    if (record->kind == storage::kinds::kVisit)
        drawVisit(record->payload);
    else if (record->kind == storage::kinds::kConcern)
        drawConcern(record->payload);
    else if (record->kind == storage::kinds::kNotSeen) {
        field(_("Why the child was not seen"), record->payload.value("reason", ""));
        field(_("What happens next"), record->payload.value("planned_next", ""));
        field(_("Signed by"), record->payload.value("signature_name", ""));
    } else if (record->kind == storage::kinds::kActivity) {
        tools::ActivityResult result;
        std::string error;
        if (tools::resultFromJson(record->payload, result, error))
            tools::drawSummary(result, app.activityLibrary().find(result.contentId));
        else
            mutedText(error.c_str());
    } else {
        ImGui::TextWrapped("%s", record->payload.dump(2).c_str());
    }

    if (record->kind == storage::kinds::kVisit) {
        sectionHeader(_("Impact of parental conflict"));
        if (bigButton(_("Parental conflict analysis"), "record.conflict_analysis", dp(300)))
            actions.later([id = record->id](App& a) { a.openConflictAnalysis(id); });
    }

    // Activities of a visit, and every addendum, under the record they belong to.
    for (const auto& other : app.recordsOfCurrentChild()) {
        if (other.parentId != record->id || other.kind != storage::kinds::kActivity) continue;
        tools::ActivityResult result;
        std::string error;
        if (!tools::resultFromJson(other.payload, result, error)) continue;
        ImGui::PushID(other.id.c_str());
        sectionHeader(_("Activity"));
        tools::drawSummary(result, app.activityLibrary().find(result.contentId));
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
