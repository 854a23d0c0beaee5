#include "app/model/visit.h"

#include <stdexcept>

namespace heard::model {

const std::vector<FieldSpec>& visitStartFields() {
    static const std::vector<FieldSpec> s_fields = {
        {"where", N_("Where the child was seen"),
         N_("For example: at home, in the kitchen; at school, in the quiet room.")},
        {"present", N_("Who was there"), N_("Everyone present for any part of the visit, and their role.")},
        {"purpose", N_("Purpose of the visit"), N_("Why you saw the child today.")},
    };
    return s_fields;
}

const std::vector<FieldSpec>& visitWriteUpFields() {
    static const std::vector<FieldSpec> s_fields = {
        {"setting", N_("What was done to make the setting supportive"),
         N_("Seating, toys, breaks, who stayed nearby, interpreter.")},
        {"what_happened", N_("What happened"),
         N_("What you did together and what the child said and showed.")},
        {"reasons", N_("Reasons for the actions"), N_("Why you chose these activities and decisions.")},
        {"impact", N_("Impact on the child"), N_("How the child seemed during and after the visit.")},
        {"outcomes", N_("Outcomes"), N_("What came of the visit.")},
        {"carer_feedback", N_("Feedback given to the carer"),
         N_("What you told the carer, and how they responded.")},
        {"next", N_("What is planned next"), N_("Next visit, referrals, who does what by when.")},
    };
    return s_fields;
}

std::vector<std::string> visitSigningProblems(const Visit& visit) {
    nlohmann::json start = {{"where", visit.where}, {"present", visit.present}, {"purpose", visit.purpose}};
    std::vector<std::string> problems = missingFields(visitStartFields(), start);
    if (!visit.confidentialityExplained)
        problems.push_back(N_("Limits of confidentiality explained to the child"));
    const auto interpreter = interpreterProblems(visit.interpreter);
    problems.insert(problems.end(), interpreter.begin(), interpreter.end());
    const auto writeUp = missingFields(visitWriteUpFields(), visit.writeUp);
    problems.insert(problems.end(), writeUp.begin(), writeUp.end());
    if (isBlank(visit.signatureName)) problems.push_back(N_("Your name, typed"));
    if (const char* problem = signatureProblem(visit.signatureStrokes)) problems.push_back(problem);
    return problems;
}

nlohmann::json toJson(const Visit& visit) {
    return {
        {"where", visit.where},
        {"present", visit.present},
        {"purpose", visit.purpose},
        {"confidentiality_explained", visit.confidentialityExplained},
        {"confidentiality_explained_at", visit.confidentialityExplainedAt},
        {"started_at", visit.startedAt},
        {"interpreter", toJson(visit.interpreter)},
        {"write_up", visit.writeUp},
        {"signature_name", visit.signatureName},
        {"signature_strokes", visit.signatureStrokes},
    };
}

Visit visitFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("a visit record must be a JSON object");
    try {
        Visit visit;
        visit.where = json.value("where", "");
        visit.present = json.value("present", "");
        visit.purpose = json.value("purpose", "");
        visit.confidentialityExplained = json.value("confidentiality_explained", false);
        visit.confidentialityExplainedAt = json.value("confidentiality_explained_at", "");
        visit.startedAt = json.value("started_at", "");
        if (const auto it = json.find("interpreter"); it != json.end())
            visit.interpreter = interpreterFromJson(*it);
        visit.writeUp = json.value("write_up", nlohmann::json::object());
        if (!visit.writeUp.is_object()) throw std::invalid_argument("write_up must be an object");
        for (const auto& [key, value] : visit.writeUp.items())
            if (!value.is_string()) throw std::invalid_argument("write_up." + key + " must be text");
        visit.signatureName = json.value("signature_name", "");
        visit.signatureStrokes = json.value("signature_strokes", std::vector<std::vector<float>>{});
        return visit;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("malformed visit record: ") + e.what());
    }
}

} // namespace heard::model
