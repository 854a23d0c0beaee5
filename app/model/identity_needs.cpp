#include "app/model/identity_needs.h"

#include <stdexcept>

namespace heard::model {

const std::vector<FieldSpec>& identityNeedsFields() {
    static const std::vector<FieldSpec> s_fields = {
        {"ethnicity", N_("Ethnicity"), N_("As the child or family describe it.")},
        {"religion", N_("Religion or belief"), N_("Including none, as the child or family describe it.")},
        {"culture", N_("Culture"), N_("Customs, food, festivals, what matters to the family.")},
        {"first_language", N_("First language"), N_("The language the child thinks and speaks in most.")},
        {"disability", N_("Disability"),
         N_("Any disability or long-term condition, and how it affects the child.")},
        {"communication", N_("Communication needs"),
         N_("For example: signs, pictures, an interpreter, more time, a familiar adult nearby.")},
    };
    return s_fields;
}

namespace {
bool knownKey(const std::string& key) {
    for (const FieldSpec& spec : identityNeedsFields())
        if (key == spec.key) return true;
    return false;
}
} // namespace

IdentityItem IdentityNeeds::item(const std::string& key) const {
    IdentityItem out;
    const auto it = items.find(key);
    if (it == items.end() || !it->is_object()) return out;
    out.text = it->value("text", "");
    out.notKnown = it->value("not_known", false);
    return out;
}

void IdentityNeeds::set(const std::string& key, const IdentityItem& item) {
    if (!item.recorded()) {
        items.erase(key);
        return;
    }
    if (item.notKnown)
        items[key] = {{"text", ""}, {"not_known", true}};
    else
        items[key] = {{"text", item.text}, {"not_known", false}};
}

int IdentityNeeds::recordedCount() const {
    int n = 0;
    for (const FieldSpec& spec : identityNeedsFields())
        if (item(spec.key).recorded()) ++n;
    return n;
}

nlohmann::json toJson(const IdentityNeeds& needs) {
    return {{"items", needs.items}};
}

IdentityNeeds identityNeedsFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("identity and needs must be a JSON object");
    IdentityNeeds needs;
    const auto items = json.find("items");
    if (items == json.end()) return needs;
    if (!items->is_object()) throw std::invalid_argument("identity and needs: items must be an object");
    for (const auto& [key, value] : items->items()) {
        if (!knownKey(key)) throw std::invalid_argument("identity and needs: unknown item " + key);
        if (!value.is_object())
            throw std::invalid_argument("identity and needs: " + key + " must be an object");
        const auto text = value.find("text");
        const auto notKnown = value.find("not_known");
        if (text != value.end() && !text->is_string())
            throw std::invalid_argument("identity and needs: " + key + ".text must be text");
        if (notKnown != value.end() && !notKnown->is_boolean())
            throw std::invalid_argument("identity and needs: " + key + ".not_known must be true or false");
        IdentityItem item;
        item.text = text != value.end() ? text->get<std::string>() : "";
        item.notKnown = notKnown != value.end() && notKnown->get<bool>();
        if (item.notKnown && !isBlank(item.text))
            throw std::invalid_argument("identity and needs: " + key + " is both written and not known");
        if (item.text.size() > kMaxFieldBytes)
            throw std::invalid_argument("identity and needs: " + key + " is longer than a field may be");
        needs.set(key, item);
    }
    return needs;
}

std::vector<std::string> interpreterProblems(const VisitInterpreter& interpreter) {
    std::vector<std::string> problems;
    if (interpreter.used != "yes") return problems;
    if (isBlank(interpreter.language)) problems.push_back(N_("The interpreter's language"));
    if (isBlank(interpreter.name)) problems.push_back(N_("The interpreter's name"));
    if (interpreter.mode.empty()) problems.push_back(N_("Interpreter in person or remote"));
    return problems;
}

nlohmann::json toJson(const VisitInterpreter& interpreter) {
    return {{"used", interpreter.used},
            {"language", interpreter.language},
            {"name", interpreter.name},
            {"mode", interpreter.mode}};
}

VisitInterpreter interpreterFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("interpreter must be a JSON object");
    VisitInterpreter out;
    try {
        out.used = json.value("used", "");
        out.language = json.value("language", "");
        out.name = json.value("name", "");
        out.mode = json.value("mode", "");
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed interpreter: ") + e.what());
    }
    if (out.used != "" && out.used != "yes" && out.used != "no")
        throw std::invalid_argument("interpreter.used must be yes or no, not " + out.used);
    if (out.mode != "" && out.mode != "in_person" && out.mode != "remote")
        throw std::invalid_argument("interpreter.mode must be in_person or remote, not " + out.mode);
    return out;
}

} // namespace heard::model
