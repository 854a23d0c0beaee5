// Information sharing (SF 3.62): what was shared, with whom, why, on what basis (consent given;
// consent refused and why it was shared anyway; consent not sought and why; or a decision not
// to share and why: the bases are safeguarding content), who decided and when. The guidance
// says "always record the reasons for your decision": a record without a basis is refused.
#pragma once

#include "app/model/calendar.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace heard::model {

struct InformationSharing {
    std::string what;        // what was shared
    std::string withWhom;    // the person and organisation
    std::string why;         // the purpose
    std::string basis;       // SharingBasis::id, "" until chosen (no default)
    std::string basisReason; // required when the basis needs a reason
    std::string decidedBy;   // who made the decision (name and role)
    std::string decidedAt;   // when it was decided (ISO UTC), as it happened
    std::string writtenAt;   // when the record was started
    std::string signatureName;
    std::vector<std::vector<float>> signatureStrokes;
};

// What stops saving (msgids): the basis first, then every other part; a decision time in the
// future is refused.
std::vector<std::string> sharingProblems(const InformationSharing& sharing, TimePoint now);

nlohmann::json toJson(const InformationSharing& sharing);
InformationSharing sharingFromJson(const nlohmann::json& json); // throws std::invalid_argument

} // namespace heard::model
