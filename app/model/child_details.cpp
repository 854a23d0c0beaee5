#include "app/model/child_details.h"

#include "app/model/record_fields.h"

#include <cstdio>

namespace heard::model {

ChildDetails childDetailsFromJson(const nlohmann::json& details) {
    ChildDetails d;
    if (!details.is_object()) return d;
    auto text = [&](const char* key) {
        const auto it = details.find(key);
        return it != details.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto flag = [&](const char* key) {
        const auto it = details.find(key);
        return it != details.end() && it->is_boolean() && it->get<bool>();
    };
    d.address = text("address");
    d.addressConfidential = flag("addressConfidential");
    d.childProtectionPlan = flag("childProtectionPlan");
    d.interpreterLanguage = text("interpreterLanguage");
    d.preferredLanguage = text("preferredLanguage");
    d.school = text("school");
    d.carers = text("carers");
    return d;
}

std::string displayAddress(const ChildDetails& details, bool forChildOrOtherParty) {
    if (details.addressConfidential)
        return forChildOrOtherParty ? std::string() : N_("Confidential address: withheld");
    return forChildOrOtherParty ? std::string() : details.address;
}

int ageInYears(const std::string& dateOfBirth, const std::string& onDate) {
    int by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0;
    if (std::sscanf(dateOfBirth.c_str(), "%d-%d-%d", &by, &bm, &bd) != 3) return -1;
    if (std::sscanf(onDate.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return -1;
    int age = y - by;
    if (m < bm || (m == bm && d < bd)) --age;
    return age < 0 ? -1 : age;
}

} // namespace heard::model
