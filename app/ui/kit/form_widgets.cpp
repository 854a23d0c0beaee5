#include "app/ui/kit/form_widgets.h"

#include "app/i18n/i18n.h"
#include "app/model/record_fields.h"
#include "app/ui/kit/text_area.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

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
        // As tall as a touch target (ImGui's frame is about 40 dp).
        const float extra = std::max(0.0f, (touchTarget() - ImGui::GetFrameHeight()) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x,
                                                               ImGui::GetStyle().FramePadding.y + extra));
        changed = ImGui::InputText("##field", &value);
        ImGui::PopStyleVar();
        tagField(tagName);
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
        wrappedText(_("This field is full. Continue in an addendum or another field."));
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::PopID();
    return changed;
}

bool bigCheckbox(const char* label, bool& value, const char* tagName) {
    // Box and label are one touch target; the label wraps at the window edge (ImGui's
    // Checkbox runs a long label, or a large text size, off the screen).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float box = ImGui::GetFrameHeight();
    newLineUnlessFits(box + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x);
    const float avail = std::max(ImGui::GetContentRegionAvail().x, box * 3);
    const float wrap = avail - box - style.ItemInnerSpacing.x;
    const ImVec2 text = ImGui::CalcTextSize(label, nullptr, true, wrap);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::min(avail, box + style.ItemInnerSpacing.x + text.x),
                      std::max({touchTarget(), box, text.y + style.FramePadding.y}));
    const bool toggled = ImGui::InvisibleButton(label, size);
    if (toggled) value = !value;
    const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 boxMin(pos.x, pos.y + (size.y - box) * 0.5f);
    ImGui::RenderFrame(boxMin, ImVec2(boxMin.x + box, boxMin.y + box),
                       ImGui::GetColorU32(held      ? ImGuiCol_FrameBgActive
                                          : hovered ? ImGuiCol_FrameBgHovered
                                                    : ImGuiCol_FrameBg),
                       true, style.FrameRounding);
    if (value) {
        const float inset = std::max(1.0f, box / 6.0f);
        ImGui::RenderCheckMark(draw, ImVec2(boxMin.x + inset, boxMin.y + inset),
                               ImGui::GetColorU32(ImGuiCol_CheckMark), box - inset * 2);
    }
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(pos.x + box + style.ItemInnerSpacing.x, pos.y + (size.y - text.y) * 0.5f),
                  ImGui::GetColorU32(ImGuiCol_Text), label, ImGui::FindRenderedTextEnd(label), wrap);
    tagField(tagName);
    return toggled;
}

bool signaturePad(Strokes& strokes, Strokes& current, const char* tagName) {
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, dp(520)), dp(160));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(tagName, size);
    tagField(tagName);
    claimGesture();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), colours::card, dp(10));
    draw->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_Border),
                  dp(10)); // 3:1 (13.8)
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
        wrappedText(_("A dot or a tap is not a signature. Clear it and sign with your finger."));
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
    const ImVec2 pad(dp(10), dp(4));
    newLineUnlessFits(ImGui::CalcTextSize(text).x + pad.x * 2);
    // Wider than the window (portrait, large text): the words wrap inside the chip.
    const float wrap = std::max(ImGui::GetContentRegionAvail().x - pad.x * 2, ImGui::GetFontSize() * 4);
    const ImVec2 textSize = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(textSize.x + pad.x * 2, textSize.y + pad.y * 2);
    ImGui::Dummy(size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), background,
                        std::min(size.y * 0.5f, dp(16)));
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x + pad.x, origin.y + pad.y),
                  foreground, text, nullptr, wrap);
}

Notice catalogueNotice(const char* msgid, bool error) {
    return Notice{_(msgid), error, msgid};
}

std::string noticeText(const Notice& notice) {
    return notice.msgid ? std::string(_(notice.msgid)) : notice.text;
}

void noticeBar(Notice& notice) {
    if (notice.text.empty()) return;
    const std::string text = noticeText(notice);
    ImGui::PushStyleColor(ImGuiCol_ChildBg,
                          notice.error ? IM_COL32(253, 231, 231, 255) : IM_COL32(226, 242, 232, 255));
    // As tall as its wrapped text, and at least the touch-sized OK button.
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    const float okWidth =
        std::max(dp(110), ImGui::CalcTextSize(_("OK")).x + ImGui::GetStyle().FramePadding.x * 2);
    const float wrap = std::max(ImGui::GetContentRegionAvail().x - padding.x * 2 - okWidth - dp(30), dp(120));
    const float textHeight = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
    const float height = std::max(textHeight, touchTarget()) + padding.y * 2 + dp(4);
    ImGui::BeginChild("##notice", ImVec2(0, height), true);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - okWidth);
    ImGui::SetCursorPosY(padding.y);
    if (bigButton(_("OK"), "notice.dismiss", okWidth)) notice = {};
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
    draw->AddRectFilled(
        panelStart, ImVec2(panelStart.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y),
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
