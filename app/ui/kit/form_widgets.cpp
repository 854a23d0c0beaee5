#include "app/ui/kit/form_widgets.h"

#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace heard::ui {

namespace {
std::string s_focusField; // a field asked to take the keyboard when next drawn
} // namespace

void focusField(const char* tagName) {
    s_focusField = tagName ? tagName : "";
}

bool textField(const char* label, const char* hint, std::string& value, const char* tagName, int lines) {
    const bool takeFocus = !s_focusField.empty() && s_focusField == tagName;
    if (takeFocus) s_focusField.clear();
    ImGui::PushID(tagName);
    if (label && *label) ImGui::TextUnformatted(label); // a section heading may already name it
    if (hint && *hint) mutedText(hint);
    bool changed;
    // Keyboard caching and suggestions are off for record text on platforms that honour it;
    // SDL has no per-field switch, so the store never logs what is typed.
    if (lines <= 1) {
        ImGui::SetNextItemWidth(-1.0f);
        if (takeFocus) ImGui::SetKeyboardFocusHere();
        changed = ImGui::InputText("##field", &value);
        tag(tagName);
    } else {
        // Notes wrap, grow with what is written, and keep every character (text_area.h); the
        // spelling follows the language the practitioner works in.
        TextAreaOptions options;
        options.minLines = lines;
        options.maxBytes = model::kMaxFieldBytes;
        options.language = i18n::language();
        if (takeFocus) focusTextArea(tagName);
        changed = textArea(tagName, value, options);
    }
    if (value.size() > model::kMaxFieldBytes) {
        size_t cut = model::kMaxFieldBytes;
        while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
            --cut; // whole characters
        value.resize(cut);
        changed = true;
    }
    if (value.size() >= model::kMaxFieldBytes) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        ImGui::TextWrapped("%s", _("This field is full. Continue in an addendum or another field."));
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::PopID();
    return changed;
}

bool bigCheckbox(const char* label, bool& value, const char* tagName) {
    const float pad = std::max(0.0f, (touchTarget() - ImGui::GetFrameHeight()) * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x, ImGui::GetStyle().FramePadding.y + pad));
    const bool toggled = ImGui::Checkbox(label, &value);
    ImGui::PopStyleVar();
    tag(tagName);
    return toggled;
}

bool signaturePad(Strokes& strokes, Strokes& current, const char* tagName) {
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, dp(520)), dp(160));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(tagName, size);
    tag(tagName);
    claimGesture();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), colours::card, dp(10));
    draw->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(180, 174, 164, 255), dp(10));
    draw->AddLine(ImVec2(origin.x + dp(16), origin.y + size.y - dp(36)),
                  ImVec2(origin.x + size.x - dp(16), origin.y + size.y - dp(36)),
                  IM_COL32(210, 204, 194, 255));
    bool finished = false;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsItemActive()) {
        if (current.empty()) current.emplace_back();
        const float x = std::clamp((mouse.x - origin.x) / size.x, 0.0f, 1.0f);
        const float y = std::clamp((mouse.y - origin.y) / size.y, 0.0f, 1.0f);
        auto& stroke = current.back();
        if (stroke.size() < 2 ||
            std::abs(stroke[stroke.size() - 2] - x) + std::abs(stroke.back() - y) > 0.002f) {
            stroke.push_back(x);
            stroke.push_back(y);
        }
    } else if (!current.empty()) {
        if (current.back().size() >= 2) strokes.push_back(current.back());
        current.clear();
        finished = true;
    }
    auto drawStrokes = [&](const Strokes& list) {
        for (const auto& stroke : list) {
            for (size_t i = 2; i + 1 < stroke.size(); i += 2)
                draw->AddLine(ImVec2(origin.x + stroke[i - 2] * size.x, origin.y + stroke[i - 1] * size.y),
                              ImVec2(origin.x + stroke[i] * size.x, origin.y + stroke[i + 1] * size.y),
                              colours::text, dp(2.5f));
            if (stroke.size() == 2)
                draw->AddCircleFilled(ImVec2(origin.x + stroke[0] * size.x, origin.y + stroke[1] * size.y),
                                      dp(2), colours::text);
        }
    };
    drawStrokes(strokes);
    drawStrokes(current);
    if (strokes.empty() && current.empty())
        draw->AddText(ImVec2(origin.x + dp(16), origin.y + dp(12)), colours::muted,
                      _("Sign here with your finger"));
    if (!strokes.empty() && current.empty() && !model::isRealSignature(strokes)) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
        ImGui::TextWrapped("%s", _("A dot or a tap is not a signature. Clear it and sign with your finger."));
        ImGui::PopStyleColor();
    }
    ImGui::PushID(tagName);
    if (bigButton(_("Clear signature"), nullptr)) {
        strokes.clear();
        finished = true;
    }
    ImGui::PopID();
    return finished;
}

void signatureView(const Strokes& strokes, float height) {
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, height * 3.25f), height);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(210, 204, 194, 255), dp(8));
    for (const auto& stroke : strokes)
        for (size_t i = 2; i + 1 < stroke.size(); i += 2)
            draw->AddLine(ImVec2(origin.x + stroke[i - 2] * size.x, origin.y + stroke[i - 1] * size.y),
                          ImVec2(origin.x + stroke[i] * size.x, origin.y + stroke[i + 1] * size.y),
                          colours::text, dp(2));
}

void chip(const char* text, ImU32 background, ImU32 foreground) {
    const ImVec2 textSize = ImGui::CalcTextSize(text);
    const ImVec2 pad(dp(10), dp(4));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(textSize.x + pad.x * 2, textSize.y + pad.y * 2);
    ImGui::Dummy(size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), background, size.y * 0.5f);
    draw->AddText(ImVec2(origin.x + pad.x, origin.y + pad.y), foreground, text);
}

void noticeBar(Notice& notice) {
    if (notice.text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg,
                          notice.error ? IM_COL32(253, 231, 231, 255) : IM_COL32(226, 242, 232, 255));
    const float height = ImGui::GetTextLineHeightWithSpacing() * 2.0f + dp(24);
    ImGui::BeginChild("##notice", ImVec2(0, height), true);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - dp(140));
    ImGui::TextUnformatted(notice.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - dp(110));
    if (ImGui::Button(_("OK"), ImVec2(dp(110), 0))) notice = {};
    tag("notice.dismiss");
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void signProblemsPanel(SignProblems& signProblems, const ProblemField& fieldOf) {
    const std::vector<std::string>& problems = signProblems.items;
    if (problems.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(253, 236, 230, 255));
    // The rows first (channel 1), then the panel's background under them (channel 0).
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const ImVec2 panelStart = ImGui::GetCursorScreenPos();
    ImGui::Indent(dp(12));
    ImGui::Dummy(ImVec2(0, dp(4)));
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, colours::danger);
    ImGui::TextUnformatted(_("Cannot sign yet. Still needed:"));
    ImGui::PopStyleColor();
    std::string jumpTo;
    for (size_t i = 0; i < problems.size(); ++i) {
        const std::string field = fieldOf ? fieldOf(problems[i]) : std::string();
        if (field.empty()) { // nothing to jump to: the reason, wrapped
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted((std::string("\u2022 ") + _(problems[i].c_str())).c_str());
            ImGui::PopTextWrapPos();
            continue;
        }
        // A row as tall as a touch target: the problem, and a tap takes you to the field.
        ImGui::PushID(int(i));
        const std::string label = std::string("\u2192 ") + _(problems[i].c_str());
        const float wrap = ImGui::GetContentRegionAvail().x - dp(12);
        const float textHeight = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y;
        const float rowHeight = std::max(touchTarget(), textHeight + dp(12));
        const ImVec2 start = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##problem", false, 0, ImVec2(0, rowHeight))) jumpTo = field;
        tag(("sign.problem." + std::to_string(i)).c_str());
        ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                            ImVec2(start.x, start.y + (rowHeight - textHeight) * 0.5f),
                                            colours::text, label.c_str(), nullptr, wrap);
        ImGui::PopID();
    }
    ImGui::EndGroup();
    tag("sign.problems");
    ImGui::Dummy(ImVec2(0, dp(4)));
    ImGui::Unindent(dp(12));
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(panelStart,
                        ImVec2(panelStart.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y),
                        ImGui::GetColorU32(ImGuiCol_ChildBg), dp(8));
    draw->ChannelsMerge();
    if (!jumpTo.empty()) {
        scrollToTag(jumpTo.c_str());
        focusField(jumpTo.c_str());
    }
    if (signProblems.reveal) { // the practitioner tapped Sign at the bottom: show why it was refused
        ImGui::SetScrollHereY(1.0f);
        signProblems.reveal = false;
    }
    ImGui::PopStyleColor();
}

void sectionHeader(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Separator();
    ImGui::Spacing();
}

bool screenHeader(const char* backLabel, const char* title) {
    bool back = false;
    if (backLabel) {
        back = bigButton(backLabel, "nav.back");
        ImGui::SameLine();
    }
    ImGui::PushFont(fonts().title);
    ImGui::AlignTextToFramePadding();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         std::max(0.0f, (touchTarget() - ImGui::GetFrameHeight()) * 0.5f));
    ImGui::PushTextWrapPos(0.0f); // a long title (Welsh, portrait) wraps instead of running off the screen
    ImGui::TextUnformatted(title);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::Spacing();
    return back;
}

} // namespace heard::ui
