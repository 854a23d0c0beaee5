#include "app/tools/parental_conflict/model/conflict_analysis.h"

#include "app/i18n/i18n.h"

#include <algorithm>
#include <cctype>

namespace heard::tools {

namespace {

struct SectionInfo {
    ConflictSection section;
    const char* id;
    const char* title;
    const char* hint;
};

const SectionInfo kSections[kConflictSectionCount] = {
    {ConflictSection::Frequency, "frequency", N_("How often the adults argue"),
     N_("How often arguments happen, and whether that has changed.")},
    {ConflictSection::Intensity, "intensity", N_("How intense the arguments are"),
     N_("Raised voices, insults, threats, anything thrown or broken, any violence.")},
    {ConflictSection::Resolution, "resolution", N_("Whether arguments are resolved"),
     N_("Whether the adults make up, and whether the child sees that they do.")},
    {ConflictSection::Exposure, "exposure", N_("The child's exposure"),
     N_("Where the child is and what they see or hear.")},
    {ConflictSection::Involvement, "involvement", N_("The child's involvement"),
     N_("Carrying messages, being asked to choose, being blamed, being told things about the other parent.")},
    {ConflictSection::CoachingPressure, "coaching_pressure", N_("Signs of coaching or pressure"),
     N_("Your observations only: adult words or rehearsed phrases, pressure to say something. Keep apart from the child's own words.")},
    {ConflictSection::Effects, "effects", N_("Effects on the child"),
     N_("Feelings, behaviour, sleep, school, friendships, what the child does when it happens.")},
    {ConflictSection::Protective, "protective", N_("Protective factors"),
     N_("Who and what helps the child, and what the child says would make things better.")},
    {ConflictSection::Conclusion, "conclusion", N_("Conclusion"),
     N_("Your professional judgement of the impact on the child. Not a score.")},
    {ConflictSection::NextSteps, "next_steps", N_("Next steps"), N_("What happens next, who does it and when.")},
};

const SectionInfo& info(ConflictSection section) { return kSections[static_cast<size_t>(section)]; }

} // namespace

const std::array<ConflictSection, kConflictSectionCount>& conflictSections() {
    static const std::array<ConflictSection, kConflictSectionCount> s_all = [] {
        std::array<ConflictSection, kConflictSectionCount> all{};
        for (size_t i = 0; i < kConflictSectionCount; ++i) all[i] = kSections[i].section;
        return all;
    }();
    return s_all;
}

const char* sectionId(ConflictSection section) { return info(section).id; }
const char* sectionTitle(ConflictSection section) { return info(section).title; }
const char* sectionHint(ConflictSection section) { return info(section).hint; }

bool sectionFromId(const std::string& id, ConflictSection& out) {
    for (const SectionInfo& s : kSections) {
        if (id == s.id) {
            out = s.section;
            return true;
        }
    }
    return false;
}

bool ConflictAnalysis::cite(ConflictSection s, const Citation& citation) {
    auto& list = section(s).citations;
    if (std::find(list.begin(), list.end(), citation) != list.end()) return false;
    list.push_back(citation);
    return true;
}

bool ConflictAnalysis::uncite(ConflictSection s, const Citation& citation) {
    auto& list = section(s).citations;
    auto it = std::find(list.begin(), list.end(), citation);
    if (it == list.end()) return false;
    list.erase(it);
    return true;
}

namespace {
bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}
} // namespace

std::vector<std::string> ConflictAnalysis::problemsBeforeSigning() const {
    std::vector<std::string> problems;
    if (visitId.empty()) problems.push_back("the analysis belongs to no visit");
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = section(s);
        const bool mustWrite = s == ConflictSection::Conclusion || s == ConflictSection::NextSteps;
        if (mustWrite && blank(sec.text)) {
            problems.push_back(std::string(sectionId(s)) + ": must be written");
        } else if (!mustWrite && blank(sec.text) && !sec.notApplicable) {
            problems.push_back(std::string(sectionId(s)) + ": write it or mark it not applicable");
        }
    }
    return problems;
}

bool citationIsEvidence(const Citation& citation, const std::string& activityRecordId, const ActivityResult& result) {
    if (citation.activityRecordId != activityRecordId) return false;
    const Answer* answer = result.answerFor(citation.stepId);
    return answer && answer->status == AnswerStatus::Answered && answer->hasContent();
}

nlohmann::json analysisToJson(const ConflictAnalysis& analysis) {
    nlohmann::json sections = nlohmann::json::object();
    for (ConflictSection s : conflictSections()) {
        const AnalysisSection& sec = analysis.section(s);
        nlohmann::json citations = nlohmann::json::array();
        for (const Citation& c : sec.citations) citations.push_back({{"record", c.activityRecordId}, {"step", c.stepId}});
        sections[sectionId(s)] = {{"text", sec.text}, {"notApplicable", sec.notApplicable}, {"citations", citations}};
    }
    return {{"format", 1}, {"visitId", analysis.visitId}, {"sections", sections}};
}

bool analysisFromJson(const nlohmann::json& payload, ConflictAnalysis& out, std::string& error) {
    auto fail = [&error](const std::string& message) {
        error = message;
        return false;
    };
    if (!payload.is_object()) return fail("the analysis must be a JSON object");
    if (!payload.contains("format") || !payload["format"].is_number_integer() || payload["format"].get<int>() != 1)
        return fail("/format: must be 1");
    if (!payload.contains("visitId") || !payload["visitId"].is_string()) return fail("/visitId: must be a string");
    if (!payload.contains("sections") || !payload["sections"].is_object())
        return fail("/sections: must be an object");
    ConflictAnalysis result;
    result.visitId = payload["visitId"].get<std::string>();
    for (const auto& [key, value] : payload["sections"].items()) {
        const std::string path = "/sections/" + key;
        ConflictSection s;
        if (!sectionFromId(key, s)) return fail(path + ": unknown section");
        if (!value.is_object()) return fail(path + ": must be an object");
        AnalysisSection& sec = result.section(s);
        if (value.contains("text")) {
            if (!value["text"].is_string()) return fail(path + "/text: must be a string");
            sec.text = value["text"].get<std::string>();
        }
        if (value.contains("notApplicable")) {
            if (!value["notApplicable"].is_boolean()) return fail(path + "/notApplicable: must be true or false");
            sec.notApplicable = value["notApplicable"].get<bool>();
        }
        if (value.contains("citations")) {
            if (!value["citations"].is_array()) return fail(path + "/citations: must be an array");
            size_t i = 0;
            for (const auto& c : value["citations"]) {
                const std::string cpath = path + "/citations/" + std::to_string(i++);
                if (!c.is_object() || !c.contains("record") || !c["record"].is_string() || !c.contains("step") ||
                    !c["step"].is_string())
                    return fail(cpath + ": must have string \"record\" and \"step\"");
                sec.citations.push_back({c["record"].get<std::string>(), c["step"].get<std::string>()});
            }
        }
    }
    out = std::move(result);
    return true;
}

} // namespace heard::tools
