// The header of every screen about one child (issue 13.5): back, the title, and whom the
// record is about: name, age and case number. Siblings often share a case, so the name alone
// or the case alone is not enough; the three together are on every form.
#include "app/i18n/i18n.h"
#include "app/model/child_details.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/screens.h"

#include <cstdio>

namespace heard::ui {

std::string childIdentityLine(App& app) {
    const auto child = app.currentChild();
    if (!child) return "";
    std::string line = child->displayName;
    const int age = model::ageInYears(child->dateOfBirth, app.now().substr(0, 10));
    char text[96];
    if (age >= 0) {
        std::snprintf(text, sizeof text, _("age %d"), age);
        line += std::string("  \u00B7  ") + text;
    }
    if (auto c = app.store()->caseById(child->caseId); c && !c->reference.empty()) {
        std::snprintf(text, sizeof text, _("case %s"), c->reference.c_str());
        line += std::string("  \u00B7  ") + text;
    }
    return line;
}

void drawChildIdentity(App& app) {
    const std::string line = childIdentityLine(app);
    if (line.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::text);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tag("child.header");
}

bool childScreenHeader(App& app, const char* backLabel, const char* title) {
    const bool back = screenHeader(backLabel, title);
    drawChildIdentity(app);
    ImGui::Spacing();
    return back;
}

} // namespace heard::ui
