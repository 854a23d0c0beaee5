// What the court is deciding in a case (issue 16, item 1): the application (its type, who made
// it, what is asked), the questions the court has set, the hearing dates, and the parties with
// their relationship to each child. The child impact analysis relates its evidence back to it.
//
// Kept per case in the encrypted store (table court_matters, migration 10) as this JSON. The
// parties' names are adults' names in the proceedings: never shown in child mode, never in the
// child's letter (the letter names nobody).
//
// JSON (courtMatterToJson):
//   { "format": 1, "applicationType": "...", "applicant": "...", "asked": "...",
//     "questions": ["..."], "hearings": [{"date": "YYYY-MM-DD", "purpose": "..."}],
//     "parties": [{"name": "...", "role": "...", "relationships": {"<child id>": "..."}}] }
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace heard::model {

struct Hearing {
    std::string date; // YYYY-MM-DD
    std::string purpose;
    bool operator==(const Hearing& o) const { return date == o.date && purpose == o.purpose; }
};

struct Party {
    std::string name, role;                           // "Applicant", "Respondent", ...
    std::map<std::string, std::string> relationships; // child id -> "mother", "stepfather", ...
    bool operator==(const Party& o) const {
        return name == o.name && role == o.role && relationships == o.relationships;
    }
};

struct CourtMatter {
    std::string applicationType; // "Child arrangements order", ...
    std::string applicant;
    std::string asked; // what the applicant asks the court to order
    std::vector<std::string> questions;
    std::vector<Hearing> hearings;
    std::vector<Party> parties;
    bool empty() const {
        return applicationType.empty() && applicant.empty() && asked.empty() && questions.empty() &&
               hearings.empty() && parties.empty();
    }
    bool operator==(const CourtMatter& o) const {
        return applicationType == o.applicationType && applicant == o.applicant && asked == o.asked &&
               questions == o.questions && hearings == o.hearings && parties == o.parties;
    }
};

nlohmann::json courtMatterToJson(const CourtMatter& matter);
// False with a message naming the field on malformed input (out untouched).
bool courtMatterFromJson(const nlohmann::json& json, CourtMatter& out, std::string& error);

} // namespace heard::model
