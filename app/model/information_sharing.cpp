#include "app/model/information_sharing.h"

#include "app/model/event_time.h"
#include "app/model/record_fields.h"
#include "app/model/safeguarding_content.h"

#include <stdexcept>

namespace heard::model {

std::vector<std::string> sharingProblems(const InformationSharing& sharing, TimePoint now) {
    std::vector<std::string> problems;
    const SharingBasis* basis = safeguardingContent().basis(sharing.basis);
    if (!basis)
        problems.push_back(N_("The basis: consent given, consent refused and why shared anyway, consent not "
                              "sought and why, or why not shared"));
    else if (basis->needsReason && isBlank(sharing.basisReason))
        problems.push_back(N_("Why, for the basis chosen"));
    if (isBlank(sharing.what)) problems.push_back(N_("What was shared"));
    if (isBlank(sharing.withWhom)) problems.push_back(N_("With whom"));
    if (isBlank(sharing.why)) problems.push_back(N_("Why it was shared"));
    if (isBlank(sharing.decidedBy)) problems.push_back(N_("Who decided"));
    if (isBlank(sharing.decidedAt))
        problems.push_back(N_("When it was decided"));
    else if (isInFuture(sharing.decidedAt, now))
        problems.push_back(N_("When it was decided is in the future"));
    if (isBlank(sharing.signatureName)) problems.push_back(N_("Your name, typed"));
    if (sharing.signatureStrokes.empty()) problems.push_back(N_("Your signature"));
    return problems;
}

nlohmann::json toJson(const InformationSharing& sharing) {
    return {
        {"what", sharing.what},
        {"with_whom", sharing.withWhom},
        {"why", sharing.why},
        {"basis", sharing.basis},
        {"basis_reason", sharing.basisReason},
        {"decided_by", sharing.decidedBy},
        {"decided_at", sharing.decidedAt},
        {"written_at", sharing.writtenAt},
        {"signature_name", sharing.signatureName},
        {"signature_strokes", sharing.signatureStrokes},
    };
}

InformationSharing sharingFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("an information-sharing record must be a JSON object");
    try {
        InformationSharing sharing;
        sharing.what = json.value("what", "");
        sharing.withWhom = json.value("with_whom", "");
        sharing.why = json.value("why", "");
        sharing.basis = json.value("basis", "");
        sharing.basisReason = json.value("basis_reason", "");
        sharing.decidedBy = json.value("decided_by", "");
        sharing.decidedAt = json.value("decided_at", "");
        sharing.writtenAt = json.value("written_at", "");
        sharing.signatureName = json.value("signature_name", "");
        sharing.signatureStrokes = json.value("signature_strokes", std::vector<std::vector<float>>{});
        return sharing;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed information-sharing record: ") + e.what());
    }
}

} // namespace heard::model
