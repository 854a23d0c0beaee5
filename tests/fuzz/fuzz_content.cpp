// Fuzz target: an activity content file (app/tools/framework/model/activity_content.h), as read
// from assets/tools or received in a pull answer. parseContent never throws: it returns false
// with the problems listed. Any exception, crash or sanitizer report is a finding.
#include "app/tools/framework/model/activity_content.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    heard::tools::ActivityContent content;
    std::vector<heard::tools::ContentError> errors;
    if (heard::tools::parseContent("fuzz.json", text, content, errors)) {
        for (const auto& step : content.steps)
            (void)content.findStep(step.id);
    } else {
        for (const auto& e : errors)
            (void)e.text();
    }
    return 0;
}
