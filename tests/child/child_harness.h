// Shared steps of the child's-side tests: a visit begun for a demo child, child mode entered,
// and the geometry of tagged widgets.
#pragma once

#include "../workflow/workflow_harness.h"

#include <array>
#include <string>
#include <vector>

namespace heard::test {

// Opens the demo child, begins a visit and hands the tablet over for contentId.
void beginChildMode(WorkflowApp& w, const std::string& childId, const std::string& contentId);
// Stop, "Yes, stop", then "All done" on the gentle end screen: the hand-back screen.
void stopAndHandBack(WorkflowApp& w);
// The keypad's digits in reading order (top row left to right, then the next row).
std::array<int, 10> keypadOrder(WorkflowApp& w);
// Taps a PIN on the keypad, then waits for the check.
void tapPin(WorkflowApp& w, const std::string& pin);
// The gap between two tag rectangles (0 when they touch or overlap).
float gapBetween(const std::string& a, const std::string& b, WorkflowApp& w);
// Visible tags that are buttons a finger can press in child mode.
std::vector<std::string> childButtons();
// Sets the hand-back PIN through the Settings screen, as the practitioner does.
void setPinInSettings(WorkflowApp& w, const std::string& pin, const std::string& repeat);

} // namespace heard::test
