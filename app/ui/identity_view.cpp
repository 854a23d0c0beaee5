#include "app/ui/identity_view.h"

#include "app/i18n/i18n.h"
#include "app/ui/choice_button.h"
#include "app/ui/kit/form_widgets.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"
#include "app/ui/kit/wrapped_text.h"

#include <imgui.h>

#include <stdexcept>

namespace heard::ui {

namespace {
std::string tagOf(const char* prefix, const char* rest) {
    return std::string(prefix) + rest;
}

void readOnlyField(const char* label, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::muted);
    wrappedText(label);
    ImGui::PopStyleColor();
    wrappedText(value.c_str());
    ImGui::Spacing();
}
} // namespace

bool interpreterQuestion(model::VisitInterpreter& interpreter, const char* tagPrefix) {
    bool changed = false;
    sectionHeader(_("Interpreter"));
    wrappedText(_("Was an interpreter used at this visit?"));
    // Nothing is chosen for the practitioner; a second tap on the chosen answer takes it back.
    if (choiceButton(_("No interpreter"), interpreter.used == "no",
                     tagOf(tagPrefix, "interpreter.no").c_str())) {
        interpreter.used = interpreter.used == "no" ? "" : "no";
        changed = true;
    }
    ImGui::SameLine();
    newLineUnlessFits(dp(300));
    if (choiceButton(_("An interpreter was used"), interpreter.used == "yes",
                     tagOf(tagPrefix, "interpreter.yes").c_str())) {
        interpreter.used = interpreter.used == "yes" ? "" : "yes";
        changed = true;
    }
    if (interpreter.used != "yes") return changed;
    changed |= textField(_("The interpreter's language"), nullptr, interpreter.language,
                         tagOf(tagPrefix, "interpreter.language").c_str(), 1);
    changed |= textField(_("The interpreter's name"), _("As they gave it, and their agency if any."),
                         interpreter.name, tagOf(tagPrefix, "interpreter.name").c_str(), 1);
    if (choiceButton(_("In person"), interpreter.mode == "in_person",
                     tagOf(tagPrefix, "interpreter.in_person").c_str())) {
        interpreter.mode = interpreter.mode == "in_person" ? "" : "in_person";
        changed = true;
    }
    ImGui::SameLine();
    newLineUnlessFits(dp(240));
    if (choiceButton(_("Remote (phone or video)"), interpreter.mode == "remote",
                     tagOf(tagPrefix, "interpreter.remote").c_str())) {
        interpreter.mode = interpreter.mode == "remote" ? "" : "remote";
        changed = true;
    }
    return changed;
}

std::string interpreterText(const model::VisitInterpreter& interpreter) {
    if (interpreter.used == "no") return _("No interpreter");
    if (interpreter.used != "yes") return _("Not said");
    std::string text =
        interpreter.language.empty() ? std::string(_("Language not written")) : interpreter.language;
    text += "  \u00B7  " + (interpreter.name.empty() ? std::string(_("Name not written")) : interpreter.name);
    if (interpreter.mode == "in_person")
        text += std::string("  \u00B7  ") + _("In person");
    else if (interpreter.mode == "remote")
        text += std::string("  \u00B7  ") + _("Remote (phone or video)");
    return text;
}

bool identityItemField(const model::FieldSpec& spec, model::IdentityItem& item, const char* tagPrefix) {
    bool changed = false;
    ImGui::PushID(spec.key);
    const std::string base = std::string(tagPrefix) + spec.key;
    if (item.notKnown) {
        // Not known: the words are not asked for (a record never holds both).
        sectionHeader(_(spec.label));
        mutedText(_("Not known"));
        tag(base.c_str());
    } else {
        changed |= textField(_(spec.label), _(spec.hint), item.text, base.c_str(), 2);
    }
    bool notKnown = item.notKnown;
    if (bigCheckbox(_("Not known"), notKnown, (base + ".not_known").c_str())) {
        item.notKnown = notKnown;
        if (notKnown) item.text.clear();
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

std::string identityItemText(const model::IdentityItem& item) {
    if (item.notKnown) return _("Not known");
    if (!item.recorded()) return _("Not recorded");
    return item.text;
}

void drawIdentityNeeds(const nlohmann::json& payload) {
    model::IdentityNeeds needs;
    try {
        needs = model::identityNeedsFromJson(payload);
    } catch (const std::invalid_argument& e) {
        mutedText(e.what());
        return;
    }
    for (const model::FieldSpec& spec : model::identityNeedsFields())
        readOnlyField(_(spec.label), identityItemText(needs.item(spec.key)));
    readOnlyField(_("Signed by"), payload.value("signature_name", ""));
}

} // namespace heard::ui
