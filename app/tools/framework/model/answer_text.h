// An answer's picked part in words, one way for every reader (the child's read-back, the
// practitioner's summary, the conflict analysis, the safety alert and the reports): the faces
// chosen (several on a "multiple" step), and a scale position with the form it was given on,
// so "1" on three pictures is never read as 1 out of 10 (issue 18.3).
#pragma once

#include "app/tools/framework/model/activity_content.h"
#include "app/tools/framework/model/activity_result.h"

#include <string>
#include <string_view>

namespace heard::tools {

// The labels of the feelings chosen, joined with ", " (one for a single-face step); "" for none.
std::string facesText(const Answer& answer, const ActivityContent& content, std::string_view language);
// "7 out of 10", or "picture 2 of 3 (a pictures-only scale)"; "" when no scale was given.
std::string scaleText(const Answer& answer, std::string_view language);

} // namespace heard::tools
