#include "app/tools/framework/model/answer_text.h"

#include "app/i18n/i18n.h"

#include <cstdio>

namespace heard::tools {

std::string facesText(const Answer& answer, const ActivityContent& content, std::string_view language) {
    auto label = [&](const std::string& id) -> std::string {
        for (const FaceOption& face : content.faces)
            if (face.id == id) return i18n::trIn(language, face.label.c_str());
        return id; // a face the content no longer has: its id, never nothing
    };
    std::string out = answer.faceId.empty() ? std::string() : label(answer.faceId);
    for (const std::string& id : answer.faces)
        out += (out.empty() ? "" : ", ") + label(id);
    return out;
}

std::string scaleText(const Answer& answer, std::string_view language) {
    if (answer.scale < 0) return {};
    char buffer[160];
    if (answer.scaleForm == ScaleForm::Numbers)
        std::snprintf(buffer, sizeof buffer, i18n::trIn(language, "%d out of 10"), answer.scale);
    else
        std::snprintf(buffer, sizeof buffer, i18n::trIn(language, "picture %d of %d (a pictures-only scale)"),
                      answer.scale + 1, scaleFormSteps(answer.scaleForm));
    return buffer;
}

} // namespace heard::tools
