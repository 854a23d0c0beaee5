// The look of Heard: calm, warm colours, large rounded touch targets.
#pragma once

#include <imgui.h>

namespace heard::ui {

// Fills the base (unscaled) style; Window scales it by DPI.
void buildStyle(ImGuiStyle& style);

// Named colours that screens use for meaning (never colour alone: always with a word or icon).
namespace colours {
constexpr ImU32 accent = IM_COL32(38, 120, 118, 255);      // teal: primary actions
constexpr ImU32 accentSoft = IM_COL32(214, 234, 231, 255); // selected rows, chips
// Teal text on accentSoft: accent itself is 4.2:1 there (writing.contrast), this is 6.2:1.
constexpr ImU32 accentText = IM_COL32(24, 92, 90, 255);
constexpr ImU32 warning = IM_COL32(191, 110, 20, 255); // due soon
constexpr ImU32 danger = IM_COL32(178, 48, 48, 255);   // overdue, high risk
constexpr ImU32 text = IM_COL32(33, 37, 41, 255);
constexpr ImU32 muted = IM_COL32(100, 106, 112, 255);
constexpr ImU32 paper = IM_COL32(246, 244, 240, 255);
constexpr ImU32 card = IM_COL32(255, 255, 255, 255);
} // namespace colours

} // namespace heard::ui
