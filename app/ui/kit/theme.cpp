#include "app/ui/kit/theme.h"

namespace heard::ui {

namespace {
ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
    return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a);
}
} // namespace

void buildStyle(ImGuiStyle& style) {
    ImGui::StyleColorsLight(&style);
    // Sizes are for fingers: ScaleAllSizes multiplies them by the display scale.
    style.WindowPadding = ImVec2(20, 18);
    style.FramePadding = ImVec2(16, 12);
    style.ItemSpacing = ImVec2(14, 12);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.TouchExtraPadding = ImVec2(4, 4);
    style.IndentSpacing = 24;
    style.ScrollbarSize = 22;
    style.GrabMinSize = 30;
    style.WindowRounding = 0;
    style.ChildRounding = 12;
    style.FrameRounding = 12;
    style.PopupRounding = 12;
    style.ScrollbarRounding = 11;
    style.GrabRounding = 12;
    style.TabRounding = 10;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 1;
    style.ChildBorderSize = 1;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = rgb(33, 37, 41);
    c[ImGuiCol_TextDisabled] = rgb(120, 126, 132);
    c[ImGuiCol_WindowBg] = rgb(246, 244, 240);
    c[ImGuiCol_ChildBg] = rgb(255, 255, 255);
    c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
    // Field and card edges are meaningful parts: at least 3:1 against the paper and white
    // (WCAG 2.2, 1.4.11); was 214,209,200 at 1.4:1.
    c[ImGuiCol_Border] = rgb(128, 122, 114);
    c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = rgb(236, 244, 243);
    c[ImGuiCol_FrameBgActive] = rgb(222, 238, 236);
    c[ImGuiCol_Button] = rgb(226, 238, 236);
    c[ImGuiCol_ButtonHovered] = rgb(204, 228, 225);
    c[ImGuiCol_ButtonActive] = rgb(178, 214, 210);
    c[ImGuiCol_Header] = rgb(222, 238, 236);
    c[ImGuiCol_HeaderHovered] = rgb(204, 228, 225);
    c[ImGuiCol_HeaderActive] = rgb(178, 214, 210);
    c[ImGuiCol_CheckMark] = rgb(38, 120, 118);
    c[ImGuiCol_SliderGrab] = rgb(38, 120, 118);
    c[ImGuiCol_SliderGrabActive] = rgb(28, 96, 94);
    c[ImGuiCol_ScrollbarBg] = rgb(240, 237, 232);
    c[ImGuiCol_ScrollbarGrab] = rgb(200, 195, 186);
    c[ImGuiCol_TitleBg] = rgb(246, 244, 240);
    c[ImGuiCol_TitleBgActive] = rgb(246, 244, 240);
    c[ImGuiCol_ModalWindowDimBg] = rgb(30, 30, 30, 0.45f);
    c[ImGuiCol_Separator] = rgb(214, 209, 200);
}

} // namespace heard::ui
