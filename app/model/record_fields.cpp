#include "app/model/record_fields.h"

#include <cctype>

namespace heard::model {

bool isBlank(const std::string& text) {
    for (unsigned char c : text)
        if (!std::isspace(c)) return false;
    return true;
}

std::vector<std::string> missingFields(const std::vector<FieldSpec>& specs, const nlohmann::json& fields) {
    std::vector<std::string> missing;
    for (const FieldSpec& spec : specs) {
        const auto it = fields.find(spec.key);
        if (it == fields.end() || !it->is_string() || isBlank(it->get<std::string>()))
            missing.push_back(spec.label);
    }
    return missing;
}

} // namespace heard::model
