// The caseload: the practitioner's children, searchable, with the flags that matter at a
// glance (confidential address, child protection plan, interpreter, follow-ups due or
// overdue, records not yet synced). Long lists go through ImGuiListClipper.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/sync_status_text.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace heard::ui {

namespace {

void drawFlags(const model::CaseloadRow& row) {
    bool first = true;
    auto next = [&] {
        if (!first) ImGui::SameLine();
        first = false;
    };
    char text[160];
    if (row.followUpsOverdue > 0) {
        next();
        std::snprintf(text, sizeof text, _("%d follow-up overdue"), row.followUpsOverdue);
        chip((std::string("\u26A0 ") + text).c_str(), colours::danger, IM_COL32(255, 255, 255, 255));
    }
    if (row.followUpsDueToday > 0) {
        next();
        std::snprintf(text, sizeof text, _("%d due today"), row.followUpsDueToday);
        chip(text, IM_COL32(255, 232, 200, 255), colours::text);
    }
    if (row.riskReview == model::ReviewState::Overdue || row.riskReview == model::ReviewState::Due) {
        next();
        const bool overdue = row.riskReview == model::ReviewState::Overdue;
        std::snprintf(text, sizeof text, overdue ? _("Risk review overdue: %s") : _("Risk review due: %s"),
                      model::formatDateForPeople(row.riskReviewDate + "T00:00:00Z").c_str());
        chip(text, overdue ? colours::danger : IM_COL32(255, 232, 200, 255),
             overdue ? IM_COL32(255, 255, 255, 255) : colours::text);
        tag(("caseload.risk_review." + row.childId).c_str());
    }
    if (row.highRisk) {
        next();
        chip((std::string("\u2691 ") + _("Manager flagged")).c_str(), IM_COL32(250, 220, 220, 255),
             colours::danger);
    }
    if (row.childProtectionPlan) {
        next();
        chip(_("CP plan"), IM_COL32(232, 226, 250, 255), colours::text);
    }
    if (row.confidentialAddress) {
        next();
        chip(_("Confidential address"), IM_COL32(236, 236, 236, 255), colours::text);
    }
    if (!row.interpreterLanguage.empty()) {
        next();
        std::snprintf(text, sizeof text, _("Interpreter: %s"), row.interpreterLanguage.c_str());
        chip(text, IM_COL32(220, 236, 250, 255), colours::text);
    }
    if (row.notSynced > 0) {
        next();
        std::snprintf(text, sizeof text, _("%d not synced"), row.notSynced);
        chip(text, IM_COL32(240, 240, 232, 255), colours::muted);
    }
}

// How many lines the flags can take at this width and text size: every flag a row can have,
// at its longest, laid end to end. The list clipper needs one row height for every row, so the
// rows are as tall as the fullest row could be (chips wrap instead of running off, 13.7).
int flagLines(float width) {
    char overdue[96], due[96], review[160], interpreter[96], notSynced[96];
    std::snprintf(overdue, sizeof overdue, _("%d follow-up overdue"), 99);
    std::snprintf(due, sizeof due, _("%d due today"), 99);
    std::snprintf(review, sizeof review, _("Risk review overdue: %s"), "31 Dec 2026");
    std::snprintf(interpreter, sizeof interpreter, _("Interpreter: %s"), "Portuguese");
    std::snprintf(notSynced, sizeof notSynced, _("%d not synced"), 999);
    const std::string flagged = std::string("\u2691 ") + _("Manager flagged");
    const char* longest[] = {overdue,         due,          review,
                             flagged.c_str(), _("CP plan"), _("Confidential address"),
                             interpreter,     notSynced};
    const float pad = dp(20) + dp(16) + ImGui::GetStyle().ItemSpacing.x; // padding, the icon, the gap
    float line = 0.0f;
    int lines = 1;
    for (const char* text : longest) {
        const float chipWidth = ImGui::CalcTextSize(text).x + pad;
        if (line > 0.0f && line + chipWidth > width) {
            ++lines;
            line = 0.0f;
        }
        line += chipWidth;
    }
    return lines;
}

} // namespace

void drawCaseloadScreen(App& app, Actions& actions) {
    beginScreen("##caseload");
    noticeBar(app.notice);
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(_("My caseload"));
    ImGui::PopFont();
    // Settings and Lock at the right, or on their own line when the title leaves no room.
    const float padX = ImGui::GetStyle().FramePadding.x * 2, gap = ImGui::GetStyle().ItemSpacing.x;
    const float settingsWidth = ImGui::CalcTextSize(_("Settings")).x + padX;
    const float lockWidth = std::max(dp(150), ImGui::CalcTextSize(_("Lock")).x + padX);
    const float right = ImGui::GetWindowContentRegionMax().x - settingsWidth - gap - lockWidth;
    if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + gap <= right) ImGui::SameLine(right);
    if (bigButton(_("Settings"), "caseload.settings", settingsWidth))
        actions.later([](App& a) { a.show(ScreenId::Settings); });
    ImGui::SameLine();
    if (bigButton(_("Lock"), "caseload.lock", lockWidth)) actions.later([](App& a) { a.lock(); });
    mutedText(app.practitioner().c_str());
    // Sync at a glance: one line and one button, never blocking.
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(syncStatusLine(app.syncStatus()).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tag("caseload.sync_status");
    const char* syncLabel = app.enrolled() ? _("Sync now") : _("Sign in to sync");
    sameLineIfFits(ImGui::CalcTextSize(syncLabel).x + padX);
    if (app.enrolled()) {
        if (bigButton(syncLabel, "caseload.sync_now")) actions.later([](App& a) { a.syncNow(); });
    } else if (bigButton(syncLabel, "caseload.sync_sign_in")) {
        actions.later([](App& a) { a.show(ScreenId::Sync); });
    }

    ImGui::SetNextItemWidth(-1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x,
                               ImGui::GetStyle().FramePadding.y +
                                   std::max(0.0f, (touchTarget() - ImGui::GetFrameHeight()) * 0.5f)));
    ImGui::InputTextWithHint("##search", _("Search by name or case number"), &app.caseloadView.search);
    ImGui::PopStyleVar();
    tag("caseload.search");

    const auto& rows = app.caseload();
    CaseloadView& view = app.caseloadView;
    if (view.filteredFor != view.search) { // filter once per change, not every frame
        view.visible.clear();
        for (int i = 0; i < int(rows.size()); ++i)
            if (model::matchesSearch(rows[size_t(i)], view.search)) view.visible.push_back(i);
        view.filteredFor = view.search;
    }
    const std::vector<int>& visible = view.visible;
    if (rows.empty())
        mutedText(_("No children are allocated to you on this tablet yet. They arrive when you sync."));
    else if (visible.empty())
        mutedText(_("No child matches that search."));

    ImGui::BeginChild("##rows", ImVec2(0, 0), false);
    dragToScroll();
    const float chipLine = ImGui::GetTextLineHeight() + dp(8) + ImGui::GetStyle().ItemSpacing.y;
    const float rowHeight = ImGui::GetTextLineHeightWithSpacing() + dp(36) +
                            chipLine * float(flagLines(ImGui::GetContentRegionAvail().x - dp(24)));
    ImGuiListClipper clipper;
    clipper.Begin(int(visible.size()), rowHeight + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const model::CaseloadRow& row = rows[size_t(visible[size_t(i)])];
            ImGui::PushID(row.childId.c_str());
            const ImVec2 start = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable("##row", false, 0, ImVec2(0, rowHeight)))
                actions.later([id = row.childId](App& a) { a.openChild(id); });
            tag(("caseload.child." + row.childId).c_str());
            ImGui::SetCursorScreenPos(ImVec2(start.x + dp(12), start.y + dp(10)));
            ImGui::BeginGroup();
            ImGui::PushFont(fonts().title);
            ImGui::TextUnformatted(row.name.c_str());
            ImGui::PopFont();
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
            if (row.age >= 0) {
                ImGui::Text(_("age %d"), row.age);
                ImGui::SameLine();
                ImGui::Text("\u00B7  %s", row.caseReference.c_str());
            } else
                ImGui::TextUnformatted(row.caseReference.c_str());
            ImGui::PopStyleColor();
            drawFlags(row);
            ImGui::EndGroup();
            ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + rowHeight + ImGui::GetStyle().ItemSpacing.y));
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    endScreen();
}

} // namespace heard::ui
