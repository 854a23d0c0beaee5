// The shared child-mode views of each step kind (activity_content.h StepKind). Each draws in
// the space given and changes the run through its edit methods; it returns true on a change.
#pragma once

#include "app/tools/framework/view/activity_views.h"

#include <imgui.h>

namespace heard::tools {

bool drawFaceStep(ActivityRun& run, const Step& step, ImVec2 area);
bool drawScaleStep(ActivityRun& run, const Step& step, ImVec2 area);
bool drawChoiceStep(ActivityRun& run, const Step& step, ImVec2 area);
bool drawWordsStep(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area);
bool drawPlaceStep(ActivityRun& run, const Step& step, ChildViewState& state, ImVec2 area);
// The side of a My world tile (the tray and the pictures to choose from): every figure's name
// fits it without a word broken.
float figureTileSide();
// The canvas: finger strokes stored as vectors normalised to the canvas.
bool drawCanvas(ActivityRun& run, ChildViewState& state, ImVec2 size);
// Text that keeps the child's words exactly; `dictated` shows the practitioner typing for them.
bool inputChildWords(const char* tagName, std::string& words, ImVec2 size);

// The colours of a scale: a step's fill, and the colour of its number on that fill (dark or
// white, whichever contrasts more; the palettes keep every step at 4.5:1 or better, WCAG AA).
ImU32 scaleStepColour(ScaleTone tone, int value);
ImU32 scaleNumberColour(ScaleTone tone, int value);
// The WCAG contrast ratio of two opaque colours, 1 to 21.
float contrastRatio(ImU32 a, ImU32 b);

// A big square picture button with a caption underneath, tagged for tests.
bool pictureButton(const char* id, const char* tagName, const char* caption, float side, bool selected,
                   const std::function<void(ImDrawList*, ImVec2 centre, float side)>& picture);

} // namespace heard::tools
