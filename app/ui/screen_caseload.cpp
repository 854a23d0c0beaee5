// The caseload: the practitioner's children, searchable, with the flags that matter at a
// glance (confidential address, child protection plan, interpreter, follow-ups due or
// overdue, records not yet synced). Each row is as tall as the flags it has; only the rows in
// view are drawn.
#include "app/i18n/i18n.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/screens.h"
#include "app/ui/sync_status_text.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace heard::ui {

namespace {

constexpr float kRowGap = 6.0f; // dp between rows

// One flag of a row, as drawn: its words, colours and (for some) a tag.
struct Flag {
    std::string text;
    ImU32 background, foreground;
    std::string tagName;
};

// The flags a row has, in the order they are shown.
std::vector<Flag> flagsOf(const model::CaseloadRow& row) {
    std::vector<Flag> flags;
    char text[160];
    if (row.followUpsOverdue > 0) {
        std::snprintf(text, sizeof text, _("%d follow-up overdue"), row.followUpsOverdue);
        flags.push_back({std::string("\u26A0 ") + text, colours::danger, IM_COL32(255, 255, 255, 255), ""});
    }
    if (row.followUpsDueToday > 0) {
        std::snprintf(text, sizeof text, _("%d due today"), row.followUpsDueToday);
        flags.push_back({text, IM_COL32(255, 232, 200, 255), colours::text, ""});
    }
    if (row.riskReview == model::ReviewState::Overdue || row.riskReview == model::ReviewState::Due) {
        const bool overdue = row.riskReview == model::ReviewState::Overdue;
        std::snprintf(text, sizeof text, overdue ? _("Risk review overdue: %s") : _("Risk review due: %s"),
                      model::formatDateForPeople(row.riskReviewDate + "T00:00:00Z").c_str());
        flags.push_back({text, overdue ? colours::danger : IM_COL32(255, 232, 200, 255),
                         overdue ? IM_COL32(255, 255, 255, 255) : colours::text,
                         "caseload.risk_review." + row.childId});
    }
    if (row.highRisk)
        flags.push_back({std::string("\u2691 ") + _("Manager flagged"), IM_COL32(250, 220, 220, 255),
                         colours::danger, ""});
    if (row.childProtectionPlan)
        flags.push_back({_("CP plan"), IM_COL32(232, 226, 250, 255), colours::text, ""});
    if (row.confidentialAddress)
        flags.push_back({_("Confidential address"), IM_COL32(236, 236, 236, 255), colours::text, ""});
    if (!row.interpreterLanguage.empty()) {
        std::snprintf(text, sizeof text, _("Interpreter: %s"), row.interpreterLanguage.c_str());
        flags.push_back({text, IM_COL32(220, 236, 250, 255), colours::text, ""});
    }
    if (row.notSynced > 0) {
        std::snprintf(text, sizeof text, _("%d not synced"), row.notSynced);
        flags.push_back({text, IM_COL32(240, 240, 232, 255), colours::muted, ""});
    }
    return flags;
}

void drawFlags(const model::CaseloadRow& row) {
    bool first = true;
    for (const Flag& flag : flagsOf(row)) {
        if (!first) ImGui::SameLine(); // chip() starts a new line when this one is full
        first = false;
        chip(flag.text.c_str(), flag.background, flag.foreground);
        if (!flag.tagName.empty()) tag(flag.tagName.c_str());
    }
}

// A row's height for the flags it has, laid out as chip() and drawFlags lay them out: chips
// flow along a line of `width` and start the next line when one does not fit; a chip wider
// than the line wraps its words inside.
float rowHeight(const model::CaseloadRow& row, float width, float nameLine) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float padX = dp(10) * 2, padY = dp(4) * 2;
    float height = dp(8) + nameLine; // the top margin, the name line
    float x = 0.0f, line = 0.0f;
    for (const Flag& flag : flagsOf(row)) {
        const float natural = ImGui::CalcTextSize(flag.text.c_str()).x + padX;
        if (x > 0.0f && x + natural > width) { // the next line
            height += line + style.ItemSpacing.y;
            x = line = 0.0f;
        }
        const float wrap = std::max(width - x - padX, ImGui::GetFontSize() * 4);
        line = std::max(line, ImGui::CalcTextSize(flag.text.c_str(), nullptr, false, wrap).y + padY);
        x += natural + style.ItemSpacing.x;
    }
    if (line > 0.0f)
        height += line; // the last line of flags
    else
        height -= style.ItemSpacing.y;              // no flags: nothing below the name line
    return std::max(touchTarget(), height + dp(8)); // the bottom margin
}

// Lays out the visible rows again when the list, the width, the text size or the language
// changed (measuring every row each frame would cost a long caseload its smoothness).
void layOutRows(CaseloadView& view, const std::vector<model::CaseloadRow>& rows, float width) {
    const float fontSize = ImGui::GetFontSize();
    const std::string language = i18n::language();
    if (view.rowTop.size() == view.visible.size() + 1 && view.laidOutWidth == width &&
        view.laidOutFontSize == fontSize && view.laidOutLanguage == language)
        return;
    ImGui::PushFont(fonts().title);
    const float nameLine = ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PopFont();
    const float chipWidth = width - dp(12); // the row's text starts dp(12) in
    view.rowTop.assign(1, 0.0f);
    for (int index : view.visible)
        view.rowTop.push_back(view.rowTop.back() + rowHeight(rows[size_t(index)], chipWidth, nameLine) +
                              kRowGap * dp(1));
    view.laidOutWidth = width;
    view.laidOutFontSize = fontSize;
    view.laidOutLanguage = language;
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
    {
        TouchFieldHeight touch;
        ImGui::InputTextWithHint("##search", _("Search by name or case number"), &app.caseloadView.search);
    }
    tagField("caseload.search");

    const auto& rows = app.caseload();
    CaseloadView& view = app.caseloadView;
    if (view.filteredFor != view.search) { // filter once per change, not every frame
        view.visible.clear();
        for (int i = 0; i < int(rows.size()); ++i)
            if (model::matchesSearch(rows[size_t(i)], view.search)) view.visible.push_back(i);
        view.filteredFor = view.search;
        view.rowTop.clear(); // lay the rows out again
    }
    const std::vector<int>& visible = view.visible;
    if (rows.empty())
        mutedText(_("No children are allocated to you on this tablet yet. They arrive when you sync."));
    else if (visible.empty())
        mutedText(_("No child matches that search."));

    ImGui::BeginChild("##rows", ImVec2(0, 0), false);
    dragToScroll();
    layOutRows(view, rows, ImGui::GetContentRegionAvail().x);
    // Only the rows in view are drawn: the first whose bottom is below the top of the view,
    // up to the first whose top is below its bottom.
    const float listTop = ImGui::GetCursorPosY();
    const float scroll = ImGui::GetScrollY(), viewHeight = ImGui::GetWindowHeight();
    const std::vector<float>& top = view.rowTop;
    const int first =
        std::max(0, int(std::upper_bound(top.begin(), top.end(), scroll - listTop) - top.begin()) - 1);
    for (int i = first; i < int(visible.size()) && listTop + top[size_t(i)] < scroll + viewHeight; ++i) {
        const model::CaseloadRow& row = rows[size_t(visible[size_t(i)])];
        const float height = top[size_t(i) + 1] - top[size_t(i)] - kRowGap * dp(1);
        ImGui::SetCursorPosY(listTop + top[size_t(i)]);
        ImGui::PushID(row.childId.c_str());
        const ImVec2 start = ImGui::GetCursorScreenPos();
        // Exactly the row (ImGui pads a selectable by half a gap each way): rows sit close.
        if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_NoPadWithHalfSpacing, ImVec2(0, height)))
            actions.later([id = row.childId](App& a) { a.openChild(id); });
        tag(("caseload.child." + row.childId).c_str());
        ImGui::SetCursorScreenPos(ImVec2(start.x + dp(12), start.y + dp(8)));
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
        ImGui::PopID();
    }
    // The list's full height, so the window scrolls over rows not drawn.
    ImGui::SetCursorPosY(listTop + top.back());
    ImGui::Dummy(ImVec2(1.0f, 1.0f));
    ImGui::EndChild();
    endScreen();
}

} // namespace heard::ui
