#include "app/model/safety_alert.h"

#include <stdexcept>

namespace heard::model {

std::vector<std::string> safetyAlertSigningProblems(const SafetyAlert& alert) {
    std::vector<std::string> problems;
    if (isBlank(alert.childWords)) problems.push_back(N_("What the child said, in the child's own words"));
    if (isBlank(alert.signatureName)) problems.push_back(N_("Your name, typed"));
    if (alert.signatureStrokes.empty()) problems.push_back(N_("Your signature"));
    return problems;
}

nlohmann::json toJson(const SafetyAlert& a) {
    return {{"source", a.source == AlertSource::Practitioner ? "practitioner" : "child_answer"},
            {"disclosed_at", a.disclosedAt},
            {"child_words", a.childWords},
            {"language", a.language},
            {"prompt", a.prompt},
            {"answer", a.answer},
            {"prompt_msgid", a.promptMsgid},
            {"answer_msgid", a.answerMsgid},
            {"step_id", a.stepId},
            {"choice_id", a.choiceId},
            {"scale", a.scale},
            {"activity_record_id", a.activityRecordId},
            {"activity_content_id", a.activityContentId},
            {"activity_title", a.activityTitle},
            {"visit_record_id", a.visitRecordId},
            {"note", a.note},
            {"signature_name", a.signatureName},
            {"signature_strokes", a.signatureStrokes}};
}

SafetyAlert safetyAlertFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw std::invalid_argument("a safety alert must be a JSON object");
    auto text = [&](const char* key) -> std::string {
        const auto it = json.find(key);
        if (it == json.end() || it->is_null()) return {};
        if (!it->is_string())
            throw std::invalid_argument(std::string("safety alert: ") + key + " is not text");
        return it->get<std::string>();
    };
    SafetyAlert a;
    a.source = text("source") == "practitioner" ? AlertSource::Practitioner : AlertSource::ChildAnswer;
    a.disclosedAt = text("disclosed_at");
    a.childWords = text("child_words");
    a.language = text("language");
    a.prompt = text("prompt");
    a.answer = text("answer");
    a.promptMsgid = text("prompt_msgid");
    a.answerMsgid = text("answer_msgid");
    a.stepId = text("step_id");
    a.choiceId = text("choice_id");
    if (const auto it = json.find("scale"); it != json.end() && it->is_number_integer()) {
        const auto value = it->get<long long>();
        a.scale = (value >= -1 && value <= 10) ? int(value) : -1;
    }
    a.activityRecordId = text("activity_record_id");
    a.activityContentId = text("activity_content_id");
    a.activityTitle = text("activity_title");
    a.visitRecordId = text("visit_record_id");
    a.note = text("note");
    a.signatureName = text("signature_name");
    if (const auto it = json.find("signature_strokes"); it != json.end() && it->is_array()) {
        for (const auto& stroke : *it) {
            if (!stroke.is_array())
                throw std::invalid_argument("safety alert: a signature stroke is not a list");
            std::vector<float> points;
            for (const auto& v : stroke) {
                if (!v.is_number())
                    throw std::invalid_argument("safety alert: a signature point is not a number");
                points.push_back(v.get<float>());
            }
            a.signatureStrokes.push_back(std::move(points));
        }
    }
    return a;
}

} // namespace heard::model
