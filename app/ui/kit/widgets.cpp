#include "app/ui/kit/widgets.h"

#include "app/i18n/i18n.h"
#include "app/ui/kit/theme.h"
#include "platform/ui_tags.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace heard::ui {

namespace {
float s_scale = 1.0f;
platform::Fonts s_fonts;
ImGuiID s_claimedGesture = 0;
std::string s_scrollTo;  // a tag to bring near the top of its window when next drawn
float s_topInset = 0.0f; // kept clear for a bar over the screens (setScreenTopInset)
} // namespace

void setFrameContext(float scale, const platform::Fonts& fonts) {
    s_scale = scale;
    s_fonts = fonts;
}

float dp(float value) {
    return value * s_scale;
}
const platform::Fonts& fonts() {
    return s_fonts;
}

void tag(const char* name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    // The window a finger would scroll to bring the widget into view (the test driver does).
    ImGuiWindow* scroller = ImGui::GetCurrentWindow();
    while (scroller && scroller->ScrollMax.y <= 0.0f)
        scroller = scroller->ParentWindow;
    platform::TagRect rect;
    rect.x0 = min.x, rect.y0 = min.y, rect.x1 = max.x, rect.y1 = max.y;
    rect.scrollWindow = scroller ? scroller->ID : 0;
    // What the item is, from ImGui's own record of it: an item with an ID takes input (text,
    // pictures and spacers have none), unless it is a child window closing.
    const ImGuiContext& g = *GImGui;
    const ImGuiID id = g.LastItemData.ID;
    rect.tappable = id != 0 && std::none_of(g.Windows.begin(), g.Windows.end(),
                                            [id](const ImGuiWindow* w) { return w->ChildId == id; });
    rect.disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    rect.shown = min.x >= clip.Min.x - 1.0f && min.y >= clip.Min.y - 1.0f && max.x <= clip.Max.x + 1.0f &&
                 max.y <= clip.Max.y + 1.0f;
    rect.seenX0 = std::max(min.x, clip.Min.x), rect.seenY0 = std::max(min.y, clip.Min.y);
    rect.seenX1 = std::max(rect.seenX0, std::min(max.x, clip.Max.x));
    rect.seenY1 = std::max(rect.seenY0, std::min(max.y, clip.Max.y));
    platform::TagRegistry::instance().set(name, rect);
    if (!s_scrollTo.empty() && s_scrollTo == name) {
        s_scrollTo.clear();
        // Its label and hint sit just above the widget: leave room for them.
        if (scroller)
            ImGui::SetScrollY(scroller,
                              std::max(0.0f, scroller->Scroll.y + min.y - scroller->InnerRect.Min.y -
                                                 ImGui::GetTextLineHeightWithSpacing() * 3));
    }
}

TouchFieldHeight::TouchFieldHeight() {
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImGui::PushStyleVar(
        ImGuiStyleVar_FramePadding,
        ImVec2(pad.x, pad.y + std::max(0.0f, (touchTarget() - ImGui::GetFrameHeight()) * 0.5f)));
}

TouchFieldHeight::~TouchFieldHeight() {
    ImGui::PopStyleVar();
}

void tagField(const char* name) {
    tag(name);
    platform::TagRegistry::instance().markField(name);
}

void newLineUnlessFits(float width) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float lineStart = window->Pos.x + window->DC.Indent.x + window->DC.ColumnsOffset.x;
    if (window->DC.CursorPos.x > lineStart + 1.0f && width > ImGui::GetContentRegionAvail().x)
        ImGui::NewLine();
}

void sameLineIfFits(float nextWidth) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float after = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (after + nextWidth <= right) ImGui::SameLine();
}

void scrollToTag(const char* name) {
    s_scrollTo = name ? name : "";
}

bool bigButton(const char* label, const char* tagName, float width) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float natural = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
    // After SameLine, a button that no longer fits on the line starts the next one (large text
    // sizes, portrait, longer Welsh labels) instead of running off the window.
    if (width >= 0.0f) newLineUnlessFits(width > 0.0f ? width : natural);
    const float avail = ImGui::GetContentRegionAvail().x;
    if (width < 0.0f) width = avail;
    const float height = std::max(touchTarget(), ImGui::GetFrameHeight());
    bool pressed;
    if (std::max(width, natural) <= avail + 0.5f) {
        pressed = ImGui::Button(label, ImVec2(width, height));
    } else {
        // Wider than the window: as wide as the line allows, the label wrapped over lines.
        width = std::max(avail, ImGui::GetFontSize() * 4);
        const float inner = width - style.FramePadding.x * 2;
        const ImVec2 text = ImGui::CalcTextSize(label, nullptr, true, inner);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 size(width, std::max(height, text.y + style.FramePadding.y * 2));
        pressed = ImGui::InvisibleButton(label, size);
        const ImGuiCol colour = ImGui::IsItemActive()    ? ImGuiCol_ButtonActive
                                : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                         : ImGuiCol_Button;
        ImGui::RenderFrame(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(colour), true,
                           style.FrameRounding);
        window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                  ImVec2(pos.x + style.FramePadding.x, pos.y + (size.y - text.y) * 0.5f),
                                  ImGui::GetColorU32(ImGuiCol_Text), label, ImGui::FindRenderedTextEnd(label),
                                  inner);
    }
    if (tagName) tag(tagName);
    return pressed;
}

bool selectableRow(const char* text, bool selected, const char* tagName) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap =
        std::max(ImGui::GetContentRegionAvail().x - style.FramePadding.x * 2, ImGui::GetFontSize() * 4);
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const float height = std::max(touchTarget(), size.y + style.FramePadding.y * 2);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(tagName);
    const bool pressed = ImGui::Selectable("##row", selected, 0, ImVec2(0, height));
    ImGui::PopID();
    if (tagName) tag(tagName);
    ImGui::GetWindowDrawList()->AddText(
        ImGui::GetFont(), ImGui::GetFontSize(),
        ImVec2(pos.x + style.FramePadding.x, pos.y + (height - size.y) * 0.5f),
        ImGui::GetColorU32(ImGuiCol_Text), text, nullptr, wrap);
    return pressed;
}

bool primaryButton(const char* label, const char* tagName, float width) {
    ImGui::PushStyleColor(ImGuiCol_Button, colours::accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(32, 104, 102, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(26, 88, 86, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    const bool pressed = bigButton(label, tagName, width);
    ImGui::PopStyleColor(4);
    return pressed;
}

void dragToScroll() {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = g.CurrentWindow;
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, dp(8.0f))) return;
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                ImGuiHoveredFlags_ChildWindows))
        return;
    // Only the innermost scrollable window under the finger scrolls.
    if (g.HoveredWindow != window &&
        !(g.HoveredWindow && g.HoveredWindow->ParentWindow == window && g.HoveredWindow->ScrollMax.y <= 0.0f))
        return;
    // A text field, a slider that moved, or a canvas that claimed the gesture keeps it;
    // a button does not.
    if (g.ActiveId != 0 && (g.ActiveId == s_claimedGesture || g.ActiveIdHasBeenEditedBefore ||
                            ImGui::GetInputTextState(g.ActiveId) != nullptr))
        return;
    if (window->ScrollMax.y <= 0.0f && window->ScrollMax.x <= 0.0f) return;
    ImGui::SetScrollY(window, window->Scroll.y - io.MouseDelta.y);
    ImGui::SetScrollX(window, window->Scroll.x - io.MouseDelta.x);
    // A drag that scrolled is not a tap: the button under the finger must not fire.
    if (g.ActiveId != 0) ImGui::ClearActiveID();
}

void claimGesture() {
    if (ImGui::IsItemActive()) s_claimedGesture = ImGui::GetItemID();
}

void screenTitle(const char* text) {
    ImGui::PushFont(s_fonts.title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

void mutedText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void placeholderNotice(const char* what) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 246, 224, 255));
    ImGui::BeginChild("##placeholder", ImVec2(0, dp(120)), true);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(_("Not built yet"));
    ImGui::TextUnformatted(what);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void setScreenTopInset(float height) {
    s_topInset = std::max(0.0f, height);
}

float screenTopInset() {
    return s_topInset;
}

void beginScreen(const char* id) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float inset = std::min(s_topInset, viewport->WorkSize.y * 0.5f);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + inset));
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - inset));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    dragToScroll();
}

void endScreen() {
    ImGui::End();
}

float beginCentredColumn() {
    const float width = std::min(ImGui::GetContentRegionAvail().x, dp(640));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - width) * 0.5f);
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);
    return width;
}

void endCentredColumn() {
    ImGui::PopItemWidth();
    ImGui::EndGroup();
}

void beginCard(const char* id, float width) {
    ImGui::BeginChild(id, ImVec2(width, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
}

void endCard() {
    ImGui::EndChild();
}

} // namespace heard::ui
