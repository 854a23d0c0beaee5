#include "app/model/court_matter.h"

namespace heard::model {

namespace {

bool readString(const nlohmann::json& j, const char* key, std::string& out, std::string& error,
                const std::string& where) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) {
        error = where + key + ": must be text";
        return false;
    }
    out = j[key].get<std::string>();
    return true;
}

} // namespace

nlohmann::json courtMatterToJson(const CourtMatter& matter) {
    nlohmann::json hearings = nlohmann::json::array();
    for (const Hearing& h : matter.hearings)
        hearings.push_back({{"date", h.date}, {"purpose", h.purpose}});
    nlohmann::json parties = nlohmann::json::array();
    for (const Party& p : matter.parties)
        parties.push_back({{"name", p.name}, {"role", p.role}, {"relationships", p.relationships}});
    return {{"format", 1},
            {"applicationType", matter.applicationType},
            {"applicant", matter.applicant},
            {"asked", matter.asked},
            {"questions", matter.questions},
            {"hearings", hearings},
            {"parties", parties}};
}

bool courtMatterFromJson(const nlohmann::json& json, CourtMatter& out, std::string& error) {
    if (!json.is_object()) {
        error = "the court matter must be an object";
        return false;
    }
    CourtMatter m;
    if (!readString(json, "applicationType", m.applicationType, error, "") ||
        !readString(json, "applicant", m.applicant, error, "") ||
        !readString(json, "asked", m.asked, error, ""))
        return false;
    if (json.contains("questions")) {
        if (!json["questions"].is_array()) return error = "questions: must be a list", false;
        for (const auto& q : json["questions"]) {
            if (!q.is_string()) return error = "questions: each must be text", false;
            m.questions.push_back(q.get<std::string>());
        }
    }
    if (json.contains("hearings")) {
        if (!json["hearings"].is_array()) return error = "hearings: must be a list", false;
        for (const auto& h : json["hearings"]) {
            if (!h.is_object()) return error = "hearings: each must be an object", false;
            Hearing hearing;
            if (!readString(h, "date", hearing.date, error, "hearings/") ||
                !readString(h, "purpose", hearing.purpose, error, "hearings/"))
                return false;
            m.hearings.push_back(hearing);
        }
    }
    if (json.contains("parties")) {
        if (!json["parties"].is_array()) return error = "parties: must be a list", false;
        for (const auto& p : json["parties"]) {
            if (!p.is_object()) return error = "parties: each must be an object", false;
            Party party;
            if (!readString(p, "name", party.name, error, "parties/") ||
                !readString(p, "role", party.role, error, "parties/"))
                return false;
            if (p.contains("relationships")) {
                if (!p["relationships"].is_object())
                    return error = "parties/relationships: must be an object", false;
                for (const auto& [child, rel] : p["relationships"].items()) {
                    if (!rel.is_string()) return error = "parties/relationships: each must be text", false;
                    party.relationships[child] = rel.get<std::string>();
                }
            }
            m.parties.push_back(party);
        }
    }
    out = std::move(m);
    return true;
}

} // namespace heard::model
