// The child's details as allocated from the server, read from the free-form `details` JSON
// with safe defaults. Confidential addresses (SF 3.83, 2.60) are marked here so no screen,
// report or export can show one by accident: use displayAddress().
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace heard::model {

struct ChildDetails {
    std::string address;
    bool addressConfidential = false;
    bool childProtectionPlan = false;
    std::string interpreterLanguage; // "" none needed
    std::string preferredLanguage;   // "en", "cy", ...
    std::string school;
    std::string carers;
};

ChildDetails childDetailsFromJson(const nlohmann::json& details);

// Where the app may show an address: for a confidential address, a notice instead of it.
// forChildOrOtherParty: child mode, an export or a report another party may see; such views
// never show a confidential address, not even to the practitioner.
std::string displayAddress(const ChildDetails& details, bool forChildOrOtherParty);

// Age in whole years on the given date ("YYYY-MM-DD"); -1 when unknown.
int ageInYears(const std::string& dateOfBirth, const std::string& onDate);

} // namespace heard::model
