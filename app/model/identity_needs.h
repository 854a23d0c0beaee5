// Who the child is and what the child needs (issue 18.6; NS 3.3, 8.6): ethnicity, religion,
// culture, first language, disability and communication needs, on the child's record.
//
// Every item is optional and starts empty: nothing is pre-selected or guessed. An item is one
// of three things, kept apart so the record says exactly what was given: not recorded (empty,
// not asked or not yet written), "not known" (asked, and nobody knows), or the words written.
#pragma once

#include "app/model/record_fields.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::model {

struct IdentityItem {
    std::string text;      // as written (the child's or family's own words where they gave them)
    bool notKnown = false; // asked, and not known; never true together with text
    bool recorded() const { return notKnown || !isBlank(text); }
    bool operator==(const IdentityItem& o) const { return text == o.text && notKnown == o.notKnown; }
};

// The items in the order the record shows them: JSON key, label and hint (msgids).
const std::vector<FieldSpec>& identityNeedsFields();

struct IdentityNeeds {
    nlohmann::json items = nlohmann::json::object(); // key -> {"text", "not_known"}; absent: not recorded
    IdentityItem item(const std::string& key) const;
    void set(const std::string& key, const IdentityItem& item); // an unrecorded item is removed
    int recordedCount() const;
};

nlohmann::json toJson(const IdentityNeeds& needs);
// Throws std::invalid_argument naming the item for malformed input: an unknown item, text that
// is not text, "not known" together with words, or text over the field limit.
IdentityNeeds identityNeedsFromJson(const nlohmann::json& json);

// The interpreter at one visit (NS 8.6): nothing chosen until the practitioner says.
struct VisitInterpreter {
    std::string used; // "" not said, "yes", "no"
    std::string language, name;
    std::string mode; // "" not said, "in_person", "remote"
    bool operator==(const VisitInterpreter& o) const {
        return used == o.used && language == o.language && name == o.name && mode == o.mode;
    }
};
// What stops signing when an interpreter was used but not described (msgids); none when none
// was used or it was not said (the question itself is optional).
std::vector<std::string> interpreterProblems(const VisitInterpreter& interpreter);
nlohmann::json toJson(const VisitInterpreter& interpreter);
// Throws std::invalid_argument naming the field for malformed input (unknown "used" or "mode").
VisitInterpreter interpreterFromJson(const nlohmann::json& json);

} // namespace heard::model
